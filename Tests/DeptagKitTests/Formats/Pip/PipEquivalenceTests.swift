import Testing

@testable import DeptagKit

/// Pairs of requirements files pip reads identically must give one digest; pairs pip reads
/// differently must not (pip-requirements.md §6.1 and §6.2).
@Suite struct PipEquivalenceTests {
  struct Pair: CustomTestStringConvertible, Sendable {
    var a: String
    var b: String
    var why: String
    var testDescription: String { why }
  }

  static let equal: [Pair] = [
    Pair(a: "Django==3.2\n", b: "django == 3.2\n", why: "name case and operator spacing"),
    Pair(a: "zope.interface\n", b: "Zope_Interface\n", why: "PEP 503 name normalization"),
    Pair(a: "a\nb\n", b: "b\na\n", why: "requirement order"),
    Pair(a: "a\n", b: "# comment\n\na  # trailing\n", why: "comments and blank lines"),
    Pair(a: "a\nb\n", b: "a\r\nb", why: "CRLF and a missing final newline"),
    Pair(a: "a\n", b: "a\na\n", why: "exact duplicates"),
    Pair(a: "foo==1.0\n", b: "FOO==1.0.0\n", why: "==1.0 is ==1.0.0"),
    Pair(a: "foo==1.0.post1\n", b: "foo==1.0-post1\n", why: "post-release spelling"),
    Pair(a: "foo==1.2\n", b: "foo==v01.2\n", why: "leading v and zeros"),
    Pair(a: "foo==1.0a0\n", b: "foo==1.0a\n", why: "implicit pre-release number"),
    Pair(a: "foo>=1.0,<2\n", b: "foo<2, >=1.0\n", why: "specifier clause order and spaces"),
    Pair(a: "foo<2\n", b: "foo<2.0.0\n", why: "zero padding under <"),
    Pair(a: "foo~=01.0\n", b: "foo~=1.0\n", why: "~= spelling (not its zeros)"),
    Pair(a: "foo[B,a]\n", b: "foo[a, b, A]\n", why: "extras are a normalized set"),
    Pair(a: "foo[]\n", b: "foo\n", why: "empty extras"),
    Pair(a: "foo; python_version<'3.8'\n", b: "foo ; python_version < \"3.8\"\n", why: "marker quotes and spaces"),
    Pair(a: "foo; (python_version < \"3.8\")\n", b: "foo; python_version < \"3.8\"\n", why: "parentheses around one comparison"),
    Pair(a: "foo @ https://h/x.whl\n", b: "foo@https://h/x.whl\n", why: "direct reference spacing"),
    Pair(a: "requests>=2.0,\\\n<3\n", b: "requests>=2.0,<3\n", why: "continuation joins with nothing inserted"),
    Pair(a: "foo --hash=sha256:ABCDEF\n", b: "foo --hash sha256:abcdef\n", why: "hash spelling and case"),
    Pair(a: "foo --hash=sha256:a --hash=sha256:b\n", b: "foo --hash=sha256:b --hash=sha256:a --hash=sha256:a\n", why: "hashes are a set"),
    Pair(a: "-i https://x/simple\na\n", b: "a\n--index-url https://x/simple\n", why: "option lines move freely around requirements"),
    Pair(a: "-i https://x/simple\n", b: "--index-url=\"https://x/simple\"\n", why: "option spellings and shell quotes"),
    Pair(a: "--extra-index-url https://x\n", b: "--extra-index https://x\n", why: "optparse prefix abbreviation"),
    Pair(a: "-r other.txt\n", b: "-r ./other.txt\n", why: "include paths are lexical"),
    Pair(a: "-r other.txt\n", b: "b\n", why: "an include is inlined"),
    Pair(a: "--trusted-host a\n--trusted-host b\n", b: "--trusted-host b\n--trusted-host a\n--trusted-host a\n", why: "trusted hosts are a set"),
    Pair(a: "--no-binary a,b\n", b: "--no-binary b\n--no-binary a\n", why: "binary name lists split on commas"),
    Pair(a: "--no-binary :all:\n--no-binary :all:\n", b: "--no-binary :all:\n", why: "repeated :all:"),
    Pair(a: "--only-binary x\n--no-binary x\n", b: "--no-binary x\n", why: "the later binary option wins for a name"),
    Pair(a: "pkg-resources==0.0.0\n", b: "pkg_resources==0.0.0\n", why: "pkg-resources is kept as a real requirement"),
    Pair(a: "foo===1.0-Post1\n", b: "foo===1.0-post1\n", why: "=== folds ASCII case only"),
    Pair(a: "foo -C a=1 -C b=2\n", b: "foo --config-settings b=2 --config-settings=a=1\n", why: "config settings sorted by key"),
    Pair(a: "\u{FEFF}a\n", b: "a\n", why: "UTF-8 BOM"),
    Pair(a: "a\n", b: "a\n#\\\n", why: "a comment line never continues"),
    Pair(a: "--pre\na\n", b: "a\n--pre\n--pre\n", why: "flags are position-free and idempotent"),
    Pair(a: "foo  # note\nbar\n", b: "bar\nfoo\n", why: "inline comment without a backslash"),
    Pair(a: "-e git+https://h/r.git#egg=x\n", b: "--editable=git+https://h/r.git#egg=x\n", why: "editable spellings"),
  ]

