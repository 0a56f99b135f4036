import Testing

@testable import DeptagKit

/// `PomModelReader`'s byte-level trim and blank check (issue #8) decide exactly as the
/// Character-based definitions they replace: Maven trims values (reference 2.4), and a
/// grapheme cluster such as CR LF or a space carrying a combining mark is not a space.
@Suite struct PomModelTests {
  static let samples: [String] = [
    "", " ", "x", " x ", "\t\n x y \r\n", "\r\n", "  \r\n", "\r\n  ", " \r\nx\r\n ", "\r x \r", "\n\r",
    "x\r", "\rx", " \u{301}x", "x \u{301}", " \u{301} ", "\u{A0}x\u{A0}", " Zürich ", "東京", " \u{2003}x\u{2003} ",
    "\r\n\u{301}", "a\r\n", "\r\na",
  ]

  @Test(arguments: samples) func trimAgreesWithCharacterTrim(_ text: String) {
    #expect(PomModelReader.trim(text) == PomModelReader.trimByCharacter(text))
    #expect(Array(PomModelReader.trim(text).utf8) == Array(PomModelReader.trimByCharacter(text).utf8))
    // The byte-slice form the model reader uses, at a slice not starting at 0.
    let bytes = Array(("<>" + text).utf8)[2...]
    #expect(Array(PomModelReader.trim(bytes).utf8) == Array(PomModelReader.trimByCharacter(text).utf8))
    #expect(PomModelReader.isBlank(bytes) == text.allSatisfy(\.isWhitespace))
  }

  /// `plain` (issue #8: no interpolation needed) only for texts without `$`, at every position
  /// of the eight-byte words it is looked for in.
  @Test func plainTextsHoldNoDollar() {
    for length in 0..<40 {
      let base = String(repeating: "a", count: length)
      #expect(PomModelReader.trimmed(Array(base.utf8)[...]).plain)
      for position in 0..<length {
        for mark in ["$", "${x}", "é$"] {
          var text = Array(base.utf8)
          text.replaceSubrange(position..<(position + 1), with: Array(mark.utf8))
          let (value, plain) = PomModelReader.trimmed(text[...])
          #expect(!plain, "\(String(decoding: text, as: UTF8.self))")
          #expect(value == PomModelReader.trimByCharacter(String(decoding: text, as: UTF8.self)))
        }
      }
    }
    #expect(PomModelReader.trimmed(Array(" é x ".utf8)[...]).value == "é x")
  }

  /// A dependency field's slot is found for exactly the dependency field names.
  @Test func dependencySlotsMatchTheFieldNames() throws {
    let names = PomModelReader.dependencyFields + ["groupid", "versio", "versions", "artifactid", "exclusion", "scopes", "typ", "optionaL", "g", "Kelvin"]
    let xml = "<r>" + names.map { "<\($0)/>" }.joined() + "</r>"
    let document = try XMLReader.parse(SourceFile(path: "x", bytes: Array(xml.utf8)))
    for (child, name) in zip(document.children(document.rootIndex), names) {
      #expect(DependencySlots.slot(of: child, in: document).map { "\(DependencySlots.names[$0])" } == (PomModelReader.dependencyFields.contains(name) ? name : nil))
    }
  }

  /// Names are compared as bytes: a Kelvin sign is not `K`, and no POM schema name holds a `K`.
  @Test func schemaNamesHaveNoCapitalK() {
    let names = PomModelReader.projectFields + PomModelReader.profileFields + PomModelReader.buildFields
      + PomModelReader.dependencyFields + PomModelReader.pluginFields
    #expect(names.allSatisfy { !$0.contains("K") && $0.allSatisfy(\.isASCII) })
  }

  @Test func trimDropsOnlySpaceCharacters() {
    #expect(PomModelReader.trim(" \t\n1.0\r ") == "1.0")
    #expect(PomModelReader.trim(" \t\n\r ") == "")
    // CR LF is one Character, not a space; a space with a combining mark is not a space either.
    #expect(PomModelReader.trim("  \r\n2\r\n ") == "\r\n2\r\n")
    #expect(PomModelReader.trim(" \u{301}2 ") == " \u{301}2")
    #expect(PomModelReader.trim("\u{A0}2") == "\u{A0}2")
  }

  @Test(arguments: samples + ["\u{85}", "\u{2003}\n", " \u{301}"])
  func blankAgreesWithIsWhitespace(_ text: String) {
    #expect(PomModelReader.isBlank(text) == text.allSatisfy(\.isWhitespace))
  }

