/// Byte-level character classes and helpers shared by the PEP 440 / PEP 508 scanners.
///
/// Everything here works on UTF-8 bytes; the grammars involved are ASCII, so non-ASCII bytes
/// only ever appear inside quoted strings, URLs and `===` versions, where they are copied as is.
enum PEP508Bytes {
  /// `[0-9]`.
  @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }

  /// `[A-Za-z]`.
  @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }

  /// `[A-Za-z0-9]`.
  @inline(__always) static func isAlphanumeric(_ b: UInt8) -> Bool { isDigit(b) || isLetter(b) }

  /// PEP 440 separators `[-_.]`.
  @inline(__always) static func isSeparator(_ b: UInt8) -> Bool { b == 0x2D || b == 0x5F || b == 0x2E }

  /// ASCII lower-casing of one byte.
  @inline(__always) static func lower(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }

  /// `[ \t]`: the only whitespace packaging's requirement/marker tokenizer accepts (`WS` rule).
  @inline(__always) static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

  /// A Python regex word character (`\w`), approximating every non-ASCII byte as a letter.
  @inline(__always) static func isWord(_ b: UInt8) -> Bool { isAlphanumeric(b) || b == 0x5F || b >= 0x80 }

  /// The byte length of the Python whitespace character (`str.isspace()`, regex `\s`) at `i`,
  /// or 0 when the character there is not whitespace.
  static func whitespaceLength(_ bytes: [UInt8], at i: Int, end: Int) -> Int {
    let b = bytes[i]
    if b == 0x20 || (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x1F) { return 1 }
    if b < 0x80 { return 0 }
    // U+0085, U+00A0
    if b == 0xC2, i + 1 < end, bytes[i + 1] == 0x85 || bytes[i + 1] == 0xA0 { return 2 }
    guard i + 2 < end else { return 0 }
    let b1 = bytes[i + 1], b2 = bytes[i + 2]
    // U+1680
    if b == 0xE1, b1 == 0x9A, b2 == 0x80 { return 3 }
    if b == 0xE2, b1 == 0x80 {
      // U+2000...U+200A, U+2028, U+2029, U+202F
      if (b2 >= 0x80 && b2 <= 0x8A) || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF { return 3 }
    }
    // U+205F
    if b == 0xE2, b1 == 0x81, b2 == 0x9F { return 3 }
    // U+3000
    if b == 0xE3, b1 == 0x80, b2 == 0x80 { return 3 }
    return 0
  }

  /// The index after any Python whitespace starting at `i`.
  static func skipWhitespace(_ bytes: [UInt8], from i: Int, end: Int) -> Int {
    var i = i
    while i < end {
      let n = whitespaceLength(bytes, at: i, end: end)
      if n == 0 { break }
      i += n
    }
    return i
  }

  /// `start..<end` with Python whitespace removed at both ends (`str.strip()`).
  static func strip(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Range<Int> {
    let lower = skipWhitespace(bytes, from: start, end: end)
    var upper = end
    while upper > lower {
      // Whitespace characters are 1 to 3 bytes long; try each length that ends at `upper`.
      var found = 0
      for n in 1...3 where upper - n >= lower && whitespaceLength(bytes, at: upper - n, end: upper) == n {
        found = n
        break
      }
      if found == 0 { break }
      upper -= found
    }
    return lower..<upper
  }

  /// The index after the run of ASCII digits starting at `i`.
  @inline(__always) static func digitsEnd(_ bytes: [UInt8], from i: Int, end: Int) -> Int {
    var i = i
    while i < end, isDigit(bytes[i]) { i += 1 }
    return i
  }

  /// Whether `bytes[i...]` starts with `word`, ASCII case-insensitively (`word` is lower case).
  static func hasPrefix(_ bytes: [UInt8], at i: Int, end: Int, caseInsensitive word: StaticString) -> Bool {
    let n = word.utf8CodeUnitCount
    guard i + n <= end else { return false }
    let w = word.utf8Start
    for k in 0..<n where lower(bytes[i + k]) != w[k] { return false }
    return true
  }

  /// Whether `bytes[i...]` starts with `word` exactly.
  static func hasPrefix(_ bytes: [UInt8], at i: Int, end: Int, _ word: StaticString) -> Bool {
    let n = word.utf8CodeUnitCount
    guard i + n <= end else { return false }
    let w = word.utf8Start
    for k in 0..<n where bytes[i + k] != w[k] { return false }
    return true
  }

  /// The bytes as a String (the ranges used always fall on UTF-8 character boundaries).
  @inline(__always) static func string(_ bytes: [UInt8], _ range: Range<Int>) -> String {
    String(decoding: bytes[range], as: UTF8.self)
  }

  /// A decimal integer without leading zeros (Python `str(int(digits))`), kept as text so that
  /// arbitrarily long numbers survive.
  static func number(_ bytes: [UInt8], _ range: Range<Int>) -> String {
    var start = range.lowerBound
    while start < range.upperBound - 1, bytes[start] == 0x30 { start += 1 }
    return string(bytes, start..<range.upperBound)
  }

  /// Whether the digits in `range` spell zero (`0`, `000`).
  @inline(__always) static func isZero(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
    for i in range where bytes[i] != 0x30 { return false }
    return true
  }

  /// Appends the digits in `range` without leading zeros (Python `str(int(digits))`; arbitrarily
  /// long numbers stay exact); an empty range is the implicit `0` of a PEP 440 segment.
  @inline(__always) static func appendNumber(_ bytes: [UInt8], _ range: Range<Int>, to out: inout [UInt8]) {
    var start = range.lowerBound
    while start < range.upperBound - 1, bytes[start] == 0x30 { start += 1 }
    if start == range.upperBound {
      out.append(0x30)
      return
    }
    for i in start..<range.upperBound { out.append(bytes[i]) }
  }

  /// Appends the UTF-8 bytes of `text`.
  @inline(__always) static func append(_ text: StaticString, to out: inout [UInt8]) {
    out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  /// A short quotation of the text at `i` for error messages: `'…'` up to the next whitespace
  /// (at most 40 bytes), control characters escaped, or `end of text`.
  static func found(_ bytes: [UInt8], at i: Int, end: Int) -> String {
    guard i < end else { return "end of text" }
    var j = i + 1
    while j < end, j - i < 40, whitespaceLength(bytes, at: j, end: end) == 0 { j += 1 }
    while j < end, bytes[j] & 0xC0 == 0x80 { j += 1 }  // never cut a character in half
    var quoted = "'"
    for scalar in string(bytes, i..<j).unicodeScalars {
      switch scalar {
      case "\n": quoted += "\\n"
      case "\t": quoted += "\\t"
      case "\r": quoted += "\\r"
      case _ where scalar.value < 0x20 || scalar.value == 0x7F: quoted += "\\u{" + String(scalar.value, radix: 16) + "}"
      default: quoted.unicodeScalars.append(scalar)
      }
    }
    return quoted + "'"
  }
}
