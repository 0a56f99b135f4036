#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Musl)
  @preconcurrency import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// go.sum as cmd/go's `readGoSum` reads it (go-modules.md §6.1, §7.2): lines split on `\n`,
/// fields split like `strings.Fields` (any Unicode space, so CR, tabs and runs of spaces are
/// harmless), blank lines skipped, a line of other than three fields an error, and lines carrying
/// the hash of an empty go.mod (an old bug) dropped. The result is the byte-sorted set of
/// `path version[/go.mod] hash` lines.
///
/// Built for large files (issue #8): one pass over the bytes records where each line's three
/// fields are. A line already written single-spaced (nearly all of them) is used where it lies in
/// the input; any other line is written single-spaced into a side buffer. The records are sorted
/// by comparing bytes in place, and the canonical text is written from them: no per-line array
/// or string is built until the entries themselves.
enum GoSumReader {
  /// The hash cmd/go drops on reading (`emptyGoModHash` in modfetch/fetch.go).
  static let emptyGoModHash = Array("h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=".utf8)

  /// The sorted, de-duplicated lines: one entry per line, and the canonical text.
  struct Canonical: Sendable, Hashable {
    /// Keyed `path@version[/go.mod]`; the text is `path version[/go.mod] hash`, single-spaced.
    var entries: [Entry]
    /// Every entry's text followed by `\n`.
    var text: String
  }

  /// Where one single-spaced line is: at `start` in the input when `start` is below the input's
  /// size, else at `start - size` in the side buffer. 32-bit offsets: inputs are capped at
  /// 64 MiB (`InputLimits`), and the side buffer is never longer than the input.
  private struct Record {
    var start: UInt32
    var length: UInt32
    /// Offset (from `start`) of the space between path and version.
    var firstSpace: UInt32
    /// Offset (from `start`) of the space between version and hash: the key ends there.
    var secondSpace: UInt32
    /// The line's 8 bytes after the prefix all lines share, big-endian, zero-padded: most
    /// comparisons are decided here without touching the lines (`sortKey`).
    var prefix: UInt64 = 0
  }

  /// The canonical lines of `source`; `entries` stays empty unless `withEntries`.
  static func read(_ source: SourceFile, withEntries: Bool = true) throws(DeptagError) -> Canonical {
    var side: [UInt8] = []
    var records: [Record] = []
    records.reserveCapacity(source.bytes.count / 64 + 1)
    try source.bytes.withUnsafeBufferPointer { (bytes) throws(DeptagError) in
      try split(bytes, path: source.path, side: &side, records: &records)
    }
    return source.bytes.withUnsafeBufferPointer { input in
      side.withUnsafeBufferPointer { side in
        canonical(&records, input: input, side: side, withEntries: withEntries)
      }
    }
  }

  /// Sorts and de-duplicates `records` and builds the entries and the text.
  private static func canonical(
    _ records: inout [Record], input: UnsafeBufferPointer<UInt8>, side: UnsafeBufferPointer<UInt8>,
    withEntries: Bool
  ) -> Canonical {
    let inputBase = input.baseAddress
    let sideBase = side.baseAddress
    let size = UInt32(input.count)
    func bytes(_ r: Record) -> UnsafePointer<UInt8> {
      r.start < size ? inputBase! + Int(r.start) : sideBase! + Int(r.start - size)
    }
    // Byte order (memcmp, then length), as ByteOrder sorts everything deptag hashes. All lines
    // share their first `shared` bytes; the next 8 decide most comparisons from the record alone.
    var shared = records.first.map { Int($0.length) } ?? 0
    if let first = records.first.map(bytes) {
      for record in records.dropFirst() where shared > 0 {
        let line = bytes(record)
        var same = 0
        let limit = min(shared, Int(record.length))
        while same < limit && line[same] == first[same] { same += 1 }
        shared = same
      }
    }
    for i in records.indices {
      records[i].prefix = sortKey(bytes(records[i]), count: Int(records[i].length), from: shared)
    }
    let keyed = shared + 8
    records.sort { a, b in
      if a.prefix != b.prefix { return a.prefix < b.prefix }
      // Equal keys: the first min(keyed, both lengths) bytes are equal (zero padding only
      // matches zero bytes), so the comparison goes on from there.
      let common = Int(min(a.length, b.length))
      let skip = min(keyed, common)
      let order = memcmp(bytes(a) + skip, bytes(b) + skip, common - skip)
      return order != 0 ? order < 0 : a.length < b.length
    }
    var unique: [Record] = []
    unique.reserveCapacity(records.count)
    var textLength = 0
    for record in records {
      if let p = unique.last, p.length == record.length, memcmp(bytes(p), bytes(record), Int(record.length)) == 0 {
        continue
      }
      unique.append(record)
      textLength += Int(record.length) + 1
    }
    var entries: [Entry] = []
    entries.reserveCapacity(withEntries ? unique.count : 0)
    for record in unique where withEntries {
      let line = UnsafeBufferPointer(start: bytes(record), count: Int(record.length))
      let keyLength = Int(record.secondSpace)
      let key = String(unsafeUninitializedCapacity: keyLength) { out in
        _ = out.initialize(fromContentsOf: line[..<keyLength])
        out[Int(record.firstSpace)] = UInt8(ascii: "@")
        return keyLength
      }
      let text = String(unsafeUninitializedCapacity: line.count) { out in out.initialize(fromContentsOf: line) }
      entries.append(Entry(key: key, text: text))
    }
    let text = String(unsafeUninitializedCapacity: textLength) { out in
      var at = 0
      for record in unique {
        let line = UnsafeBufferPointer(start: bytes(record), count: Int(record.length))
        at += UnsafeMutableBufferPointer(rebasing: out[at...]).initialize(fromContentsOf: line)
        out[at] = 0x0A
        at += 1
      }
      return at
    }
    return Canonical(entries: entries, text: text)
  }

