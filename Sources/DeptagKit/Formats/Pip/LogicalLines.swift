/// One logical line of a requirements file after pip's preprocessing (pip-requirements.md §1,
/// steps 2–4): physical lines joined on a trailing `\`, then the comment stripped and the rest
/// trimmed. It remembers which physical line and byte column each part came from, so errors
/// point at the physical line where the offending text starts.
struct LogicalLine {
  /// A stretch of `joined` copied from one physical line.
  struct Piece {
    /// UTF-8 offset in `joined` where the piece starts.
    var joinedOffset: Int
    /// 1-based physical line number.
    var line: Int
    /// 0-based UTF-8 column in the physical line where the piece starts.
    var column: Int
  }

  /// The joined text before comment stripping.
  let joined: String
  let pieces: [Piece]
  /// The meaningful text: comment removed, Python-whitespace trimmed; a slice of `joined`.
  let text: Substring

  /// The physical line the logical line starts on (pip reports this one).
  var lineNumber: Int { pieces[0].line }

  /// The file position of `index` (an index into `joined`/`text`).
  func location(of index: String.Index, file: String) -> SourceLocation {
    let offset = joined.utf8.distance(from: joined.startIndex, to: index)
    var piece = pieces[0]
    for candidate in pieces where candidate.joinedOffset <= offset { piece = candidate }
    return SourceLocation(file: file, line: piece.line, column: piece.column + offset - piece.joinedOffset + 1)
  }

  /// Splits `content` into logical lines, dropping those that are empty after comment stripping.
  static func split(_ content: String) -> [LogicalLine] {
    var result: [LogicalLine] = []
    var pending: [(Substring, Int, Int)] = []  // (text, line, column) of continued parts
    var lineNumber = 0
    for physical in physicalLines(content) {
      lineNumber += 1
      let isComment = startsComment(physical)
      if physical.last != "\\" || isComment {
        // pip prefixes a comment line with a space so the comment regex always matches it
        // (that only matters when it ends a continuation).
        if isComment && !pending.isEmpty { pending.append((" ", lineNumber, 0)) }
        pending.append((physical, lineNumber, 0))
        if let line = make(pending) { result.append(line) }
        pending = []
      } else {
        // `line.strip("\\")`: every leading and trailing backslash goes, nothing is inserted.
        let lead = physical.prefix(while: { $0 == "\\" }).utf8.count
        var body = physical.drop(while: { $0 == "\\" })
        while body.last == "\\" { body = body.dropLast() }
        pending.append((body, lineNumber, lead))
      }
    }
    if !pending.isEmpty, let line = make(pending) { result.append(line) }
    return result
  }

  private static func make(_ parts: [(Substring, Int, Int)]) -> LogicalLine? {
    var joined = ""
    var pieces: [Piece] = []
    for (text, line, column) in parts {
      pieces.append(Piece(joinedOffset: joined.utf8.count, line: line, column: column))
      joined += text
    }
    let stripped = PythonText.strip(removeComment(joined[...]))
    guard !stripped.isEmpty else { return nil }
    return LogicalLine(joined: joined, pieces: pieces, text: stripped)
  }

  /// `re.sub(r"(^|\s+)#.*$", "", line)`: a `#` is a comment at the start or after whitespace.
  static func removeComment(_ line: Substring) -> Substring {
    var previousIsSpace = true
    var index = line.unicodeScalars.startIndex
    while index < line.unicodeScalars.endIndex {
      let scalar = line.unicodeScalars[index]
      if scalar == "#" && previousIsSpace { return line[..<index] }
      previousIsSpace = PythonText.isSpace(scalar)
      line.unicodeScalars.formIndex(after: &index)
    }
    return line
  }

  /// `COMMENT_RE.match(line)`: optional leading whitespace, then `#`.
  private static func startsComment(_ line: Substring) -> Bool {
    line.unicodeScalars.first(where: { !PythonText.isSpace($0) }) == "#"
  }

  /// `str.splitlines()`: `\r\n`, `\r`, `\n` and the other Unicode line boundaries end a line.
  static func physicalLines(_ content: String) -> [Substring] {
    var lines: [Substring] = []
    let scalars = content.unicodeScalars
    var start = scalars.startIndex
    var index = start
    while index < scalars.endIndex {
      let scalar = scalars[index]
      if PythonText.isLineBreak(scalar) {
        lines.append(content[start..<index])
        var next = scalars.index(after: index)
        if scalar == "\r", next < scalars.endIndex, scalars[next] == "\n" {
          next = scalars.index(after: next)
        }
        start = next
        index = next
      } else {
        scalars.formIndex(after: &index)
      }
    }
    if start < scalars.endIndex { lines.append(content[start..<scalars.endIndex]) }
    return lines
  }
}
