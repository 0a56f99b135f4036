/// Reads deptag's own JSON documents (snapshots) back into `JSONDocument`: strict RFC 8259, numbers
/// limited to integers (deptag writes no others), depth bounded. Errors carry the byte offset.
public enum JSONDocumentParser {
  public struct Failure: Error, Sendable {
    public var message: String
    public var offset: Int
  }

  public static let maximumDepth = 64

  public static func parse(_ bytes: [UInt8]) throws(Failure) -> JSONDocument {
    var parser = Cursor(bytes: bytes)
    parser.skipSpace()
    let value = try parser.value(depth: 0)
    parser.skipSpace()
    guard parser.index == bytes.count else { throw Failure(message: "unexpected text after the JSON value", offset: parser.index) }
    return value
  }

  private struct Cursor {
    let bytes: [UInt8]
    var index = 0

    mutating func skipSpace() {
      while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    func fail(_ message: String) -> Failure { Failure(message: message, offset: index) }

    mutating func expect(_ literal: String, _ value: JSONDocument) throws(Failure) -> JSONDocument {
      let chars = Array(literal.utf8)
      guard index + chars.count <= bytes.count, Array(bytes[index..<(index + chars.count)]) == chars else {
        throw fail("invalid literal")
      }
      index += chars.count
      return value
    }

    mutating func value(depth: Int) throws(Failure) -> JSONDocument {
      guard depth < JSONDocumentParser.maximumDepth else { throw fail("nested too deeply") }
      guard index < bytes.count else { throw fail("unexpected end of input") }
      switch bytes[index] {
      case UInt8(ascii: "{"):
        index += 1
        var members: [(String, JSONDocument)] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
        while true {
          skipSpace()
          guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a string key") }
          let key = try string()
          skipSpace()
          guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':'") }
          index += 1
          skipSpace()
          members.append((key, try value(depth: depth + 1)))
          skipSpace()
          guard index < bytes.count else { throw fail("unexpected end of input") }
          if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
          if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
          throw fail("expected ',' or '}'")
        }
      case UInt8(ascii: "["):
        index += 1
        var items: [JSONDocument] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
        while true {
          skipSpace()
          items.append(try value(depth: depth + 1))
          skipSpace()
          guard index < bytes.count else { throw fail("unexpected end of input") }
          if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
          if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
          throw fail("expected ',' or ']'")
        }
      case UInt8(ascii: "\""):
        return .string(try string())
      case UInt8(ascii: "t"): return try expect("true", .bool(true))
      case UInt8(ascii: "f"): return try expect("false", .bool(false))
      case UInt8(ascii: "n"): return try expect("null", .null)
      default:
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
        guard index > start, let number = Int(String(decoding: bytes[start..<index], as: UTF8.self)) else {
          index = start
          throw fail("expected a JSON value")
        }
        return .number(number)
      }
    }

    mutating func string() throws(Failure) -> String {
      index += 1  // the opening quote
      var scalars = String.UnicodeScalarView()
      var pendingHigh: UInt32?
      while true {
        guard index < bytes.count else { throw fail("unterminated string") }
        let byte = bytes[index]
        if byte == UInt8(ascii: "\"") { index += 1; break }
        if byte < 0x20 { throw fail("control character in string") }
        if byte == UInt8(ascii: "\\") {
          guard index + 1 < bytes.count else { throw fail("unterminated escape") }
          let escaped = bytes[index + 1]
          index += 2
          let simple: [UInt8: Unicode.Scalar] = [0x22: "\"", 0x5C: "\\", 0x2F: "/", 0x62: "\u{08}", 0x66: "\u{0C}", 0x6E: "\n", 0x72: "\r", 0x74: "\t"]
          if let s = simple[escaped] { scalars.append(s); continue }
          guard escaped == UInt8(ascii: "u"), index + 4 <= bytes.count,
            let unit = UInt32(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16)
          else { throw fail("invalid escape") }
          index += 4
          if let high = pendingHigh, (0xDC00...0xDFFF).contains(unit) {
            scalars.append(Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00))!)
            pendingHigh = nil
          } else if (0xD800...0xDBFF).contains(unit) {
            pendingHigh = unit
          } else if let s = Unicode.Scalar(unit) {
            scalars.append(s)
          } else {
            throw fail("unpaired surrogate")
          }
          continue
        }
        // Copy one UTF-8 scalar.
        var decoder = UTF8()
        var iterator = bytes[index...].makeIterator()
        guard case .scalarValue(let s) = decoder.decode(&iterator) else { throw fail("invalid UTF-8") }
        scalars.append(s)
        index += UTF8.width(s)
      }
      return String(scalars)
    }
  }
}
