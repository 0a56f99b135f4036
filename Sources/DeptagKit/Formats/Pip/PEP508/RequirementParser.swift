/// A requirement's canonical text as `RequirementParser` writes it, and where its parts are.
struct CanonicalRequirementText {
  /// `name[extras]specifiers`, or `name[extras] @ url` (`@url` when the URL starts with `#`, see
  /// `PEP508Requirement.joining`); never the marker, which is kept apart.
  var bytes: [UInt8]
  /// Where the name is in the parsed text, as written.
  var writtenName: Range<Int>
  /// `bytes[..<nameEnd]` is the normalized name as written (`ProjectName.spelled`).
  var nameEnd: Int
  /// The extras between the brackets, comma-separated, each spelled; nil when there are none.
  var extras: Range<Int>?
  /// The canonical clauses, comma-separated (empty when there are none).
  var specifiers: Range<Int>
  /// The URL, byte-exact.
  var url: Range<Int>?
  /// The canonical marker text, nil when absent or empty.
  var marker: String?

  /// The PEP 503 normalized name (the entry key): the spelled name with `_` back to `-`.
  var normalizedName: String {
    guard nameEnd > 0, bytes[nameEnd - 1] == 0x5F else { return String(decoding: bytes[..<nameEnd], as: UTF8.self) }
    return String(decoding: bytes[..<(nameEnd - 1)], as: UTF8.self) + "-"
  }
}

/// Recursive-descent parser for one PEP 508 requirement over UTF-8 bytes, following packaging
/// 26.3's `_parse_requirement` and its tokenizer rules (`WS` is `[ \t]+` only). It writes the
/// canonical text as it goes, into one byte buffer.
struct RequirementParser {
  /// The requirement text (`bytes[..<end]`).
  let bytes: [UInt8]
  /// Where the requirement ends in `bytes` (what follows is not read).
  let end: Int
  /// The current position.
  var pos = 0
  /// The canonical text written so far.
  private var out: [UInt8] = []

  /// Creates a parser at the start of `bytes`, for a requirement ending at `end` (by default
  /// the end of `bytes`). `extra` bytes of room are reserved in the canonical text for what the
  /// caller appends after it (a marker).
  init(bytes: [UInt8], end: Int? = nil, extra: Int = 0) {
    self.bytes = bytes
    self.end = end ?? bytes.count
    // Canonical text is at most about 3.5 times its source (`1r` → `1.post0`), never reallocated.
    out.reserveCapacity(4 * self.end + 16 + extra)
  }

