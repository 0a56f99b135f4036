import Foundation
import Testing

@testable import DeptagKit

/// go.sum as cmd/go's `readGoSum` reads it, and go.work (go-modules.md §6, §7.2, §10).
@Suite struct GoSumTests {
  static let a = "golang.org/x/text v0.3.0 h1:g61tztE5qeGQ89tm6NTjjM9VPIm088od1l6aSorWRWg=\n"
  static let aMod = "golang.org/x/text v0.3.0/go.mod h1:NqM8EUOU14njkJ3fqMW+pc6Ldnwhi/IjpwHt7yyuwOQ=\n"
  static let b = "github.com/pkg/errors v0.9.1 h1:FEBLx1zS214owpjy7qsBeixbURkuhQAwrK5UwLGTwt4=\n"
  static let b10 = "github.com/pkg/errors v0.10.0 h1:FEBLx1zS214owpjy7qsBeixbURkuhQAwrK5UwLGTwt4=\n"
  static let legacy = "github.com/old/x v1.0.0/go.mod h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=\n"

  static let equal: [(String, String, String)] = [
    ("shuffled", a + aMod + b, b + aMod + a),
    ("semver-sorted vs byte-sorted", b + b10, b10 + b),
    ("duplicated lines", a + a + b, a + b),
    ("blank lines", "\n" + a + "\n\n  \t\n" + b, a + b),
    ("CRLF", a.replacingOccurrences(of: "\n", with: "\r\n") + b, a + b),
    ("field spacing", a.replacingOccurrences(of: " ", with: " \t  "), a),
    ("no final newline", a + String(b.dropLast()), a + b),
    ("legacy empty-go.mod hash dropped", a + legacy, a),
  ]

  static let different: [(String, String, String)] = [
    ("hash changed", a, a.replacingOccurrences(of: "h1:g61", with: "h1:g62")),
    ("/go.mod line removed", a + aMod, a),
    ("zip line removed", a + aMod, aMod),
    ("version edited, hash kept", a, a.replacingOccurrences(of: "v0.3.0", with: "v0.3.1")),
    ("path case", b, b.replacingOccurrences(of: "pkg", with: "Pkg")),
  ]

  @Test(arguments: equal) func sameDigest(_ pair: (String, String, String)) throws {
    #expect(try GoFiles.digest(pair.1, .gosum) == GoFiles.digest(pair.2, .gosum), "\(pair.0)")
  }

  @Test(arguments: different) func differentDigest(_ pair: (String, String, String)) throws {
    #expect(try GoFiles.digest(pair.1, .gosum) != GoFiles.digest(pair.2, .gosum), "\(pair.0)")
  }

