/// Writes JSON the way npm writes package.json and package-lock.json (`JSON.stringify(v, null, 2)`
/// plus a final newline), with strings escaped as `JSON.stringify` escapes them: `"`, `\`, the
/// control characters, and lone surrogates as `\uXXXX`; everything else literal UTF-8.
struct JSONWriter {
  /// A value to write: the canonicalizers build these, already in canonical member order.
  indirect enum Value {
    case string(JSONString)
    case literal(String)  // true, false, null, a number's spelling
    case array([Value])
    case object([(JSONString, Value)])

    static func text(_ s: String) -> Value { .string(JSONString(s)) }

    /// A parsed value with every object's keys sorted bytewise (for opaque blobs such as
    /// `engines` or `pnpm`, whose member order npm never looks at).
    static func sorted(_ node: JSONNode) -> Value {
      switch node.value {
      case .null: return .literal("null")
      case .bool(let b): return .literal(b ? "true" : "false")
      case .number(let n): return .literal(n)
      case .string(let s): return .string(s)
      case .array(let items): return .array(items.map(sorted))
      case .object(let o): return .object(o.sortedMembers.map { ($0.key, sorted($0.value)) })
      }
    }
  }

  private(set) var bytes: [UInt8] = []

  /// An empty writer with room for `capacity` bytes.
  init(capacity: Int = 0) {
    bytes.reserveCapacity(capacity)
  }

  /// The bytes written so far, as a string.
  var text: String { String(decoding: bytes, as: UTF8.self) }

  /// Forgets what was written, keeping the storage.
  mutating func reset() { bytes.removeAll(keepingCapacity: true) }