  /// `requirement = WS? IDENTIFIER WS? extras WS? requirement_details END`
  mutating func parse() throws(PEP508Error) -> CanonicalRequirementText {
    skipBlanks()
    guard let nameRange = scanIdentifier() else {
      throw PEP508Error(message: "expected a package name at the start of the requirement but found " + found(), offset: pos)
    }
    appendNormalized(nameRange)
    spellTrailingHyphen()
    let nameEnd = out.count
    skipBlanks()
    let extras = try parseExtras()
    skipBlanks()
    var requirement = CanonicalRequirementText(
      bytes: [], writtenName: nameRange, nameEnd: nameEnd, extras: extras, specifiers: out.count..<out.count)
    if pos < end, bytes[pos] == 0x40 {
      // requirement_details = AT URL (WS requirement_marker?)?
      pos += 1
      skipBlanks()
      let urlStart = pos
      while pos < end, !PEP508Bytes.isBlank(bytes[pos]) { pos += 1 }
      guard pos > urlStart else {
        throw PEP508Error(message: "expected a URL after '@' but found end of text", offset: urlStart)
      }
      // PEP508Requirement.joining: "head @ url", or "head@url" for a URL starting with "#" or "-".
      PEP508Bytes.append(bytes[urlStart] == 0x23 || bytes[urlStart] == 0x2D ? "@" : " @ ", to: &out)
      let urlOut = out.count
      out.append(contentsOf: bytes[urlStart..<pos])
      requirement.url = urlOut..<out.count
      skipBlanks()
      guard pos < end else { return finished(&requirement) }
      guard bytes[pos] == 0x3B else {
        throw PEP508Error(message: "expected ';' or the end of the requirement after the URL but found " + found(), offset: pos)
      }
    } else {
      // requirement_details = specifier WS? requirement_marker?
      let hadParenthesis = pos < end && bytes[pos] == 0x28
      let specifiersStart = out.count
      try parseSpecifier()
      requirement.specifiers = specifiersStart..<out.count
      skipBlanks()
      guard pos < end else { return finished(&requirement) }
      guard bytes[pos] == 0x3B else {
        let expected =
          requirement.specifiers.isEmpty && !hadParenthesis
          ? "expected a version specifier, '@', ';' or the end of the requirement after the name but found "
          : "expected ',', ';' or the end of the requirement after the version specifier but found "
        throw PEP508Error(message: expected + found(), offset: pos)
      }
    }
    // requirement_marker = SEMICOLON marker WS?
    pos += 1
    skipBlanks()
    guard pos < end else { return finished(&requirement) }
    var markerParser = MarkerParser(bytes: bytes, end: end, pos: pos)
    try markerParser.writeMarker()
    pos = markerParser.pos
    guard pos == end else {
      throw PEP508Error(message: "expected 'and', 'or' or the end of the marker but found " + found(), offset: pos)
    }
    requirement.marker = String(decoding: markerParser.out, as: UTF8.self)
    return finished(&requirement)
  }

  /// The requirement with the canonical bytes; the parser is done with them.
  private mutating func finished(_ requirement: inout CanonicalRequirementText) -> CanonicalRequirementText {
    swap(&requirement.bytes, &out)
    return requirement
  }

  /// PEP 503 normalization of an identifier (`ProjectName.normalize`, ASCII only here):
  /// lowercased, each run of `-_.` written as one `-`.
  private mutating func appendNormalized(_ range: Range<Int>) {
    // Copied whole, then normalized in place (the result is never longer): per-byte `append`
    // cost about 50 instructions a byte here.
    let start = out.count
    out.append(contentsOf: bytes[range])
    let written = out.withUnsafeMutableBufferPointer { o -> Int in
      var n = start
      var previousWasSeparator = false
      for i in start..<o.count {
        let b = o[i]
        if PEP508Bytes.isSeparator(b) {
          if !previousWasSeparator {
            o[n] = 0x2D
            n += 1
          }
          previousWasSeparator = true
        } else {
          o[n] = PEP508Bytes.lower(b)
          n += 1
          previousWasSeparator = false
        }
      }
      return n
    }
    out.removeLast(out.count - written)
  }

  /// `ProjectName.spelled`: a normalized name ending in `-` is written with `_`.
  private mutating func spellTrailingHyphen() {
    if out.last == 0x2D { out[out.count - 1] = 0x5F }
  }

  /// `extras = ('[' WS? (IDENTIFIER (WS? ',' WS? IDENTIFIER)*)? WS? ']')?`, normalized per PEP 685,
  /// deduplicated and sorted, written as `[a,b]`; returns where the names went (nil: none).
  private mutating func parseExtras() throws(PEP508Error) -> Range<Int>? {
    guard pos < end, bytes[pos] == 0x5B else { return nil }
    let open = pos
    pos += 1
    skipBlanks()
    let bracket = out.count
    out.append(0x5B)
    let listStart = out.count
    if let first = scanIdentifier() {
      appendNormalized(first)
      while true {
        skipBlanks()
        if scanIdentifier(peek: true) != nil {
          throw PEP508Error(message: "expected ',' between extra names but found " + found(), offset: pos)
        }
        guard pos < end, bytes[pos] == 0x2C else { break }
        pos += 1
        skipBlanks()
        guard let next = scanIdentifier() else {
          throw PEP508Error(message: "expected an extra name after ',' but found " + found(), offset: pos)
        }
        out.append(0x2C)
        appendNormalized(next)
      }
    }
    skipBlanks()
    guard pos < end, bytes[pos] == 0x5D else {
      throw PEP508Error(
        message: "expected ']' to close the extras opened at offset \(open) but found " + found(), offset: pos)
    }
    pos += 1
    guard out.count > listStart else {
      out.removeLast(out.count - bracket)  // `name[]`: no extras, no brackets
      return nil
    }
    VersionSpecifiers.sortUniqueItems(&out, from: listStart, spellingTrailingHyphens: true)
    let names = listStart..<out.count
    out.append(0x5D)
    return names
  }