  /// The 8 bytes of a line from `offset` as a big-endian number, zero-padded past its end:
  /// a smaller key means a smaller line, an equal key decides nothing.
  private static func sortKey(_ line: UnsafePointer<UInt8>, count: Int, from offset: Int) -> UInt64 {
    var key: UInt64 = 0
    for i in offset..<(offset + 8) {
      key = key << 8 | (i < count ? UInt64(line[i]) : 0)
    }
    return key
  }

  /// Splits `bytes` into lines of three fields (`strings.Fields`), recording each kept line.
  private static func split(
    _ bytes: UnsafeBufferPointer<UInt8>, path: String, side: inout [UInt8], records: inout [Record]
  ) throws(DeptagError) {
    let count = bytes.count
    // Field ranges of the current line; a fourth field is enough to know the line is wrong.
    var starts: (Int, Int, Int) = (0, 0, 0)
    var ends: (Int, Int, Int) = (0, 0, 0)
    var lineNumber = 0
    var index = 0
    while index < count {
      lineNumber += 1
      let lineStart = index
      var fields = 0
      var firstFieldStart = 0
      while index < count {
        // Between fields: skip spaces (ASCII here; Unicode ones below).
        var b = bytes[index]
        if b == 0x0A { break }
        if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
          index += 1
          continue
        }
        if b >= 0x80 {
          var at = index
          if try unicodeSpace(bytes, at: &at, path: path, line: lineNumber, lineStart: lineStart) {
            index = at
            continue
          }
        }
        // A field: printable ASCII runs fast; a non-ASCII scalar ends it only if it is a space.
        let fieldStart = index
        while index < count {
          b = bytes[index]
          if b > 0x20 && b < 0x80 {
            index += 1
          } else if b >= 0x80 {
            var at = index
            if try unicodeSpace(bytes, at: &at, path: path, line: lineNumber, lineStart: lineStart) { break }
            index = at
          } else if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
            break
          } else if b == 0 {
            // NUL can be in no path, version or hash: the file is UTF-16/32 or binary, which
            // readGoSum would read as lines that never match a module (go.mod refuses it too).
            throw DeptagError(
              "unexpected NUL byte (go.sum is UTF-8 text)",
              at: SourceLocation(file: path, line: lineNumber, column: index - lineStart + 1))
          } else {
            index += 1  // another control character: part of the field, as in strings.Fields
          }
        }
        fields += 1
        switch fields {
        case 1: (starts.0, ends.0, firstFieldStart) = (fieldStart, index, fieldStart)
        case 2: (starts.1, ends.1) = (fieldStart, index)
        case 3: (starts.2, ends.2) = (fieldStart, index)
        default: break
        }
      }
      index += 1  // past the newline
      if fields == 0 { continue }
      guard fields == 3 else {
        throw DeptagError(
          "malformed go.sum line: wrong number of fields \(fields) (expected 'path version[/go.mod] hash')",
          at: SourceLocation(file: path, line: lineNumber, column: firstFieldStart - lineStart + 1))
      }
      let hash = UnsafeBufferPointer(rebasing: bytes[starts.2..<ends.2])
      if hash.elementsEqual(emptyGoModHash) { continue }
      if starts.1 == ends.0 + 1, bytes[ends.0] == 0x20, starts.2 == ends.1 + 1, bytes[ends.1] == 0x20 {
        // Single-spaced already: the line is used where it is.
        records.append(
          Record(
            start: UInt32(starts.0), length: UInt32(ends.2 - starts.0), firstSpace: UInt32(ends.0 - starts.0),
            secondSpace: UInt32(ends.1 - starts.0)))
        continue
      }
      let start = side.count
      side.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[starts.0..<ends.0]))
      let firstSpace = side.count - start
      side.append(0x20)
      side.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[starts.1..<ends.1]))
      let secondSpace = side.count - start
      side.append(0x20)
      side.append(contentsOf: hash)
      records.append(
        Record(
          start: UInt32(count + start), length: UInt32(side.count - start), firstSpace: UInt32(firstSpace),
          secondSpace: UInt32(secondSpace)))
    }
  }

  /// Whether the non-ASCII scalar at `index` is a Unicode space (`unicode.IsSpace`); moves
  /// `index` past it when it is. Invalid UTF-8 is an error.
  private static func unicodeSpace(
    _ bytes: UnsafeBufferPointer<UInt8>, at index: inout Int, path: String, line: Int, lineStart: Int
  ) throws(DeptagError) -> Bool {
    guard let (scalar, length) = GoModText.scalar(in: bytes, at: index) else {
      throw DeptagError(
        "invalid UTF-8 encoding", at: SourceLocation(file: path, line: line, column: index - lineStart + 1))
    }
    if scalar == "\u{FEFF}" {
      // A byte-order mark (go.mod refuses it too): the file is not plain UTF-8 go.sum text.
      throw DeptagError(
        "unexpected input character U+FEFF (a byte order mark; go.sum is UTF-8 without one)",
        at: SourceLocation(file: path, line: line, column: index - lineStart + 1))
    }
    index += length
    return scalar.properties.isWhitespace
  }
}
