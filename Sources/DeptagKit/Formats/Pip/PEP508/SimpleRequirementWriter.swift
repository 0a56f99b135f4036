/// The canonical text of the most common PEP 508 requirements, written in one pass over their
/// bytes: `name`, `name[extra,…]`, each optionally followed by clauses `OP N(.N)*` (operators
/// `==`, `!=`, `<=`, `>=`, `<`, `>`, `~=`; release numbers only). It gives up (nil) on anything
/// else — epochs, pre/post/dev/local parts, `.*`, `v`, leading zeros, `===`, parentheses, `@`,
/// names ending in `-_.`, errors — and `RequirementParser` reads those. Where it does not give up
/// it writes what `RequirementParser` writes (issue #8: that parser costs ~2,800 instructions for
/// `name[a,b]>=1.2,<2`, allocating as it goes; this one reuses its buffers across lines).
final class SimpleRequirementWriter {
  /// The longest requirement text written here; longer ones go to `RequirementParser`.
  static let capacity = 4_096
  /// The output buffer (`capacity` bytes; `count` written). All three buffers are `let`s, so
  /// using them needs no exclusivity checks.
  private let base = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
  private var count = 0
  /// Where the items of the list being written lie in the output (extras, then clauses): at
  /// most one per byte of text.
  private let items = UnsafeMutablePointer<Range<Int>>.allocate(capacity: capacity)
  /// A copy of a list's items while they are put in order.
  private let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
  /// What each byte is in an identifier, one table look-up a byte (issue #8): a letter or digit
  /// as written (lower-cased), `-` for the separators `-_.`, 0 for anything else.
  private let identifierBytes: UnsafeMutablePointer<UInt8> = {
    let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
    for byte in 0..<256 {
      let b = UInt8(byte)
      table[byte] = PEP508Bytes.isAlphanumeric(b) ? PEP508Bytes.lower(b) : PEP508Bytes.isSeparator(b) ? 0x2D : 0
    }
    return table
  }()

  deinit {
    base.deallocate()
    items.deallocate()
    scratch.deallocate()
    identifierBytes.deallocate()
  }

  /// The canonical text of the last requirement written (valid until the next `write`).
  var out: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

  /// Writes the canonical text of `b` (printable ASCII, stripped, no marker) into `out`;
  /// returns where the normalized name ends in `out` and whether there are extras, or nil when
  /// `b` is not of the simple kind.
  func write(_ b: UnsafeBufferPointer<UInt8>) -> (nameEnd: Int, hasExtras: Bool)? {
    // The canonical text is never longer than the text (nothing is added, spaces and zeros
    // go), so every write below stays within `capacity`.
    let n = b.count
    guard n <= Self.capacity, let p = b.baseAddress else { return nil }
    let out = base
    var o = 0  // bytes written
    @inline(__always) func skipSpaces(_ i: Int) -> Int {
      var i = i
      while i < n, p[i] == 0x20 { i += 1 }
      return i
    }
    // IDENTIFIER (packaging's `\b[a-zA-Z0-9][a-zA-Z0-9._-]*\b`), here only ending in a letter
    // or digit, so that the word boundary is the end of the run; written PEP 503 normalized
    // (lower-cased, each run of `-_.` one `-`, as `RequirementParser.appendNormalized`).
    // Returns the end of the identifier in the text.
    let identifierBytes = identifierBytes
    @inline(__always) func appendIdentifier(_ i: Int) -> Int? {
      guard i < n, identifierBytes[Int(p[i])] > 0x2D else { return nil }
      var e = i
      var previousWasSeparator = false
      while e < n {
        let c = identifierBytes[Int(p[e])]
        if c > 0x2D {  // a letter or digit, lower-cased
          out[o] = c
          o &+= 1
          previousWasSeparator = false
        } else if c == 0x2D {
          if !previousWasSeparator {
            out[o] = 0x2D
            o &+= 1
          }
          previousWasSeparator = true
        } else {
          break
        }
        e &+= 1
      }
      return previousWasSeparator ? nil : e
    }

    guard let nameEnd = appendIdentifier(0) else { return nil }
    let normalizedEnd = o
    var i = skipSpaces(nameEnd)
    var hasExtras = false
    var itemCount = 0
    if i < n, p[i] == UInt8(ascii: "[") {
      // extras = '[' WS? IDENTIFIER (WS? ',' WS? IDENTIFIER)* WS? ']' (PEP 685: normalized,
      // sorted, deduplicated; `[]` and a trailing comma are left to the general parser).
      out[o] = UInt8(ascii: "[")
      o += 1
      i = skipSpaces(i + 1)
      while true {
        if itemCount > 0 {
          out[o] = UInt8(ascii: ",")
          o += 1
        }
        let start = o
        guard let end = appendIdentifier(i) else { return nil }
        items[itemCount] = start..<o
        itemCount += 1
        i = skipSpaces(end)
        guard i < n else { return nil }
        if p[i] == UInt8(ascii: "]") { break }
        guard p[i] == UInt8(ascii: ",") else { return nil }
        i = skipSpaces(i + 1)
      }
      i = skipSpaces(i + 1)
      if itemCount > 1 { o = putInOrder(itemCount, from: normalizedEnd + 1, to: o) }
      out[o] = UInt8(ascii: "]")
      o += 1
      hasExtras = true
    }
    // version_many = SPECIFIER (WS? ',' WS? SPECIFIER)* ','? (sorted, deduplicated clauses)
    let clausesStart = o
    itemCount = 0
    while i < n {
      guard let (spelling, operatorEnd) = Self.operatorAt(b, i) else { return nil }
      var v = skipSpaces(operatorEnd)
      // Release numbers N(.N)*: each without a leading zero (those are rewritten), the version
      // ending at a space, a comma or the end (anything else is a suffix, `.*`, or an error).
      let versionStart = v
      var segments = 0
      var lastNonZeroEnd = v  // the end of the release without its trailing `.0` segments
      while true {
        let segmentStart = v
        while v < n, PEP508Bytes.isDigit(p[v]) { v += 1 }
        guard v > segmentStart else { return nil }
        if p[segmentStart] == UInt8(ascii: "0") {
          guard v - segmentStart == 1 else { return nil }
          if segments == 0 { lastNonZeroEnd = v }
        } else {
          lastNonZeroEnd = v
        }
        segments += 1
        guard v < n, p[v] == UInt8(ascii: ".") else { break }
        v += 1
      }
      guard v == n || p[v] == 0x20 || p[v] == UInt8(ascii: ",") else { return nil }
      if itemCount > 0 {
        out[o] = UInt8(ascii: ",")
        o += 1
      }
      let clauseStart = o
      // Byte by byte: these are one to a few bytes, shorter than a call to `memmove`.
      for k in 0..<spelling.utf8CodeUnitCount {
        out[o] = spelling.utf8Start[k]
        o += 1
      }
      // `~=` (PEP 440 "Compatible release"): at least two release segments, never stripped;
      // the others `canonicalize_version(strip_trailing_zero=True)`: trailing `.0`s go, one
      // segment stays.
      let compatible = spelling.utf8Start[0] == UInt8(ascii: "~")
      if compatible && segments < 2 { return nil }
      let versionEnd = compatible ? v : lastNonZeroEnd
      for k in versionStart..<versionEnd {
        out[o] = p[k]
        o += 1
      }
      items[itemCount] = clauseStart..<o
      itemCount += 1
      i = skipSpaces(v)
      guard i < n else { break }
      guard p[i] == UInt8(ascii: ",") else { return nil }
      i = skipSpaces(i + 1)
    }
    if itemCount > 1 { o = putInOrder(itemCount, from: clausesStart, to: o) }
    count = o
    return (normalizedEnd, hasExtras)
  }

