import Foundation
import Testing

@testable import DeptagKit

/// Differential tests against Node itself: `JSON.parse` for the JSON reader, npm's bundled
/// semver for range equivalence. Skipped with a message when node is absent, unless
/// DEPTAG_REQUIRE_NODE=1.
@Suite(.serialized) struct NPMOracleTests {
  static var corpusFiles: [[UInt8]] {
    NPMCorpusTests.files.compactMap { FileManager.default.contents(atPath: NPMCorpusTests.corpus.appendingPathComponent($0).path).map { Array($0) } }
  }

  static let handWritten: [String] = [
    "{}", "[]", "{\"a\":1,\"a\":2}", "{\"__proto__\": {\"x\": 1}}", "{\"1\": 1, \"0\": 2, \"b\": 3}",
    "\"\\ud800\"", "\"\\ud83d\\ude00\"", "\"\\udc00\\ud800\"", "\"\\uD83D\\uDE00x\"", "\"\\u0000\"", "[1e400, -1e-400, -0, 0.1, 123456789012345678901234567890]",
    "{\"a\":1,}", "[1,]", "[01]", "[1.]", "[.1]", "[-]", "[+1]", "[1e]", "[1e+]", "\"\t\"", "\"\\a\"", "'x'", "{a:1}", "// x\n{}", "{} x",
    "[true, false, null]", "[tru]", "[nul]", "  ", "", "\u{FEFF}{}", "\u{FEFF}\u{FEFF}{}", "\"\u{7F}\"", "[\"\\/\"]", "{\"a\" : [ ] , \"b\":{ }}",
    "{\"\\u0061\": 1, \"a\": 2}", "[\"\\u00e9\", \"é\"]", "\r\n{\r\n}\r\n", "[1\n,\n2]", "\"\\uDFFF\\uDBFF\"",
  ]

  /// Byte-level mutations of a seed: deletions, insertions of JSON-significant or invalid bytes,
  /// duplications.
  static func mutations(of seed: [UInt8], count: Int, _ rng: inout SeededGenerator) -> [[UInt8]] {
    let inserts: [[UInt8]] = [
      [0x2C], [0x7B], [0x7D], [0x5B], [0x5D], [0x3A], [0x22], [0x5C], [0x20], [0x09], [0x0A], [0x0D], [0x2F], [0x27],
      [0x30], [0x2D], [0x65], [0x2E], [0xFF], [0xC3], [0xE2, 0x82], [0xEF, 0xBB, 0xBF], [0x00], [0x0B],
      Array("\\u00".utf8), Array("\\ud800".utf8), Array("\"a\":1,".utf8), Array("null".utf8),
    ]
    var out: [[UInt8]] = []
    for _ in 0..<count {
      var bytes = seed
      for _ in 0..<Int.random(in: 1...3, using: &rng) {
        guard !bytes.isEmpty else { break }
        let at = Int.random(in: 0..<bytes.count, using: &rng)
        switch Int.random(in: 0..<3, using: &rng) {
        case 0: bytes.remove(at: at)
        case 1: bytes.insert(contentsOf: inserts.randomElement(using: &rng)!, at: at)
        default:
          let end = min(bytes.count, at + Int.random(in: 1...12, using: &rng))
          bytes.insert(contentsOf: bytes[at..<end], at: end)
        }
      }
      out.append(bytes)
    }
    return out
  }

  @Test func jsonReaderAgreesWithJSONParse() throws {
    guard NodeOracle.checkAvailable() else { return }
    var rng = SeededGenerator(seed: 2024)
    var inputs = Self.corpusFiles + Self.handWritten.map { Array($0.utf8) }
    let seeds = Self.handWritten.map { Array($0.utf8) } + Self.corpusFiles.filter { $0.count < 20_000 }
    for seed in seeds {
      inputs += Self.mutations(of: seed, count: seed.count > 1000 ? 25 : 8, &rng)
    }
    let answers = try NodeOracle.parse(inputs)
    var disagreements: [String] = []
    var rejected = 0
    for (input, answer) in zip(inputs, answers) {
      let mine: String
      switch NPM.parse(input) {
      case .success(let node): mine = "ok " + NPM.comparable(node)
      case .failure:
        mine = "error"
        rejected += 1
      }
      if mine != answer {
        disagreements.append("\(String(decoding: input.prefix(200), as: UTF8.self)): deptag \(mine.prefix(120)) node \(answer.prefix(120))")
      }
    }
    print("JSON.parse oracle: \(inputs.count) inputs, \(rejected) rejected by both, \(disagreements.count) disagreements")
    #expect(disagreements.isEmpty, "\(disagreements.prefix(5).joined(separator: "\n"))")
    #expect(inputs.count > 500 && rejected > 100)
  }

