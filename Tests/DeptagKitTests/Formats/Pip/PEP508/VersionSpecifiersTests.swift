import Testing

@testable import DeptagKit

extension PEP508Tests {
  /// Canonical specifier clauses (reference §6.1 / §6.2), checked against packaging 26.3.
  struct VersionSpecifiersTests {
    @Test(arguments: [
      (">=1.0, <2", ["<2", ">=1"]),
      ("  >=1 ,  <2  ", ["<2", ">=1"]),
      ("== 1.0.*", ["==1.0.*"]),
      ("==1.0,==1.0.0,==1", ["==1"]),
      ("~=1.0", ["~=1.0"]),
      ("~=1.0.0", ["~=1.0.0"]),
      ("~=01.0", ["~=1.0"]),
      ("~= 0!1.0.0", ["~=1.0.0"]),
      ("==v01.2.*", ["==1.2.*"]),
      ("!=01.0.*", ["!=1.0.*"]),
      ("==1!1.0.*", ["==1!1.0.*"]),
      ("===1.0-Post1", ["===1.0-post1"]),
      ("===FOO", ["===foo"]),
      ("===", ["==="]),
      ("==2.1.0+CPU", ["==2.1+cpu"]),
      ("!=1.0+Local_1", ["!=1+local.1"]),
      (">1.0.post1", [">1.post1"]),
      ("<1.0.dev0", ["<1.dev0"]),
      ("==\n1.0", ["==1"]),
      (">=\t1.0", [">=1"]),
      (">=1,,<2", ["<2", ">=1"]),
      (",", []),
      ("", []),
      (" ", []),
      (">=1.0,<2.0,!=1.5.*,~=1.4", ["!=1.5.*", "<2", ">=1", "~=1.4"]),
    ])
    func canonicalClauses(_ text: String, _ expected: [String]) throws {
      #expect(try VersionSpecifiers.canonicalClauses(text) == expected)
      #expect(try VersionSpecifiers.canonicalClauses(Substring(text)) == expected)
    }

    /// Spellings that mean the same thing and must canonicalize equal.
    @Test(arguments: [
      ("==1.0", "==1.0.0"),
      ("==1", "==1.0"),
      ("<2.0", "<2"),
      ("<2", "<2.0.0"),
      (">1", ">1.0"),
      ("!=1.0", "!=1.0.0"),
      ("==1.0-post1", "==1.0.post1"),
      ("==1.0a", "==1.0a0"),
      ("==1.0c1", "==1.0rc1"),
      ("==v01.02", "==1.2"),
      ("==1.0-1", "==1.0.post1"),
      ("==2.0.0-beta.1", "==2.0.0b1"),
      ("==0!1.0", "==1.0"),
      ("==1.0+GC-01", "==1.0+gc.1"),
      ("~=01.0", "~=1.0"),
      ("==v01.2.*", "==1.2.*"),
      ("===1.0-Post1", "===1.0-post1"),
      (">=1.0, <2", "<2,>=1.0"),
      ("== 1.0", "==1.0"),
    ])
    func equivalentSpellings(_ a: String, _ b: String) throws {
      #expect(try VersionSpecifiers.canonicalClauses(a) == VersionSpecifiers.canonicalClauses(b))
    }

    /// "Looks cosmetic, is NOT" (reference §6.2): these must stay apart.
    @Test(arguments: [
      ("~=1.1", "~=1.1.0"),
      ("~=1.0", "~=1.0.0"),
      ("==2.6.*", "==2.6.0.*"),
      ("==1.*", "==1.0.*"),
      ("===1.0", "===1.0.0"),
      ("===1.0-post1", "===1.0.post1"),
      ("==1.0", "===1.0"),
      ("==2.1.0+cpu", "==2.1.0"),
      (">1.0", ">=1.0"),
      ("<2", "<2.0a1"),
      ("==1.0", "==1.0.post0"),
      ("==1!1.0", "==1.0"),
    ])
    func differentMeanings(_ a: String, _ b: String) throws {
      #expect(try VersionSpecifiers.canonicalClauses(a) != VersionSpecifiers.canonicalClauses(b))
    }
  }
}
