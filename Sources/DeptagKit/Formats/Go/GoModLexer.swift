/// One token of a go.mod or go.work file (go-modules.md §1; x/mod `modfile/read.go`, `readToken`).
struct GoModToken: Sendable, Hashable {
  enum Kind: Sendable, Hashable {
    case newline, leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace, comma
    /// `"…"`: an interpreted string, unquoted with Go's escapes when a directive reads it.
    case quoted
    /// `` `…` ``: lexed, then rejected by every directive (§1.3).
    case backquoted
    case identifier
    /// A `//` comment alone on its line (consumes its newline).
    case lineComment
    /// A `//` comment after a token on its line: it ends the statement (consumes its newline).
    case suffixComment
    case endOfFile
  }

  var kind: Kind
  /// Byte range in the file.
  var start: Int
  var end: Int
  /// 1-based line and 1-based UTF-8 byte column of `start`.
  var line: Int
  var column: Int

  /// Newline, end of file or a suffix comment: what ends a statement (`isEOL` in read.go).
  var endsLine: Bool { kind == .newline || kind == .endOfFile || kind == .suffixComment }
}

/// Bytes → tokens, exactly as modfile's lexer splits them (§1): only space, tab and CR are
/// whitespace; `//` ends an unquoted token; `/*` is an error; punctuation is `( ) [ ] { } ,` and
/// newline (`=>` is an ordinary identifier); any other character must be printable and not a
/// Unicode space (a BOM or U+00A0 is an error). Linear in the input.
struct GoModLexer {
  let bytes: [UInt8]
  let file: String
  private var position = 0
  private var line = 1
  private var lineStart = 0
  /// Whether a token has started since the last newline (a `//` comment is then a suffix).
  private var tokenOnLine = false

  init(bytes: [UInt8], file: String) {
    self.bytes = bytes
    self.file = file
  }

  /// Every token, ending with `.endOfFile`.
  static func tokenize(_ bytes: [UInt8], file: String) throws(DeptagError) -> [GoModToken] {
    var lexer = GoModLexer(bytes: bytes, file: file)
    var tokens: [GoModToken] = []
    while true {
      let token = try lexer.next()
      tokens.append(token)
      if token.kind == .endOfFile { return tokens }
    }
  }

  private func here() -> SourceLocation {
    SourceLocation(file: file, line: line, column: position - lineStart + 1)
  }

  private func peek(_ offset: Int = 0) -> UInt8? {
    position + offset < bytes.count ? bytes[position + offset] : nil
  }

  /// Consumes one byte, keeping line bookkeeping.
  private mutating func advance() {
    if bytes[position] == UInt8(ascii: "\n") {
      line += 1
      lineStart = position + 1
      tokenOnLine = false
    }
    position += 1
  }

  private mutating func next() throws(DeptagError) -> GoModToken {
    // Skip spaces; hand over comments.
    while let c = peek() {
      if c == 0x20 || c == 0x09 || c == 0x0D {
        position += 1
        continue
      }
      if c == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "/") {
        let suffix = tokenOnLine
        var token = GoModToken(
          kind: suffix ? .suffixComment : .lineComment, start: position, end: position, line: line,
          column: position - lineStart + 1)
        // The comment runs to the end of the line and takes the newline with it.
        while let b = peek() {
          advance()
          if b == UInt8(ascii: "\n") { break }
        }
        token.end = position
        return token
      }
      if c == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
        throw DeptagError("mod files must use // comments (not /* */ comments)", at: here())
      }
      break
    }

    let start = position
    let startLine = line
    let startColumn = position - lineStart + 1
    func token(_ kind: GoModToken.Kind) -> GoModToken {
      GoModToken(kind: kind, start: start, end: position, line: startLine, column: startColumn)
    }
    guard let c = peek() else { return token(.endOfFile) }

    let punctuation: GoModToken.Kind? =
      switch c {
      case UInt8(ascii: "\n"): .newline
      case UInt8(ascii: "("): .leftParen
      case UInt8(ascii: ")"): .rightParen
      case UInt8(ascii: "["): .leftBracket
      case UInt8(ascii: "]"): .rightBracket
      case UInt8(ascii: "{"): .leftBrace
      case UInt8(ascii: "}"): .rightBrace
      case UInt8(ascii: ","): .comma
      default: nil
      }
    if let punctuation {
      advance()
      if punctuation != .newline { tokenOnLine = true }
      return token(punctuation)
    }

    if c == UInt8(ascii: "\"") || c == UInt8(ascii: "`") {
      let startLocation = here()
      advance()
      while true {
        guard let b = peek() else { throw DeptagError("unexpected EOF in string", at: startLocation) }
        if b == UInt8(ascii: "\n") { throw DeptagError("unexpected newline in string", at: here()) }
        advance()
        if b == c { break }
        if b == UInt8(ascii: "\\") && c == UInt8(ascii: "\"") {
          // The escaped character is skipped whatever it is (even a newline; the unquote then
          // fails). Bytes suffice: no UTF-8 continuation byte is special here.
          guard peek() != nil else { throw DeptagError("unexpected EOF in string", at: startLocation) }
          advance()
        }
      }
      tokenOnLine = true
      return token(c == UInt8(ascii: "\"") ? .quoted : .backquoted)
    }

    // An identifier: a run of identifier characters, stopping before `//`.
    guard let (first, _) = GoModText.scalar(in: bytes, at: position) else {
      throw DeptagError("invalid UTF-8 encoding", at: here())
    }
    guard GoModText.isIdentifierCharacter(first) else {
      throw DeptagError("unexpected input character \(GoModText.describe(first))", at: here())
    }
    while position < bytes.count {
      if bytes[position] == UInt8(ascii: "/") {
        if peek(1) == UInt8(ascii: "/") { break }
        if peek(1) == UInt8(ascii: "*") {
          throw DeptagError("mod files must use // comments (not /* */ comments)", at: here())
        }
      }
      if bytes[position] < 0x80 {
        guard GoModText.isIdentifierCharacter(Unicode.Scalar(bytes[position])) else { break }
        position += 1
        continue
      }
      guard let (scalar, length) = GoModText.scalar(in: bytes, at: position) else {
        throw DeptagError("invalid UTF-8 encoding", at: here())
      }
      guard GoModText.isIdentifierCharacter(scalar) else { break }
      position += length
    }
    tokenOnLine = true
    return token(.identifier)
  }
}
