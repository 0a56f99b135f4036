import Testing

@testable import DeptagKit

/// Properties over generated requirement sets: cosmetic rewrites keep the digest, and distinct
/// requirement sets never share one (a constant or colliding digest fails here).
@Suite struct PipPropertyTests {
  static let names = ["Django", "requests", "zope.interface", "Flask_Login", "PyYAML", "numpy", "typing-extensions", "attrs"]
  static let specs = ["", "==1.0", ">=2.1,<3", "~=1.4", "!=1.5.*", "==2.0.post1", ">1.0a1"]
  static let markers = ["", "; python_version < \"3.11\"", "; sys_platform == \"linux\" and platform_machine != \"arm64\""]

  /// One requirement line per name, in canonical spelling.
  static func requirementSet(_ rng: inout SeededGenerator) -> [String] {
    names.shuffled(using: &rng).prefix(Int.random(in: 1...names.count, using: &rng)).map { name in
      name + specs.randomElement(using: &rng)! + markers.randomElement(using: &rng)!
    }
  }

  /// Rewrites a line the way people and tools do without changing what pip installs.
  static func cosmetic(_ line: String, _ rng: inout SeededGenerator) -> String {
    var out = line
    if Bool.random(using: &rng) { out = out.uppercased().replacingOccurrences("PYTHON_VERSION", "python_version").replacingOccurrences("SYS_PLATFORM", "sys_platform").replacingOccurrences("PLATFORM_MACHINE", "platform_machine").replacingOccurrences("\"LINUX\"", "\"linux\"").replacingOccurrences("\"ARM64\"", "\"arm64\"").replacingOccurrences(" AND ", " and ").replacingOccurrences("POST", "post").replacingOccurrences("A1", "a1") }
    if Bool.random(using: &rng), let end = out.firstIndex(where: { "=<>!~; ".contains($0) }) ?? Optional(out.endIndex) {
      out = String(out[..<end]).replacingOccurrences("_", "-").replacingOccurrences(".", "_") + out[end...]
    }
    if Bool.random(using: &rng) { out = out.replacingOccurrences(">=", " >= ").replacingOccurrences("==", " == ") }
    if Bool.random(using: &rng) { out = out.replacingOccurrences("\"", "'") }
    if Bool.random(using: &rng) { out += "  # pinned by ops" }
    if Bool.random(using: &rng) { out = "  " + out }
    return out
  }

  @Test func cosmeticRewritesKeepTheDigest() throws {
    var rng = SeededGenerator(seed: 42)
    for _ in 0..<200 {
      let lines = Self.requirementSet(&rng)
      let original = lines.joined(separator: "\n") + "\n"
      var rewritten = lines.map { Self.cosmetic($0, &rng) }.shuffled(using: &rng)
      if Bool.random(using: &rng) { rewritten.insert("# generated file", at: 0) }
      if Bool.random(using: &rng) { rewritten.append("") }
      if Bool.random(using: &rng), let first = rewritten.first { rewritten.append(first) }  // a duplicate
      let separator = Bool.random(using: &rng) ? "\r\n" : "\n"
      let variant = rewritten.joined(separator: separator)
      #expect(try Pip.digest(original) == Pip.digest(variant), "\(original) vs \(variant)")
    }
  }

  @Test func distinctRequirementSetsGiveDistinctDigests() throws {
    var rng = SeededGenerator(seed: 7)
    var canonicalToDigest: [String: String] = [:]
    var digests = Set<String>()
    for _ in 0..<400 {
      let text = Self.requirementSet(&rng).joined(separator: "\n") + "\n"
      let canonical = try Pip.normalize(text)
      let digest = try Pip.digest(text)
      if let seen = canonicalToDigest[canonical] {
        #expect(seen == digest)
      } else {
        canonicalToDigest[canonical] = digest
        digests.insert(digest)
      }
    }
    #expect(canonicalToDigest.count > 300)
    #expect(digests.count == canonicalToDigest.count)
  }

  @Test func everyVersionOfOneRequirementIsDistinct() throws {
    var digests = Set<String>()
    for major in 0..<20 {
      for minor in 0..<15 { digests.insert(try Pip.digest("pkg==\(major).\(minor).1\n")) }
    }
    #expect(digests.count == 300)
  }
}

extension String {
  fileprivate func replacingOccurrences(_ target: String, _ replacement: String) -> String {
    replacing(target, with: replacement)
  }
}
