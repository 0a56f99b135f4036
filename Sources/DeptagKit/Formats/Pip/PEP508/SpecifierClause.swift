/// One version specifier clause (`>=1.0`, `==2.*`, `===foo`): its operator and canonical text.
struct SpecifierClause: Sendable, Hashable {
  /// The operator: `~=`, `==`, `!=`, `<=`, `>=`, `<`, `>` or `===`.
  var op: String
  /// The canonical clause text (operator + canonical version, see `canonicalVersion`).
  var canonical: String

  /// Scans the longest clause starting at `start`, as packaging's tokenizer matches its
  /// `SPECIFIER` rule (`Specifier._specifier_regex_str`); throws if no clause starts there.
  ///
  /// The returned end is just past the version; for `===` it is past the run of characters other
  /// than whitespace, `;` and `)` (which may contain commas: the caller splits those).
  static func scan(_ b: [UInt8], at start: Int, end: Int) throws(PEP508Error) -> (SpecifierClause, end: Int) {
    guard let (op, opEnd) = scanOperator(b, at: start, end: end) else {
      throw PEP508Error(
        message: "expected a version operator (~=, ==, !=, <=, >=, <, >, ===) but found "
          + PEP508Bytes.found(b, at: start, end: end),
        offset: start)
    }
    let versionStart = PEP508Bytes.skipWhitespace(b, from: opEnd, end: end)
    if op == "===" {
      // PEP 440 "Arbitrary equality": any run of characters but whitespace, ";" and ")".
      var e = versionStart
      while e < end, b[e] != 0x3B, b[e] != 0x29, PEP508Bytes.whitespaceLength(b, at: e, end: end) == 0 { e += 1 }
      let version = String(decoding: b[versionStart..<e].lazy.map(PEP508Bytes.lower), as: UTF8.self)
      return (SpecifierClause(op: op, canonical: op + version), e)
    }
    let rules: PEP440Scanner.Rules = (op == "==" || op == "!=") ? .equality : .ordered
    guard let scanned = PEP440Scanner.scan(b, from: versionStart, end: end, rules: rules) else {
      throw PEP508Error(
        message: "expected a version after '\(op)' but found " + PEP508Bytes.found(b, at: versionStart, end: end),
        offset: versionStart)
    }
    // PEP 440 "Compatible release": "~=" needs at least two release segments.
    if op == "~=", scanned.version.release.count < 2 {
      throw PEP508Error(
        message: "expected a version with at least two release segments after '~=' but found "
          + PEP508Bytes.found(b, at: versionStart, end: end),
        offset: versionStart)
    }
    let clause = SpecifierClause(op: op, canonical: op + canonicalVersion(op: op, scanned))
    return (clause, scanned.end)
  }

  /// Validates a whole clause (already stripped of surrounding whitespace) as `Specifier(text)`
  /// does with its regex `fullmatch`, with errors that say what is wrong.
  static func parse(_ b: [UInt8], _ range: Range<Int>) throws(PEP508Error) -> SpecifierClause {
    let (clause, e) = try scan(b, at: range.lowerBound, end: range.upperBound)
    guard e < range.upperBound else { return clause }
    try rejectMisplacedSuffix(b, at: e, end: range.upperBound, op: clause.op, clauseStart: range.lowerBound)
    throw PEP508Error(
      message: "unexpected text after version specifier '\(PEP508Bytes.string(b, range.lowerBound..<e))': "
        + PEP508Bytes.found(b, at: e, end: range.upperBound),
      offset: e)
  }

  /// Throws when a `.*` or a local label follows a clause whose operator does not allow it
  /// (packaging `_parse_version_many`'s two checks); returns normally otherwise.
  static func rejectMisplacedSuffix(_ b: [UInt8], at i: Int, end: Int, op: String, clauseStart: Int) throws(PEP508Error) {
    if i + 1 < end, b[i] == 0x2E, b[i + 1] == 0x2A {
      let clauseText = PEP508Bytes.string(b, clauseStart..<i)
      let message =
        op == "==" || op == "!="
        ? "a '.*' suffix cannot be used with pre-release, post-release, dev or local versions, found '\(clauseText).*'"
        : "a '.*' suffix can only be used with the '==' or '!=' operators, found '\(clauseText).*'"
      throw PEP508Error(message: message, offset: clauseStart)
    }
    if i + 1 < end, b[i] == 0x2B, PEP508Bytes.isAlphanumeric(b[i + 1]) {
      var labelEnd = i + 1
      while labelEnd < end, PEP508Bytes.isAlphanumeric(b[labelEnd]) || PEP508Bytes.isSeparator(b[labelEnd]) { labelEnd += 1 }
      let clauseText = PEP508Bytes.string(b, clauseStart..<labelEnd)
      let message =
        op == "==" || op == "!="
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
  private static func scanOperator(_ b: [UInt8], at i: Int, end: Int) -> (String, Int)? {
    guard i < end else { return nil }
    let next: UInt8 = i + 1 < end ? b[i + 1] : 0
    switch b[i] {
    case 0x3D:  // =
      guard next == 0x3D else { return nil }
      if i + 2 < end, b[i + 2] == 0x3D { return ("===", i + 3) }
      return ("==", i + 2)
    case 0x21:  // !
      return next == 0x3D ? ("!=", i + 2) : nil
    case 0x7E:  // ~
      return next == 0x3D ? ("~=", i + 2) : nil
    case 0x3C:  // <
      return next == 0x3D ? ("<=", i + 2) : ("<", i + 1)
    case 0x3E:  // >
      return next == 0x3D ? (">=", i + 2) : (">", i + 1)
    default:
      return nil
    }
  }

  /// The canonical version text of a clause, per operator (reference §6.1, packaging
  /// `Specifier._canonical_spec`):
  /// - `==`, `!=`, `<`, `<=`, `>`, `>=`: `canonicalize_version(v, strip_trailing_zero=True)`,
  ///   since PEP 440 pads release segments with zeros before comparing;
  /// - `~=`: `str(Version(v))` without stripping (PEP 440 "Compatible release": the number of
  ///   segments sets the upper bound);
  /// - `==X.*` / `!=X.*`: only the spelling of the prefix (epoch + release), never padded or
  ///   stripped (PEP 440 "Version matching", prefix matching compares the segments given).
  private static func canonicalVersion(op: String, _ scanned: ScannedPEP440Version) -> String {
    if scanned.isPrefix { return scanned.version.canonical + ".*" }
    return scanned.version.canonical(strippingTrailingZeros: op != "~=")
  }
}