  @Test func blankIsWhitespaceOnly() {
    #expect(PomModelReader.isBlank("\n  \t\r\n"))
    #expect(PomModelReader.isBlank(""))
    #expect(PomModelReader.isBlank("\u{2003}"))
    #expect(!PomModelReader.isBlank("\n x\n"))
    #expect(PomModelReader.isBlank(" \u{301}"))  // (a space with a mark is whitespace, as before)
    #expect(!PomModelReader.isBlank("\u{301}"))
  }

  /// A CR LF kept by CDATA at the edge of a value survives the trim, as before.
  @Test func cdataLineBreaksAtTheEdgeOfAValueAreKept() throws {
    let text = try Maven.normalize(
      Maven.pom("<dependencies>" + Maven.dependency("g", "a", "<![CDATA[\r\n2\r\n]]>") + Maven.dependency("g", "b", " 3 ") + "</dependencies>"))
    #expect(text.contains("<version>\r\n2\r\n</version>"))
    #expect(text.contains("<version>3</version>"))
  }

  /// Field lookup: the children are found by name in any order; unknown and repeated names
  /// are errors at the offending child.
  @Test func fieldsAreFoundInAnyOrderAndCheckedStrictly() throws {
    let reordered = try Maven.normalize(
      Maven.pom("<dependencies><dependency><version>1</version><artifactId>a</artifactId><groupId>g</groupId></dependency></dependencies>"))
    #expect(reordered == (try Maven.normalize(Maven.pom("<dependencies>" + Maven.dependency("g", "a", "1") + "</dependencies>"))))
    let repeated = Maven.error(Maven.pom("<dependencies><dependency><version>1</version><artifactId>a</artifactId><version>2</version></dependency></dependencies>"))
    #expect(repeated.map { "\($0)" } == "pom.xml:6:73: error: duplicated tag <version> in <dependency> (Maven rejects it too)")
    let unknown = Maven.error(Maven.pom("<dependencies><dependency><groupId>g</groupId><vers>2</vers></dependency></dependencies>"))
    #expect(unknown.map { "\($0)" } == "pom.xml:6:47: error: unrecognised tag <vers> in <dependency> (Maven rejects it too)")
  }
}

/// Inputs that used to take quadratic time (issue #8: time linear in input).
@Suite struct MavenLinearTimeTests {
  /// Exclusions are a set sorted by `groupId:artifactId`; repeats are found by hashing.
  @Test func exclusionsAreASortedSetEvenWhenThousands() throws {
    let small = "<exclusions><exclusion><groupId>z</groupId><artifactId>b</artifactId></exclusion>"
      + "<exclusion><groupId>a</groupId><artifactId>c</artifactId></exclusion>"
      + "<exclusion><groupId>z</groupId><artifactId>b</artifactId></exclusion><exclusion><artifactId>x</artifactId></exclusion></exclusions>"
    let text = try Maven.normalize(Maven.pom("<dependencies>" + Maven.dependency("g", "a", "1", extra: small) + "</dependencies>"))
    let order = ["<artifactId>x</artifactId>", "<groupId>a</groupId>", "<groupId>z</groupId>"].map { text.range(of: $0)?.lowerBound }
    #expect(order.allSatisfy { $0 != nil } && order == order.sorted { $0! < $1! })
    #expect(text.components(separatedBy: "<exclusion>").count - 1 == 3)

    let many = (0..<20_000).map { "<exclusion><groupId>x\($0 % 10_000)</groupId><artifactId>y</artifactId></exclusion>" }.joined()
    let big = try Maven.normalize(Maven.pom("<dependencies>" + Maven.dependency("g", "a", "1", extra: "<exclusions>\(many)</exclusions>") + "</dependencies>"))
    #expect(big.components(separatedBy: "<exclusion>").count - 1 == 10_000)
  }

  /// A `${` that no `}` follows is literal, and the rest of the value with it.
  @Test func unclosedReferencesAreLiteralAndLinear() throws {
    let text = try Maven.normalize(Maven.pom("<properties><a>1</a></properties><dependencies>" + Maven.dependency("g", "a", "${a}-${a-${b") + "</dependencies>"))
    #expect(text.contains("<version>1-${a-${b</version>"))
    let long = String(repeating: "${", count: 20_000)
    #expect(try Maven.normalize(Maven.pom("<dependencies>" + Maven.dependency("g", "a", long) + "</dependencies>")).contains("<version>\(long)</version>"))
    let tooLong = String(repeating: "${", count: 40_000)
    let error = Maven.error(Maven.pom("<dependencies>" + Maven.dependency("g", "a", tooLong) + "</dependencies>"))
    #expect(error.map { "\($0)" }?.hasSuffix("error: interpolated value longer than 65536 bytes (properties expanding each other)") == true)
  }
}
