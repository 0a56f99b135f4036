import Testing

@testable import DeptagKit

/// `XMLReader` on bytes (issue #8): closing tags compared as bytes with String equality as the
/// fallback, text split around children, and positions from the line map.
@Suite struct XMLReaderTests {
  static func parse(_ text: String) throws -> XMLDocument {
    try XMLReader.parse(SourceFile(path: "x.xml", bytes: Array(text.utf8)))
  }

  static func failure(_ text: String) -> String? { Maven.xmlError(Array(text.utf8)).map { "\($0)" } }

  @Test func equalBytesOfEveryLength() {
    let a = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
    for count in 0...a.count {
      for differing in 0..<count {
        var b = a
        b[differing] ^= 0x20
        #expect(!XMLDocument.equalBytes(a, b, count), "count \(count), byte \(differing)")
      }
      #expect(XMLDocument.equalBytes(a, a.map { $0 }, count))
    }
  }

  @Test func shortAndLongCopies() {
    let source = (0..<80).map { UInt8($0 + 1) }
    for count in 0...70 {
      var target = [UInt8](repeating: 0, count: 80)
      source.withUnsafeBufferPointer { from in
        target.withUnsafeMutableBufferPointer { to in
          ByteWord.copy(from: from.baseAddress! + 3, to: to.baseAddress! + 5, count: count)
        }
      }
      #expect(Array(target[5..<(5 + count)]) == Array(source[3..<(3 + count)]), "count \(count)")
      #expect(target[..<5].allSatisfy { $0 == 0 } && target[(5 + count)...].allSatisfy { $0 == 0 }, "count \(count)")
    }
  }

  @Test func nameBytesByMaskAreNameBytes() {
    for byte in 0...255 {
      #expect(XMLReader.isNameByteFast(UInt8(byte)) == XMLReader.isNameByte(UInt8(byte)), "byte \(byte)")
    }
  }

  /// The line starts found while validating are the ones `LineMap` finds (issue #8).
  @Test(arguments: [
    "<a>\n<b>x</b>\r\n<c/>\r<d>\r\r\n\n</d>\n</a>\r\n", "<a>é\n\u{10000}\r</a>\r",
    "\u{FEFF}<a>\t\n" + String(repeating: "<b>12345678</b>\r\n", count: 9) + "</a>",
  ])
  func linesFromValidationAreTheLineMaps(_ text: String) throws {
    let document = try Self.parse(text)
    let map = LineMap(Array(text.utf8))
    for offset in 0...text.utf8.count {
      #expect(document.lines.location(file: "x", offset: offset) == map.location(file: "x", offset: offset))
    }
  }

  /// A repeated attribute is refused however many attributes come before it: found by a linear
  /// search up to 16, by a set past that (issue #8).
  @Test(arguments: [2, 15, 16, 17, 40])
  func repeatedAttributeAmongMany(_ count: Int) throws {
    let distinct = (0..<count).map { "a\($0)=\"\($0)\"" }.joined(separator: " ")
    let document = try Self.parse("<a \(distinct) b=\"x\"/>")
    #expect(document.attributes(document.rootIndex).count == count + 1)
    for repeated in [0, count / 2, count - 1] {
      let text = "<a \(distinct) a\(repeated)=\"x\"/>"
      let column = text.utf8.count - "a\(repeated)=\"x\"/>".utf8.count + 1
      #expect(Self.failure(text) == "x.xml:1:\(column): error: duplicate attribute 'a\(repeated)'", "\(count) \(repeated)")
    }
  }

  @Test func closingTagNamesLongerOrShorterThanTheOpenOne() {
    #expect(Self.failure("<ab></abc>")?.contains("does not match") == true)
    #expect(Self.failure("<abc></ab>")?.contains("does not match") == true)
    #expect(Self.failure("<groupIdX></groupId>")?.contains("does not match") == true)
    #expect(Self.failure("<a></a-") != nil)
    #expect(Self.failure("<dependencyManagement></dependencyManagemenT>")?.contains("does not match") == true)
    #expect((try? Self.parse("<dependencyManagement ></dependencyManagement >")) != nil)
  }

