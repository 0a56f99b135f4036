/// Character classes, Go string unquoting and quoting for go.mod/go.work values (go-modules.md
/// §1.3), on UTF-8 bytes.
enum GoModText {
  /// Decodes the scalar starting at `index`, or nil when the bytes there are not valid UTF-8.
  static func scalar<Bytes: RandomAccessCollection<UInt8>>(in bytes: Bytes, at index: Int) -> (Unicode.Scalar, Int)?
  where Bytes.Index == Int {
    let b0 = bytes[index]
    if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
    let length: Int
    var value: UInt32
    switch b0 {
    case 0xC2...0xDF: length = 2; value = UInt32(b0 & 0x1F)
    case 0xE0...0xEF: length = 3; value = UInt32(b0 & 0x0F)
    case 0xF0...0xF4: length = 4; value = UInt32(b0 & 0x07)
    default: return nil
    }
    guard index + length <= bytes.count else { return nil }
    for offset in 1..<length {
      let b = bytes[index + offset]
      guard b & 0xC0 == 0x80 else { return nil }
      value = value << 6 | UInt32(b & 0x3F)
    }
    // Reject overlong forms (the E0/F0 lead bytes) and out-of-range values; surrogates fail below.
    if length == 3 && value < 0x800 { return nil }
    if length == 4 && (value < 0x10000 || value > 0x10FFFF) { return nil }
    guard let scalar = Unicode.Scalar(value) else { return nil }
    return (scalar, length)
  }

  /// `isIdent` in read.go: printable (`unicode.IsPrint`: letters, marks, numbers, punctuation,
  /// symbols), not a Unicode space, and not one of `( ) [ ] { } ,` (§1.3).
  static func isIdentifierCharacter(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "(", ")", "[", "]", "{", "}", ",", " ": return false
    default: break
    }
    if scalar.value < 0x80 { return scalar.value > 0x20 && scalar.value < 0x7F }
    if scalar.properties.isWhitespace { return false }
    return isPrintable(scalar)
  }

  /// `unicode.IsPrint` without the ASCII space: general categories L, M, N, P, S.
  static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
      .nonspacingMark, .spacingMark, .enclosingMark,
      .decimalNumber, .letterNumber, .otherNumber,
      .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
      .initialPunctuation, .finalPunctuation, .otherPunctuation,
      .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
      return true
    default:
      return false
    }
  }

  /// How an unexpected character is named in an error message.
  static func describe(_ scalar: Unicode.Scalar) -> String {
    let code = "U+" + hexDigits(scalar.value, 4).uppercased()
    switch scalar.value {
    case 0xFEFF: return "\(code) (a byte order mark; the go command rejects it too)"
    case 0xA0: return "\(code) (a no-break space)"
    default: return code
    }
  }

  enum UnquoteError: Error { case syntax }

  /// `strconv.Unquote` of a `"…"` token: Go's escapes `\a \b \f \n \r \t \v \\ \"`, octal `\143`,
  /// `\x63`, `\u0063`, `\U00000063` (§1.3; the implementation, not go.dev/ref/mod's prose). The
  /// result must be UTF-8 (`\xff` alone is refused: deptag keeps values as text).
  static func unquote(_ token: ArraySlice<UInt8>) throws(UnquoteError) -> String {
    let quote = UInt8(ascii: "\"")
    guard token.count >= 2, token.first == quote, token.last == quote else { throw .syntax }
    var out: [UInt8] = []
    out.reserveCapacity(token.count)
    var i = token.startIndex + 1
    let end = token.endIndex - 1
    func hex(_ b: UInt8) -> UInt32? {
      switch b {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(b - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(b - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(b - UInt8(ascii: "A") + 10)
      default: nil
      }
    }
    while i < end {
      let c = token[i]
      if c == UInt8(ascii: "\n") || c == quote { throw .syntax }
      if c != UInt8(ascii: "\\") {
        out.append(c)
        i += 1
        continue
      }
      guard i + 1 < end else { throw .syntax }
      let e = token[i + 1]
      i += 2
      switch e {
      case UInt8(ascii: "a"): out.append(0x07)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "v"): out.append(0x0B)
      case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
      case quote: out.append(quote)
      case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
        let digits = e == UInt8(ascii: "x") ? 2 : e == UInt8(ascii: "u") ? 4 : 8
        guard i + digits <= end else { throw .syntax }
        var value: UInt32 = 0
        for j in 0..<digits {
          guard let d = hex(token[i + j]) else { throw .syntax }
          value = value << 4 | d
        }
        i += digits
        if e == UInt8(ascii: "x") {
          out.append(UInt8(value))  // a single byte, possibly not UTF-8
        } else {
          guard let scalar = Unicode.Scalar(value) else { throw .syntax }
          out.append(contentsOf: Array(String(Character(scalar)).utf8))
        }
      case UInt8(ascii: "0")...UInt8(ascii: "7"):
        guard i + 2 <= end else { throw .syntax }
        var value = UInt32(e - UInt8(ascii: "0"))
        for j in 0..<2 {
          let d = token[i + j]
          guard d >= UInt8(ascii: "0"), d <= UInt8(ascii: "7") else { throw .syntax }
          value = value << 3 | UInt32(d - UInt8(ascii: "0"))
        }
        i += 2
        guard value <= 255 else { throw .syntax }
        out.append(UInt8(value))
      default:
        throw .syntax
      }
    }
    guard let text = String(validating: out, as: UTF8.self) else { throw .syntax }
    return text
  }

  /// The value as it must be written back: bare when modfile reads the bare token as the same
  /// value, else a Go-quoted string (`AutoQuote`/`MustQuote` in rule.go, a little stricter: any
  /// punctuation character, and `=>`, is quoted too).
  static func quoteIfNeeded(_ value: String) -> String {
    needsQuotes(value) ? quote(value) : value
  }

  static func needsQuotes(_ value: String) -> Bool {
    if value.isEmpty || value == "=>" || value.contains("//") || value.contains("/*") { return true }
    for scalar in value.unicodeScalars {
      if scalar == "\"" || scalar == "'" || scalar == "`" || !isIdentifierCharacter(scalar) { return true }
    }
    return false
  }

  /// `strconv.Quote`-style: printable characters as they are, `"` and `\` escaped, the rest as
  /// `\t`/`\n`/`\r` or `\xNN`/`\uNNNN`/`\UNNNNNNNN`.
  static func quote(_ value: String) -> String {
    var out = "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\t": out += "\\t"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      default:
        if scalar == " " || (scalar.value < 0x80 && scalar.value > 0x20 && scalar.value < 0x7F)
          || (scalar.value >= 0x80 && isPrintable(scalar))
        {
          out.unicodeScalars.append(scalar)
        } else if scalar.value < 0x80 {
          out += "\\x" + hexDigits(scalar.value, 2)
        } else if scalar.value <= 0xFFFF {
          out += "\\u" + hexDigits(scalar.value, 4)
        } else {
          out += "\\U" + hexDigits(scalar.value, 8)
        }
      }
    }
    return out + "\""
  }

  private static func hexDigits(_ value: UInt32, _ width: Int) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}