  /// Every dependency spec in the corpus (package.json sections, lock entry dependencies).
  static var corpusRanges: [String] {
    var specs = Set<String>()
    func collect(_ node: JSONNode, depth: Int = 0) {
      guard depth < 6, let object = node.object else { return }
      for member in object.members {
        if ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"].contains(member.key.string),
          let deps = member.value.object
        {
          for dep in deps.members { if let s = dep.value.string { specs.insert(s.string) } }
        }
        collect(member.value, depth: depth + 1)
      }
    }
    for bytes in corpusFiles {
      if case .success(let node) = NPM.parse(bytes) { collect(node) }
    }
    return specs.sorted()
  }

  static func generatedRanges(_ rng: inout SeededGenerator) -> [String] {
    let ops = ["", "=", "v", "=v", "^", "~", "~>", ">", ">=", "<", "<=", "^ ", "~ ", ">= ", "< ", "==", "V", "v ", "~>=", "^=", ">==", "*", "= v", "~> "]
    let versions = [
      "1.2.3", "1.2", "1", "0.0.3", "0.2.3", "0.0", "0", "1.x", "1.2.x", "x", "*", "X.x.*", "1.2.3-beta.1", "1.2.3-0",
      "1.2.3+build", "01.2.3", "1.2.3-01", "1.x.3", "x.1.2", "1.2.3-2.3.4", "1.2.x.x", "0.0.0", "1.2.3-a.tgz", "2.0.0-0",
      "99999999999999999.0.0", "1.2.3-alpha-x", "1.2.3--", "1.2-beta", "1.2.3.4", "v1", "latest", "0.0.0-0",
    ]
    var out: [String] = []
    for op in ops { for v in versions { out.append(op + v) } }
    let joins = [" ", "  ", " || ", "||", " - ", "-", "\t", " |", " ||| "]
    for _ in 0..<1500 {
      var s = (ops.randomElement(using: &rng)! + versions.randomElement(using: &rng)!)
      for _ in 0..<Int.random(in: 0...2, using: &rng) {
        s += joins.randomElement(using: &rng)! + ops.randomElement(using: &rng)! + versions.randomElement(using: &rng)!
      }
      if Bool.random(using: &rng) { s = " " + s + "\n" }
      out.append(s)
    }
    return out
  }

  @Test func rangesAreUnifiedOnlyWhereSemverUnifiesThem() throws {
    guard NodeOracle.checkAvailable() else { return }
    var rng = SeededGenerator(seed: 99)
    let specs = Array(Set(Self.corpusRanges + SemverRangeTests.equal.flatMap(\.0) + SemverRangeTests.different.flatMap { [$0.0, $0.1] } + Self.generatedRanges(&rng))).sorted()
    let oracle = try NodeOracle.ranges(specs)
    var wrong: [String] = []
    var groups: [String: Set<String>] = [:]
    var normalized = 0
    var semverValidKeptVerbatim = 0
    for (spec, semver) in zip(specs, oracle) {
      if let mine = SemverRange.canonical(spec) {
        normalized += 1
        if mine != semver { wrong.append("\(NPM.jsonQuoted(spec)): deptag \(mine) semver \(semver ?? "throws")") }
      } else if semver != nil {
        semverValidKeptVerbatim += 1
      }
      groups[NPM.spec(spec), default: []].insert(semver ?? "throws: \(spec)")
    }
    let merged = groups.filter { $0.value.count > 1 }
    print("semver oracle: \(specs.count) specs, \(normalized) normalized (all checked), \(semverValidKeptVerbatim) valid for semver but kept verbatim, \(groups.count) canonical forms")
    #expect(wrong.isEmpty, "\(wrong.prefix(8).joined(separator: "\n"))")
    #expect(merged.isEmpty, "canonical forms shared by different semver ranges: \(merged.prefix(5))")
    #expect(normalized > 500)
  }
}