  /// `specifier = '(' WS? version_many WS? ')' | WS? version_many WS?`
  private mutating func parseSpecifier() throws(PEP508Error) {
    guard pos < end, bytes[pos] == 0x28 else {
      skipBlanks()
      try parseVersionMany()
      skipBlanks()
      return
    }
    let open = pos
    pos += 1
    skipBlanks()
    try parseVersionMany()
    skipBlanks()
    guard pos < end, bytes[pos] == 0x29 else {
      throw PEP508Error(
        message: "expected ',' or ')' to close the version specifier opened at offset \(open) but found " + found(),
        offset: pos)
    }
    pos += 1
  }

  /// `version_many = (SPECIFIER (WS? ',' WS? SPECIFIER)*)?` — a trailing comma is accepted, as in
  /// packaging; an `===` clause runs over commas and is split afterwards like `SpecifierSet` does.
  /// The clauses are written sorted and deduplicated.
  private mutating func parseVersionMany() throws(PEP508Error) {
    let listStart = out.count
    while SpecifierClause.startsOperator(bytes, at: pos, end: end) {
      let start = pos
      let clauseStart = out.count
      if clauseStart > listStart { out.append(0x2C) }
      let (op, clauseEnd) = try SpecifierClause.scan(bytes, at: start, end: end, into: &out)
      pos = clauseEnd
      if op == .arbitrary {
        out.removeLast(out.count - clauseStart)
        if clauseStart > listStart { out.append(0x2C) }
        try VersionSpecifiers.appendClauses(bytes, from: start, to: clauseEnd, into: &out)
      } else {
        try SpecifierClause.rejectMisplacedSuffix(bytes, at: pos, end: end, op: op, clauseStart: start)
      }
      skipBlanks()
      guard pos < end, bytes[pos] == 0x2C else { break }
      pos += 1
      skipBlanks()
    }
    VersionSpecifiers.sortUniqueItems(&out, from: listStart)
  }

  /// packaging's `IDENTIFIER` rule `\b[a-zA-Z0-9][a-zA-Z0-9._-]*\b` at the current position:
  /// the longest run that ends on a word boundary (so `foo_` is a name but `foo-` stops at `foo`).
  private mutating func scanIdentifier(peek: Bool = false) -> Range<Int>? {
    let start = pos
    guard start < end, PEP508Bytes.isAlphanumeric(bytes[start]) else { return nil }
    if start > 0, PEP508Bytes.isWord(bytes[start - 1]) { return nil }
    var run = start + 1
    while run < end, PEP508Bytes.isAlphanumeric(bytes[run]) || PEP508Bytes.isSeparator(bytes[run]) { run += 1 }
    // Back off to the last position that is a word boundary.
    var stop = run
    while stop > start {
      let before = PEP508Bytes.isWord(bytes[stop - 1])
      let after = stop < end && PEP508Bytes.isWord(bytes[stop])
      if before != after { break }
      stop -= 1
    }
    guard stop > start else { return nil }
    if !peek { pos = stop }
    return start..<stop
  }

  /// Skips `[ \t]*`.
  private mutating func skipBlanks() {
    while pos < end, PEP508Bytes.isBlank(bytes[pos]) { pos += 1 }
  }

  /// A quotation of the text at the current position, for error messages.
  private func found() -> String { PEP508Bytes.found(bytes, at: pos, end: end) }
}
