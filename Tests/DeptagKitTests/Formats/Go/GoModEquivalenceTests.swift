import Testing

@testable import DeptagKit

/// Each go.mod rule in both directions (go-modules.md §11): spellings modfile reads as the same
/// download set give one digest; changes to what `go mod download` fetches give another.
@Suite struct GoModEquivalenceTests {
  static let base = """
    module example.com/app

    go 1.22

    require (
    \tgithub.com/a/b v1.2.3
    \tgolang.org/x/net v0.20.0 // indirect
    )

    exclude github.com/old/x v1.0.0

    replace github.com/a/b => github.com/fork/b v1.2.4

    """

  /// Pairs that must digest alike: (label, a, b).
  static let equal: [(String, String, String)] = [
    ("block vs single lines", "require (\n\ta v1.0.0\n\tb v1.0.0\n)\n", "require a v1.0.0\nrequire b v1.0.0\n"),
    ("several require blocks", "require (\n\ta v1.0.0\n)\nrequire (\n\tb v1.0.0\n)\n", "require (\n\ta v1.0.0\n\tb v1.0.0\n)\n"),
    ("require( without a space", "require(\n\ta v1.0.0\n)\n", "require a v1.0.0\n"),
    ("module ( … ) block", "module (\n\texample.com/m\n)\nrequire a v1.0.0\n", "module example.com/m\nrequire a v1.0.0\n"),
    ("empty blocks", "exclude ()\nreplace (\n)\nrequire a v1.0.0\n", "require a v1.0.0\n"),
    ("require ( // comment and ) // comment", "require ( // deps\n\ta v1.0.0\n) // end\n", "require a v1.0.0\n"),
    ("// glued to a version", "require a v1.28.0//pinned\n", "require a v1.28.0\n"),
    ("//indirect glued", "require a v1.2.3//indirect\n", "require a v1.2.3\n"),
    ("// glued to a directory", "replace a => ./api//v3\n", "replace a => ./api\n"),
    ("commented-out require", "require a v1.0.0\n// require b v1.0.0\n", "require a v1.0.0\n"),
    ("quoted path", "require \"golang.org/x/net\" v0.1.0\n", "require golang.org/x/net v0.1.0\n"),
    ("quoted version", "require a \"v0.1.0\"\n", "require a v0.1.0\n"),
    ("\\x63 is c", "require \"example.\\x63om/a\" v1.0.0\n", "require example.com/a v1.0.0\n"),
    ("\\u0063 is c", "require \"example.\\u0063om/a\" v1.0.0\n", "require example.com/a v1.0.0\n"),
    ("octal \\143 is c", "require \"example.\\143om/a\" v1.0.0\n", "require example.com/a v1.0.0\n"),
    ("CRLF", "module m\r\nrequire a v1.0.0\r\n", "module m\nrequire a v1.0.0\n"),
    ("tabs, spaces, trailing whitespace", "require\ta   v1.0.0 \t\n", "require a v1.0.0\n"),
    ("no final newline", "require a v1.0.0", "require a v1.0.0\n"),
    ("// indirect toggled", "require a v1.0.0 // indirect\n", "require a v1.0.0\n"),
    ("//indirect and // indirect; why", "require a v1.0.0 //indirect\nrequire b v1 // indirect; why\n", "require a v1.0.0\nrequire b v1\n"),
    ("// Indirect is a plain comment", "require a v1.0.0 // Indirect\n", "require a v1.0.0\n"),
    ("identical duplicate require", "require a v1.0.0\nrequire a v1.0.0\n", "require a v1.0.0\n"),
    ("identical duplicate exclude", "exclude a v1.0.0\nexclude a v1.0.0\n", "exclude a v1.0.0\n"),
    ("identical duplicate replace", "replace a => b v1.0.0\nreplace a => b v1.0.0\n", "replace a => b v1.0.0\n"),
    ("module rename", "module example.com/one\nrequire a v1.0.0\n", "module example.com/two\nrequire a v1.0.0\n"),
    ("module line missing", "require a v1.0.0\n", "module example.com/two\nrequire a v1.0.0\n"),
    ("module line last", "require a v1.0.0\nmodule m\n", "module m\nrequire a v1.0.0\n"),
    ("deprecation comment", "// Deprecated: use v2\nmodule m\nrequire a v1.0.0\n", "module m\nrequire a v1.0.0\n"),
    ("retract", "module m\nretract v1.0.0\nretract [v1.1.0, v1.2.0] // oops\nrequire a v1.0.0\n", "module m\nrequire a v1.0.0\n"),
    ("godebug", "godebug (\n\tdefault=go1.21\n)\ngodebug panicnil=1\nrequire a v1.0.0\n", "require a v1.0.0\n"),
    ("tool", "tool golang.org/x/tools/cmd/stringer\nrequire a v1.0.0\n", "require a v1.0.0\n"),
    ("ignore", "ignore (\n\t./node_modules\n)\nrequire a v1.0.0\n", "require a v1.0.0\n"),
    ("order of directives", "replace a => b v1.0.0\nrequire c v1.0.0\ngo 1.21\n", "go 1.21\nrequire c v1.0.0\nreplace a => b v1.0.0\n"),
    ("blank lines and comments in a block", "require (\n\n\t// x\n\ta v1.0.0\n\n)\n", "require a v1.0.0\n"),
    ("=> spacing inside a block", "replace (\n\ta   =>   b v1.0.0\n)\n", "replace a => b v1.0.0\n"),
  ]

