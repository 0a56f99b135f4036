/// Project (distribution) names and extra names: validation and normalization.
enum ProjectName {
  /// PEP 503: runs of [-_.] become "-", lowercased.  "Zope.Interface" -> "zope-interface"
  ///
  /// Same as packaging 26.3 `canonicalize_name` (`name.lower()`, then `_`/`.` to `-`, then
  /// `--` collapsed); non-ASCII text (possible in marker `extra` values) is lowercased with
  /// Unicode rules as Python's `str.lower()` does.
  static func normalize<S: StringProtocol>(_ name: S) -> String {
    Substring(name).withBytes { bytes in
      var isASCII = true
      let ascii = String(unsafeUninitializedCapacity: bytes.count) { out in
        var count = 0
        for b in bytes {
          if b >= 0x80 { isASCII = false }
          let c = PEP508Bytes.isSeparator(b) ? 0x2D : PEP508Bytes.lower(b)
          if c == 0x2D, count > 0, out[count - 1] == 0x2D { continue }
          out[count] = c
          count += 1
        }
        return count
      }
      return isASCII ? ascii : ascii.lowercased()
    }
  }

  /// A normalized name or extra as the canonical text writes it: the same, except that a trailing
  /// `-` is written `_`. packaging 26.3 reads names and extras with the `\b`-bounded IDENTIFIER
  /// token, so `foo_` is a name (its normalized `foo-` is not: the `-` ends the token), and the
  /// canonical text must read back (PRODUCT.md principle 2). Found by the pip fuzz harness.
  static func spelled(_ normalized: String) -> String {
    guard normalized.utf8.last == 0x2D else { return normalized }
    return String(normalized.dropLast()) + "_"
  }

  /// PEP 508 name: ^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$ case-insensitive
  ///
  /// (Core metadata "Name" / packaging `_validate_regex`, ASCII only.)
  static func isValid<S: StringProtocol>(_ name: S) -> Bool {
    let utf8 = Array(name.utf8)
    guard let first = utf8.first, let last = utf8.last else { return false }
    guard PEP508Bytes.isAlphanumeric(first), PEP508Bytes.isAlphanumeric(last) else { return false }
    return utf8.allSatisfy { PEP508Bytes.isAlphanumeric($0) || PEP508Bytes.isSeparator($0) }
  }
}