  @Test func closingTagsMatchByBytesOrCanonicalEquivalence() throws {
    let document = try Self.parse("<a><bc>1</bc  ></a>")
    #expect(document.children(document.rootIndex).map(document.name) == ["bc"])
    // "é" decomposed in the opening tag and precomposed in the closing one: equal as Strings.
    let decomposed = try Self.parse("<a><e\u{301}>1</\u{E9}></a>")
    #expect(decomposed.text(decomposed.children(decomposed.rootIndex)[0]) == "1")
    #expect(decomposed.name(decomposed.children(decomposed.rootIndex)[0]) == "e\u{301}")
    #expect(Self.failure("<a><bc>1</b></a>") == "x.xml:1:9: error: closing tag </b> does not match <bc> at line 1")
    #expect(Self.failure("<a><b>1</bc></a>") == "x.xml:1:8: error: closing tag </bc> does not match <b> at line 1")
    #expect(Self.failure("<a></a x>") == "x.xml:1:8: error: expected '>' to end the closing tag")
    #expect(Self.failure("<a></a") == "x.xml:1:7: error: expected '>' to end the closing tag")
    #expect(Self.failure("<a></ >") == "x.xml:1:6: error: expected a name")
  }

  @Test func textContinuesAroundChildrenCommentsAndInstructions() throws {
    let document = try Self.parse("<a>x<b>y</b>z<c/>w<!--c-->v<?p q?>u<d>t<e>s</e>r</d>&amp;</a>")
    let root = document.rootIndex
    #expect(document.text(root) == "xzwvu&")
    #expect(document.children(root).map(document.text) == ["y", "", "tr"])
    #expect(document.children(root).map(document.name) == ["b", "c", "d"])
    #expect(document.children(document.children(root)[2]).map(document.text) == ["s"])
    #expect(document.nodes[root].textOffset == 3)
    #expect(document.nodes[document.children(root)[1]].textOffset == -1)
    #expect(document.hasName(document.children(root)[2], "d") && !document.hasName(root, "ab"))
  }

  @Test func lineEndingsInTextAndPositions() throws {
    let document = try Self.parse("<a>1\r\n2\r3\n4]5</a>")
    #expect(document.text(document.rootIndex) == "1\n2\n3\n4]5")
    #expect(Self.failure("<a>\r\n\r<b>\n</c></a>") == "x.xml:4:1: error: closing tag </c> does not match <b> at line 3")
    #expect(Self.failure("<a>x]]>y</a>") == "x.xml:1:5: error: ']]>' is not allowed in text")
  }

