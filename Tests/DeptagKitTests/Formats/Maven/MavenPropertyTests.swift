import Testing

@testable import DeptagKit

/// Generated POMs: spellings that keep the meaning keep the digest; reordering dependencies and
/// distinct dependency sets change it.
@Suite struct MavenPropertyTests {
  struct Dep {
    var g: String, a: String, v: String, scope: String?, classifier: String?, exclusions: [String]
  }

  static func randomDeps(_ rng: inout SeededGenerator, count: Int) -> [Dep] {
    var result: [Dep] = []
    var used = Set<String>()
    while result.count < count {
      let a = "lib\(Int.random(in: 0..<50, using: &rng))"
      let g = ["org.x", "com.y", "io.z"].randomElement(using: &rng)!
      guard used.insert(g + a).inserted else { continue }
      result.append(
        Dep(
          g: g, a: a, v: "\(Int.random(in: 1...9, using: &rng)).\(Int.random(in: 0...20, using: &rng))",
          scope: [nil, "test", "provided", "runtime"].randomElement(using: &rng)!,
          classifier: [nil, nil, "tests"].randomElement(using: &rng)!,
          exclusions: (0..<Int.random(in: 0...3, using: &rng)).map { "e\($0)" }))
    }
    return result
  }

  /// Writes `deps` as a POM; the flags vary only the spelling.
  static func write(
    _ deps: [Dep], rng: inout SeededGenerator, shuffleFields: Bool, spellDefaults: Bool, comments: Bool,
    indent: String, newline: String
  ) -> String {
    var out = "<project>\(newline)\(indent)<modelVersion>4.0.0</modelVersion>\(newline)"
    if comments { out += "\(indent)<!-- generated -->\(newline)" }
    out += "\(indent)<dependencies>\(newline)"
    for dep in deps {
      var fields = ["<groupId>\(dep.g)</groupId>", "<artifactId>\(dep.a)</artifactId>", "<version>\(dep.v)</version>"]
      if let scope = dep.scope { fields.append("<scope>\(scope)</scope>") } else if spellDefaults { fields.append("<scope>compile</scope>") }
      if let classifier = dep.classifier { fields.append("<classifier>\(classifier)</classifier>") }
      if spellDefaults { fields += ["<type>jar</type>", "<optional>false</optional>"] }
      var exclusions = dep.exclusions.map { "<exclusion><groupId>x</groupId><artifactId>\($0)</artifactId></exclusion>" }
      if shuffleFields { exclusions.shuffle(using: &rng) }
      if !exclusions.isEmpty { fields.append("<exclusions>\(exclusions.joined(separator: newline))</exclusions>") }
      if shuffleFields { fields.shuffle(using: &rng) }
      if comments { fields.insert("<!-- \(dep.a) -->", at: Int.random(in: 0...fields.count, using: &rng)) }
      out += "\(indent)\(indent)<dependency>\(newline)"
      for field in fields { out += "\(indent)\(indent)\(indent)\(field)\(newline)" }
      out += "\(indent)\(indent)</dependency>\(newline)"
    }
    out += "\(indent)</dependencies>\(newline)</project>\(newline)"
    return out
  }

  @Test(arguments: 0..<40) func spellingDoesNotChangeTheDigest(_ seed: UInt64) throws {
    var rng = SeededGenerator(seed: seed)
    let deps = Self.randomDeps(&rng, count: Int.random(in: 2...8, using: &rng))
    let plain = Self.write(deps, rng: &rng, shuffleFields: false, spellDefaults: false, comments: false, indent: "  ", newline: "\n")
    let varied = Self.write(
      deps, rng: &rng, shuffleFields: true, spellDefaults: true, comments: true,
      indent: ["\t", " ", "    "].randomElement(using: &rng)!, newline: ["\n", "\r\n", "\n\n"].randomElement(using: &rng)!)
    #expect(try Maven.digest(plain) == Maven.digest(varied), "seed \(seed)")
    // Reordering two dependencies changes the digest (first declaration wins).
    var swapped = deps
    swapped.swapAt(0, 1)
    let reordered = Self.write(swapped, rng: &rng, shuffleFields: false, spellDefaults: false, comments: false, indent: "  ", newline: "\n")
    #expect(try Maven.digest(plain) != Maven.digest(reordered), "seed \(seed)")
  }

  @Test func distinctDependencySetsHaveDistinctDigests() throws {
    var rng = SeededGenerator(seed: 0x5eed)
    var digests: [String: String] = [:]
    var seen = Set<String>()
    for _ in 0..<300 {
      let deps = Self.randomDeps(&rng, count: Int.random(in: 1...5, using: &rng))
      let pom = Self.write(deps, rng: &rng, shuffleFields: false, spellDefaults: false, comments: false, indent: " ", newline: "\n")
      let canonical = try Maven.normalize(pom)
      guard seen.insert(canonical).inserted else { continue }
      let digest = try Maven.digest(pom)
      #expect(digests[digest] == nil, "collision")
      digests[digest] = canonical
    }
    #expect(digests.count > 250)
  }
}
