import Foundation
import Testing

@testable import DeptagKit

/// package-lock.json, lockfileVersion 1–3 (reference §1.7).
@Suite struct PackageLockTests {
  static let entryA = #""node_modules/a": {"version": "1.0.0", "resolved": "https://registry.npmjs.org/a/-/a-1.0.0.tgz", "integrity": "sha512-AAAA", "license": "MIT"}"#

  static func v3(name: String = "app", version: String = "1.0.0", entries: String = entryA, root: String = "") -> String {
    #"{"name": "\#(name)", "version": "\#(version)", "lockfileVersion": 3, "requires": true, "packages": {"": {"name": "\#(name)", "version": "\#(version)", "license": "ISC"\#(root), "dependencies": {"a": "^1.0.0"}}, \#(entries)}}"#
  }

  static func lock(_ text: String) throws -> String { try NPM.digest(text, kind: .npmLock) }

  @Test func rootNameAndVersionAreNotSemantic() throws {
    #expect(try Self.lock(Self.v3()) == Self.lock(Self.v3(name: "renamed", version: "2.0.0")))
  }

  @Test func v2AndV3WithTheSamePackagesAreEqual() throws {
    let v2 = #"{"name": "app", "lockfileVersion": 2, "requires": true, "packages": {"": {"name": "app", "dependencies": {"a": "^1.0.0"}}, \#(Self.entryA)}, "dependencies": {"a": {"version": "1.0.0"}}}"#
    #expect(try Self.lock(v2) == Self.lock(Self.v3()))
    #expect(try NPM.normalize(v2, kind: .npmLock).hasPrefix("{\n  \"lockfileVersion\": 3,"))
  }

  @Test func metadataIsNotSemantic() throws {
    let other = Self.entryA.replacingOccurrences(of: "\"license\": \"MIT\"", with: "\"license\": \"ISC\", \"funding\": {\"url\": \"x\"}, \"deprecated\": \"old\"")
    #expect(try Self.lock(Self.v3()) == Self.lock(Self.v3(entries: other)))
  }