  /// Pairs that must digest differently.
  static let different: [(String, String, String)] = [
    ("go 1.26 vs go 1.26.0", "go 1.26\n", "go 1.26.0\n"),
    ("go line removed", "go 1.16\nrequire a v1.0.0\n", "require a v1.0.0\n"),
    ("toolchain added", "go 1.22.0\n", "go 1.22.0\ntoolchain go1.22.0\n"),
    ("toolchain bumped", "go 1.22.0\ntoolchain go1.22.1\n", "go 1.22.0\ntoolchain go1.22.2\n"),
    ("v0.5 vs v0.5.0", "require a v0.5\n", "require a v0.5.0\n"),
    ("build metadata", "require a v1.0.0+meta\n", "require a v1.0.0\n"),
    ("path case", "require github.com/Azure/x v1.0.0\n", "require github.com/azure/x v1.0.0\n"),
    ("\\x43 is C, not c", "require \"example.\\x43om/a\" v1.0.0\n", "require example.com/a v1.0.0\n"),
    ("version bump", "require a v1.0.0\n", "require a v1.0.1\n"),
    ("require added", "require a v1.0.0\n", "require a v1.0.0\nrequire b v1.0.0\n"),
    ("second version of one path", "require a v1.0.0\n", "require a v1.0.0\nrequire a v1.1.0\n"),
    ("pseudo-version re-based", "require a v0.0.0-20260724135943-6caf352f8c89\n", "require a v0.37.0-alpha.0.0.20260724135943-6caf352f8c89\n"),
    ("+incompatible bump", "require a v2.0.0+incompatible\n", "require a v2.0.1+incompatible\n"),
    ("exclude added", "require a v1.0.0\n", "require a v1.0.0\nexclude a v0.9.0\n"),
    ("exclude vs require", "exclude a v1.0.0\n", "require a v1.0.0\n"),
    ("replace added for a require", "require a v1.0.0\n", "require a v1.0.0\nreplace a => b v1.0.0\n"),
    ("wildcard vs versioned replace", "replace a => b v1.0.0\n", "replace a v1.0.0 => b v1.0.0\n"),
    ("replace left version", "replace a v1.0.0 => b v1.0.0\n", "replace a v1.0.1 => b v1.0.0\n"),
    ("replace right version", "replace a => b v1.0.0\n", "replace a => b v1.0.1\n"),
    ("replace right path", "replace a => b v1.0.0\n", "replace a => c v1.0.0\n"),
    ("directory target", "replace a => ./x\n", "replace a => ./y\n"),
    ("directory spelled ./a/ vs ./a", "replace a => ./a/\n", "replace a => ./a\n"),
    ("// inside quotes is text", "replace a => \"./api//v3\"\n", "replace a => ./api\n"),
  ]

