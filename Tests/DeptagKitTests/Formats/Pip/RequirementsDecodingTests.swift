import Testing

@testable import DeptagKit

/// Decoding and line handling exactly as pip 26.3's `_decode_req_file`, `splitlines`,
/// `join_lines` and `ignore_comments` (pip-requirements.md §1).
@Suite struct RequirementsDecodingTests {
  static func decode(_ bytes: [UInt8]) throws -> String {
    try RequirementsDecoding.decode(SourceFile(path: "r.txt", bytes: bytes))
  }

  static func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
    text.utf16.flatMap { u in bigEndian ? [UInt8(u >> 8), UInt8(u & 0xFF)] : [UInt8(u & 0xFF), UInt8(u >> 8)] }
  }

  static func utf32(_ text: String, bigEndian: Bool) -> [UInt8] {
    text.unicodeScalars.flatMap { s -> [UInt8] in
      let v = s.value
      let be = [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
      return bigEndian ? be : be.reversed()
    }
  }

  @Test func byteOrderMarksWin() throws {
    let text = "Django==4.2 ; python_version >= \"3.8\" # é\r\n"
    #expect(try Self.decode([0xEF, 0xBB, 0xBF] + Array(text.utf8)) == text)
    #expect(try Self.decode([0xFF, 0xFE] + Self.utf16(text, bigEndian: false)) == text)
    #expect(try Self.decode([0xFE, 0xFF] + Self.utf16(text, bigEndian: true)) == text)
    #expect(try Self.decode([0xFF, 0xFE, 0, 0] + Self.utf32(text, bigEndian: false)) == text)
    #expect(try Self.decode([0, 0, 0xFE, 0xFF] + Self.utf32(text, bigEndian: true)) == text)
  }

  /// `verbatimStart` (the bytes read in place, no String copy) only where `decode` gives
  /// exactly those bytes: ASCII without NUL, after an optional UTF-8 BOM, without a coding line.
  @Test func verbatimStartOnlyWhereDecodeIsTheBytes() throws {
    let cases: [([UInt8], Int?)] = [
      (Array("a==1\nb\r\n".utf8), 0), ([], 0), ([0xEF, 0xBB, 0xBF] + Array("a==1\n".utf8), 3), ([0xEF, 0xBB, 0xBF], 3),
      (Array("a==1 # é\n".utf8), nil), (Array("a==1\n\0".utf8), nil), ([0xEF, 0xBB, 0xBF, 0], nil),
      (Array("# -*- coding: latin-1 -*-\na==1\n".utf8), nil), (Array("a\n# coding=utf-8\n".utf8), nil),
      ([0xFF, 0xFE] + Self.utf16("a==1\n", bigEndian: false), nil), (Self.utf16("a==1\n", bigEndian: false), nil),
      // NUL or a high byte inside the eight-byte words, and at their edges.
      (Array("abcdefghijklmnopqrstuvw\n".utf8), 0), (Array("abcdefgh\0jklmnopqrstuvw\n".utf8), nil),
      (Array("abcdefg\0ijklmnopqrstuvw\n".utf8), nil), (Array("\0bcdefghijklmnop".utf8), nil),
      (Array("abcdefghijklmnoé".utf8), nil), (Array("abcdefghij\u{7F}lmnop".utf8), 0), (Array("abc\u{01}efghijklmnop".utf8), 0),
    ]
    for (bytes, start) in cases {
      #expect(RequirementsDecoding.verbatimStart(bytes) == start, "\(bytes)")
      if let start { #expect(try Self.decode(bytes) == String(decoding: bytes[start...], as: UTF8.self)) }
    }
  }

  @Test func utf16WithoutBOMIsNotUTF8() {
    // Without a BOM pip decodes as UTF-8; UTF-16 text then contains NULs: refused.
    #expect(throws: DeptagError.self) { try Self.decode(Self.utf16("a==1\n", bigEndian: false)) }
  }

  @Test func pep263CodingLineOnTheFirstTwoLines() throws {
    let latin1: [UInt8] = Array("# -*- coding: latin-1 -*-\n# caf".utf8) + [0xE9] + Array("\nfoo\n".utf8)
    #expect(try Self.decode(latin1).contains("café"))
    let third: [UInt8] = Array("#\n#\n# coding: latin-1\n".utf8) + [0xE9]
    #expect(throws: DeptagError.self) { try Self.decode(third) }
    #expect(throws: DeptagError.self) { try Self.decode(Array("# coding: klingon\n".utf8)) }
  }

  @Test func truncatedMultiByteInputIsRefused() {
    #expect(throws: DeptagError.self) { try Self.decode([0xFF, 0xFE, 0x61]) }
    #expect(throws: DeptagError.self) { try Self.decode(Array("a".utf8) + [0xE2, 0x82]) }
  }

  @Test func splitlinesBoundaries() {
    let lines = LogicalLine.physicalLines("a\r\nb\rc\u{0B}d\u{0C}e\u{1C}f\u{85}g\u{2028}h\u{2029}i\n")
    #expect(lines == ["a", "b", "c", "d", "e", "f", "g", "h", "i"])
  }

  @Test func commentsOnlyAtStartOrAfterWhitespace() {
    #expect(LogicalLine.removeComment("x.whl#sha256=1 # c") == "x.whl#sha256=1 ")
    #expect(LogicalLine.removeComment("#all") == "")
    #expect(LogicalLine.removeComment("a\t#b") == "a\t")
    #expect(LogicalLine.removeComment("a\u{A0}#b") == "a\u{A0}")  // Python's \s includes NBSP
  }

  @Test func joinKeepsPositionsAndStripsBackslashes() {
    let lines = LogicalLine.split("foo>=1,\\\n<2 \\\n  # c\nbar\\\n")
    #expect(lines.map(\.text) == ["foo>=1,<2", "bar"])
    #expect(lines[0].lineNumber == 1)
    let second = lines[0].text.firstIndex(of: "<")!
    #expect(lines[0].location(of: second, file: "f").description == "f:2:1")
  }
}