  static let different: [Pair] = [
    Pair(a: "foo~=1.1\n", b: "foo~=1.1.0\n", why: "~= upper bound depends on the zeros"),
    Pair(a: "foo==2.6.*\n", b: "foo==2.6.0.*\n", why: "prefix matches compare the given segments"),
    Pair(a: "foo==1.*\n", b: "foo==1.0.*\n", why: "prefix match padding"),
    Pair(a: "foo===1.0\n", b: "foo===1.0.0\n", why: "=== is a string match"),
    Pair(a: "foo==1.0\n", b: "foo===1.0\n", why: "== versus ==="),
    Pair(a: "torch==2.1.0+cpu\n", b: "torch==2.1.0\n", why: "a local label narrows the match"),
    Pair(a: "zope.interface\n", b: "zopeinterface\n", why: "normalization never deletes separators"),
    Pair(a: "foo; os_name == \"a\" and sys_platform == \"b\" or platform_machine == \"c\"\n", b: "foo; os_name == \"a\" and (sys_platform == \"b\" or platform_machine == \"c\")\n", why: "and binds tighter than or"),
    Pair(a: "foo; python_version >= \"3.8.1\"\n", b: "foo; python_full_version >= \"3.8.1\"\n", why: "different marker variables"),
    Pair(a: "foo; implementation_name == \"cpython\"\n", b: "foo; implementation_name == \"CPython\"\n", why: "marker strings are case-sensitive"),
    Pair(a: "foo; platform_release == \"a b\"\n", b: "foo; platform_release == \"a  b\"\n", why: "whitespace inside marker strings"),
    Pair(a: "foo @ https://h/x.whl#sha256=abc\n", b: "foo @ https://h/x.whl #sha256=abc\n", why: "a space turns a fragment into a comment"),
    Pair(a: "https://h/p.tgz; python_version<\"3\"\n", b: "https://h/p.tgz;python_version<\"3\"\n", why: "bare URLs split markers only at '; '"),
    Pair(a: "git+https://h/r.git#egg=requests\n", b: "git+https://h/r.git#egg=requests-oauthlib\n", why: "egg names a project"),
    Pair(a: "x @ git+https://h/r.git@Release-1.0\n", b: "x @ git+https://h/r.git@release-1.0\n", why: "URLs are opaque"),
    Pair(a: "x @ https://h/r.tgz#egg=x&subdirectory=setup\n", b: "x @ https://h/r.tgz#egg=x&subdirectory=src\n", why: "fragment values are opaque"),
    Pair(a: "flask==2.3.3 \\\n  --hash=sha256:aa\n", b: "flask==2.3.3\n  --hash=sha256:aa\n", why: "a hash on its own line is ignored"),
    Pair(a: "foo==1.0 --hash=sha256:aa\n", b: "--hash=sha256:aa foo==1.0\n", why: "a line starting with an option drops the requirement"),
    Pair(a: "foo==1.0  # note\nbar==2.0\n", b: "foo==1.0  # note \\\nbar==2.0\n", why: "a comment ending in a backslash swallows the next line"),
    Pair(a: "--index-url https://a\n--extra-index-url https://b\n", b: "--extra-index-url https://b\n--index-url https://a\n", why: "--index-url resets earlier extra indexes"),
    Pair(a: "--no-binary :all:\n--only-binary numpy\n", b: "--only-binary numpy\n--no-binary :all:\n", why: ":all: clears earlier exceptions"),
    Pair(a: "--index-url https://x\n", b: "--extra-index-url https://x\n", why: "replacing versus adding an index"),
    Pair(a: "--index-url https://${TOKEN}@h/simple\n", b: "--index-url https://$TOKEN@h/simple\n", why: "only ${UPPER} expands"),
    Pair(a: "--index-url https://${TOKEN}@h/simple\n", b: "--index-url https://${token}@h/simple\n", why: "lower-case variables do not expand"),
    Pair(a: "-c other.txt\n", b: "-r other.txt\n", why: "constraints install nothing"),
    Pair(a: "pkg-resources==0.0.0\nfoo\n", b: "foo\n", why: "deleting pkg-resources is a change"),
    Pair(a: "-e git+https://h/r.git#egg=x\n", b: "git+https://h/r.git#egg=x\n", why: "editable versus regular"),
    Pair(a: "foo --hash=sha256:a\nfoo --hash=sha256:b\n", b: "foo --hash=sha256:b\nfoo --hash=sha256:a\n", why: "the first line's hashes are checked"),
    Pair(a: "foo==1.0\nfoo==1.0 --hash=sha256:a\n", b: "foo==1.0 --hash=sha256:a\nfoo==1.0\n", why: "hash-less first line fails hash checking"),
    Pair(a: "a\n", b: "a\nb\n", why: "an added requirement"),
    Pair(a: "a[x]\n", b: "a\n", why: "an extra"),
    Pair(a: "a\n", b: "a\n--pre\n", why: "--pre"),
    Pair(a: "a\n", b: "a\n--require-hashes\n", why: "--require-hashes"),
    Pair(a: "foo -C a=1 -C a=2\n", b: "foo -C a=2 -C a=1\n", why: "repeated config values keep their order"),
    Pair(a: "-r other.txt\n", b: "-r other2.txt\n", why: "an included file's contents count"),
    Pair(a: "foo --pre\n", b: "foo\n--pre\n", why: "global options on a requirement line are ignored"),
  ]

  static let includes = ["other.txt": "b\n", "other2.txt": "c\n"]

  @Test(arguments: equal) func equalMeaningEqualDigest(_ pair: Pair) throws {
    #expect(try Pip.normalize(pair.a, files: Self.includes) == Pip.normalize(pair.b, files: Self.includes))
    #expect(try Pip.digest(pair.a, files: Self.includes) == Pip.digest(pair.b, files: Self.includes))
  }

  @Test(arguments: different) func differentMeaningDifferentDigest(_ pair: Pair) throws {
    #expect(try Pip.digest(pair.a, files: Self.includes) != Pip.digest(pair.b, files: Self.includes))
  }

  /// Principle 2: the canonical text is itself a requirements file with the same digest.
  @Test(arguments: equal.map(\.a) + different.flatMap { [$0.a, $0.b] })
  func normalizingIsIdempotent(_ text: String) throws {
    let once = try Pip.normalize(text, files: Self.includes)
    #expect(try Pip.normalize(once, files: Self.includes) == once)
    #expect(try Pip.digest(once, files: Self.includes) == Pip.digest(text, files: Self.includes))
  }
}
