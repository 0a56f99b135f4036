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

  /// Line boundaries of `str.splitlines()` (`\r\n` is handled by the caller).
  static func isLineBreak(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029: return true
    default: return false
    }
  }

  /// `s.strip()`: the range of `s` without leading and trailing Python whitespace.
  static func strip(_ s: Substring) -> Substring {
    let scalars = s.unicodeScalars
    guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return s[s.endIndex...] }
    let last = scalars.lastIndex(where: { !isSpace($0) })!
    return s[first...last]
  }
}
