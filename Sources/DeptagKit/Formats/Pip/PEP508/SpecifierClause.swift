/// A version specifier operator (PEP 440 "Version specifiers").
enum SpecifierOperator: UInt8, Sendable {
  case compatible, equal, notEqual, lessOrEqual, greaterOrEqual, less, greater, arbitrary

  /// How it is written.
  var spelling: StaticString {
    switch self {
    case .compatible: "~="
    case .equal: "=="
    case .notEqual: "!="
    case .lessOrEqual: "<="
    case .greaterOrEqual: ">="
    case .less: "<"
    case .greater: ">"
    case .arbitrary: "==="
    }
  }

  /// `==` and `!=`, the operators that allow `.*` and local labels.
  var isEquality: Bool { self == .equal || self == .notEqual }
}

/// One version specifier clause (`>=1.0`, `==2.*`, `===foo`), scanned and written in its
/// canonical spelling (operator + canonical version).
enum SpecifierClause {
  /// Scans the longest clause starting at `start`, as packaging's tokenizer matches its
  /// `SPECIFIER` rule (`Specifier._specifier_regex_str`), and appends its canonical text to `out`;
  /// throws if no clause starts there.
  ///
  /// The returned end is just past the version; for `===` it is past the run of characters other
  /// than whitespace, `;` and `)` (which may contain commas: the caller splits those).
  static func scan(_ b: [UInt8], at start: Int, end: Int, into out: inout [UInt8]) throws(PEP508Error) -> (op: SpecifierOperator, end: Int) {
    guard let (op, opEnd) = scanOperator(b, at: start, end: end) else {
      throw PEP508Error(
        message: "expected a version operator (~=, ==, !=, <=, >=, <, >, ===) but found "
          + PEP508Bytes.found(b, at: start, end: end),
        offset: start)
    }
    let versionStart = PEP508Bytes.skipWhitespace(b, from: opEnd, end: end)
    if op == .arbitrary {
      // PEP 440 "Arbitrary equality": any run of characters but whitespace, ";" and ")".
      var e = versionStart
      while e < end, b[e] != 0x3B, b[e] != 0x29, PEP508Bytes.whitespaceLength(b, at: e, end: end) == 0 { e += 1 }
      PEP508Bytes.append(op.spelling, to: &out)
      for i in versionStart..<e { out.append(PEP508Bytes.lower(b[i])) }
      return (op, e)
    }
    let rules: PEP440Scanner.Rules = op.isEquality ? .equality : .ordered
    guard let scanned = PEP440Scanner.scan(b, from: versionStart, end: end, rules: rules) else {
      throw PEP508Error(
        message: "expected a version after '\(op.spelling)' but found " + PEP508Bytes.found(b, at: versionStart, end: end),
        offset: versionStart)
    }
    // PEP 440 "Compatible release": "~=" needs at least two release segments.
    if op == .compatible, scanned.releaseCount < 2 {
      throw PEP508Error(
        message: "expected a version with at least two release segments after '~=' but found "
          + PEP508Bytes.found(b, at: versionStart, end: end),
        offset: versionStart)
    }
    PEP508Bytes.append(op.spelling, to: &out)
    writeCanonicalVersion(op: op, scanned, from: b, into: &out)
    return (op, scanned.end)
  }

  /// Validates a whole clause (already stripped of surrounding whitespace) as `Specifier(text)`
  /// does with its regex `fullmatch`, with errors that say what is wrong, and appends its
  /// canonical text to `out`.
  static func parse(_ b: [UInt8], _ range: Range<Int>, into out: inout [UInt8]) throws(PEP508Error) {
    let (op, e) = try scan(b, at: range.lowerBound, end: range.upperBound, into: &out)
    guard e < range.upperBound else { return }
    try rejectMisplacedSuffix(b, at: e, end: range.upperBound, op: op, clauseStart: range.lowerBound)
    throw PEP508Error(
      message: "unexpected text after version specifier '\(PEP508Bytes.string(b, range.lowerBound..<e))': "
        + PEP508Bytes.found(b, at: e, end: range.upperBound),
      offset: e)
  }

