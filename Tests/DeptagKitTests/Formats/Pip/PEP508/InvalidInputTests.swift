import Testing

@testable import DeptagKit

extension PEP508Tests {
  /// Specifiers and requirements that packaging 26.3 rejects, with the byte offset of the
  /// offending text that deptag reports.
  struct InvalidInputTests {
    /// Rejected by `SpecifierSet(text)`.
    @Test(arguments: [
      ("~=1", 2),
      ("~=1.0+x", 0),
      ("~=1.0.*", 0),
      ("<=1.0.*", 0),
      (">=1.0+x", 0),
      ("<1.0+x", 0),
      ("==1.0a1.*", 0),
      ("==1.0+abc.*", 0),
      ("==1.0.*.*", 0),
      ("== 1.0 .*", 6),
      ("===a b", 4),
      ("v1.0", 0),
      ("=1", 0),
      (">=", 2),
      (">=abc", 2),
      ("<>1", 1),
      (">=1.0 ,, <2x", 11),
      ("==${X}", 2),
      (">=1.0abc", 6),
      ("==1.0+", 5),
      ("==1.0-", 5),
      ("==1..0", 3),
      ("~=1.0,==x", 8),
      ("=== 1.0)", 7),
      ("==1.0;", 5),
      ("==1.0 <2", 5),
      ("!1.0", 0),
      ("~1.0", 0),
      ("==.1", 2),
    ])
    func invalidSpecifiers(_ text: String, _ offset: Int) {
      #expect(throws: PEP508Error.self) { try VersionSpecifiers.canonicalClauses(text) }
      do {
        _ = try VersionSpecifiers.canonicalClauses(text)
      } catch {
        #expect(error.offset == offset, "\(error.message)")
      }
    }

    /// Rejected by `Requirement(text)`.
    @Test(arguments: [
      ("foo-", 3),
      ("foo>=1,,<2", 7),
      ("foo===1.0, >=2", 11),
      ("foo (>=1", 8),
      ("foo>=1.0+ABC", 3),
      ("foo>=1.0abc", 9),
      ("foo[a b]", 6),
      ("foo~=1", 5),
      ("foo<=1.0.*", 3),
      ("fooé", 0),
      ("foo.", 3),
      ("foo; os_name == \"a\"\n", 19),
      ("foo\n", 3),
      ("foo @", 5),
      ("foo @ http://x x", 15),
      ("foo[a,]", 6),
      ("foo[,a]", 4),
      ("foo[a", 5),
      ("foo[a]]", 6),
      ("foo bar", 4),
      ("foo >= 1 <2", 9),
      ("foo()>=1", 5),
      ("foo===1.0,abc", 10),
      ("foo===1.0)", 9),
      ("foo=1", 3),
      ("foo==", 5),
      ("1foo.", 4),
      ("-foo", 0),
      ("_foo", 0),
      ("foo;os_name==\"a\"and", 19),
      ("f o o", 2),
      ("\"foo>=1\"", 0),
      ("Jinja2==3.0.0#comment", 13),
      ("foo==${VERSION}", 5),
      ("foo; platform.release==\"x\"", 5),
      ("foo; (os_name==\"a\"", 18),
      ("foo; os_name not \"a\"", 17),
      ("foo; os_name notin \"a\"", 13),
      ("foo; os_name==\"a\" AND os_name==\"b\"", 18),
      ("foo; OS_NAME==\"a\"", 5),
      ("foo; python_version_x==\"a\"", 5),
      ("foo; os_name <> \"a\"", 14),
      ("foo; os_name=='a", 14),
      ("foo; os_name==\"a\")", 17),
      ("foo; ()", 6),
      ("", 0),
      ("   ", 3),
      ("foo;;", 4),
    ])
    func invalidRequirements(_ text: String, _ offset: Int) {
      #expect(throws: PEP508Error.self) { try PEP508Requirement.parse(text) }
      do {
        _ = try PEP508Requirement.parse(text)
      } catch {
        #expect(error.offset == offset, "\(error.message)")
      }
    }

    @Test func messagesSayWhatWasExpectedAndFound() {
      #expect(throws: PEP508Error(message: "expected a version after '==' but found '${X}'", offset: 5)) {
        try PEP508Requirement.parse("foo==${X}")
      }
      #expect(
        throws: PEP508Error(
          message: "a '.*' suffix can only be used with the '==' or '!=' operators, found '<=1.0.*'", offset: 3)
      ) {
        try PEP508Requirement.parse("foo<=1.0.*")
      }
      #expect(
        throws: PEP508Error(
          message: "expected a marker operator (<=, <, !=, ==, >=, >, ~=, ===, in, not in) but found end of text",
          offset: 7)
      ) {
        try MarkerExpression.canonical("os_name")
      }
    }
  }
}
