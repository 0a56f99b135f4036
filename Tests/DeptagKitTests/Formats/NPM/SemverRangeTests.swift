import Testing

@testable import DeptagKit

/// Range spellings as node-semver unifies them, and the traps it does not (reference §1.6).
@Suite struct SemverRangeTests {
  /// Each group: spellings that must share one canonical form, and that form.
  static let equal: [([String], String)] = [
    (["1.2.3", "=1.2.3", "v1.2.3", "=v1.2.3", "= 1.2.3", " 1.2.3 ", "1.2.3+build.7"], "1.2.3"),
    (["^1.2.3", "^ 1.2.3", "^v1.2.3", "^=1.2.3"], ">=1.2.3 <2.0.0-0"),
    (["~1.2.3", "~ 1.2.3", "~>1.2.3", "~> 1.2.3", "~v1.2.3"], ">=1.2.3 <1.3.0-0"),
    ([">=1.2.3 <2.0.0", ">= 1.2.3 < 2.0.0", ">=1.2.3  <2.0.0", ">=v1.2.3 <v2.0.0", "\t>=1.2.3\n<2.0.0 "], ">=1.2.3 <2.0.0"),
    (["*", "", "x", "X", "x.x.x", "*.*.*", "X.x.*", ">=0.0.0", "1.2.3 || *", "||"], "*"),
    (["1.2.x", "1.2", "1.2.*", "1.2.X", "~1.2", "~1.2.0", "=1.2"], ">=1.2.0 <1.3.0-0"),
    (["1", "1.x", "1.*", "1.x.x", "^1", "^1.0", "^1.x", "^1.0.0", "~1", "~1.x", ">=1.0.0 <2.0.0-0"], ">=1.0.0 <2.0.0-0"),
    (["^0.2.3", "~0.2.3"], ">=0.2.3 <0.3.0-0"),
    (["1.2.3 - 2.3.4", ">=1.2.3 <=2.3.4"], ">=1.2.3 <=2.3.4"),
    (["1.2 - 2.3"], ">=1.2.0 <2.4.0-0"),
    ([">1.2", ">1.2.x"], ">=1.3.0"),
    (["^1||^2", "^1 ||  ^2"], ">=1.0.0 <2.0.0-0||>=2.0.0 <3.0.0-0"),
    (["^1.2.3-beta.1", "^v1.2.3-beta.1"], ">=1.2.3-beta.1 <2.0.0-0"),
    (["^0.0.3"], ">=0.0.3 <0.0.4-0"),
    (["<0.0.0-0 || 1.2.3"], "1.2.3"),
    (["<*", "<0.0.0-0"], "<0.0.0-0"),
  ]

  @Test(arguments: equal) func spellingsOfOneRangeAreUnified(_ group: ([String], String)) {
    for spelling in group.0 {
      #expect(NPM.spec(spelling) == group.1, "\(spelling)")
      #expect(NPM.spec(group.1) == group.1, "not idempotent: \(group.1)")
    }
  }

  /// Pairs npm treats differently: their canonical forms must differ.
  static let different: [(String, String)] = [
    ("1.2", "1.2.0"), ("^1.2.3", "~1.2.3"), ("^0.0.3", "~0.0.3"), (">=1.0.0 <2.0.0", "^1.0.0"),
    ("V1.2.3", "1.2.3"), ("V1.2.3", "v1.2.3"),  // a capital V is a dist-tag
    ("1.2.3-2.3.4", "1.2.3 - 2.3.4"),  // a prerelease version, not a hyphen range
    ("*", "latest"), ("latest", "next"), ("1.2.x.x", "1.2.x"),
    ("==1.2.3", "1.2.3"), ("v 1.2.3", "1.2.3"),  // loose-only spellings stay verbatim
    ("^1.2.3-beta.1", "^1.2.3"), ("<2.0.0-0", "<2.0.0"),
    ("1.2.3-a.tgz", "1.2.3-a.tgz "),  // npa: a file, then a prerelease version
    ("1.2.3", "1.2.4"), ("^1 || ^2", "^1"),
  ]

  @Test(arguments: different) func differentRangesStayDifferent(_ pair: (String, String)) {
    #expect(NPM.spec(pair.0) != NPM.spec(pair.1), "\(pair.0) vs \(pair.1)")
  }

  /// What is kept byte for byte: tags, loose spellings, and every non-registry spec.
  @Test(arguments: [
    "latest", "V1.2.3", "1.2.x.x", "==1.2.3", "v 1.2.3", "=1.2.3 - 2.0.0", " next", " 1.2.3-a.tgz",
    "npm:lodash@^4", "file:../lib", "link:./x", "./local", "user/repo#semver:^5",
    "git+ssh://git@github.com/a/b.git#v1", "https://h/x.tgz", "1.2.3-a.tgz", "$foo",
    "99999999999999999.0.0", "1.2.3 | 2", "1.2.3 - 2.3.4 - 3",
  ])
  func keptVerbatim(_ spec: String) {
    #expect(NPM.spec(spec) == spec)
  }
}