  /// Throws when a `.*` or a local label follows a clause whose operator does not allow it
  /// (packaging `_parse_version_many`'s two checks); returns normally otherwise.
  static func rejectMisplacedSuffix(
    _ b: [UInt8], at i: Int, end: Int, op: SpecifierOperator, clauseStart: Int
  ) throws(PEP508Error) {
    if i + 1 < end, b[i] == 0x2E, b[i + 1] == 0x2A {
      let clauseText = PEP508Bytes.string(b, clauseStart..<i)
      let message =
        op.isEquality
        ? "a '.*' suffix cannot be used with pre-release, post-release, dev or local versions, found '\(clauseText).*'"
        : "a '.*' suffix can only be used with the '==' or '!=' operators, found '\(clauseText).*'"
      throw PEP508Error(message: message, offset: clauseStart)
    }
    if i + 1 < end, b[i] == 0x2B, PEP508Bytes.isAlphanumeric(b[i + 1]) {
      var labelEnd = i + 1
      while labelEnd < end, PEP508Bytes.isAlphanumeric(b[labelEnd]) || PEP508Bytes.isSeparator(b[labelEnd]) { labelEnd += 1 }
      let clauseText = PEP508Bytes.string(b, clauseStart..<labelEnd)
      let message =
        op.isEquality
        ? "a local version label cannot follow '.*', found '\(clauseText)'"
        : "a local version label can only be used with the '==' or '!=' operators, found '\(clauseText)'"
      throw PEP508Error(message: message, offset: clauseStart)
    }
  }

  /// Whether the text at `i` starts like an operator (`<`, `>`, `=`, `!`, `~`).
  static func startsOperator(_ b: [UInt8], at i: Int, end: Int) -> Bool {
    guard i < end else { return false }
    let c = b[i]
    return c == 0x3C || c == 0x3E || c == 0x3D || c == 0x21 || c == 0x7E
  }

  /// The operator at `i` and its end; the regex's alternation order (`===` before `==`, `<=` before `<`).
  private static func scanOperator(_ b: [UInt8], at i: Int, end: Int) -> (SpecifierOperator, Int)? {
    guard i < end else { return nil }
    let next: UInt8 = i + 1 < end ? b[i + 1] : 0
    switch b[i] {
    case 0x3D:  // =
      guard next == 0x3D else { return nil }
      if i + 2 < end, b[i + 2] == 0x3D { return (.arbitrary, i + 3) }
      return (.equal, i + 2)
    case 0x21:  // !
      return next == 0x3D ? (.notEqual, i + 2) : nil
    case 0x7E:  // ~
      return next == 0x3D ? (.compatible, i + 2) : nil
    case 0x3C:  // <
      return next == 0x3D ? (.lessOrEqual, i + 2) : (.less, i + 1)
    case 0x3E:  // >
      return next == 0x3D ? (.greaterOrEqual, i + 2) : (.greater, i + 1)
    default:
      return nil
    }
  }

  /// Appends the canonical version text of a clause, per operator (reference §6.1, packaging
  /// `Specifier._canonical_spec`):
  /// - `==`, `!=`, `<`, `<=`, `>`, `>=`: `canonicalize_version(v, strip_trailing_zero=True)`,
  ///   since PEP 440 pads release segments with zeros before comparing;
  /// - `~=`: `str(Version(v))` without stripping (PEP 440 "Compatible release": the number of
  ///   segments sets the upper bound);
  /// - `==X.*` / `!=X.*`: only the spelling of the prefix (epoch + release), never padded or
  ///   stripped (PEP 440 "Version matching", prefix matching compares the segments given).
  private static func writeCanonicalVersion(
    op: SpecifierOperator, _ scanned: ScannedPEP440Version, from b: [UInt8], into out: inout [UInt8]
  ) {
    if scanned.isPrefix {
      scanned.write(from: b, into: &out, strippingTrailingZeros: false)
      PEP508Bytes.append(".*", to: &out)
      return
    }
    scanned.write(from: b, into: &out, strippingTrailingZeros: op != .compatible)
  }
}
