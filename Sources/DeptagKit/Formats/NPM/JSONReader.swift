/// Reads JSON from UTF-8 bytes with the semantics npm gets from `json-parse-even-better-errors`
/// (reference §1.1): one leading UTF-8 BOM is stripped, then `JSON.parse` — RFC 8259 exactly,
/// the last duplicate key wins, `\u` escapes (surrogate pairs combined, lone surrogates kept).
/// Bytes that are not UTF-8 become U+FFFD inside strings, as Node's UTF-8 decoding makes them;
/// outside strings they are syntax errors. Errors are `DeptagError`s at FILE:LINE:COL.
///
/// The parser is iterative (an explicit stack) and linear in the input. Nesting is limited to
/// `maximumDepth` levels (Node's own `JSON.parse` accepts deeper input; npm manifests never
/// nest beyond a dozen levels).
struct JSONReader {
  static let maximumDepth = 512

  private let bytes: [UInt8]
  private let path: String
  private var pos: Int

  /// Parses `source` as one JSON document.
  static func parse(_ source: SourceFile) throws(DeptagError) -> JSONNode {
    var reader = JSONReader(bytes: source.bytes, path: source.path)
    return try reader.document()
  }

  /// The string whose opening quote is at `offset` in `bytes`, and the offset just past its
  /// closing quote (for `JSONTape`, which copies only strings with escapes or bad UTF-8).
  static func string(in bytes: [UInt8], at offset: Int) throws(DeptagError) -> (JSONString, end: Int) {
    var reader = JSONReader(bytes: bytes, path: "")
    reader.pos = offset
    let value = try reader.readString()
    return (value, reader.pos)
  }

  private init(bytes: [UInt8], path: String) {
    self.bytes = bytes
    self.path = path
    // One leading BOM, as json-parse-even-better-errors strips it (reference §1.1).
    pos = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
  }

  /// An array or object under construction.
  private struct Frame {
    var isObject: Bool
    var offset: Int
    var elements: [JSONNode] = []
    var members: [JSONObject.Member] = []
    /// Key → index into `members`, built once an object grows past a few members.
    var index: [JSONString: Int]? = nil
    var pendingKey = JSONString(bytes: [])
    var pendingKeyOffset = 0

    mutating func add(_ node: JSONNode) {
      guard isObject else {
        elements.append(node)
        return
      }
      let member = JSONObject.Member(key: pendingKey, keyOffset: pendingKeyOffset, value: node)
      if index != nil {
        // (no `if let` copy of the dictionary: that would copy it on every insertion)
        // One lookup for the usual new key; a repeated key puts its first position back.
        if let at = index!.updateValue(members.count, forKey: member.key) {
          index![member.key] = at
          members[at].value = node  // last one wins, first position kept
        } else {
          members.append(member)
        }
        return
      }
      if let at = members.firstIndex(where: { $0.key == member.key }) {
        members[at].value = node
        return
      }
      if members.isEmpty { members.reserveCapacity(4) }  // (lock entries hold four or five)
      members.append(member)
      if members.count > 8 {
        var built: [JSONString: Int] = [:]
        for (i, m) in members.enumerated() { built[m.key] = i }
        index = built
      }
    }

    func node() -> JSONNode {
      isObject
        ? JSONNode(offset: offset, value: .object(JSONObject(members: members)))
        : JSONNode(offset: offset, value: .array(elements))
    }
  }