  /// Appends bytes as they are (punctuation and indentation the caller has laid out).
  mutating func raw(_ text: StaticString) {
    text.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  /// Appends bytes as they are (a value copied from the source).
  mutating func raw(_ buffer: UnsafeRawBufferPointer) {
    bytes.append(contentsOf: buffer)
  }

  /// Appends one byte (punctuation).
  mutating func raw(_ byte: UInt8) {
    bytes.append(byte)
  }

  /// Writes `members` as an object, in the order given, each value written as `Value.sorted`
  /// would write it: the same bytes without building the `Value` tree (issue #8).
  mutating func writeObject(_ members: [JSONObject.Member], indent: Int, pretty: Bool) {
    writeContainer(members, open: UInt8(ascii: "{"), close: UInt8(ascii: "}"), indent: indent, pretty: pretty) {
      $0.writeKey($1.key, pretty: pretty)
      $0.writeSorted($1.value, indent: indent + 1, pretty: pretty)
    }
  }

  /// Writes a parsed value with every object's keys sorted bytewise (`Value.sorted`, written).
  mutating func writeSorted(_ node: JSONNode, indent: Int, pretty: Bool) {
    switch node.value {
    case .null: bytes.append(contentsOf: "null".utf8)
    case .bool(let b): bytes.append(contentsOf: (b ? "true" : "false").utf8)
    case .number(let n): bytes.append(contentsOf: n.utf8)
    case .string(let s): writeString(s)
    case .array(let items):
      writeContainer(items, open: UInt8(ascii: "["), close: UInt8(ascii: "]"), indent: indent, pretty: pretty) {
        $0.writeSorted($1, indent: indent + 1, pretty: pretty)
      }
    case .object(let o):
      writeObject(o.sortedMembers, indent: indent, pretty: pretty)
    }
  }

  /// `JSON.stringify`'s layout of an array or object: `open`, the elements separated by commas
  /// (each on its own line, indented, when pretty), `close`; `[]` or `{}` when empty.
  private mutating func writeContainer<C: Collection>(
    _ elements: C, open: UInt8, close: UInt8, indent: Int, pretty: Bool, _ element: (inout JSONWriter, C.Element) -> Void
  ) {
    bytes.append(open)
    if elements.isEmpty {
      bytes.append(close)
      return
    }
    var first = true
    for item in elements {
      if !first { bytes.append(UInt8(ascii: ",")) }
      first = false
      if pretty { newline(indent + 1) }
      element(&self, item)
    }
    if pretty { newline(indent) }
    bytes.append(close)
  }

  /// An object member's key and colon (and the space after it when pretty).
  private mutating func writeKey(_ key: JSONString, pretty: Bool) {
    writeString(key)
    bytes.append(UInt8(ascii: ":"))
    if pretty { bytes.append(0x20) }
  }

  /// `value` pretty-printed with two-space indentation and a final newline.
  static func pretty(_ value: Value) -> String {
    var writer = JSONWriter()
    writer.write(value, indent: 0, pretty: true)
    writer.bytes.append(0x0A)
    return String(decoding: writer.bytes, as: UTF8.self)
  }

  /// `value` on one line, without spaces (`JSON.stringify(v)`).
  static func compact(_ value: Value) -> String {
    var writer = JSONWriter()
    writer.write(value, indent: 0, pretty: false)
    return String(decoding: writer.bytes, as: UTF8.self)
  }

  /// A JSON string literal for `s`.
  static func quoted(_ s: JSONString) -> String {
    var writer = JSONWriter()
    writer.writeString(s)
    return String(decoding: writer.bytes, as: UTF8.self)
  }

  /// A line feed and 32 levels of indentation, copied from in one piece.
  private static let lineStart: [UInt8] = [0x0A] + Array(repeating: 0x20, count: 64)

  /// A line feed and `indent` levels of two spaces.
  mutating func newline(_ indent: Int) {
    let width = 1 + indent * 2
    guard width <= Self.lineStart.count else {
      bytes.append(0x0A)
      bytes.append(contentsOf: repeatElement(0x20, count: indent * 2))
      return
    }
    Self.lineStart.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<width])) }
  }

  private mutating func write(_ value: Value, indent: Int, pretty: Bool) {
    switch value {
    case .literal(let text):
      bytes.append(contentsOf: text.utf8)
    case .string(let s):
      writeString(s)
    case .array(let items):
      writeContainer(items, open: UInt8(ascii: "["), close: UInt8(ascii: "]"), indent: indent, pretty: pretty) {
        $0.write($1, indent: indent + 1, pretty: pretty)
      }
    case .object(let members):
      writeContainer(members, open: UInt8(ascii: "{"), close: UInt8(ascii: "}"), indent: indent, pretty: pretty) {
        $0.writeKey($1.0, pretty: pretty)
        $0.write($1.1, indent: indent + 1, pretty: pretty)
      }
    }
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)

  /// Writes `s` as a JSON string literal.
  mutating func writeString(_ s: JSONString) {
    bytes.append(0x22)
    s.bytes.withUnsafeBufferPointer { b in
      // Runs of bytes that need no escape are copied whole.
      var runStart = 0
      var i = 0
      while i < b.count {
        let c = b[i]
        if c >= 0x20 && c != 0x22 && c != 0x5C && c != 0xED {
          i += 1
          continue
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<i]))
        switch c {
        case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
        case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
        case 0x08: bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
        case 0x0C: bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
        case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        case 0x00..<0x20:
          appendEscape(UInt16(c))
        case 0xED where i + 2 < b.count && b[i + 1] >= 0xA0:
          // A lone surrogate (WTF-8): escaped, as JSON.stringify escapes it.
          let unit = UInt16(0xD000) | UInt16(b[i + 1] & 0x3F) << 6 | UInt16(b[i + 2] & 0x3F)
          appendEscape(unit)
          i += 2
        default:
          bytes.append(c)
        }
        i += 1
        runStart = i
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<b.count]))
    }
    bytes.append(0x22)
  }

  private mutating func appendEscape(_ unit: UInt16) {
    bytes.append(contentsOf: [0x5C, UInt8(ascii: "u")])
    for shift in stride(from: 12, through: 0, by: -4) {
      bytes.append(Self.hexDigits[Int((unit >> UInt16(shift)) & 0xF)])
    }
  }
}
