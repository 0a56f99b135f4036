import Testing

@testable import DeptagKit

/// Properties over generated package.json files: rewrites npm cannot see keep the digest; any
/// range change, and any different dependency set, changes it.
@Suite struct NPMPropertyTests {
  static let names = ["react", "@types/node", "lodash", "JSONStream", "left-pad", "@scope/pkg", "typescript", "express"]
  static let ranges = ["^1.2.3", "~2.0.0", "1.x", ">=3.0.0 <4", "4.17.21", "*", "latest", "^0.0.3", "1.2.3 - 2.3.4", "npm:other@^1", "^5 || ^6"]
  static let sections = ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"]

  /// A manifest as nested (key, value) lists, value either a JSON literal or a nested object.
  indirect enum Node {
    case literal(String)
    case object([(String, Node)])
  }

  static func render(_ node: Node, _ rng: inout SeededGenerator, shuffle: Bool, pretty: Bool, indent: Int = 0) -> String {
    switch node {
    case .literal(let text): return text
    case .object(let members):
      let ordered = shuffle ? members.shuffled(using: &rng) : members
      let pad = pretty ? String(repeating: Bool.random(using: &rng) ? "\t" : "  ", count: indent + 1) : ""
      let nl = pretty ? (Bool.random(using: &rng) ? "\r\n" : "\n") : ""
      let sep = pretty ? ": " : ":"
      let body = ordered.map { "\(pad)\(NPM.jsonQuoted($0.0))\(sep)\(render($0.1, &rng, shuffle: shuffle, pretty: pretty, indent: indent + 1))" }
      return "{" + nl + body.joined(separator: "," + nl) + nl + "}"
    }
  }

  /// A dependency set: each name in one section with one range.
  static func dependencySet(_ rng: inout SeededGenerator) -> [String: [(String, String)]] {
    var set: [String: [(String, String)]] = [:]
    for name in names.shuffled(using: &rng).prefix(Int.random(in: 1...names.count, using: &rng)) {
      set[sections.randomElement(using: &rng)!, default: []].append((name, ranges.randomElement(using: &rng)!))
    }
    return set
  }

  static func manifest(_ deps: [String: [(String, String)]], version: String = "1.0.0", test: String = "jest") -> Node {
    var members: [(String, Node)] = [
      ("name", .literal("\"app\"")), ("version", .literal(NPM.jsonQuoted(version))),
      ("scripts", .object([("test", .literal(NPM.jsonQuoted(test))), ("postinstall", .literal("\"patch-package\""))])),
      ("engines", .object([("node", .literal("\">=18\"")), ("npm", .literal("\">=9\""))])),
      ("overrides", .object([("a", .object([(".", .literal("\"1.0.0\"")), ("b", .literal("\"2\""))])), ("c", .literal("\"3\""))])),
    ]
    for (section, list) in deps.sorted(by: { $0.key < $1.key }) {
      members.append((section, .object(list.map { ($0.0, .literal(NPM.jsonQuoted($0.1))) })))
    }
    return .object(members)
  }

  @Test func cosmeticChangesKeepTheDigest() throws {
    var rng = SeededGenerator(seed: 11)
    for _ in 0..<150 {
      let deps = Self.dependencySet(&rng)
      let original = Self.render(Self.manifest(deps), &rng, shuffle: false, pretty: true)
      let variant = Self.render(
        Self.manifest(deps, version: "\(Int.random(in: 1...9, using: &rng)).0.\(Int.random(in: 0...9, using: &rng))", test: "mocha --\(Int.random(in: 0...99, using: &rng))"),
        &rng, shuffle: true, pretty: Bool.random(using: &rng))
      #expect(try NPM.digest(original) == NPM.digest(variant), "\(original)\nvs\n\(variant)")
      let canonical = try NPM.normalize(original)
      #expect(try NPM.normalize(canonical) == canonical)
    }
  }

  @Test func changingAnyRangeChangesTheDigest() throws {
    var rng = SeededGenerator(seed: 12)
    for _ in 0..<100 {
      let deps = Self.dependencySet(&rng)
      let original = try NPM.digest(Self.render(Self.manifest(deps), &rng, shuffle: false, pretty: false))
      guard let section = deps.keys.randomElement(using: &rng) else { continue }
      var changed = deps
      let index = Int.random(in: 0..<changed[section]!.count, using: &rng)
      let old = changed[section]![index].1
      let new = Self.ranges.filter { $0 != old }.randomElement(using: &rng)!
      changed[section]![index].1 = new
      let digest = try NPM.digest(Self.render(Self.manifest(changed), &rng, shuffle: true, pretty: true))
      #expect(digest != original, "\(old) → \(new) in \(section)")
    }
  }

  @Test func distinctDependencySetsGiveDistinctDigests() throws {
    var rng = SeededGenerator(seed: 13)
    var byCanonical: [String: String] = [:]
    var digests = Set<String>()
    for _ in 0..<400 {
      let text = Self.render(Self.manifest(Self.dependencySet(&rng)), &rng, shuffle: false, pretty: false)
      let canonical = try NPM.normalize(text)
      let digest = try NPM.digest(text)
      if let seen = byCanonical[canonical] {
        #expect(seen == digest)
      } else {
        byCanonical[canonical] = digest
        #expect(digests.insert(digest).inserted, "collision for \(canonical)")
      }
    }
    #expect(byCanonical.count > 300)
  }
}
