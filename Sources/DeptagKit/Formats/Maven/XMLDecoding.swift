/// Turns a POM's bytes into UTF-8 as its XML declaration says (reference 2.10: "UTF-8 BOM,
/// encoding declarations: honoured"). UTF-8 input is used as it is, so positions are the file's
/// own byte columns; other encodings are transcoded first and positions refer to the UTF-8 text.
enum XMLDecoding {
  struct Decoded {
    var bytes: [UInt8]
    /// Where parsing starts (after a UTF-8 BOM, which still counts in line 1's columns).
    var start: Int
  }

  static func decode(_ source: SourceFile) throws(DeptagError) -> Decoded {
    let bytes = source.bytes
    func fail(_ message: String, _ offset: Int = 0) -> DeptagError {
      DeptagError(message, at: LineMap(bytes).location(file: source.path, offset: offset))
    }
    if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) {
      throw fail("UTF-32 is not supported; save the POM as UTF-8")
    }
    if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
      let utf8 = try utf16(bytes, bigEndian: bytes[0] == 0xFE, fail: fail)
      if let declared = declaredEncoding(utf8, start: 0), !["UTF-16", "UTF-16BE", "UTF-16LE"].contains(declared.name) {
        throw fail("the file is UTF-16 (it starts with a UTF-16 byte-order mark) but declares encoding '\(declared.name)'")
      }
      return Decoded(bytes: utf8, start: 0)
    }
    if bytes.starts(with: [0x3C, 0x00]) || bytes.starts(with: [0x00, 0x3C]) {
      throw fail("UTF-16 without a byte-order mark is not supported")
    }
    let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    guard let declared = declaredEncoding(bytes, start: start) else { return Decoded(bytes: bytes, start: start) }
    switch declared.name {
    case "UTF-8", "UTF8":
      return Decoded(bytes: bytes, start: start)
    case _ where start == 3:
      throw fail("the file starts with a UTF-8 byte-order mark but declares encoding '\(declared.name)'", declared.offset)
    case "US-ASCII", "ASCII":
      if let bad = bytes.firstIndex(where: { $0 >= 0x80 }) {
        throw fail("byte 0x\(String(bytes[bad], radix: 16, uppercase: true)) is not US-ASCII, as the declaration says", bad)
      }
      return Decoded(bytes: bytes, start: 0)
    case "ISO-8859-1", "ISO8859-1", "ISO_8859-1", "LATIN1", "LATIN-1", "L1":
      return Decoded(bytes: latin(bytes, table: nil), start: 0)
    case "WINDOWS-1252", "CP1252":
      return Decoded(bytes: latin(bytes, table: windows1252), start: 0)
    case "UTF-16", "UTF-16BE", "UTF-16LE":
      throw fail("the declaration says UTF-16 but the file has no UTF-16 byte-order mark", declared.offset)
    default:
      throw fail("unsupported encoding '\(declared.name)' (UTF-8, US-ASCII, ISO-8859-1, windows-1252 and UTF-16 with a BOM are read)", declared.offset)
    }
  }

  /// The `encoding` pseudo-attribute of an XML declaration at `start`, upper-cased, and its offset.
  static func declaredEncoding(_ bytes: [UInt8], start: Int) -> (name: String, offset: Int)? {
    let prefix = Array("<?xml".utf8)
    guard bytes.count > start + prefix.count, Array(bytes[start..<(start + prefix.count)]) == prefix,
      XMLReader.isSpace(bytes[start + prefix.count])
    else { return nil }
    var end = start
    while end + 1 < bytes.count && !(bytes[end] == UInt8(ascii: "?") && bytes[end + 1] == UInt8(ascii: ">")) {
      end += 1
    }
    let key = Array("encoding".utf8)
    var at = start + prefix.count
    while at + key.count < end {
      if Array(bytes[at..<(at + key.count)]) == key {
        var k = at + key.count
        while k < end && (XMLReader.isSpace(bytes[k]) || bytes[k] == UInt8(ascii: "=")) { k += 1 }
        guard k < end, bytes[k] == UInt8(ascii: "\"") || bytes[k] == UInt8(ascii: "'") else { return nil }
        let quote = bytes[k]
        var e = k + 1
        while e < end && bytes[e] != quote { e += 1 }
        return (String(decoding: bytes[(k + 1)..<e], as: UTF8.self).uppercased(), k + 1)
      }
      at += 1
    }
    return nil
  }

  private static func utf16(
    _ bytes: [UInt8], bigEndian: Bool, fail: (String, Int) -> DeptagError
  ) throws(DeptagError) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var at = 2
    func unit(_ i: Int) -> UInt32 {
      bigEndian ? UInt32(bytes[i]) << 8 | UInt32(bytes[i + 1]) : UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i])
    }
    while at + 1 < bytes.count {
      var value = unit(at)
      at += 2
      if (0xD800...0xDBFF).contains(value) {
        guard at + 1 < bytes.count else { throw fail("invalid UTF-16 (unpaired surrogate)", out.count) }
        let low = unit(at)
        guard (0xDC00...0xDFFF).contains(low) else { throw fail("invalid UTF-16 (unpaired surrogate)", out.count) }
        at += 2
        value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
      } else if (0xDC00...0xDFFF).contains(value) {
        throw fail("invalid UTF-16 (unpaired surrogate)", out.count)
      }
      out += Array(String(Character(Unicode.Scalar(value)!)).utf8)
    }
    if at < bytes.count { throw fail("invalid UTF-16 (odd number of bytes)", out.count) }
    return out
  }

  private static func latin(_ bytes: [UInt8], table: [UInt32]?) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    for byte in bytes {
      if byte < 0x80 {
        out.append(byte)
        continue
      }
      var value = UInt32(byte)
      if let table, byte < 0xA0 { value = table[Int(byte) - 0x80] }
      out += Array(String(Character(Unicode.Scalar(value) ?? "\u{FFFD}")).utf8)
    }
    return out
  }

  /// windows-1252 code points for bytes 0x80–0x9F (the five undefined ones map to the C1
  /// control of the same number, as ISO-8859-1 does).
  private static let windows1252: [UInt32] = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
    0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
    0x0153, 0x9D, 0x017E, 0x0178,
  ]
}