  @Test(arguments: equal) func sameDigest(_ pair: (String, String, String)) throws {
    let (label, a, b) = pair
    #expect(try GoFiles.digest(a) == GoFiles.digest(b), "\(label)")
    #expect(try GoFiles.normalize(a) == GoFiles.normalize(b), "\(label)")
  }

  @Test(arguments: different) func differentDigest(_ pair: (String, String, String)) throws {
    let (label, a, b) = pair
    #expect(try GoFiles.digest(a) != GoFiles.digest(b), "\(label)")
  }

  @Test func canonicalTextOfTheBase() throws {
    #expect(try GoFiles.normalize(Self.base) == """
      module deptag.invalid/placeholder
      go 1.22
      require github.com/a/b v1.2.3
      require golang.org/x/net v0.20.0
      exclude github.com/old/x v1.0.0
      replace github.com/a/b => github.com/fork/b v1.2.4

      """)
  }

  @Test func sortedBytewiseWithValuesQuotedWhereTheyMustBe() throws {
    let text = """
      require (
      \tgolang.org/x/net v0.2.0
      \tgithub.com/Z/z v1.0.0
      \tgithub.com/a/a v1.0.0
      \tgithub.com/a/a v0.9.0
      )
      replace x => "./my dir"
      replace x v1.0.0 => y v1.0.0
      """
    #expect(try GoFiles.normalize(text) == """
      module deptag.invalid/placeholder
      require github.com/Z/z v1.0.0
      require github.com/a/a v0.9.0
      require github.com/a/a v1.0.0
      require golang.org/x/net v0.2.0
      replace x => "./my dir"
      replace x v1.0.0 => y v1.0.0

      """)
  }

  @Test func entriesAndSettings() throws {
    let manifest = try GoFiles.load(Self.base).manifests[0]
    #expect(manifest.kind == .gomod)
    #expect(manifest.settings == [Entry(key: "go", text: "go 1.22")])
    #expect(manifest.entries.map(\.key) == ["github.com/a/b", "golang.org/x/net", "exclude github.com/old/x@v1.0.0", "replace github.com/a/b"])
  }

  /// The canonical text reads back as itself (it is a valid go.mod with the same meaning).
  @Test(arguments: equal.map(\.1) + different.flatMap { [$0.1, $0.2] }) func normalizeIsIdempotent(_ text: String) throws {
    let once = try GoFiles.normalize(text)
    #expect(try GoFiles.normalize(once) == once)
    #expect(try GoFiles.digest(once) == GoFiles.digest(text))
  }

  @Test func warnings() throws {
    let nonCanonical = try GoFiles.warnings("require a v0.5\nrequire b v1.0.0+meta\nrequire c v1.0.0\n")
    #expect(nonCanonical.map { "\($0.location!.line):\($0.location!.column)" } == ["1:11", "2:11"])
    #expect(nonCanonical[0].message.contains("'v0.5' is not canonical"))
    let directory = try GoFiles.warnings("replace a => ../a\nreplace b v1.0.0 => /abs/b\nreplace c => d v1.0.0\n")
    #expect(directory.count == 2)
    #expect(directory[0].message.contains("'../a'") && directory[0].message.contains("--with"))
    #expect(directory[1].location.map { "\($0.line):\($0.column)" } == "2:21")
    #expect(try GoFiles.warnings(Self.base).isEmpty)
  }
}
