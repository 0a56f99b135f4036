#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Musl)
  @preconcurrency import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Decodes a requirements file's bytes as pip's `_decode_req_file` does (pip-requirements.md §1
/// step 1): a UTF-8/16/32 BOM wins; otherwise a PEP 263 coding line on one of the first two lines;
/// otherwise UTF-8. pip's locale fallback for undecodable bytes is deliberately not copied:
/// such a file is refused with the position of the first bad byte.
enum RequirementsDecoding {
  static func decode(_ source: SourceFile) throws(DeptagError) -> String {
    let b = source.bytes
    let text: String
    if b.starts(with: [0xEF, 0xBB, 0xBF]) {
      text = try utf8(b, from: 3, source)
    } else if b.starts(with: [0xFF, 0xFE, 0x00, 0x00]) {
      text = try utf32(b, from: 4, bigEndian: false, source)
    } else if b.starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
      text = try utf32(b, from: 4, bigEndian: true, source)
    } else if b.starts(with: [0xFF, 0xFE]) {
      text = try utf16(b, from: 2, bigEndian: false, source)
    } else if b.starts(with: [0xFE, 0xFF]) {
      text = try utf16(b, from: 2, bigEndian: true, source)
    } else if let declared = codingDeclaration(b) {
      text = try decode(b, declared: declared, source)
    } else {
      text = try utf8(b, from: 0, source)
    }
    if let offset = nulOffset(text) {
      throw DeptagError(
        "file contains a NUL character; not a requirements file",
        at: location(in: Array(text.utf8), offset: offset, source))
    }
    return text
  }

  /// Where the text starts in `b` when `decode` would return exactly `b[start...]` and not
  /// throw: ASCII without NUL, after an optional UTF-8 BOM, with no coding line (nil
  /// otherwise, `decode` then decides). Such bytes can be read in place, with no String copy.
  static func verbatimStart(_ b: [UInt8]) -> Int? {
    let start = b.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    // (The UTF-16 and UTF-32 BOMs are not ASCII.)
    guard isASCII(b, from: start), codingDeclaration(b) == nil else { return nil }
    let hasNUL = b.withUnsafeBufferPointer { all -> Bool in
      guard let base = all.baseAddress, all.count > start else { return false }
      return memchr(base + start, 0, all.count - start) != nil
    }
    return hasNUL ? nil : start
  }

  /// The UTF-8 offset of the first NUL in `text` (`memchr`), if there is one.
  private static func nulOffset(_ text: String) -> Int? {
    var text = text
    return text.withUTF8 { bytes -> Int? in
      guard let base = bytes.baseAddress, let nul = memchr(base, 0, bytes.count) else { return nil }
      return UnsafeRawPointer(nul) - UnsafeRawPointer(base)
    }
  }

  /// Whether `b[start...]` is all ASCII.
  static func isASCII(_ b: [UInt8], from start: Int) -> Bool {
    b.withUnsafeBytes { isASCII(UnsafeRawBufferPointer(rebasing: $0[start...])) }
  }

  /// Whether `raw` is all ASCII, 32 then eight bytes at a time.
  static func isASCII(_ raw: UnsafeRawBufferPointer) -> Bool {
    var i = 0
    var high: UInt64 = 0
    while i &+ 32 <= raw.count {
      high |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: i &+ 8, as: UInt64.self)
        | raw.loadUnaligned(fromByteOffset: i &+ 16, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: i &+ 24, as: UInt64.self)
      i &+= 32
    }
    while i &+ 8 <= raw.count {
      high |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      i &+= 8
    }
    while i < raw.count {
      high |= UInt64(raw[i])
      i &+= 1
    }
    return high & 0x8080_8080_8080_8080 == 0
  }

  /// The encoding named by a PEP 263 cookie (`coding[:=]\s*([-\w.]+)`) on a line that starts
  /// with `#` among the first two lines (pip splits on `\n` for this check).
  static func codingDeclaration(_ b: [UInt8]) -> String? {
    var lineStart = 0
    for _ in 0..<2 {
      guard lineStart < b.count else { return nil }
      let lineEnd = b[lineStart...].firstIndex(of: 0x0A) ?? b.count
      let line = b[lineStart..<lineEnd]
      if line.first == UInt8(ascii: "#"), let name = cookie(in: line) { return name }
      lineStart = lineEnd + 1
    }
    return nil
  }

  private static func cookie(in line: ArraySlice<UInt8>) -> String? {
    let word = Array("coding".utf8)
    var i = line.startIndex
    while i + word.count < line.endIndex {
      if line[i..<(i + word.count)].elementsEqual(word),
        line[i + word.count] == UInt8(ascii: ":") || line[i + word.count] == UInt8(ascii: "=")
      {
        var j = i + word.count + 1
        while j < line.endIndex, [0x20, 0x09, 0x0B, 0x0C, 0x0D].contains(line[j]) { j += 1 }
        let start = j
        while j < line.endIndex, isWordOrDash(line[j]) { j += 1 }
        if j > start { return String(decoding: line[start..<j], as: UTF8.self) }
      }
      i += 1
    }
    return nil
  }

  private static func isWordOrDash(_ c: UInt8) -> Bool {
    (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
      || c == UInt8(ascii: "_") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")
  }

  private static func decode(_ b: [UInt8], declared: String, _ source: SourceFile) throws(DeptagError) -> String {
    // Python codec lookup folds case and treats `_` like `-`.
    let name = String(declared.lowercased().map { $0 == "_" ? "-" : $0 })
    switch name {
    case "utf-8", "utf8", "u8", "utf", "utf8-sig", "utf-8-sig", "cp65001":
      return try utf8(b, from: b.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0, source)
    case "ascii", "us-ascii", "646":
      if let bad = b.firstIndex(where: { $0 >= 0x80 }) {
        throw DeptagError(
          "byte 0x\(String(b[bad], radix: 16)) is not ASCII, as the coding line declares",
          at: location(in: b, offset: bad, source))
      }
      return String(decoding: b, as: UTF8.self)
    case "latin-1", "latin1", "iso-8859-1", "iso8859-1", "8859", "cp819", "l1", "latin":
      return String(String.UnicodeScalarView(b.map { Unicode.Scalar($0) }))
    case "utf-16-le", "utf-16le": return try utf16(b, from: 0, bigEndian: false, source)
    case "utf-16-be", "utf-16be": return try utf16(b, from: 0, bigEndian: true, source)
    case "utf-32-le", "utf-32le": return try utf32(b, from: 0, bigEndian: false, source)
    case "utf-32-be", "utf-32be": return try utf32(b, from: 0, bigEndian: true, source)
    default:
      throw DeptagError(
        "unsupported encoding '\(declared)' declared by the coding line",
        at: SourceLocation(file: source.path, line: 1, column: 1))
    }
  }

  private static func utf8(_ b: [UInt8], from start: Int, _ source: SourceFile) throws(DeptagError) -> String {
    // Fast paths: ASCII text (checked a word at a time) is valid UTF-8; otherwise the standard
    // library validates and copies in one go. The slow path below only runs to find where
    // invalid bytes are.
    if isASCII(b, from: start) { return String(decoding: b[start...], as: UTF8.self) }
    if let text = String(validating: b[start...], as: UTF8.self) { return text }
    let body = b[start...]
    var iterator = body.makeIterator()
    var decoder = UTF8()
    var offset = start
    var scalars = String.UnicodeScalarView()
    loop: while true {
      let before = offset
      switch decoder.decode(&iterator) {
      case .scalarValue(let s):
        scalars.append(s)
        offset += UTF8.width(s)
      case .emptyInput:
        break loop
      case .error:
        throw DeptagError(
          "invalid UTF-8 (byte 0x\(String(b[before], radix: 16))); requirements files are UTF-8 unless a BOM or coding line says otherwise",
          at: location(in: b, offset: before, source))
      }
    }
    return String(scalars)
  }

  private static func utf16(_ b: [UInt8], from start: Int, bigEndian: Bool, _ source: SourceFile) throws(DeptagError) -> String {
    guard (b.count - start) % 2 == 0 else {
      throw DeptagError("truncated UTF-16 text (odd number of bytes)", at: SourceLocation(file: source.path, line: 1, column: 1))
    }
    var units: [UInt16] = []
    units.reserveCapacity((b.count - start) / 2)
    var i = start
    while i < b.count {
      let hi = UInt16(b[i]), lo = UInt16(b[i + 1])
      units.append(bigEndian ? hi << 8 | lo : lo << 8 | hi)
      i += 2
    }
    var iterator = units.makeIterator()
    var decoder = UTF16()
    var scalars = String.UnicodeScalarView()
    loop: while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let s): scalars.append(s)
      case .emptyInput: break loop
      case .error:
        throw DeptagError("invalid UTF-16 (unpaired surrogate)", at: positionAfter(scalars, source))
      }
    }
    return String(scalars)
  }

  private static func utf32(_ b: [UInt8], from start: Int, bigEndian: Bool, _ source: SourceFile) throws(DeptagError) -> String {
    guard (b.count - start) % 4 == 0 else {
      throw DeptagError("truncated UTF-32 text", at: SourceLocation(file: source.path, line: 1, column: 1))
    }
    var scalars = String.UnicodeScalarView()
    var i = start
    while i < b.count {
      let v: UInt32 =
        bigEndian
        ? UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
        : UInt32(b[i + 3]) << 24 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 1]) << 8 | UInt32(b[i])
      guard let s = Unicode.Scalar(v) else {
        throw DeptagError("invalid UTF-32 code point 0x\(String(v, radix: 16))", at: positionAfter(scalars, source))
      }
      scalars.append(s)
      i += 4
    }
    return String(scalars)
  }

  /// The position just after the decoded text so far (for errors in UTF-16/32 input).
  private static func positionAfter(_ scalars: String.UnicodeScalarView, _ source: SourceFile) -> SourceLocation {
    location(in: Array(String(scalars).utf8), offset: String(scalars).utf8.count, source)
  }

  /// Line and byte column of `offset` in `bytes` (lines split at `\n`).
  static func location(in bytes: [UInt8], offset: Int, _ source: SourceFile) -> SourceLocation {
    var line = 1
    var lineStart = 0
    for i in 0..<min(offset, bytes.count) where bytes[i] == 0x0A {
      line += 1
      lineStart = i + 1
    }
    return SourceLocation(file: source.path, line: line, column: offset - lineStart + 1)
  }
}