  @Test func canonicalTextAndEntries() throws {
    let manifest = try GoFiles.load(Self.a + Self.b10 + Self.aMod + Self.b + Self.legacy + Self.a, .gosum).manifests[0]
    #expect(manifest.canonicalText == Self.b10 + Self.b + Self.a + Self.aMod)
    #expect(manifest.entries.map(\.key) == [
      "github.com/pkg/errors@v0.10.0", "github.com/pkg/errors@v0.9.1", "golang.org/x/text@v0.3.0",
      "golang.org/x/text@v0.3.0/go.mod",
    ])
    #expect(manifest.settings.isEmpty)
    #expect(try GoFiles.normalize(manifest.canonicalText, .gosum) == manifest.canonicalText)
    #expect(try GoFiles.normalize("", .gosum) == "")
  }

  /// Single-spaced lines are read where they lie and any other spelling is rewritten: both kinds
  /// sort together and a line spelled both ways is one entry.
  @Test func respacedAndSingleSpacedLinesSortAndCollapseTogether() throws {
    let respaced = { (line: String) in "\t" + line.replacingOccurrences(of: " ", with: " \u{3000} ").dropLast() + "\r\n" }
    let text = respaced(Self.a) + Self.b + respaced(Self.b10) + Self.a + respaced(Self.aMod) + Self.b10
      + "example.com/é v1.0.0\u{A0}h1:é=\n"
    let manifest = try GoFiles.load(text, .gosum).manifests[0]
    #expect(manifest.canonicalText == "example.com/é v1.0.0 h1:é=\n" + Self.b10 + Self.b + Self.a + Self.aMod)
    #expect(manifest.entries.map(\.key) == [
      "example.com/é@v1.0.0", "github.com/pkg/errors@v0.10.0", "github.com/pkg/errors@v0.9.1",
      "golang.org/x/text@v0.3.0", "golang.org/x/text@v0.3.0/go.mod",
    ])
    #expect(manifest.entries.map { $0.text + "\n" }.joined() == manifest.canonicalText)
    // A different hash is a different line, whichever way either is spelled.
    let other = respaced(Self.a.replacingOccurrences(of: "h1:g61", with: "h1:g62"))
    #expect(try GoFiles.load(text + other, .gosum).manifests[0].entries.count == 6)
  }

  /// The sort compares 8-byte keys taken after the prefix all lines share, then the rest: it
  /// must agree with plain byte order, including lines that are prefixes of others and control
  /// bytes (part of a field, as in strings.Fields) next to the keys' zero padding (NUL itself is
  /// an error: `nulAndByteOrderMarkAreErrors`).
  @Test func sortAgreesWithByteOrder() throws {
    var rng = SeededGenerator(seed: 8)
    let pieces = ["", "a", "\u{1}", "\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}", "z", "é", "0123456789", "/go.mod"]
    for shared in ["", "github.com/org/", "x"] {
      var lines: [String] = []
      for _ in 0..<300 {
        let path = shared + (0..<Int.random(in: 0...3, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
        let version = "v" + (0..<Int.random(in: 0...2, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
        lines.append("\(path.isEmpty ? "p" : path) \(version) h1:\(Int.random(in: 0..<4, using: &rng))=")
      }
      let expected = Set(lines).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
      let manifest = try GoFiles.load(lines.map { $0 + "\n" }.joined(), .gosum).manifests[0]
      #expect(manifest.entries.map(\.text) == expected, "shared prefix \(shared.debugDescription)")
    }
  }

  @Test func wrongNumberOfFieldsIsAnErrorAtTheLine() throws {
    let cases: [(String, String)] = [
      (Self.a + "// comment\n", "2:1"),
      (Self.a + "  golang.org/x/text v0.3.0\n", "2:3"),
      (Self.a + Self.b + "x v1 h1:AAAA= extra\n", "3:1"),
      ("x\n", "1:1"),
    ]
    for (text, position) in cases {
      let error = try #require(GoFiles.error(text, .gosum), "\(text.debugDescription) was accepted")
      #expect(error.position == position, "\(error)")
      #expect(error.message.contains("wrong number of fields"))
    }
    // Unicode spaces separate fields as strings.Fields does.
    #expect(try GoFiles.digest("a\u{A0}v1 h1:x=\n", .gosum) == GoFiles.digest("a v1 h1:x=\n", .gosum))
  }

  /// NUL bytes (UTF-16/32 text, binary) and a byte-order mark are in no path, version or hash.
  @Test func nulAndByteOrderMarkAreErrors() throws {
    let nul = try #require(GoFiles.error(bytes: Array((Self.a + "x v1").utf8) + [0] + Array(" h1:x=\n".utf8), .gosum))
    #expect(nul.position == "2:5")
    #expect(nul.message.contains("NUL"))
    let bom = try #require(GoFiles.error(bytes: [0xEF, 0xBB, 0xBF] + Array(Self.a.utf8), .gosum))
    #expect(bom.position == "1:1")
    #expect(bom.message.contains("byte order mark"))
    // Elsewhere on a line too, and U+FEFF is not a space that separates fields.
    #expect(GoFiles.error(Self.a + "x v1 h1:x=\u{FEFF}\n", .gosum)?.position == "2:11")
    #expect(try GoFiles.normalize(Self.a, .gosum) == GoFiles.normalize(Self.a + "\n\n", .gosum))
  }

  /// An 80,000-line go.sum reads in linear time (well under a second even in a debug build).
  @Test func largeGoSumIsFast() throws {
    var text = ""
    text.reserveCapacity(80_000 * 90)
    for i in 0..<40_000 {
      let path = "github.com/org\(i % 997)/module\(i)"
      text += "\(path) v1.\(i % 50).\(i % 7) h1:AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/ABCDEFG=\n"
      text += "\(path) v1.\(i % 50).\(i % 7)/go.mod h1:ZyXwVuTsRqPoNmLkJiHgFeDcBa9876543210+/ABCDEFG=\n"
    }
    let start = ContinuousClock.now
    let manifest = try GoFiles.load(text, .gosum).manifests[0]
    let elapsed = ContinuousClock.now - start
    #expect(manifest.entries.count == 80_000)
    #expect(elapsed < .seconds(5), "80,000 lines took \(elapsed)")
  }
}

@Suite struct GoWorkTests {
  static let base = """
    go 1.22

    toolchain go1.22.3

    use (
    \t.
    \t./api
    )

    replace example.com/x => ./x

    """

  @Test func canonicalText() throws {
    #expect(try GoFiles.normalize(Self.base, .gowork) == """
      go 1.22
      toolchain go1.22.3
      use .
      use ./api
      replace example.com/x => ./x

      """)
    let manifest = try GoFiles.load(Self.base, .gowork).manifests[0]
    #expect(manifest.settings.map(\.key) == ["go", "toolchain"])
    #expect(manifest.entries.map(\.key) == ["use .", "use ./api", "replace example.com/x"])
  }

  @Test func equalAndDifferent() throws {
    let same = "// generated\nuse ./api\nuse \".\"\ngodebug default=go1.21\nreplace example.com/x => ./x // local\ntoolchain go1.22.3\ngo 1.22\n"
    #expect(try GoFiles.digest(same, .gowork) == GoFiles.digest(Self.base, .gowork))
    for changed in [
      Self.base.replacingOccurrences(of: "go 1.22\n", with: "go 1.22.0\n"),
      Self.base.replacingOccurrences(of: "toolchain go1.22.3\n", with: ""),
      Self.base.replacingOccurrences(of: "\t./api\n", with: "\t./api2\n"),
      Self.base.replacingOccurrences(of: "\t./api\n", with: ""),
      Self.base.replacingOccurrences(of: "=> ./x", with: "=> example.com/y v1.0.0"),
    ] {
      #expect(try GoFiles.digest(changed, .gowork) != GoFiles.digest(Self.base, .gowork), "\(changed)")
    }
  }

  @Test func useDirectoriesAndDirectoryReplacementsWarn() throws {
    let warnings = try GoFiles.warnings(Self.base, .gowork)
    #expect(warnings.count == 3)
    #expect(warnings.allSatisfy { $0.severity == .warning && $0.message.contains("--with") })
    #expect(warnings.map { $0.location!.line } == [6, 7, 10])
  }

  /// go.work is not go.mod: the same text means different things (and kinds are hashed).
  @Test func kindsAreDistinct() throws {
    let text = "go 1.22\n"
    #expect(try GoFiles.digest(text, .gowork) != GoFiles.digest(text, .gomod))
  }
}
