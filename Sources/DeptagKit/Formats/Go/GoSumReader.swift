/// go.sum as cmd/go's `readGoSum` reads it (go-modules.md §6.1, §7.2): lines split on `\n`,
/// fields split like `strings.Fields` (any Unicode space, so CR, tabs and runs of spaces are
/// harmless), blank lines skipped, a line of other than three fields an error, and lines carrying
/// the hash of an empty go.mod (an old bug) dropped. The result is the byte-sorted set of
/// `path version[/go.mod] hash` lines. One pass over the bytes; no per-line string slicing.
enum GoSumReader {
  /// The hash cmd/go drops on reading (`emptyGoModHash` in modfetch/fetch.go).
  static let emptyGoModHash = Array("h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=".utf8)

  struct Line: Sendable, Hashable {
    /// `path@version[/go.mod]`, the identity of the line.
    var key: String
    /// `path version hash`, single-spaced.
    var text: String
  }

  static func read(_ source: SourceFile) throws(DeptagError) -> [Line] {
    let bytes = source.bytes
    var lines: [[UInt8]] = []
    var fieldRanges: [Range<Int>] = []
    var lineNumber = 0
    var index = 0
    while index < bytes.count {
      lineNumber += 1
      let lineStart = index
      fieldRanges.removeAll(keepingCapacity: true)
      var fieldStart: Int? = nil
      // Scan one line, splitting fields on Unicode spaces.
      while index < bytes.count, bytes[index] != UInt8(ascii: "\n") {
        let b = bytes[index]
        var length = 1
        var isSpace: Bool
        if b < 0x80 {
          isSpace = b == 0x20 || (b >= 0x09 && b <= 0x0D)
          // NUL or a BOM can be in no path, version or hash: the file is UTF-16/32 or binary,
          // which readGoSum would read as lines that never match a module (go.mod refuses both).
          if b == 0 { throw DeptagError("unexpected NUL byte (go.sum is UTF-8 text)", at: SourceLocation(file: source.path, line: lineNumber, column: index - lineStart + 1)) }
        } else if bytes[index...].starts(with: [0xEF, 0xBB, 0xBF]) {
          throw DeptagError(
            "unexpected input character U+FEFF (a byte order mark; go.sum is UTF-8 without one)",
            at: SourceLocation(file: source.path, line: lineNumber, column: index - lineStart + 1))
        } else if let (scalar, n) = GoModText.scalar(in: bytes, at: index) {
          length = n
          isSpace = scalar.properties.isWhitespace
        } else {
          throw DeptagError(
            "invalid UTF-8 encoding", at: SourceLocation(file: source.path, line: lineNumber, column: index - lineStart + 1))
        }
        if isSpace {
          if let start = fieldStart { fieldRanges.append(start..<index) }
          fieldStart = nil
        } else if fieldStart == nil {
          fieldStart = index
        }
        index += length
      }
      if let start = fieldStart { fieldRanges.append(start..<index) }
      index += 1  // past the newline
      if fieldRanges.isEmpty { continue }
      guard fieldRanges.count == 3 else {
        let column = fieldRanges[0].lowerBound - lineStart + 1
        throw DeptagError(
          "malformed go.sum line: wrong number of fields \(fieldRanges.count) (expected 'path version[/go.mod] hash')",
          at: SourceLocation(file: source.path, line: lineNumber, column: column))
      }
      if bytes[fieldRanges[2]].elementsEqual(emptyGoModHash) { continue }
      var line: [UInt8] = []
      line.reserveCapacity(fieldRanges[2].upperBound - fieldRanges[0].lowerBound)
      line += bytes[fieldRanges[0]]
      line.append(0x20)
      line += bytes[fieldRanges[1]]
      line.append(0x20)
      line += bytes[fieldRanges[2]]
      lines.append(line)
    }
    lines.sort(by: ByteOrder.precedes)
    var result: [Line] = []
    result.reserveCapacity(lines.count)
    var previous: [UInt8]? = nil
    for line in lines where line != previous {
      previous = line
      let firstSpace = line.firstIndex(of: 0x20)!
      let secondSpace = line[(firstSpace + 1)...].firstIndex(of: 0x20)!
      var key = line[..<secondSpace]
      key[firstSpace] = UInt8(ascii: "@")
      result.append(Line(key: String(decoding: key, as: UTF8.self), text: String(decoding: line, as: UTF8.self)))
    }
    return result
  }
}
