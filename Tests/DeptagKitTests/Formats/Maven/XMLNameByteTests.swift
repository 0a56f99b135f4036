import Testing

@testable import DeptagKit

/// `XMLReader.isNameByte` as two bit masks (issue #8) decides as the comparisons it replaced.
@Suite struct XMLNameByteTests {
  @Test func masksAgreeWithTheRanges() {
    for value in 0...255 {
      let byte = UInt8(value)
      let expected =
        XMLReader.isNameStart(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-")
        || byte == UInt8(ascii: ".")
      #expect(XMLReader.isNameByte(byte) == expected, "byte \(value)")
    }
  }
}
