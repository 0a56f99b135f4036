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
    var out: [UInt8] = []
    try appendClauses(bytes, from: 0, to: bytes.count, into: &out)
    sortUniqueItems(&out, from: 0)
    return out.isEmpty ? [] : out.split(separator: 0x2C).map { String(decoding: $0, as: UTF8.self) }
  }

  /// Appends the canonical clauses of the comma-separated pieces in `start..<end`, each piece
  /// stripped and validated as a whole clause, separated by commas (unsorted).
  static func appendClauses(_ bytes: [UInt8], from start: Int, to end: Int, into out: inout [UInt8]) throws(PEP508Error) {
    let listStart = out.count
    var pieceStart = start
    while pieceStart <= end {
      var stop = pieceStart
      while stop < end, bytes[stop] != 0x2C { stop += 1 }
      let piece = PEP508Bytes.strip(bytes, pieceStart, stop)
      if !piece.isEmpty {
        if out.count > listStart { out.append(0x2C) }
        try SpecifierClause.parse(bytes, piece, into: &out)
      }
      pieceStart = stop + 1
    }
  }

  /// Sorts the comma-separated items of `out[start...]` by their bytes and drops duplicates
  /// (reference §7: specifier clauses and extras are sets). With `spellingTrailingHyphens`, an
  /// item ending in `-` is then written with `_` instead (`ProjectName.spelled`), after sorting
  /// on the normalized bytes. Canonical clauses and normalized names never contain a comma.
  static func sortUniqueItems(_ out: inout [UInt8], from start: Int, spellingTrailingHyphens: Bool = false) {
    let end = out.count
    var firstComma = -1
    var commas = 0
    out.withUnsafeBufferPointer { bytes in
      for i in start..<end where bytes[i] == 0x2C {
        if commas == 0 { firstComma = i }
        commas += 1
      }
    }
    // One or two items, the usual cases: in place, nothing allocated.
    if commas == 0 {
      if spellingTrailingHyphens, end > start, out[end - 1] == 0x2D { out[end - 1] = 0x5F }
      return
    }
    if commas == 1 {
      let a = start..<firstComma, b = (firstComma + 1)..<end
      let order = out.withUnsafeBytes { ByteOrder.compare(UnsafeRawBufferPointer(rebasing: $0[a]), UnsafeRawBufferPointer(rebasing: $0[b])) }
      if order == 0 {
        out.removeLast(end - firstComma)
      } else if order > 0 {
        // "a,b" → "b,a": reversing the whole and then each part rotates without a copy.
        out.withUnsafeMutableBufferPointer { bytes in
          bytes[start..<end].reverse()
          let comma = start + b.count
          bytes[start..<comma].reverse()
          bytes[(comma + 1)..<end].reverse()
        }
      }
      if spellingTrailingHyphens {
        let comma = out[start..<out.count].firstIndex(of: 0x2C) ?? out.count
        if out[comma - 1] == 0x2D { out[comma - 1] = 0x5F }
        if out.count > comma, out[out.count - 1] == 0x2D { out[out.count - 1] = 0x5F }
      }
      return
    }
    let items = out[start...].split(separator: 0x2C, omittingEmptySubsequences: false)
      .sorted { $0.lexicographicallyPrecedes($1) }
    var rewritten: [UInt8] = []
    rewritten.reserveCapacity(end - start)
    var previous: ArraySlice<UInt8>?
    for item in items where previous.map({ !$0.elementsEqual(item) }) ?? true {
      if previous != nil { rewritten.append(0x2C) }
      rewritten.append(contentsOf: item)
      if spellingTrailingHyphens, item.last == 0x2D { rewritten[rewritten.count - 1] = 0x5F }
      previous = item
    }
    out.replaceSubrange(start..., with: rewritten)
  }
}
