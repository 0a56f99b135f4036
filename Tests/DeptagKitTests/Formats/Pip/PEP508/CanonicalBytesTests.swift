import Testing

@testable import DeptagKit

extension PEP508Tests {
  /// The byte writer behind canonical requirements (`RequirementParser` writing into one buffer,
  /// `ScannedPEP440Version.write`, `VersionSpecifiers.sortUniqueItems`): the paths it takes for
  /// one, two and more items, numbers without leading zeros, implicit zeros, spelled names.
  struct CanonicalBytesTests {
    static let table: [(String, String)] = [
      // Two-item sets are ordered in place: kept, swapped, or one dropped as a duplicate.
      ("foo<2,>=1", "foo<2,>=1"),
      ("foo>=1,<2", "foo<2,>=1"),
      ("foo>=1.0,>=1", "foo>=1"),
      ("foo[b,a]", "foo[a,b]"),
      ("foo[a,A]", "foo[a]"),
      // Spelled extras: sorted on the normalized bytes ("a-" < "a-b"), then "-" written "_".
      ("foo[a-b,a_]", "foo[a_,a-b]"),
      ("foo[b_,a_]", "foo[a_,b_]"),
      ("foo[x_,X_]", "foo[x_]"),
      ("foo[c_,b,a_]", "foo[a_,b,c_]"),
      // Three or more items take the general path.
      ("foo!=3,>=1,<4,!=3.0", "foo!=3,<4,>=1"),
      // Numbers: leading zeros dropped, arbitrarily long ones exact, zero epochs dropped.
      ("foo==007.0010", "foo==7.10"),
      ("foo==00!1", "foo==1"),
      ("foo==02!1", "foo==2!1"),
      ("foo==123456789012345678901234567890.0", "foo==123456789012345678901234567890"),
      // Implicit numbers and label spellings.
      ("foo==1a", "foo==1a0"),
      ("foo==1.0-1", "foo==1.post1"),
      ("foo==1r", "foo==1.post0"),
      ("foo==1.0dev", "foo==1.dev0"),
      ("foo==1.0.PREVIEW2", "foo==1rc2"),
      ("foo==1.0+Ubuntu-01", "foo==1+ubuntu.1"),
      ("foo~=1.0.0", "foo~=1.0.0"),
      ("foo==1.0.*", "foo==1.0.*"),
      ("foo===Foo,>=1", "foo===foo,>=1"),
      // Name normalization in place: runs of separators become one "-".
      ("A._-B", "a-b"),
      ("A.__", "a_"),
    ]

    @Test(arguments: table)
    func canonicalText(_ input: String, _ expected: String) throws {
      #expect(try PEP508Requirement.parse(input).canonical == expected)
    }

    /// The model read back from the bytes keeps normalized extras (with `-`), canonical clauses
    /// and the key.
    @Test func modelFromBytes() throws {
      let r = try PEP508Requirement.parse("Foo__[b_,A]>=1.0,<2 ; os_name == 'nt'")
      #expect(r.name == "Foo__")
      #expect(r.normalizedName == "foo-")
      #expect(r.extras == ["a", "b-"])
      #expect(r.specifiers == ["<2", ">=1"])
      #expect(r.marker == "os_name == \"nt\"")
      #expect(r.canonical == "foo_[a,b_]<2,>=1; os_name == \"nt\"")
    }

    /// Look alike, mean different things: the writer must keep them apart.
    @Test(arguments: [
      ("foo==1.0a", "foo==1.0"), ("foo==1!1", "foo==1"), ("foo==1.post0", "foo==1"),
      ("foo~=1.0", "foo~=1.0.0"), ("foo==1.0.*", "foo==1.*"), ("foo[a_]", "foo[a]"),
      ("foo>=1,<2", "foo>=1"), ("foo==1+a", "foo==1"),
    ])
    func differentMeaningsStayDifferent(_ a: String, _ b: String) throws {
      #expect(try PEP508Requirement.parse(a).canonical != PEP508Requirement.parse(b).canonical)
    }
  }
}
