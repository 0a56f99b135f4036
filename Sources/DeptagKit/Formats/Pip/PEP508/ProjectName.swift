/// Project (distribution) names and extra names: validation and normalization.
enum ProjectName {
  /// PEP 503: runs of [-_.] become "-", lowercased.  "Zope.Interface" -> "zope-interface"
  ///
  /// Same as packaging 26.3 `canonicalize_name` (`name.lower()`, then `_`/`.` to `-`, then
  /// `--` collapsed); non-ASCII text (possible in marker `extra` values) is lowercased with
  /// Unicode rules as Python's `str.lower()` does.
  static func normalize<S: StringProtocol>(_ name: S) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(name.utf8.count)
    var isASCII = true
    for b in name.utf8 {
      if b >= 0x80 { isASCII = false }
      let c = PEP508Bytes.isSeparator(b) ? 0x2D : PEP508Bytes.lower(b)
      if c == 0x2D, out.last == 0x2D { continue }
      out.append(c)
    }
    let ascii = String(decoding: out, as: UTF8.self)
    return isASCII ? ascii : ascii.lowercased()
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