  private mutating func document() throws(DeptagError) -> JSONNode {
    var stack: [Frame] = []
    while true {
      skipWhitespace()
      var value: JSONNode
      guard pos < bytes.count else { throw error("unexpected end of input; expected a JSON value", at: pos) }
      let start = pos
      switch bytes[pos] {
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        let isObject = bytes[pos] == UInt8(ascii: "{")
        if stack.count >= Self.maximumDepth {
          throw error("JSON nested deeper than \(Self.maximumDepth) levels", at: pos)
        }
        pos += 1
        skipWhitespace()
        let close = UInt8(ascii: isObject ? "}" : "]")
        if pos < bytes.count && bytes[pos] == close {
          pos += 1
          value = isObject
            ? JSONNode(offset: start, value: .object(JSONObject()))
            : JSONNode(offset: start, value: .array([]))
        } else {
          var frame = Frame(isObject: isObject, offset: start)
          if isObject { try readKey(into: &frame) }
          stack.append(frame)
          continue
        }
      case UInt8(ascii: "\""):
        value = JSONNode(offset: start, value: .string(try readString()))
      case UInt8(ascii: "t"):
        try expectLiteral("true")
        value = JSONNode(offset: start, value: .bool(true))
      case UInt8(ascii: "f"):
        try expectLiteral("false")
        value = JSONNode(offset: start, value: .bool(false))
      case UInt8(ascii: "n"):
        try expectLiteral("null")
        value = JSONNode(offset: start, value: .null)
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        value = JSONNode(offset: start, value: .number(try readNumber()))
      default:
        throw unexpected(expecting: "a JSON value")
      }
      // Attach the finished value to the open containers, closing those that end here.
      while true {
        guard !stack.isEmpty else {
          skipWhitespace()
          if pos < bytes.count { throw unexpected(expecting: "the end of the input after the JSON value") }
          return value
        }
        stack[stack.count - 1].add(value)
        skipWhitespace()
        let isObject = stack[stack.count - 1].isObject
        guard pos < bytes.count else {
          throw error("unexpected end of input; expected ',' or '\(isObject ? "}" : "]")'", at: pos)
        }
        let c = bytes[pos]
        if c == UInt8(ascii: ",") {
          let comma = pos
          pos += 1
          skipWhitespace()
          if pos < bytes.count && (bytes[pos] == UInt8(ascii: "}") || bytes[pos] == UInt8(ascii: "]")) {
            throw error("trailing comma is not allowed in JSON", at: comma)
          }
          if isObject { try readKey(into: &stack[stack.count - 1]) }
          break
        }
        if c == UInt8(ascii: isObject ? "}" : "]") {
          pos += 1
          value = stack.removeLast().node()
          continue
        }
        throw unexpected(expecting: isObject ? "',' or '}' after an object member" : "',' or ']' after an array element")
      }
    }
  }

  /// Reads `"key"` and the `:` after it.
  private mutating func readKey(into frame: inout Frame) throws(DeptagError) {
    skipWhitespace()
    guard pos < bytes.count else { throw error("unexpected end of input; expected a double-quoted property name", at: pos) }
    guard bytes[pos] == UInt8(ascii: "\"") else { throw unexpected(expecting: "a double-quoted property name") }
    frame.pendingKeyOffset = pos
    frame.pendingKey = try readString()
    skipWhitespace()
    guard pos < bytes.count else { throw error("unexpected end of input; expected ':'", at: pos) }
    guard bytes[pos] == UInt8(ascii: ":") else { throw unexpected(expecting: "':' after a property name") }
    pos += 1
  }

  private mutating func skipWhitespace() {
    while pos < bytes.count {
      switch bytes[pos] {
      case 0x20, 0x09, 0x0A, 0x0D: pos += 1
      default: return
      }
    }
  }

  private mutating func expectLiteral(_ word: String) throws(DeptagError) {
    for expected in word.utf8 {
      guard pos < bytes.count else { throw error("unexpected end of input in '\(word)'", at: pos) }
      guard bytes[pos] == expected else { throw unexpected(expecting: "'\(word)'") }
      pos += 1
    }
  }

  /// RFC 8259 number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
  private mutating func readNumber() throws(DeptagError) -> String {
    let start = pos
    func isDigit(_ at: Int) -> Bool { at < bytes.count && bytes[at] >= 0x30 && bytes[at] <= 0x39 }
    if bytes[pos] == UInt8(ascii: "-") { pos += 1 }
    guard isDigit(pos) else {
      if pos >= bytes.count { throw error("unexpected end of input in a number", at: pos) }
      throw unexpected(expecting: "a digit after '-'")
    }
    if bytes[pos] == UInt8(ascii: "0") {
      pos += 1
    } else {
      while isDigit(pos) { pos += 1 }
    }
    if pos < bytes.count && bytes[pos] == UInt8(ascii: ".") {
      pos += 1
      guard isDigit(pos) else {
        if pos >= bytes.count { throw error("unexpected end of input in a number", at: pos) }
        throw unexpected(expecting: "a digit after '.'")
      }
      while isDigit(pos) { pos += 1 }
    }
    if pos < bytes.count && (bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E")) {
      pos += 1
      if pos < bytes.count && (bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-")) { pos += 1 }
      guard isDigit(pos) else {
        if pos >= bytes.count { throw error("unexpected end of input in a number", at: pos) }
        throw unexpected(expecting: "a digit in the exponent")
      }
      while isDigit(pos) { pos += 1 }
    }
    return String(decoding: bytes[start..<pos], as: UTF8.self)
  }

  /// A string starting at the `"` under `pos`; leaves `pos` after the closing quote.
  private mutating func readString() throws(DeptagError) -> JSONString {
    let open = pos
    pos += 1
    var out: [UInt8] = []
    var runStart = pos
    while true {
      guard pos < bytes.count else { throw error("unterminated string", at: open) }
      let c = bytes[pos]
      if c == UInt8(ascii: "\"") {
        out.append(contentsOf: bytes[runStart..<pos])
        pos += 1
        return JSONString(bytes: out)
      }
      if c == UInt8(ascii: "\\") {
        out.append(contentsOf: bytes[runStart..<pos])
        try readEscape(into: &out)
        runStart = pos
        continue
      }
      if c < 0x20 {
        throw error("control character U+\(hex4(UInt16(c))) must be escaped in a JSON string", at: pos)
      }
      if c < 0x80 {
        pos += 1
        continue
      }
      let length = validUTF8Length(at: pos)
      if length.valid {
        pos += length.count
        continue
      }
      // Node decodes the file with replacement: each maximal invalid subpart is one U+FFFD.
      out.append(contentsOf: bytes[runStart..<pos])
      out.append(contentsOf: [0xEF, 0xBF, 0xBD])
      pos += length.count
      runStart = pos
    }
  }

  private mutating func readEscape(into out: inout [UInt8]) throws(DeptagError) {
    let backslash = pos
    pos += 1
    guard pos < bytes.count else { throw error("unterminated string", at: backslash) }
    let c = bytes[pos]
    pos += 1
    switch c {
    case UInt8(ascii: "\""): out.append(0x22)
    case UInt8(ascii: "\\"): out.append(0x5C)
    case UInt8(ascii: "/"): out.append(0x2F)
    case UInt8(ascii: "b"): out.append(0x08)
    case UInt8(ascii: "f"): out.append(0x0C)
    case UInt8(ascii: "n"): out.append(0x0A)
    case UInt8(ascii: "r"): out.append(0x0D)
    case UInt8(ascii: "t"): out.append(0x09)
    case UInt8(ascii: "u"):
      guard let unit = hexUnit(at: pos) else { throw error("invalid \\u escape (four hex digits expected)", at: backslash) }
      pos += 4
      if (0xD800...0xDBFF).contains(unit), pos + 1 < bytes.count, bytes[pos] == 0x5C, bytes[pos + 1] == UInt8(ascii: "u"),
        let low = hexUnit(at: pos + 2), (0xDC00...0xDFFF).contains(low)
      {
        pos += 6
        let scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
        appendUTF8(scalar, to: &out)
      } else {
        appendUTF8(UInt32(unit), to: &out)  // a lone surrogate is kept (WTF-8), as JavaScript keeps it
      }
    default:
      pos = backslash
      throw error("invalid escape sequence in a JSON string", at: backslash)
    }
  }

  private func hexUnit(at start: Int) -> UInt16? {
    guard start + 4 <= bytes.count else { return nil }
    var value: UInt16 = 0
    for i in start..<(start + 4) {
      let b = bytes[i]
      let digit: UInt8
      switch b {
      case 0x30...0x39: digit = b - 0x30
      case 0x41...0x46: digit = b - 0x41 + 10
      case 0x61...0x66: digit = b - 0x61 + 10
      default: return nil
      }
      value = value << 4 | UInt16(digit)
    }
    return value
  }

  /// The length of the UTF-8 sequence at `at` if it is valid, else the length of its maximal
  /// invalid subpart (WHATWG decoding, which Node uses).
  private func validUTF8Length(at: Int) -> (valid: Bool, count: Int) {
    let lead = bytes[at]
    var need = 0
    var lower: UInt8 = 0x80
    var upper: UInt8 = 0xBF
    switch lead {
    case 0xC2...0xDF: need = 1
    case 0xE0: need = 2; lower = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: need = 2
    case 0xED: need = 2; upper = 0x9F
    case 0xF0: need = 3; lower = 0x90
    case 0xF1...0xF3: need = 3
    case 0xF4: need = 3; upper = 0x8F
    default: return (false, 1)
    }
    var i = at + 1
    for k in 0..<need {
      guard i < bytes.count else { return (false, i - at) }
      let b = bytes[i]
      let lo: UInt8 = k == 0 ? lower : 0x80
      let hi: UInt8 = k == 0 ? upper : 0xBF
      guard b >= lo && b <= hi else { return (false, i - at) }
      i += 1
    }
    return (true, need + 1)
  }

  private func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
    switch scalar {
    case 0..<0x80:
      out.append(UInt8(scalar))
    case 0x80..<0x800:
      out.append(UInt8(0xC0 | (scalar >> 6)))
      out.append(UInt8(0x80 | (scalar & 0x3F)))
    case 0x800..<0x10000:
      out.append(UInt8(0xE0 | (scalar >> 12)))
      out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
      out.append(UInt8(0x80 | (scalar & 0x3F)))
    default:
      out.append(UInt8(0xF0 | (scalar >> 18)))
      out.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
      out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
      out.append(UInt8(0x80 | (scalar & 0x3F)))
    }
  }

  private func hex4(_ value: UInt16) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }

  /// "unexpected X; expected Y" at `pos`, naming the usual mistakes (reference §1.9).
  private func unexpected(expecting: String) -> DeptagError {
    let c = bytes[pos]
    let found: String
    switch c {
    case UInt8(ascii: "/"): return error("comments are not allowed in JSON", at: pos)
    case UInt8(ascii: "'"): return error("strings must use double quotes in JSON", at: pos)
    case 0x21...0x7E: found = "'\(Character(Unicode.Scalar(c)))'"
    default: found = "byte 0x\(String(c, radix: 16, uppercase: true))"
    }
    return error("unexpected \(found); expected \(expecting)", at: pos)
  }

  private func error(_ message: String, at offset: Int) -> DeptagError {
    DeptagError(message, at: JSONReader.location(of: offset, in: bytes, file: path))
  }

  /// Line and byte column of `offset` (lines end at `\n`; the column counts the bytes of the
  /// physical line, a leading BOM included, as the pip reader counts them).
  static func location(of offset: Int, in bytes: [UInt8], file: String) -> SourceLocation {
    var line = 1
    var lineStart = 0
    var i = 0
    let end = min(offset, bytes.count)
    while i < end {
      if bytes[i] == 0x0A {
        line += 1
        lineStart = i + 1
      }
      i += 1
    }
    return SourceLocation(file: file, line: line, column: offset - lineStart + 1)
  }
}