  @Test func charactersAreValidatedAfterLongAsciiRuns() {
    let run = String(repeating: "x", count: 5_000)
    #expect(Self.failure("<a>\(run)\u{1}</a>") == "x.xml:1:5004: error: control character U+0001 is not allowed in XML")
    #expect(Self.failure("<a>\(run)é\t\r\n</a>") == nil)
    #expect(Maven.xmlError(Array("<a>\(run)".utf8) + [0xC3, 0x28] + Array("</a>".utf8)).map { "\($0)" }
      == "x.xml:1:5004: error: invalid UTF-8")
  }

  /// Records in document order, siblings linked, attributes per element.
  @Test func recordsLinkChildrenAndAttributes() throws {
    let document = try Self.parse("<r a='1'><x b='2' c='3'/><y><z/></y><x/></r>")
    #expect(document.nodes.count == 5)
    #expect((0..<5).map(document.name) == ["r", "x", "y", "z", "x"])
    #expect(document.children(0) == [1, 2, 4])
    #expect(document.children(2) == [3])
    #expect(document.nodes.map(\.childCount) == [3, 0, 1, 0, 0])
    #expect(document.attributes(0).map(\.name) == ["a"])
    #expect(document.attributes(1).map(\.value) == ["2", "3"])
    #expect(document.attributes(4).isEmpty)
  }

  /// The word-at-a-time test agrees with a byte-by-byte one for every byte value at every
  /// position, and for mixed words.
  @Test func byteWordFindsExactlyTheBytesBelowALimit() {
    func naive(_ bytes: [UInt8], _ limit: UInt8, _ high: Bool) -> Bool {
      bytes.contains { $0 < limit || (high && $0 >= 0x80) }
    }
    func word(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBufferPointer { ByteWord.load($0, 0) } }
    var rng = SystemRandomNumberGenerator()
    for (limit, high) in [(UInt8(0x20), true), (UInt8(0x0E), false)] {
      for value in 0...255 {
        for position in 0..<8 {
          var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 8)
          bytes[position] = UInt8(value)
          #expect(ByteWord.hasByte(below: limit, orAbove7F: high, word(bytes)) == naive(bytes, limit, high))
        }
      }
      for _ in 0..<5_000 {
        let bytes = (0..<8).map { _ in UInt8.random(in: 0...255, using: &rng) }
        #expect(ByteWord.hasByte(below: limit, orAbove7F: high, word(bytes)) == naive(bytes, limit, high))
      }
    }
  }

  /// Line starts found at every alignment, for LF, CR LF and lone CR.
  @Test func lineMapAtEveryAlignment() {
    for padding in 0..<17 {
      let text = String(repeating: "x", count: padding) + "\n" + String(repeating: "é", count: padding) + "\r\n" + "ab\rc" + String(repeating: " ", count: 9)
      let bytes = Array(text.utf8)
      let lines = LineMap(bytes)
      let second = padding + 1
      let third = second + 2 * padding + 2
      #expect(lines.location(file: "f", offset: padding).line == 1)
      #expect(lines.location(file: "f", offset: second).line == 2)
      #expect(lines.location(file: "f", offset: third - 1).line == 2)
      #expect(lines.location(file: "f", offset: third).line == 3)
      #expect(lines.location(file: "f", offset: third + 3) == SourceLocation(file: "f", line: 4, column: 1))
      #expect(lines.location(file: "f", offset: bytes.count - 1).column == 10)
    }
  }
  /// The byte-class table agrees with the predicates it stands for (issue #8).
  @Test func byteClassesAreThePredicates() {
    for value in 0...255 {
      let byte = UInt8(value)
      let bits = XMLReader.byteClasses[value]
      #expect((bits & XMLReader.space != 0) == XMLReader.isSpace(byte), "byte \(value)")
      #expect((bits & XMLReader.nameByte != 0) == XMLReader.isNameByte(byte), "byte \(value)")
      #expect((bits & XMLReader.nameStart != 0) == XMLReader.isNameStart(byte), "byte \(value)")
      let stop = byte == UInt8(ascii: "<") || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "]") || byte == 0x0D
      #expect((bits & XMLReader.textStop != 0) == stop, "byte \(value)")
    }
  }

  /// The word-at-a-time stop-byte marks find the first of the bytes `<`, `&`, `]` and CR (their
  /// lowest mark), at every position and next to every byte value.
  @Test func textStopsMarkExactlyTheStopBytes() {
    // The position of the first stop byte, 8 if none.
    func naive(_ bytes: [UInt8]) -> Int {
      bytes.firstIndex { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "]") || $0 == 0x0D } ?? 8
    }
    func first(_ marks: UInt64) -> Int { marks == 0 ? 8 : marks.trailingZeroBitCount / 8 }
    func word(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBufferPointer { ByteWord.load($0, 0) } }
    for value in 0...255 {
      for position in 0..<8 {
        for filler: UInt8 in [0x00, 0x3C, 0x3D, 0x7F, 0x80, 0xBC, 0xFF] {
          var bytes = [UInt8](repeating: filler, count: 8)
          bytes[position] = UInt8(value)
          #expect(first(XMLReader.textStops(word(bytes))) == naive(bytes), "byte \(value) at \(position)")
        }
      }
    }
    var rng = SystemRandomNumberGenerator()
    for _ in 0..<5_000 {
      let bytes = (0..<8).map { _ in [0x0D, 0x26, 0x3C, 0x5D, 0x00, 0x80, UInt8.random(in: 0...255, using: &rng)].randomElement(using: &rng)! }
      #expect(first(XMLReader.textStops(word(bytes))) == naive(bytes))
    }
  }

  /// Line starts and character errors with LF, tab, CR and bad bytes at every alignment of the
  /// 16- and 8-byte rounds (issue #8).
  @Test func validationAtEveryAlignment() throws {
    for padding in 0..<24 {
      for special in ["\n", "\t", "\r\n", "\r", "\n\n\t\n", "é"] {
        let text = "<a>" + String(repeating: "x", count: padding) + special + String(repeating: "y", count: 20) + "\n</a>"
        let document = try Self.parse(text)
        let map = LineMap(Array(text.utf8))
        for offset in 0...text.utf8.count {
          #expect(document.lines.location(file: "x", offset: offset) == map.location(file: "x", offset: offset))
        }
      }
      let bad = "<a>" + String(repeating: "x", count: padding) + "\n\u{01}" + String(repeating: "y", count: 20) + "</a>"
      #expect(Self.failure(bad) == "x.xml:2:1: error: control character U+0001 is not allowed in XML", "padding \(padding)")
    }
  }

  /// An element's own text between children with and without text, CDATA and references (the
  /// container without text of its own closes without a walk, issue #8).
  @Test func ownTextAroundChildren() throws {
    let document = try Self.parse(
      "<r>\n  <d><g>x</g><v>1</v></d>\n  <m> a <b>t</b> c<e/>&amp;</m><c><![CDATA[]]><k>z</k></c><n>  <o/> </n></r>")
    let texts = document.nodes.indices.map { document.text($0) }
    #expect(texts == ["", "", "x", "1", "a  c&", "t", "", "", "z", "", ""])
  }
}