  @Test(arguments: [
    ("a version", #""version": "1.0.0""#, #""version": "1.0.1""#),
    ("resolved", #""resolved": "https://registry.npmjs.org/"#, #""resolved": "https://mirror.example/"#),
    ("integrity", "sha512-AAAA", "sha512-BBBB"),
    ("a dev flag", #""license": "MIT""#, #""dev": true"#),
    ("an optional flag", #""license": "MIT""#, #""optional": true"#),
    ("an alias's real name", #""license": "MIT""#, #""name": "b""#),
  ])
  func entryChangesAreSemantic(_ change: (String, String, String)) throws {
    let changed = Self.entryA.replacingOccurrences(of: change.1, with: change.2)
    #expect(changed != Self.entryA)
    #expect(try Self.lock(Self.v3()) != Self.lock(Self.v3(entries: changed)), "\(change.0)")
  }

  @Test func rootEntryDependencySpecsAndInstallScriptsCount() throws {
    #expect(try Self.lock(Self.v3()) != Self.lock(Self.v3(root: #", "hasInstallScript": true"#)))
    #expect(try Self.lock(Self.v3()) != Self.lock(Self.v3().replacingOccurrences(of: "\"a\": \"^1.0.0\"", with: "\"a\": \"^1.0.1\"")))
    #expect(try Self.lock(Self.v3()) != Self.lock(Self.v3(entries: Self.entryA + #", "node_modules/b": {"version": "1.0.0"}"#)))
  }

  @Test func v1IsReadAsANestedTree() throws {
    let v1 = #"{"name": "app", "version": "1.0.0", "lockfileVersion": 1, "requires": true, "dependencies": {"b": {"version": "2.0.0", "dev": true, "requires": {"c": "^1"}, "dependencies": {"c": {"version": "1.0.0"}}}, "a": {"version": "1.0.0"}}}"#
    let renamed = v1.replacingOccurrences(of: "\"name\": \"app\", \"version\": \"1.0.0\"", with: "\"name\": \"x\", \"version\": \"9.0.0\"")
    #expect(try Self.lock(v1) == Self.lock(renamed))
    let manifest = try NPM.load(v1, kind: .npmLock).manifests[0]
    #expect(manifest.entries.map(\.key) == ["node_modules/a", "node_modules/b", "node_modules/b/node_modules/c"])
    #expect(manifest.canonicalText.contains("\"lockfileVersion\": 1"))
    #expect(try Self.lock(v1) != Self.lock(v1.replacingOccurrences(of: "\"version\": \"1.0.0\"}}}", with: "\"version\": \"1.0.1\"}}}")))
    #expect(try Self.lock(v1) != Self.lock(Self.v3()))
  }

  @Test func normalizeIsIdempotentAndErrorsHavePositions() throws {
    let text = try NPM.normalize(Self.v3(), kind: .npmLock)
    #expect(try NPM.normalize(text, kind: .npmLock) == text)
    #expect(NPM.error(#"{"packages": {"node_modules/a": "1.0.0"}}"#, kind: .npmLock)?.position == "1:33")
    #expect(NPM.error(#"{"packages": []}"#, kind: .npmLock)?.position == "1:14")
    #expect(NPM.error("3", kind: .npmLock)?.position == "1:1")
  }
}

/// The lock written from the tape (issue #8) against the lock written from the parsed tree: the
/// same manifest (text, entries, settings) or the same error at the same position.
@Suite struct PackageLockTapeTests {
  static func outcome(_ result: () throws(DeptagError) -> LoadedManifests) -> String {
    do {
      let m = try result().manifests[0]
      return m.canonicalText + "\u{0}" + (m.settings + m.entries).map { "\($0.key)=\($0.text)" }.joined(separator: "\u{0}")
    } catch {
      return "error \(error)"
    }
  }

  static func agree(_ bytes: [UInt8]) -> Bool {
    let source = SourceFile(path: "package-lock.json", bytes: bytes)
    return outcome { () throws(DeptagError) in try PackageLock.load(source) }
      == outcome { () throws(DeptagError) in try PackageLock.loadTree(source) }
  }

  static let paths = ["", "node_modules/a", "node_modules/b", "node_modules/a/node_modules/b", "node_modules/\\u0061", "node_modules/\\ud800", "node_modules/é", "x"]
  static let fields = [
    #""version": "1.0.0""#, #""resolved": "https:\/\/r\/a.tgz""#, #""integrity": "sha512-AA==""#, #""license": "MIT""#,
    #""funding": {"url": "u"}"#, #""deprecated": "old""#, #""name": "n""#, #""bin": {"z": "b", "a": "c"}"#, #""dev": true"#,
    #""dependencies": {"b": "^1", "a": "~2", "b": "^3"}"#, #""engines": {"node": ">=18"}"#, #""cpu": ["x64", "arm64"]"#,
    #""version": "2.0.0""#, #""lic\u0065nse": "ISC""#, #""n": -1.5e3"#, #""o": null"#,
  ]

  static func lock(_ rng: inout SeededGenerator) -> String {
    var entries: [String] = []
    for _ in 0..<Int.random(in: 0...6, using: &rng) {
      let body = (0..<Int.random(in: 0...5, using: &rng)).map { _ in fields.randomElement(using: &rng)! }
      let value = Int.random(in: 0..<12, using: &rng) == 0 ? "\"1.0.0\"" : "{" + body.joined(separator: ", ") + "}"
      entries.append("\"\(paths.randomElement(using: &rng)!)\": \(value)")
    }
    let shape = Int.random(in: 0..<14, using: &rng)
    let packages = shape < 12 ? "{" + entries.joined(separator: ",\n") + "}" : shape == 12 ? "null" : "[]"
    var top = [#""name": "app""#, #""lockfileVersion": 3"#, #""packages": \#(packages)"#, #""requires": true"#]
    if Int.random(in: 0..<8, using: &rng) == 0 { top.append(#""packages": {"": {}}"#) }
    if Int.random(in: 0..<8, using: &rng) == 0 { top.removeAll { $0.hasPrefix("\"packages\"") } }
    if Int.random(in: 0..<8, using: &rng) == 0 { top.append(#""dependencies": {"a": {"version": "1.0.0"}}"#) }
    return "{" + top.shuffled(using: &rng).joined(separator: ", ") + "}"
  }

  @Test func generatedLocksAndTheirMutationsAgreeWithTheTree() {
    var rng = SeededGenerator(seed: 80)
    for _ in 0..<800 {
      let text = Array(Self.lock(&rng).utf8)
      #expect(Self.agree(text), "\(String(decoding: text, as: UTF8.self))")
      let variant = JSONTapeTests.mutated(text, &rng)
      #expect(Self.agree(variant), "\(String(decoding: variant, as: UTF8.self))")
    }
  }

  @Test(arguments: [
    #"{"packages": {"node_modules/a": {"version": "1"}, "node_modules/a": {"version": "2"}}}"#,
    #"{"packages": {"node_modules/a": "1.0.0", "node_modules/a": {"version": "2"}}}"#,
    #"{"packages": 3, "packages": {"": {"name": "x", "dependencies": {}}}}"#,
    #"{"pack\u0061ges": {"node_modules/\ud800": {}, "node_modules/\uffff": {}, "node_modules/z": {}}}"#,
    #"{"packages": {"a\ud800": {}, "a\uee00": {}, "a": {}}}"#,  // U+FFFD sorts after U+EE00: entries re-sorted
    #"{"packages": {}}"#, #"{"packages": null}"#, #"[]"#, #"{"packages": {"x": [1]}}"#, #"{"packages": {"a": {}, "b": 1}}"#,
  ])
  func edgeCasesAgreeWithTheTree(_ text: String) {
    #expect(Self.agree(Array(text.utf8)))
  }

  /// Entries are ordered as strings: a lone surrogate's three bytes read as U+FFFDs, after U+EE00.
  @Test func entriesWithALoneSurrogateAreOrderedAsStrings() throws {
    let manifest = try NPM.load(#"{"packages": {"a\ud800": {}, "a\uee00": {}, "a": {}}}"#, kind: .npmLock).manifests[0]
    #expect(manifest.entries.map(\.key) == ["a", "a\u{EE00}", "a\u{FFFD}\u{FFFD}\u{FFFD}"])
  }

  @Test func theBenchShapeAndTheCorpusLockAgreeWithTheTree() throws {
    var entries: [String] = []
    for i in 0..<300 {
      let name = "package_\(i)"
      entries.append(#""node_modules/\#(name)": {"version": "\#(i % 9).0.0", "resolved": "https://registry.npmjs.org/\#(name)/-/\#(name).tgz", "integrity": "sha512-\#(i)==", "dependencies": {"package_\#((i * 7 + 1) % 300)": "^1.0.0"}}"#)
    }
    #expect(Self.agree(Array("{\"lockfileVersion\": 3, \"packages\": {\(entries.joined(separator: ",\n"))}}".utf8)))
    for relative in NPMCorpusTests.files where NPMCorpusTests.kind(of: relative) == .npmLock {
      let bytes = try [UInt8](Data(contentsOf: NPMCorpusTests.corpus.appendingPathComponent(relative)))
      #expect(Self.agree(bytes), "\(relative)")
    }
  }
}
