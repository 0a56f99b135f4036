import Testing

@testable import DeptagKit

extension PEP508Tests {
  /// Canonical marker text: packaging 26.3's `str(Marker(text))`.
  struct MarkerExpressionTests {
    /// (input, `str(Marker(input))`), generated with packaging 26.3.
    static let table: [(String, String)] = [
      ("python_version<'3.8'", "python_version < \"3.8\""),
      ("(os_name==\"a\")", "os_name == \"a\""),
      (" ( os_name == \"a\" ) ", "os_name == \"a\""),
      ("os_name==\"a\" and (sys_platform==\"b\" or python_version<\"3\")", "os_name == \"a\" and (sys_platform == \"b\" or python_version < \"3\")"),
      ("((os_name==\"a\" and os_name==\"b\"))", "os_name == \"a\" and os_name == \"b\""),
      ("os_name==\"c\" or ((os_name==\"a\" and os_name==\"b\"))", "os_name == \"c\" or (os_name == \"a\" and os_name == \"b\")"),
      ("(os_name==\"a\" or os_name==\"b\") and os_name==\"c\"", "(os_name == \"a\" or os_name == \"b\") and os_name == \"c\""),
      ("(os_name==\"a\" or os_name==\"b\")", "os_name == \"a\" or os_name == \"b\""),
      ("os_name=='a\"b'", "os_name == 'a\"b'"),
      ("extra == \"Foo_Bar\"", "extra == \"foo-bar\""),
      ("\"Foo_Bar\" == extra", "\"foo-bar\" == extra"),
      ("extra < \"Foo_Bar\"", "extra < \"foo-bar\""),
      ("extra == \"a__b\"", "extra == \"a-b\""),
      ("\"Foo_Bar\" in extras", "\"foo-bar\" in extras"),
      ("extras == \"Foo_Bar\"", "extras == \"Foo_Bar\""),
      ("\"Foo_Bar\" in dependency_groups", "\"foo-bar\" in dependency_groups"),
      ("os.name==\"a\"", "os_name == \"a\""),
      ("sys.platform==\"win32\"", "sys_platform == \"win32\""),
      ("platform.version==\"1\"", "platform_version == \"1\""),
      ("platform.machine==\"x86_64\"", "platform_machine == \"x86_64\""),
      ("platform.python_implementation==\"CPython\"", "platform_python_implementation == \"CPython\""),
      ("python_implementation==\"PyPy\"", "platform_python_implementation == \"PyPy\""),
      ("python_version not   in \"3.8 3.9\"", "python_version not in \"3.8 3.9\""),
      ("python_version not\tin \"3.8\"", "python_version not in \"3.8\""),
      ("python_version in\"3.8\"", "python_version in \"3.8\""),
      ("\"a\"in os_name", "\"a\" in os_name"),
      ("os_name==\"a\"and os_name==\"b\"", "os_name == \"a\" and os_name == \"b\""),
      ("\"a\"==\"b\"", "\"a\" == \"b\""),
      ("os_name==os_name", "os_name == os_name"),
      ("implementation_name == 'CPython'", "implementation_name == \"CPython\""),
      ("os_name == \" a  b \"", "os_name == \" a  b \""),
      ("((((os_name==\"a\"))))", "os_name == \"a\""),
      ("(os_name==\"a\") and ((os_name==\"b\"))", "os_name == \"a\" and os_name == \"b\""),
      ("os_name==\"a\" and (os_name==\"b\" and (os_name==\"c\" or os_name==\"d\"))", "os_name == \"a\" and (os_name == \"b\" and (os_name == \"c\" or os_name == \"d\"))"),
      ("os_name === \"a\"", "os_name === \"a\""),
      ("os_name ~= \"a\"", "os_name ~= \"a\""),
      ("os_name==''", "os_name == \"\""),
      ("os_name==\"é\"", "os_name == \"é\""),
      ("( ( os_name==\"a\" ) or ( os_name==\"b\" ) )", "os_name == \"a\" or os_name == \"b\""),
      ("\"3.8\" > python_version", "\"3.8\" > python_version"),
      ("python_full_version >= \"3.8.1\"", "python_full_version >= \"3.8.1\""),
      ("extra==\"ÄB\"", "extra == \"äb\""),
      ("os_name==\"a\"or(os_name==\"b\")", "os_name == \"a\" or os_name == \"b\""),
      ("os_name==\"a\" or os_name==\"b\" and os_name==\"c\"", "os_name == \"a\" or os_name == \"b\" and os_name == \"c\""),
    ]

