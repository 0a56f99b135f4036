import Testing

@testable import DeptagKit

/// Bad go.mod/go.work input fails as modfile's strict parser fails (go-modules.md §1–3), at
/// FILE:LINE:COL of the offending text (the column in UTF-8 bytes).
@Suite struct GoModErrorTests {
  /// (text, "LINE:COL", a fragment of the message).
  static let cases: [(String, String, String)] = [
    // Lexical (§1).
    ("\u{FEFF}module m\n", "1:1", "U+FEFF"),
    ("require a\u{A0}v1.0.0\n", "1:10", "U+00A0"),
    ("require a v1.0.0\u{0C}\n", "1:17", "unexpected input character"),
    ("module m\n/* x */\n", "2:1", "must use // comments"),
    ("require a/*b v1.0.0\n", "1:10", "must use // comments"),
    ("require \"a v1.0.0\n", "1:18", "unexpected newline in string"),
    ("require \"a", "1:9", "unexpected EOF in string"),
    ("module m\nrequire a v1.0.0 \u{200B}\n", "2:18", "unexpected input character"),
    // Quoting (§1.3).
    ("module `m`\n", "1:8", "unquoted string cannot contain quote"),
    ("require a 'v1.2.3'\n", "1:11", "unquoted string cannot contain quote"),
    ("require \"a\\q\" v1.0.0\n", "1:9", "invalid quoted string"),
    ("require a\"b v1.0.0\n", "1:9", "unquoted string cannot contain quote"),
    ("go \"1.21\"\n", "1:4", "invalid go version"),
    // Blocks (§1.4).
    ("require (\n\ta v1.0.0\n", "3:1", "unterminated block started at go.mod:1:1"),
    ("require (\n\ta v1.0.0\n) x\n", "3:3", "expected newline after closing paren"),
    ("require ( a v1.0.0 )\n", "1:1", "usage: require"),
    ("require (\n\ta v1.0.0 )\n", "3:1", "unterminated block"),
    ("require foo (\n)\n", "1:1", "unknown block type: require foo"),
    ("go (\n\t1.21\n)\n", "1:1", "unknown block type: go"),
    ("toolchain (\n)\n", "1:1", "unknown block type: toolchain"),
    ("module ( m )\n", "1:1", "usage: module"),
    // Directives (§3).
    ("frobnicate x\n", "1:1", "unknown directive: frobnicate"),
    ("use ./x\n", "1:1", "unknown directive: use"),
    ("module a\nmodule b\n", "2:1", "repeated module statement"),
    ("go 1.21\ngo 1.22\n", "2:1", "repeated go statement"),
    ("go 1.21.0-custom\n", "1:4", "invalid go version"),
    ("go 1.021\n", "1:4", "invalid go version"),
    ("go\n", "1:1", "go directive expects exactly one argument"),
    ("toolchain 1.21\n", "1:11", "invalid toolchain version"),
    ("toolchain go1.21 go1.22\n", "1:1", "toolchain directive expects exactly one argument"),
    ("godebug panicnil\n", "1:9", "usage: godebug key=value"),
    ("godebug \"a=b\"\n", "1:9", "usage: godebug key=value"),
    ("require a\n", "1:1", "usage: require module/path v1.2.3"),
    ("require a v1.0.0 extra\n", "1:1", "usage: require"),
    ("require a master\n", "1:11", "must be of the form v1.2.3"),
    ("require a 1.2.3\n", "1:11", "must be of the form v1.2.3"),
    ("require a v01.2.3\n", "1:11", "must be of the form v1.2.3"),
    ("require a v1.2-pre\n", "1:11", "must be of the form v1.2.3"),
    ("require example.com/a v2.0.0\n", "1:23", "should be v0 or v1, not v2"),
    ("require example.com/a/v2 v1.0.0\n", "1:26", "should be v2, not v1"),
    ("require example.com/a/v1 v1.0.0\n", "1:9", "invalid module path"),
    ("require gopkg.in/yaml.v2 v3.0.0\n", "1:26", "should be v2, not v3"),
    ("exclude a\n", "1:1", "usage: exclude"),
    ("exclude a v1.0.0.0\n", "1:11", "must be of the form v1.2.3"),
    ("require (\n\ta v1.0.0\n\tb vx\n)\n", "3:4", "must be of the form"),
    // replace (§3.7).
    ("replace a=>b v1.0.0\n", "1:1", "usage: replace"),
    ("replace a =>b v1.0.0\n", "1:1", "usage: replace"),
    ("replace a => b\n", "1:14", "must be directory path"),
    ("replace a => b@v1.0.0\n", "1:14", "not 'path@version'"),
    ("replace a => ./b v1.0.0\n", "1:14", "cannot have version"),
    ("replace a => .\\b\n", "1:14", "Windows path"),
    ("replace a v2.0.0 => b v1.0.0\n", "1:11", "should be v0 or v1"),
    ("replace a => b v1\n", "", ""),  // a shorthand right version is a warning, not an error
    ("replace a => ./x\nreplace a => ./y\n", "2:1", "conflicting replacements for a"),
    ("replace a v1.0.0 => b v1.0.0\nreplace (\n\ta v1.0.0 => c v1.0.0\n)\n", "3:2", "conflicting replacements for a@v1.0.0"),
    // retract (§3.8).
    ("retract v1.0.0\n", "1:1", "no module directive found"),
    ("module m\nretract [v1.0.0 v1.1.0]\n", "2:17", "expected ','"),
    ("module m\nretract v1.0.0 v1.1.0\n", "2:16", "unexpected token after version"),
    ("module m\nretract\n", "2:1", "expected '[' or version"),
    ("module m\nretract latest\n", "2:9", "must be of the form"),
    // tool, ignore.
    ("tool\n", "1:1", "tool directive expects exactly one argument"),
    ("ignore a b\n", "1:1", "ignore directive expects exactly one argument"),
  ]

