/// The statements of a go.mod/go.work file: single lines and `verb ( … )` blocks, exactly as
/// modfile's `parseFile`/`parseStmt`/`parseLineBlock` build them (go-modules.md §1.4).
enum GoModStatement: Sendable {
  /// A line: its tokens, the verb first.
  case line([GoModToken])
  /// A block: the tokens before `(` (one, the verb, unless the block is malformed) and each
  /// entry line's tokens (the verb not repeated).
  case block(head: [GoModToken], lines: [[GoModToken]])
}

struct GoModSyntax {
  private let tokens: [GoModToken]
  private let file: String
  private var index = 0

  /// Parses `tokens` (ending in `.endOfFile`) into statements; comments are dropped (none of
  /// them is download-relevant, §1.2).
  static func parse(_ tokens: [GoModToken], file: String) throws(DeptagError) -> [GoModStatement] {
    var parser = GoModSyntax(tokens: tokens, file: file)
    return try parser.parseFile()
  }

  private init(tokens: [GoModToken], file: String) {
    self.tokens = tokens
    self.file = file
  }

  private var peek: GoModToken { tokens[index] }

  private mutating func lex() -> GoModToken {
    let token = tokens[index]
    if token.kind != .endOfFile { index += 1 }
    return token
  }

  private func location(_ token: GoModToken) -> SourceLocation {
    SourceLocation(file: file, line: token.line, column: token.column)
  }

  private mutating func parseFile() throws(DeptagError) -> [GoModStatement] {
    var statements: [GoModStatement] = []
    while true {
      switch peek.kind {
      case .newline, .lineComment: _ = lex()
      case .endOfFile: return statements
      default: statements.append(try parseStatement())
      }
    }
  }

  /// `parseStmt`: a line up to its end, or a block when `(` is followed by the end of the line;
  /// `verb ( )` alone is an empty block; `(` elsewhere is an ordinary token.
  private mutating func parseStatement() throws(DeptagError) -> GoModStatement {
    var line = [lex()]
    while true {
      let token = lex()
      if token.endsLine { return .line(line) }
      if token.kind == .leftParen {
        if peek.endsLine { return .block(head: line, lines: try parseBlock(opening: line[0])) }
        if peek.kind == .rightParen {
          let close = lex()
          if peek.endsLine {
            _ = lex()
            return .block(head: line, lines: [])
          }
          line += [token, close]
          continue
        }
      }
      line.append(token)
    }
  }

  /// `parseLineBlock`: entry lines until a line starting with `)`, which must end its line.
  private mutating func parseBlock(opening: GoModToken) throws(DeptagError) -> [[GoModToken]] {
    var lines: [[GoModToken]] = []
    while true {
      switch peek.kind {
      case .suffixComment, .newline, .lineComment:
        _ = lex()
      case .endOfFile:
        throw DeptagError(
          "syntax error (unterminated block started at \(file):\(opening.line):\(opening.column))",
          at: location(peek))
      case .rightParen:
        _ = lex()
        guard peek.endsLine else {
          throw DeptagError("syntax error (expected newline after closing paren)", at: location(peek))
        }
        _ = lex()
        return lines
      default:
        var line = [lex()]
        while !peek.endsLine { line.append(lex()) }
        _ = lex()
        lines.append(line)
      }
    }
  }
}
