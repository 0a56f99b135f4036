import Testing

@testable import DeptagKit

extension PEP508Tests {
  /// Whole PEP 508 requirements, checked against packaging 26.3's `Requirement`.
  struct PEP508RequirementTests {
    /// (input, canonical line) — the expected lines were built from packaging 26.3's parse
    /// (`canonicalize_name`, normalized extras, canonical clauses, `str(marker)`).
    static let table: [(String, String)] = [
      ("requests", "requests"),
      ("Requests>=2.0", "requests>=2"),
      ("Zope.Interface", "zope-interface"),
      ("zope_interface==1.0", "zope-interface==1"),
      ("requests[security,socks]>=2.0", "requests[security,socks]>=2"),
      ("requests [ Socks , security ] (>=2.0, <3) ; python_version < \"3.8\"", "requests[security,socks]<3,>=2; python_version < \"3.8\""),
      ("foo[B,a,A]>=1,<2,>=1.0; (os_name==\"a\")", "foo[a,b]<2,>=1; os_name == \"a\""),
      ("foo[]", "foo"),
      ("foo[ a , b ]", "foo[a,b]"),
      ("foo_", "foo_"),  // a trailing `-` would not read back (ProjectName.spelled)
      ("foo>=1,", "foo>=1"),
      ("foo===1.0 , >=2", "foo===1.0,>=2"),
      ("foo===1.0,>=2", "foo===1.0,>=2"),
      ("foo===", "foo==="),
      ("foo()", "foo"),
      ("foo ( >=1 , <2 )", "foo<2,>=1"),
      ("foo (>=1) ; os_name==\"a\"", "foo>=1; os_name == \"a\""),
      ("foo==1.0+ABC", "foo==1+abc"),
      ("foo @ http://x ; os_name==\"a\"", "foo @ http://x ; os_name == \"a\""),
      ("foo @ http://x;os_name==\"a\"", "foo @ http://x;os_name==\"a\""),
      ("foo@http://x", "foo @ http://x"),
      ("foo @ http://x ", "foo @ http://x"),
      ("foo[a]@ https://x/y.tgz#sha256=abc ; os_name==\"nt\"", "foo[a] @ https://x/y.tgz#sha256=abc ; os_name == \"nt\""),
      ("foo @ ;x", "foo @ ;x"),
      ("foo[x] @ git+https://g/r@Release-1.0", "foo[x] @ git+https://g/r@Release-1.0"),
      ("foo ==\t1.0", "foo==1"),
      ("foo == 1.0.*", "foo==1.0.*"),
      ("foo >= 1 ; extra == \"A_b\"", "foo>=1; extra == \"a-b\""),
      ("  foo  ", "foo"),
      ("\tfoo\t>=\t1", "foo>=1"),
      ("foo===1,,", "foo===1"),
      ("foo (===1.0)", "foo===1.0"),
      ("foo==1.0.0,==1.0,==1", "foo==1"),
      ("foo~=1.1,~=1.1.0", "foo~=1.1,~=1.1.0"),
      ("foo==2.6.*,==2.6.0.*", "foo==2.6.*,==2.6.0.*"),
      ("foo>=1.0,<2.0,!=1.5.*,~=1.4", "foo!=1.5.*,<2,>=1,~=1.4"),
      ("foo>=1, ;os_name==\"a\"", "foo>=1; os_name == \"a\""),
      ("foo.bar-baz_qux", "foo-bar-baz-qux"),
      ("torch==2.1.0+cpu", "torch==2.1+cpu"),
      ("A9", "a9"),
      ("a.b", "a-b"),
      ("foo >=1.0 ; python_version<\"3.8\" or (os_name==\"nt\" and extra==\"Test_X\")", "foo>=1; python_version < \"3.8\" or (os_name == \"nt\" and extra == \"test-x\")"),
      ("foo[A_b,a-B,a.b]", "foo[a-b]"),
      ("foo===1.0-Post1", "foo===1.0-post1"),
      ("foo~=01.0", "foo~=1.0"),
      ("foo==v01.2.*", "foo==1.2.*"),
      ("foo==1.0,===1.0", "foo==1,===1.0"),
      ("foo===1.0,===1.0.0", "foo===1.0,===1.0.0"),
    ]

