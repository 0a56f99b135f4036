/// Character classes of Python's `str` methods, which pip's requirements-file reader relies on
/// (`str.splitlines`, `str.strip`, the `\s` of its comment regex).
enum PythonText {
  /// `str.isspace()` (and regex `\s` on `str`).
  static func isSpace(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F,
      0x205F, 0x3000:
      return true
    default:
      return false
    }
  }

  /// `isSpace` for an ASCII byte.
  @inline(__always)
  static func isASCIISpace(_ byte: UInt8) -> Bool {
    (0x09...0x0D).contains(byte) || (0x1C...0x20).contains(byte)
  }

  /// Line boundaries of `str.splitlines()` (`\r\n` is handled by the caller).
  static func isLineBreak(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029: return true
    default: return false
    }
  }

  /// `s.strip()`: the range of `s` without leading and trailing Python whitespace.
  static func strip(_ s: Substring) -> Substring {
    // Fast path: both ends are ASCII bytes that are not whitespace.
    if let first = s.utf8.first, let last = s.utf8.last, first < 0x80, last < 0x80,
      !isASCIISpace(first), !isASCIISpace(last)
    {
      return s
    }
    let scalars = s.unicodeScalars
    guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return s[s.endIndex...] }
    let last = scalars.lastIndex(where: { !isSpace($0) })!
    return s[first...last]
  }
}

/// `PythonText`'s classes over UTF-8 bytes (valid UTF-8, as a Swift string's), by byte offset.
enum PythonBytes {
  /// Whether the scalar at `i` is Python whitespace, and its length in bytes.
  @inline(__always)
  static func space(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (Bool, Int) {
    let lead = bytes[i]
    if lead < 0x80 { return (PythonText.isASCIISpace(lead), 1) }
    let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
    var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
    for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
    return (Unicode.Scalar(value).map(PythonText.isSpace) ?? false, length)
  }

  /// The offset of the first scalar in `range` that is not whitespace, nil if there is none.
  @inline(__always)
  static func firstNonSpace(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Int? {
    // The usual first byte: printable ASCII other than the space (0x21..<0x80, never
    // whitespace), answered without a call.
    if range.lowerBound < range.upperBound, bytes[range.lowerBound] &- 0x21 < 0x5F { return range.lowerBound }
    return firstNonSpaceScan(bytes, in: range)
  }

  /// `firstNonSpace`, scalar by scalar.
  private static func firstNonSpaceScan(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Int? {
    var i = range.lowerBound
    while i < range.upperBound {
      let (isSpace, length) = space(bytes, at: i)
      if !isSpace { return i }
      i += length
    }
    return nil
  }

  /// The end of `range` without its trailing whitespace, scanning from the end (usually one
  /// step: the last byte is an ASCII character that is no space).
  static func endOfNonSpace(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Int {
    var end = range.upperBound
    while end > range.lowerBound {
      let last = bytes[end - 1]
      if last < 0x80 {
        if !PythonText.isASCIISpace(last) { return end }
        end -= 1
        continue
      }
      let start = scalarStart(before: end, in: bytes, from: range.lowerBound)
      if !space(bytes, at: start).0 { return end }
      end = start
    }
    return end
  }

  /// Whether the scalar that ends just before offset `end` (and starts at or after `lowerBound`)
  /// is whitespace.
  @inline(__always)
  static func isSpace(before end: Int, in bytes: UnsafeBufferPointer<UInt8>, from lowerBound: Int) -> Bool {
    let last = bytes[end - 1]
    if last < 0x80 { return PythonText.isASCIISpace(last) }
    return space(bytes, at: scalarStart(before: end, in: bytes, from: lowerBound)).0
  }

  /// The offset of the lead byte of the scalar that ends just before `end` (UTF-8 continuation
  /// bytes are 10xxxxxx).
  @inline(__always)
  private static func scalarStart(before end: Int, in bytes: UnsafeBufferPointer<UInt8>, from lowerBound: Int) -> Int {
    var start = end - 1
    while start > lowerBound && bytes[start] & 0xC0 == 0x80 { start -= 1 }
    return start
  }
}

extension Substring {
  /// Runs `body` over the UTF-8 bytes (contiguous for native strings: no copy), which is much
  /// cheaper per step than indexing `utf8`.
  func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    var copy = self
    return try copy.withUTF8(body)
  }
}