  /// Rewrites the comma-separated items `items[..<itemCount]` (which run from `listStart` to
  /// `listEnd` in the output) sorted by their bytes, duplicates dropped
  /// (`VersionSpecifiers.sortUniqueItems`); returns the new end of the list.
  private func putInOrder(_ itemCount: Int, from listStart: Int, to listEnd: Int) -> Int {
    var list = UnsafeMutableBufferPointer(start: items, count: itemCount)
    func order(_ text: UnsafeMutablePointer<UInt8>, _ x: Range<Int>, _ y: Range<Int>) -> Int {
      ByteOrder.compare(UnsafeRawBufferPointer(start: text + x.lowerBound, count: x.count),
        UnsafeRawBufferPointer(start: text + y.lowerBound, count: y.count))
    }
    if itemCount == 2 {
      let o = order(base, list[0], list[1])
      if o < 0 { return listEnd }
      if o == 0 { return list[0].upperBound }  // "a,a" → "a"
      // "a,b" → "b,a"
      let (a, b) = (list[0], list[1])
      (scratch + listStart).update(from: base + listStart, count: listEnd - listStart)
      (base + listStart).update(from: scratch + b.lowerBound, count: b.count)
      base[listStart + b.count] = UInt8(ascii: ",")
      (base + listStart + b.count + 1).update(from: scratch + a.lowerBound, count: a.count)
      return listEnd
    } else if list.indices.dropFirst().allSatisfy({ order(base, list[$0 - 1], list[$0]) < 0 }) {
      return listEnd
    }
    list.sort { order(base, $0, $1) < 0 }
    // The items are read back from a copy while the output is rewritten.
    (scratch + listStart).update(from: base + listStart, count: listEnd - listStart)
    var o = listStart
    var previous: Range<Int>?
    for item in list {
      if let previous, order(scratch, previous, item) == 0 { continue }
      if previous != nil {
        base[o] = UInt8(ascii: ",")
        o += 1
      }
      (base + o).update(from: scratch + item.lowerBound, count: item.count)
      o += item.count
      previous = item
    }
    return o
  }

  /// The operator at `i` (not `===`) and where it ends.
  @inline(__always) private static func operatorAt(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (StaticString, Int)? {
    let next: UInt8 = i + 1 < b.count ? b[i + 1] : 0
    switch b[i] {
    case UInt8(ascii: "="):
      guard next == UInt8(ascii: "=") else { return nil }
      if i + 2 < b.count, b[i + 2] == UInt8(ascii: "=") { return nil }
      return ("==", i + 2)
    case UInt8(ascii: "!"):
      return next == UInt8(ascii: "=") ? ("!=", i + 2) : nil
    case UInt8(ascii: "~"):
      return next == UInt8(ascii: "=") ? ("~=", i + 2) : nil
    case UInt8(ascii: "<"):
      return next == UInt8(ascii: "=") ? ("<=", i + 2) : ("<", i + 1)
    case UInt8(ascii: ">"):
      return next == UInt8(ascii: "=") ? (">=", i + 2) : (">", i + 1)
    default:
      return nil
    }
  }
}