    @Test(arguments: table)
    func canonicalLine(_ input: String, _ expected: String) throws {
      #expect(try PEP508Requirement.parse(input).canonical == expected)
      #expect(try PEP508Requirement.parse(Substring(input)).canonical == expected)
    }

    @Test func fields() throws {
      let r = try PEP508Requirement.parse("Foo_Bar [ Socks , security,SOCKS ] (>=2.0, <3) ; python_version<'3.8'")
      #expect(r.name == "Foo_Bar")
      #expect(r.normalizedName == "foo-bar")
      #expect(r.extras == ["security", "socks"])
      #expect(r.specifiers == ["<3", ">=2"])
      #expect(r.url == nil)
      #expect(r.marker == "python_version < \"3.8\"")
      #expect(r.canonical == "foo-bar[security,socks]<3,>=2; python_version < \"3.8\"")
    }

    @Test func directReferenceKeepsTheURLVerbatimAndPrintsSpaceSemicolon() throws {
      let r = try PEP508Requirement.parse("Pkg[X]@ git+https://host/Repo.git@Release-1.0#subdirectory=Src&egg=Pkg ;os_name=='nt'")
      #expect(r.url == "git+https://host/Repo.git@Release-1.0#subdirectory=Src&egg=Pkg")
      #expect(r.specifiers == [])
      #expect(r.marker == "os_name == \"nt\"")
      #expect(r.canonical == "pkg[x] @ git+https://host/Repo.git@Release-1.0#subdirectory=Src&egg=Pkg ; os_name == \"nt\"")
    }

    @Test(arguments: ["foo @ https://x/p.whl", "foo@https://x/p.whl", "foo @https://x/p.whl", "foo@ https://x/p.whl  "])
    func directReferenceSpacing(_ text: String) throws {
      #expect(try PEP508Requirement.parse(text).canonical == "foo @ https://x/p.whl")
    }

    /// pip skips an empty marker (`parse_req_from_line`), so a bare `;` means no marker here.
    @Test(arguments: ["foo>=1;", "foo>=1 ; ", "foo>=1;\t"])
    func emptyMarkerIsNoMarker(_ text: String) throws {
      let r = try PEP508Requirement.parse(text)
      #expect(r.marker == nil)
      #expect(r.canonical == "foo>=1")
    }

    @Test func canonicalFollowsEditedFields() throws {
      var r = try PEP508Requirement.parse("foo>=1; os_name == 'nt'")
      r.marker = nil
      #expect(r.canonical == "foo>=1")
    }

    /// Spellings that mean the same requirement.
    @Test(arguments: [
      ("Zope.Interface", "zope_interface"),
      ("foo[]", "foo"),
      ("foo[A,b]", "foo[ B , a, a ]"),
      ("foo[redis_sentinel]", "foo[redis-sentinel]"),
      ("foo==1.0", "FOO==1.0.0"),
      ("foo (>=1,<2)", "foo<2,>=1"),
      ("foo>=1.0, <2 ; python_version<'3.8'", "foo<2,>=1;python_version < \"3.8\""),
    ])
    func equivalentRequirements(_ a: String, _ b: String) throws {
      #expect(try PEP508Requirement.parse(a).canonical == PEP508Requirement.parse(b).canonical)
    }

    /// "Looks cosmetic, is NOT" (reference §6.2).
    @Test(arguments: [
      ("zope.interface", "zopeinterface"),
      ("torch==2.1.0+cpu", "torch==2.1.0"),
      ("foo~=1.1", "foo~=1.1.0"),
      ("foo==2.6.*", "foo==2.6.0.*"),
      ("foo===1.0", "foo===1.0.0"),
      ("foo==1.0", "foo===1.0"),
      ("foo; implementation_name == 'cpython'", "foo; implementation_name == 'CPython'"),
      ("foo; python_version >= '3.8.1'", "foo; python_full_version >= '3.8.1'"),
      ("foo; os_name == 'a' and (os_name == 'b' or os_name == 'c')", "foo; os_name == 'a' and os_name == 'b' or os_name == 'c'"),
      ("foo @ https://x/@Release-1.0", "foo @ https://x/@release-1.0"),
      ("foo[a] @ https://x/p.whl", "foo[a] @ https://x/p.whl;os_name=='nt'"),
    ])
    func differentRequirements(_ a: String, _ b: String) throws {
      #expect(try PEP508Requirement.parse(a).canonical != PEP508Requirement.parse(b).canonical)
    }
  }
}
