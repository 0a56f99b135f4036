/// Recursive-descent parser for one PEP 508 requirement over UTF-8 bytes, following packaging
/// 26.3's `_parse_requirement` and its tokenizer rules (`WS` is `[ \t]+` only).
struct RequirementParser {
  /// The requirement text.
  let bytes: [UInt8]
  /// The current position.
  var pos = 0

  /// Creates a parser at the start of `bytes`.
  init(bytes: [UInt8]) { self.bytes = bytes }

  /// `requirement = WS? IDENTIFIER WS? extras WS? requirement_details END`
  mutating func parse() throws(PEP508Error) -> PEP508Requirement {
    skipBlanks()
    guard let nameRange = scanIdentifier() else {
      throw PEP508Error(message: "expected a package name at the start of the requirement but found " + found(), offset: pos)
    }
    let name = PEP508Bytes.string(bytes, nameRange)
    skipBlanks()
    let extras = try parseExtras()
    skipBlanks()
    var requirement = PEP508Requirement(
      name: name, normalizedName: ProjectName.normalize(name), extras: extras, specifiers: [], url: nil, marker: nil)
    if pos < bytes.count, bytes[pos] == 0x40 {
      // requirement_details = AT URL (WS requirement_marker?)?
      pos += 1
      skipBlanks()
      let urlStart = pos
      while pos < bytes.count, !PEP508Bytes.isBlank(bytes[pos]) { pos += 1 }
      guard pos > urlStart else {
        throw PEP508Error(message: "expected a URL after '@' but found end of text", offset: urlStart)
      }
      requirement.url = PEP508Bytes.string(bytes, urlStart..<pos)
      skipBlanks()
      guard pos < bytes.count else { return requirement }
      guard bytes[pos] == 0x3B else {
        throw PEP508Error(message: "expected ';' or the end of the requirement after the URL but found " + found(), offset: pos)
      }
    } else {
      // requirement_details = specifier WS? requirement_marker?
      let hadParenthesis = pos < bytes.count && bytes[pos] == 0x28
      requirement.specifiers = try parseSpecifier()
      skipBlanks()
      guard pos < bytes.count else { return requirement }
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
    guard pos < bytes.count else { return requirement }
    var markerParser = MarkerParser(bytes: bytes, end: bytes.count, pos: pos)
    let elements = try markerParser.parseMarker()
    pos = markerParser.pos
    guard pos == bytes.count else {
      throw PEP508Error(message: "expected 'and', 'or' or the end of the marker but found " + found(), offset: pos)
    }
    requirement.marker = MarkerExpression.format(elements)
    return requirement
  }

  /// `extras = ('[' WS? (IDENTIFIER (WS? ',' WS? IDENTIFIER)*)? WS? ']')?`, normalized per PEP 685,
  /// deduplicated and sorted.
  private mutating func parseExtras() throws(PEP508Error) -> [String] {
    guard pos < bytes.count, bytes[pos] == 0x5B else { return [] }
    let open = pos
    pos += 1
    skipBlanks()
    var extras: [String] = []
    if let first = scanIdentifier() {
      extras.append(ProjectName.normalize(PEP508Bytes.string(bytes, first)))
      while true {
        skipBlanks()
        if scanIdentifier(peek: true) != nil {
          throw PEP508Error(message: "expected ',' between extra names but found " + found(), offset: pos)
        }
        guard pos < bytes.count, bytes[pos] == 0x2C else { break }
        pos += 1
        skipBlanks()
        guard let next = scanIdentifier() else {
          throw PEP508Error(message: "expected an extra name after ',' but found " + found(), offset: pos)
        }
        extras.append(ProjectName.normalize(PEP508Bytes.string(bytes, next)))
      }
    }
    skipBlanks()
    guard pos < bytes.count, bytes[pos] == 0x5D else {
      throw PEP508Error(
        message: "expected ']' to close the extras opened at offset \(open) but found " + found(), offset: pos)
    }
    pos += 1
    return VersionSpecifiers.sortedUnique(extras)
  }

  /// `specifier = '(' WS? version_many WS? ')' | WS? version_many WS?`
  private mutating func parseSpecifier() throws(PEP508Error) -> [String] {
    guard pos < bytes.count, bytes[pos] == 0x28 else {
      skipBlanks()
      let clauses = try parseVersionMany()
      skipBlanks()
      return clauses
    }
    let open = pos
    pos += 1
    skipBlanks()
    let clauses = try parseVersionMany()
    skipBlanks()
    guard pos < bytes.count, bytes[pos] == 0x29 else {
      throw PEP508Error(
        message: "expected ',' or ')' to close the version specifier opened at offset \(open) but found " + found(),
        offset: pos)
    }
    pos += 1
    return clauses
  }

  /// `version_many = (SPECIFIER (WS? ',' WS? SPECIFIER)*)?` — a trailing comma is accepted, as in
  /// packaging; an `===` clause runs over commas and is split afterwards like `SpecifierSet` does.
  private mutating func parseVersionMany() throws(PEP508Error) -> [String] {
    var clauses: [String] = []
    clauses.reserveCapacity(2)
    while SpecifierClause.startsOperator(bytes, at: pos, end: bytes.count) {
      let start = pos
      let (clause, clauseEnd) = try SpecifierClause.scan(bytes, at: start, end: bytes.count)
      pos = clauseEnd
      if clause.op == "===" {
        try appendArbitraryEquality(from: start, to: clauseEnd, into: &clauses)
      } else {
        try SpecifierClause.rejectMisplacedSuffix(bytes, at: pos, end: bytes.count, op: clause.op, clauseStart: start)
        clauses.append(clause.canonical)
      }
      skipBlanks()
      guard pos < bytes.count, bytes[pos] == 0x2C else { break }
      pos += 1
      skipBlanks()
    }
    return VersionSpecifiers.sortedUnique(clauses)
  }

  /// Splits an `===` token that swallowed commas (`===1.0,>=2`) into clauses, validating every
  /// piece after the first as `SpecifierSet` does.
  private func appendArbitraryEquality(from start: Int, to end: Int, into clauses: inout [String]) throws(PEP508Error) {
    var pieceStart = start
    while pieceStart <= end {
      var stop = pieceStart
      while stop < end, bytes[stop] != 0x2C { stop += 1 }
      let piece = PEP508Bytes.strip(bytes, pieceStart, stop)
      if !piece.isEmpty { clauses.append(try SpecifierClause.parse(bytes, piece).canonical) }
      pieceStart = stop + 1
    }
  }

  /// packaging's `IDENTIFIER` rule `\b[a-zA-Z0-9][a-zA-Z0-9._-]*\b` at the current position:
  /// the longest run that ends on a word boundary (so `foo_` is a name but `foo-` stops at `foo`).
  private mutating func scanIdentifier(peek: Bool = false) -> Range<Int>? {
    let start = pos
    let end = bytes.count
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
    while pos < bytes.count, PEP508Bytes.isBlank(bytes[pos]) { pos += 1 }
  }

  /// A quotation of the text at the current position, for error messages.
  private func found() -> String { PEP508Bytes.found(bytes, at: pos, end: bytes.count) }
}
