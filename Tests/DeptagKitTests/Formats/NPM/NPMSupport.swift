import Foundation
import Testing

@testable import DeptagKit

/// Helpers over the npm formats for tests.
enum NPM {
  static func load(_ text: String, kind: ManifestKind = .npm) throws -> LoadedManifests {
    try load(bytes: Array(text.utf8), kind: kind)
  }

  static func load(bytes: [UInt8], kind: ManifestKind = .npm) throws -> LoadedManifests {
    let name = kind == .npm ? "package.json" : "package-lock.json"
    let reader = MemoryReader(bytes: [name: bytes])
    return try ManifestLoader(reader: reader).load(paths: [name], type: nil)
  }

  static func normalize(_ text: String, kind: ManifestKind = .npm) throws -> String {
    try load(text, kind: kind).manifests[0].canonicalText
  }

  static func digest(_ text: String, kind: ManifestKind = .npm) throws -> String {
    DigestFraming.digest(DigestInput(manifests: try load(text, kind: kind).manifests))
  }

  static func error(_ text: String, kind: ManifestKind = .npm) -> DeptagError? {
    error(bytes: Array(text.utf8), kind: kind)
  }

  static func error(bytes: [UInt8], kind: ManifestKind = .npm) -> DeptagError? {
    do {
      _ = try load(bytes: bytes, kind: kind)
      return nil
    } catch let error as DeptagError {
      return error
    } catch {
      return nil
    }
  }

  /// The canonical spelling of one dependency spec, as it appears in the canonical package.json.
  static func spec(_ spec: String) -> String { NPMSpec.canonical(spec) }

  /// A package.json with one dependency.
  static func withDependency(_ spec: String, name: String = "a") -> String {
    "{\"dependencies\": {\"\(name)\": \(jsonQuoted(spec))}}"
  }

  static func jsonQuoted(_ s: String) -> String { JSONWriter.quoted(JSONString(s)) }

  /// Parses bytes with the JSON reader.
  static func parse(_ bytes: [UInt8]) -> Result<JSONNode, DeptagError> {
    do throws(DeptagError) {
      return .success(try JSONReader.parse(SourceFile(path: "t.json", bytes: bytes)))
    } catch {
      return .failure(error)
    }
  }

  /// A serialization of a parsed value that Node can reproduce exactly (see `NodeOracle`):
  /// numbers as the bits of their double, strings as JSON.stringify writes them, object members
  /// sorted by the UTF-8 bytes of their serialized key.
  static func comparable(_ node: JSONNode) -> String {
    switch node.value {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .number(let text):
      let bits = String(Double(text)!.bitPattern, radix: 16)
      return "n:" + String(repeating: "0", count: 16 - bits.count) + bits
    case .string(let s): return JSONWriter.quoted(s)
    case .array(let items): return "[" + items.map(comparable).joined(separator: ",") + "]"
    case .object(let object):
      let members = object.members.map { (JSONWriter.quoted($0.key), comparable($0.value)) }
        .sorted { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }
      return "{" + members.map { "\($0.0):\($0.1)" }.joined(separator: ",") + "}"
    }
  }
}

/// Node itself as the oracle: `JSON.parse` (after npm's BOM strip) and npm's bundled semver.
enum NodeOracle {
  static let node = "/usr/bin/node"
  static let semver = "/usr/lib/node_modules/npm/node_modules/semver"

  static var required: Bool { ProcessInfo.processInfo.environment["DEPTAG_REQUIRE_NODE"] == "1" }
  static var missing: String? {
    if !FileManager.default.isExecutableFile(atPath: node) { return "\(node) is missing" }
    if !FileManager.default.fileExists(atPath: semver + "/index.js") { return "\(semver) is missing" }
    return nil
  }
  static var shouldRun: Bool { missing == nil || required }

  static func checkAvailable() -> Bool {
    guard let why = missing else { return true }
    if required { Issue.record("DEPTAG_REQUIRE_NODE=1 but \(why)") } else { print("skipped: \(why)") }
    return false
  }

  static let script = #"""
    const fs = require('fs');
    const semver = require(process.argv[3]);
    const lines = fs.readFileSync(process.argv[4], 'utf8').split('\n').filter(l => l.length);
    const q = s => JSON.stringify(s);
    const ser = v => {
      if (v === null) return 'null';
      if (typeof v === 'boolean') return String(v);
      if (typeof v === 'number') { const b = Buffer.alloc(8); b.writeDoubleBE(v); return 'n:' + b.toString('hex'); }
      if (typeof v === 'string') return q(v);
      if (Array.isArray(v)) return '[' + v.map(ser).join(',') + ']';
      const m = Object.keys(v).map(k => [q(k), ser(v[k])]);
      m.sort((a, b) => Buffer.compare(Buffer.from(a[0], 'utf8'), Buffer.from(b[0], 'utf8')));
      return '{' + m.map(([k, s]) => k + ':' + s).join(',') + '}';
    };
    const out = [];
    for (const line of lines) {
      if (process.argv[2] === 'json') {
        // read-package-json-fast: UTF-8 text, one BOM stripped, JSON.parse
        const text = Buffer.from(line.slice(1), 'base64').toString('utf8').replace(/^\uFEFF/, '');
        try { out.push('ok ' + ser(JSON.parse(text))); } catch (e) { out.push('error'); }
      } else {
        const r = JSON.parse(line);
        try { out.push(q(new semver.Range(r).range || '*')); } catch (e) { out.push('null'); }
      }
    }
    process.stdout.write(out.join('\n') + '\n');
    """#

  private static func run(_ mode: String, _ lines: [String]) throws -> [String] {
    let dir = try TemporaryDirectory("deptag-node")
    defer { dir.remove() }
    let scriptURL = dir.url.appendingPathComponent("oracle.js")
    let inputURL = dir.url.appendingPathComponent("input")
    try Data(script.utf8).write(to: scriptURL)
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: inputURL)
    let result = try runProcess(node, [scriptURL.path, mode, semver, inputURL.path])
    guard result.status == 0 else { throw OracleFailure("node exited \(result.status): \(result.stderr)") }
    let answers = Array(result.stdout).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast()
      .map { String(decoding: $0, as: UTF8.self) }
    guard answers.count == lines.count else { throw OracleFailure("node answered \(answers.count) of \(lines.count)") }
    return answers
  }

  /// `JSON.parse` of each input: "ok SERIALIZATION" or "error".
  static func parse(_ inputs: [[UInt8]]) throws -> [String] {
    try run("json", inputs.map { "b" + Data($0).base64EncodedString() })
  }

  /// `new semver.Range(r).range` ("*" for the any-range) of each input, or nil where it throws.
  static func ranges(_ inputs: [String]) throws -> [String?] {
    try run("range", inputs.map { NPM.jsonQuoted($0) }).map { answer in
      answer == "null" ? nil : (try? JSONDecoder().decode(String.self, from: Data(answer.utf8)))
    }
  }
}
