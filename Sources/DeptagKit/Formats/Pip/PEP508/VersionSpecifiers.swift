/// PEP 440 version specifier lists (`>=1.0, <2`), as packaging's `SpecifierSet`.
enum VersionSpecifiers {
  /// Parses a PEP 508 version-spec text such as ">=1.0, <2" or "== 1.0.*" (the part between the
  /// name/extras and the marker, WITHOUT surrounding parentheses), validating each clause the way
  /// packaging's Specifier regex does, and returns the canonical clauses, sorted bytewise and
  /// deduplicated. Empty text -> [].
  ///
  /// Like `SpecifierSet(text)`: split on ",", each piece stripped, empty pieces skipped.
  static func canonicalClauses<S: StringProtocol>(_ text: S) throws(PEP508Error) -> [String] {
    let bytes = Array(text.utf8)
    var clauses: [String] = []
    var start = 0
    while start <= bytes.count {
      var stop = start
      while stop < bytes.count, bytes[stop] != 0x2C { stop += 1 }
      let piece = PEP508Bytes.strip(bytes, start, stop)
      if !piece.isEmpty { clauses.append(try SpecifierClause.parse(bytes, piece).canonical) }
      start = stop + 1
    }
    return sortedUnique(clauses)
  }

  /// Sorts strings by their UTF-8 bytes and removes duplicates (reference §7: clauses are a set).
  static func sortedUnique(_ items: [String]) -> [String] {
    guard items.count > 1 else { return items }  // the common case: nothing to sort
    let sorted = items.sorted { ByteOrder.precedes($0, $1) }
    var out: [String] = []
    out.reserveCapacity(sorted.count)
    for item in sorted where !(out.last.map { $0.utf8.elementsEqual(item.utf8) } ?? false) {
      out.append(item)
    }
    return out
  }
}