    @Test(arguments: table)
    func canonicalSpelling(_ input: String, _ expected: String) throws {
      #expect(try MarkerExpression.canonical(input) == expected)
    }

    /// The one-pass writer decides a group's parentheses only when its list ends (a one-atom
    /// list takes its atom's, the outermost list drops them): these pin that bookkeeping at
    /// several depths. Expected texts are `str(Marker(input))` of pip 26.3's vendored packaging
    /// (packaging 26.2 printed the second one as `a and b or c`, a bug later fixed).
    @Test(arguments: [
      ("((os_name==\"a\" and os_name==\"b\")) or os_name==\"c\"", "(os_name == \"a\" and os_name == \"b\") or os_name == \"c\""),
      ("(os_name==\"a\" and ((os_name==\"b\" or (os_name==\"c\"))))", "os_name == \"a\" and (os_name == \"b\" or os_name == \"c\")"),
      ("((os_name==\"a\") and (os_name==\"b\" or os_name==\"c\"))", "os_name == \"a\" and (os_name == \"b\" or os_name == \"c\")"),
      ("( ( os_name==\"a\" ) or ( ( os_name==\"b\" and os_name==\"c\" ) ) ) and os_name==\"d\"",
       "(os_name == \"a\" or (os_name == \"b\" and os_name == \"c\")) and os_name == \"d\""),
      ("(((os_name==\"(a)\")))", "os_name == \"(a)\""),
      ("((extra=='A_B' or 'X.Y' in extras))", "extra == \"a-b\" or \"x-y\" in extras"),
    ])
    func groupingAtEveryDepth(_ input: String, _ expected: String) throws {
      #expect(try MarkerExpression.canonical(input) == expected)
    }

    /// Spellings packaging prints the same way.
    @Test(arguments: [
      ("python_version<'3.8'", "python_version < \"3.8\""),
      ("(python_version < \"3.8\")", "python_version < \"3.8\""),
      ("os.name == 'nt'", "os_name==\"nt\""),
      ("extra == 'Foo_Bar'", "extra==\"foo.bar\""),
      ("\"Foo\" in extras", "'foo' in extras"),
    ])
    func equivalentSpellings(_ a: String, _ b: String) throws {
      #expect(try MarkerExpression.canonical(a) == MarkerExpression.canonical(b))
    }

    /// "Looks cosmetic, is NOT" (reference §6.2).
    @Test(arguments: [
      ("implementation_name == \"cpython\"", "implementation_name == \"CPython\""),
      ("os_name == \"a b\"", "os_name == \"a  b\""),
      ("os_name == \" a\"", "os_name == \"a\""),
      ("os_name == \"a\" and (os_name == \"b\" or os_name == \"c\")", "os_name == \"a\" and os_name == \"b\" or os_name == \"c\""),
      ("(os_name == \"a\" and os_name == \"b\") or os_name == \"c\"", "os_name == \"a\" and (os_name == \"b\" or os_name == \"c\")"),
      ("python_version >= \"3.8.1\"", "python_full_version >= \"3.8.1\""),
      ("python_version < \"3.8\"", "python_version < \"3.8.0\""),
      ("os_name == \"a\" or os_name == \"b\"", "os_name == \"b\" or os_name == \"a\""),
      ("extras == \"Foo\"", "extras == \"foo\""),
    ])
    func differentMeanings(_ a: String, _ b: String) throws {
      #expect(try MarkerExpression.canonical(a) != MarkerExpression.canonical(b))
    }

    /// Invalid markers, with the byte offset of the offending text.
    @Test(arguments: [
      ("", 0),
      ("(a)", 1),
      ("os_name", 7),
      ("os_name ==", 10),
      ("\"a\" \"b\"", 4),
      ("os_name==\"a\" or", 15),
      ("os_name==\"a\"andos_name==\"b\"", 12),
      ("os_name == \"a\" \n", 15),
      ("os_name\n== \"a\"", 7),
      ("os_name <> \"a\"", 9),
      ("platform.release == \"x\"", 0),
      ("os_name not \"a\"", 12),
      ("os_name == \"a", 11),
      ("(os_name == \"a\"", 15),
      ("os_name == \"a\" AND os_name == \"b\"", 15),
    ])
    func invalidMarkers(_ text: String, _ offset: Int) {
      #expect(throws: PEP508Error.self) { try MarkerExpression.canonical(text) }
      do {
        _ = try MarkerExpression.canonical(text)
      } catch {
        #expect(error.offset == offset, "\(error.message)")
      }
    }
  }
}