  @Test(arguments: cases) func error(_ example: (String, String, String)) throws {
    let (text, position, fragment) = example
    let error = GoFiles.error(text)
    if position.isEmpty {
      #expect(error == nil, "\(text.debugDescription): \(error.map { "\($0)" } ?? "")")
      return
    }
    let found = try #require(error, "\(text.debugDescription) was accepted")
    #expect(found.position == position, "\(text.debugDescription): \(found)")
    #expect(found.message.contains(fragment), "\(text.debugDescription): \(found)")
    #expect(found.location?.file == "go.mod")
  }

  @Test func goWorkErrors() throws {
    let cases: [(String, String, String)] = [
      ("module m\n", "1:1", "unknown directive: module"),
      ("require a v1.0.0\n", "1:1", "unknown directive: require"),
      ("exclude (\n)\n", "1:1", "unknown block type: exclude"),
      ("use\n", "1:1", "usage: use local/dir"),
      ("use ./a\nuse (\n\t./a/\n)\n", "3:2", "appears multiple times"),
      ("replace a => ./x\nreplace a => ./y\n", "2:1", "conflicting replacements"),
    ]
    for (text, position, fragment) in cases {
      let found = try #require(GoFiles.error(text, .gowork), "\(text.debugDescription) was accepted")
      #expect(found.position == position, "\(text.debugDescription): \(found)")
      #expect(found.message.contains(fragment), "\(text.debugDescription): \(found)")
    }
  }

  /// Invalid UTF-8 in a token is refused (deptag keeps values as text); in a comment it is not.
  @Test func invalidUTF8() throws {
    let inToken: [UInt8] = Array("require a".utf8) + [0xFF] + Array(" v1.0.0\n".utf8)
    #expect(GoFiles.error(bytes: inToken)?.position == "1:10")
    let inComment: [UInt8] = Array("require a v1.0.0 // caf".utf8) + [0xE9] + Array("\n".utf8)
    #expect(GoFiles.error(bytes: inComment) == nil)
  }

  @Test func columnsCountUTF8Bytes() throws {
    // "é" is two bytes: the bad version starts at byte column 13.
    let error = try #require(GoFiles.error("require é/a master\n"))
    #expect(error.position == "1:14")
  }
}
