#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Musl)
  @preconcurrency import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

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

  /// The joined text before comment stripping (a slice of the file's text when the logical line
  /// is one physical line, the common case, so nothing is copied).
  let joined: Substring
  /// The first piece, kept apart so a one-line logical line allocates no array.
  let firstPiece: Piece
  /// The pieces after the first (continuation lines).
  let laterPieces: [Piece]
  /// The meaningful text: comment removed, Python-whitespace trimmed; a slice of `joined`.
  let text: Substring

  /// The physical line the logical line starts on (pip reports this one).
  var lineNumber: Int { firstPiece.line }

  /// The file position of `index` (an index into `joined`/`text`).
  func location(of index: String.Index, file: String) -> SourceLocation {
    let (line, column) = position(of: index)
    return SourceLocation(file: file, line: line, column: column)
  }

  /// The 1-based physical line and UTF-8 column of `index` (an index into `joined`/`text`).
  func position(of index: String.Index) -> (line: Int, column: Int) {
    let offset = joined.utf8.distance(from: joined.startIndex, to: index)
    var piece = firstPiece
    for candidate in laterPieces where candidate.joinedOffset <= offset { piece = candidate }
    return (piece.line, piece.column + offset - piece.joinedOffset + 1)
  }

  /// Splits `content` into logical lines, dropping those that are empty after comment stripping.
  /// `firstLine` is the number of `content`'s first physical line (a part of a file cut by
  /// `cuts` starts further down; its line numbers stay those of the whole file).
  ///
  /// Works on the UTF-8 bytes with offsets (String indices cost far more per step) and makes
  /// Substrings only for the lines it keeps.
  static func split(_ content: String, firstLine: Int = 1) -> [LogicalLine] {
    var content = content
    content.makeContiguousUTF8()
    return content.utf8.withContiguousStorageIfAvailable { bytes in
      var result: [LogicalLine] = []
      forEach(content, bytes, in: 0..<bytes.count, firstLine: firstLine) { physical, kept, line in
        result.append(single(content, physical, kept, line: line))
      } joined: { result.append($0) }
      return result
    }!
  }

  /// Where a part of a file starts: a byte offset at the start of a physical line, and that
  /// line's 1-based number.
  struct Cut: Equatable, Sendable {
    var offset: Int
    var line: Int
  }

  /// Places to cut `content` into parts of about `linesPerPart` physical lines each, so that
  /// each part can be split (and read) on its own: the first cut is at offset 0, line 1; the
  /// others are after a line boundary, at least `linesPerPart` lines after the previous cut,
  /// and never after a line ending in `\` (a continuation is never cut, so every part ends a
  /// logical line). Also returns the number of physical lines.
  static func cuts(_ content: String, linesPerPart: Int) -> (cuts: [Cut], lines: Int) {
    var content = content
    content.makeContiguousUTF8()
    return content.utf8.withContiguousStorageIfAvailable { cuts($0, linesPerPart: linesPerPart) }!
  }

  /// `cuts(_:linesPerPart:)` of a text's UTF-8 bytes.
  static func cuts(_ bytes: UnsafeBufferPointer<UInt8>, linesPerPart: Int) -> (cuts: [Cut], lines: Int) {
    var cuts = [Cut(offset: 0, line: 1)]
    var lines = 0
    var sinceCut = 0
    forEachPhysicalLine(bytes, in: 0..<bytes.count) { physical, next in
      lines += 1
      sinceCut += 1
      if sinceCut >= max(linesPerPart, 1) && next < bytes.count
        && (physical.isEmpty || bytes[physical.upperBound - 1] != UInt8(ascii: "\\"))
      {
        cuts.append(Cut(offset: next, line: lines + 1))
        sinceCut = 0
      }
    }
    return (cuts, lines)
  }

  /// A part of a logical line: a byte range of the file, or the space pip puts before a comment
  /// line that ends a continuation (nil range).
  private typealias Part = (range: Range<Int>?, line: Int, column: Int)

  /// The logical lines of `bytes[range]` (`bytes` is all of `content`'s UTF-8, `range` starts a
  /// physical line and ends a logical one), dropping those that are empty after comment
  /// stripping, in order: a logical line of one physical line goes to `single` as byte offsets
  /// (its physical line, the meaningful part of it, its number: nothing is copied or sliced), a
  /// continued one to `joined`. `firstLine` is the number of the range's first physical line.
  static func forEach(
    _ content: String, _ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>, firstLine: Int,
    single: (_ physical: Range<Int>, _ kept: Range<Int>, _ line: Int) -> Void,
    joined: (LogicalLine) -> Void
  ) {
    forEach(bytes, in: range, firstLine: firstLine, content: { (content, 0) }, single: single, joined: joined)
  }

  /// As `forEach(_:_:in:firstLine:single:joined:)`, where `content` gives, only when a
  /// continued line needs it, a text whose UTF-8 is `bytes[start...]` (at least up to the
  /// range's end) with its start offset.
  static func forEach(
    _ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>, firstLine: Int,
    content: () -> (text: String, start: Int),
    single: (_ physical: Range<Int>, _ kept: Range<Int>, _ line: Int) -> Void,
    joined: (LogicalLine) -> Void
  ) {
    var pending: [Part] = []  // the continued parts of the current logical line
    var lineNumber = firstLine - 1
    forEachPhysicalLine(bytes, in: range) { physical, _ in
      lineNumber += 1
      let isComment = PythonBytes.firstNonSpace(bytes, in: physical).map { bytes[$0] == UInt8(ascii: "#") } ?? false
      let continues = !physical.isEmpty && bytes[physical.upperBound - 1] == UInt8(ascii: "\\")
      if !continues || isComment {
        // pip prefixes a comment line with a space so the comment regex always matches it
        // (that only matters when it ends a continuation).
        if pending.isEmpty {
          // The usual case: a logical line of one physical line.
          if !isComment, let kept = meaningful(bytes, physical) { single(physical, kept, lineNumber) }
          return
        }
        if isComment { pending.append((nil, lineNumber, 0)) }
        pending.append((physical, lineNumber, 0))
        if pending.count == 1, let only = pending[0].range {
          if let kept = meaningful(bytes, only) { single(only, kept, pending[0].line) }
        } else if let line = make(content(), bytes, pending) {
          joined(line)
        }
        pending.removeAll(keepingCapacity: true)
      } else {
        // `line.strip("\\")`: every leading and trailing backslash goes, nothing is inserted.
        var lower = physical.lowerBound
        while lower < physical.upperBound && bytes[lower] == UInt8(ascii: "\\") { lower += 1 }
        var upper = physical.upperBound
        while upper > lower && bytes[upper - 1] == UInt8(ascii: "\\") { upper -= 1 }
        pending.append((lower..<upper, lineNumber, lower - physical.lowerBound))
      }
    }
    if !pending.isEmpty {
      if pending.count == 1, let only = pending[0].range {
        if let kept = meaningful(bytes, only) { single(only, kept, pending[0].line) }
      } else if let line = make(content(), bytes, pending) {
        joined(line)
      }
    }
  }

  /// A logical line of one physical line (`range`, of which `kept` is meaningful): everything
  /// is a slice of the file's text.
  /// `contentStart` is the byte offset (in the ranges' terms) where `content` starts.
  static func single(_ content: String, _ range: Range<Int>, _ kept: Range<Int>, line: Int, contentStart: Int = 0) -> LogicalLine {
    LogicalLine(
      joined: content[index(content, range.lowerBound - contentStart)..<index(content, range.upperBound - contentStart)],
      firstPiece: Piece(joinedOffset: 0, line: line, column: 0), laterPieces: [],
      text: content[index(content, kept.lowerBound - contentStart)..<index(content, kept.upperBound - contentStart)])
  }

  /// A logical line joined from continued parts (a copy).
  private static func make(_ source: (text: String, start: Int), _ bytes: UnsafeBufferPointer<UInt8>, _ parts: [Part]) -> LogicalLine? {
    let (content, contentStart) = source
    var text = ""
    var pieces: [Piece] = []
    pieces.reserveCapacity(parts.count)
    for part in parts {
      pieces.append(Piece(joinedOffset: text.utf8.count, line: part.line, column: part.column))
      if let range = part.range {
        text += content[index(content, range.lowerBound - contentStart)..<index(content, range.upperBound - contentStart)]
      } else {
        text += " "
      }
    }
    text.makeContiguousUTF8()
    guard let kept = text.utf8.withContiguousStorageIfAvailable({ meaningful($0, 0..<$0.count) })! else { return nil }
    return LogicalLine(
      joined: text[...], firstPiece: pieces[0], laterPieces: Array(pieces.dropFirst()), text: text[index(text, kept.lowerBound)..<index(text, kept.upperBound)])
  }

  /// The byte range of `range` left after comment removal and stripping; nil when nothing is.
  @inline(__always)
  static func meaningful(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int>? {
    let uncommented = range.lowerBound..<commentStart(bytes, in: range)
    guard let first = PythonBytes.firstNonSpace(bytes, in: uncommented) else { return nil }
    return first..<PythonBytes.endOfNonSpace(bytes, in: first..<uncommented.upperBound)
  }

  /// `re.sub(r"(^|\s+)#.*$", "", line)`: where the comment starts (a `#` at the start or after
  /// whitespace), or the range's end. `memchr` finds each `#` (a byte no multi-byte scalar
  /// contains); only then is the scalar before it looked at.
  private static func commentStart(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Int {
    guard let base = bytes.baseAddress else { return range.upperBound }
    var from = range.lowerBound
    while from < range.upperBound {
      guard let found = memchr(base + from, Int32(UInt8(ascii: "#")), range.upperBound - from) else { break }
      let hash = UnsafeRawPointer(found) - UnsafeRawPointer(base)
      if hash == range.lowerBound || PythonBytes.isSpace(before: hash, in: bytes, from: range.lowerBound) { return hash }
      from = hash + 1
    }
    return range.upperBound
  }

  /// `re.sub(r"(^|\s+)#.*$", "", line)` on a Substring.
  static func removeComment(_ line: Substring) -> Substring {
    var copy = line
    let end = copy.withUTF8 { commentStart($0, in: 0..<$0.count) }
    return line[..<index(line, end)]
  }

  /// `str.splitlines()`: `\r\n`, `\r`, `\n` and the other Unicode line boundaries end a line.
  static func physicalLines(_ content: String) -> [Substring] {
    var content = content
    content.makeContiguousUTF8()
    return content.utf8.withContiguousStorageIfAvailable { bytes in
      var lines: [Substring] = []
      forEachPhysicalLine(bytes, in: 0..<bytes.count) { range, _ in
        lines.append(content[index(content, range.lowerBound)..<index(content, range.upperBound)])
      }
      return lines
    }!
  }

  /// Calls `body` with the byte range of each of `str.splitlines()`'s lines in `range` (terminator
  /// excluded) and the offset after its terminator. The non-ASCII boundaries are U+0085 (C2 85)
  /// and U+2028/U+2029 (E2 80 A8/A9).
  ///
  /// Eight bytes at a time: a word whose bytes all lie in 0x20..<0x80 holds no boundary (every
  /// boundary byte is below 0x20 or a non-ASCII lead byte), so only the first byte outside that
  /// range is looked at one by one.
  @inline(__always)
  private static func forEachPhysicalLine(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>, _ body: (Range<Int>, Int) -> Void) {
    guard let base = bytes.baseAddress else { return }
    let raw = UnsafeRawPointer(base)
    var start = range.lowerBound
    var i = range.lowerBound
    let end = range.upperBound
    while i < end {
      while i &+ 8 <= end {
        let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
        // The high bit of each byte below 0x20 (the borrow only reaches bytes after the first
        // such byte, so the lowest flag is exact) or at least 0x80.
        let flagged = ((word &- 0x2020_2020_2020_2020) & ~word | word) & 0x8080_8080_8080_8080
        if flagged != 0 {
          i &+= flagged.trailingZeroBitCount >> 3
          break
        }
        i &+= 8
      }
      guard i < end else { break }
      let length: Int
      switch bytes[i] {
      case 0x0A, 0x0B, 0x0C, 0x1C, 0x1D, 0x1E: length = 1
      case 0x0D: length = i + 1 < end && bytes[i + 1] == 0x0A ? 2 : 1
      case 0xC2: length = i + 1 < end && bytes[i + 1] == 0x85 ? 2 : 0
      case 0xE2: length = i + 2 < end && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9) ? 3 : 0
      default: length = 0
      }
      if length == 0 {
        i += 1
      } else {
        body(start..<i, i + length)
        i += length
        start = i
      }
    }
    if start < end { body(start..<end, end) }
  }

  /// The index `offset` UTF-8 bytes into `text` (constant time on native strings).
  private static func index<S: StringProtocol>(_ text: S, _ offset: Int) -> String.Index {
    text.utf8.index(text.utf8.startIndex, offsetBy: offset)
  }
}
