import Foundation
import Testing

@testable import DeptagKit

/// Inputs the fuzz harnesses (`Fuzz/`, `scripts/fuzz`) found, kept as regression tests. Each file
/// under `Regressions/KIND/` is read as that kind, the way `deptag digest` reads it; it must not
/// crash, and when deptag accepts it, its canonical text must read back to itself (PRODUCT.md
/// principle 2, the harnesses' `--idempotence` check). The tests below pin what each fix does
/// and that the neighbouring inputs keep their meaning.
@Suite struct FuzzRegressionTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Regressions")

  /// Inputs whose canonical text does not read back yet: not fixed, recorded as known issues
  /// (none since deptag-canonical-v3).
  static let knownIssues: Set<String> = []

  /// `KIND/FILE` for every kept input.
  static let inputs: [String] = {
    let manager = FileManager.default
    var found: [String] = []
    for kind in (try? manager.contentsOfDirectory(atPath: folder.path)) ?? [] {
      let files = (try? manager.contentsOfDirectory(atPath: folder.appendingPathComponent(kind).path)) ?? []
      found += files.map { "\(kind)/\($0)" }
    }
    return found.sorted()
  }()

  @Test func everyKindFolderNamesAKind() {
    #expect(!Self.inputs.isEmpty)
    for input in Self.inputs {
      #expect(ManifestKind(rawValue: String(input.prefix { $0 != "/" })) != nil, "\(input)")
    }
  }

  @Test(arguments: inputs) func keptInputReadsBackToItself(_ input: String) throws {
    let kind = try #require(ManifestKind(rawValue: String(input.prefix { $0 != "/" })))
    let bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent(input)))
    let check = {
      guard let first = try Self.canonicalText(bytes, kind) else { return }  // rejected: fine
      #expect(try Self.canonicalText(Array(first.utf8), kind) == first, "\(input)")
      // `digest` and `normalize` load only the canonical text (`ManifestDetail`): the same text.
      #expect(try Self.canonicalText(bytes, kind, detail: .canonicalText) == first, "\(input)")
    }
    if Self.knownIssues.contains(input) {
      withKnownIssue { try check() }
    } else {
      try check()
    }
  }

  // pip: a name or extra ending in `_` (packaging's `\b`-bounded IDENTIFIER accepts it) was
  // written with its normalized trailing `-`, which ends the token on reading back.
  @Test func nameOrExtraEndingInUnderscoreIsWrittenWithUnderscore() throws {
    #expect(try Pip.normalize("foo_\n") == "foo_\n")
    #expect(try Pip.normalize("Foo._\n") == "foo_\n")
    #expect(try Pip.normalize("foo[Bar_]==1\n") == "foo[bar_]==1\n")
    #expect(try Pip.digest("foo_\n") == Pip.digest("FOO__\n"))
    #expect(try Pip.digest("foo_\n") != Pip.digest("foo\n"))
    // Unchanged: ordinary names, and a trailing `-` or `.` is still an error.
    #expect(try Pip.normalize("Foo_Bar\n") == "foo-bar\n")
    #expect(Pip.error("foo-\n")?.position == "1:4")
    #expect(Pip.error("foo.\n")?.position == "1:4")
  }

  // pip: `name@#x` (no blank before `#`) was written `name @ #x`, where pip strips `#x` as a comment.
  @Test func urlStartingWithHashIsWrittenWithoutBlanks() throws {
    #expect(try Pip.normalize("foo@#x\n") == "foo@#x\n")
    #expect(try Pip.normalize("foo@#x ; os_name == 'nt'\n") == "foo@#x ; os_name == \"nt\"\n")
    // Unchanged: other URLs keep packaging's spaced form, and a blank before `#` is a comment.
    #expect(try Pip.normalize("foo@https://h/f.whl\n") == "foo @ https://h/f.whl\n")
    #expect(Pip.error("foo @ #x\n") != nil)
  }

  // pip (fixed in deptag-canonical-v3): `e@-k` was written `e @ -k`, where pip reads `-k` as an
  // option (`break_args_options`).
  @Test func urlStartingWithDashIsWrittenWithoutBlanks() throws {
    #expect(try Pip.normalize("e@-k\n") == "e@-k\n")
    #expect(try Pip.normalize("E@-k ; os_name == 'nt'\n") == "e@-k ; os_name == \"nt\"\n")
    #expect(Pip.error("e @ -k\n")?.position == "1:5")  // the spaced form: an unknown option
    #expect(try Pip.digest("e@-k\n") != Pip.digest("e@k\n"))
    // Unchanged: a URL starting with anything else keeps packaging's spaced form.
    #expect(try Pip.normalize("e@k-\n") == "e @ k-\n")
  }

  // pip (fixed in deptag-canonical-v3): a line ending in `\` (here a local path) joined the next
  // line on reading back; it is now written with one blank after the `\`, which pip strips.
  @Test func lineEndingInBackslashIsWrittenWithATrailingBlank() throws {
    #expect(try Pip.normalize("./a\\ \nb\n") == "./a\\ \nb\n")
    #expect(try Pip.normalize("https://h/x\\ \n") == "https://h/x\\ \n")
    #expect(try Pip.digest("./a\\ \nb\n") != Pip.digest("./a\\\nb\n"))
    // Unchanged: a backslash inside a line, and a line ending in anything else.
    #expect(try Pip.normalize("./a\\b\n") == "./a\\b\n")
  }

  // Maven (fixed in deptag-canonical-v3): `&amp;&#x301;` was written as a raw `&` (escaping went
  // by Character, and `&` + U+0301 is one Character), so the canonical POM was not XML.
  @Test func ampersandBeforeCombiningMarkIsEscaped() throws {
    let bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent("maven/escape-before-combining-mark.xml")))
    let text = try #require(try Self.canonicalText(bytes, .maven))
    #expect(text.contains("<version>1&amp;\u{301}2</version>"))
  }

  // pip (fixed in deptag-canonical-v3): `--no-binary a,-x` was written `--no-binary -x,a`, a value
  // pip refuses ("requires 1 argument"); an empty name first keeps it apart. Names no project can
  // have ("", ":NONE:" normalized to ":none:") are dropped: they change nothing, and written back
  // they would (":none:" clears the set).
  @Test func binaryListStartingWithDashIsWrittenAfterAnEmptyName() throws {
    #expect(try Pip.normalize("--no-binary a,-x\n") == "--no-binary ,-x,a\n")
    #expect(try Pip.normalize("--only-final b,-x\n") == "--only-final ,-x,b\n")
    #expect(try Pip.normalize("--no-binary ,a\n") == "--no-binary a\n")
    #expect(try Pip.normalize("--no-binary :NONE:,a\n") == "--no-binary a\n")
    #expect(try Pip.digest("--no-binary a,-x\n") != Pip.digest("--no-binary a\n"))
    #expect(Pip.error("--no-binary -x,a\n") != nil)
  }

  // Maven (fixed in deptag-canonical-v3): `${project.version}` in a POM without a version stayed
  // literal, and read back from the canonical POM (which declares the placeholder version 0) it
  // became `0`. Absent coordinates now read as the placeholders, absent packaging as `jar`.
  @Test func referencesToAbsentCoordinatesReadAsWhatTheCanonicalPOMWrites() throws {
    let bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent("maven/reference-to-absent-coordinates.xml")))
    let text = try #require(try Self.canonicalText(bytes, .maven))
    #expect(text.contains("<module>m-0-deptag.placeholder-project-jar</module>"))
    // Unchanged: present coordinates are what references read.
    let own = "<project><modelVersion>4.0.0</modelVersion><groupId>g</groupId><artifactId>a</artifactId><version>1.2</version><packaging>pom</packaging><modules><module>m-${project.version}-${project.groupId}-${packaging}</module></modules></project>"
    #expect(try Self.canonicalText(Array(own.utf8), .maven)?.contains("<module>m-1.2-g-pom</module>") == true)
  }

  // pip (fixed in deptag-canonical-v3): the path `a/[x]/` was written `a/[x]`, which pip reads as
  // the path `a/` with the extra `x` (`_strip_extras`); it keeps its final `/` now.
  @Test func pathEndingInBracketsKeepsItsSlash() throws {
    #expect(try Pip.normalize("./a//[x]//\n") == "a/[x]/\n")
    #expect(try Pip.normalize("./a/[x]/[y]\n") == "a/[x]/[y]\n")  // the folder `a/[x]`, extra `y`
    #expect(try Pip.digest("./a/[x]/\n") != Pip.digest("./a/[x]\n"))
    // Unchanged: a path with extras, and brackets that are no extras.
    #expect(try Pip.normalize("./a[x]\n") == "./a[x]\n")
    #expect(try Pip.normalize("./a/[]\n") == "a/[]\n")
    // The same for an editable path that is all brackets (it is written `./[x]`).
    #expect(try Pip.normalize("-e [x]/\n") == "-e ./[x]/\n")
  }

  // Maven (fixed in deptag-canonical-v3): `x/pom.xml/pom.xml` (the module folder `x/pom.xml`) was
  // written `x/pom.xml`, which reads back as the folder `x`; `pom.xml/pom.xml` became `.`, and
  // `/pom.xml` an empty module (read back as `.`).
  @Test func moduleFolderNamedPomXMLKeepsItsFile() throws {
    let bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent("maven/module-folder-named-pom-xml.xml")))
    let text = try #require(try Self.canonicalText(bytes, .maven))
    #expect(text.contains("<module>/</module>\n    <module>pom.xml/pom.xml</module>\n    <module>x/pom.xml/pom.xml</module>\n    <module>y</module>"))
    // Folders ending or starting in blanks, which reading a value trims.
    let blanks = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent("maven/module-folder-with-blanks.xml")))
    let written = try #require(try Self.canonicalText(blanks, .maven))
    #expect(written.contains("<module>./ \tz</module>\n    <module>x/y\n\n/pom.xml</module>"))
  }

  // pip: `./--x/y` was normalized to `--x/y`, which reads back as an option.
  @Test func localPathStartingWithDashOrHashKeepsItsDotSlash() throws {
    #expect(try Pip.normalize("./--extra-index-url/+0\n") == "./--extra-index-url/+0\n")
    #expect(try Pip.normalize("./#x/y\n") == "./#x/y\n")
    // Unchanged: other relative paths are written without `./`.
    #expect(try Pip.normalize("./a/b\n") == "a/b\n")
  }

  /// The canonical text of the first manifest `bytes` gives as a file of `kind`, nil when rejected.
  static func canonicalText(_ bytes: [UInt8], _ kind: ManifestKind, detail: ManifestDetail = .full) throws -> String? {
    let name = Self.fileName(kind)
    let loader = ManifestLoader(reader: MemoryReader(bytes: [name: bytes]), detail: detail)
    do {
      return try loader.load(paths: [name], type: kind).manifests.first?.canonicalText
    } catch {
      return nil
    }
  }

  static func fileName(_ kind: ManifestKind) -> String {
    switch kind {
    case .pip, .pipConstraints: "requirements.txt"
    case .gomod: "go.mod"
    case .gosum: "go.sum"
    case .gowork: "go.work"
    case .maven: "pom.xml"
    case .npm: "package.json"
    case .npmLock: "package-lock.json"
    }
  }
}
