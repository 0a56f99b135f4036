/// A version scanned at some position of a text, with what the text contained.
struct ScannedPEP440Version {
  /// The version (for a `.*` prefix: epoch and release only).
  var version: PEP440Version
  /// The index just past the version text.
  var end: Int
  /// Whether the version ended in `.*` (prefix matching).
  var isPrefix: Bool
  /// Whether a pre-, post- or dev-release segment was present.
  var hasSuffix: Bool
}

/// Greedy scanner for PEP 440 version text, shared by `Version` parsing and specifier clauses.
///
/// It follows packaging 26.3's `VERSION_PATTERN` (possessive quantifiers, so a greedy scan gives the
/// same answer as the regex) and `Specifier._specifier_regex_str`, whose branches differ only in
/// whether `.*` and a local label are allowed after the release segment.
enum PEP440Scanner {
  /// What may follow the release segment.
  struct Rules {
    /// `.*` right after the release (specifier `==`/`!=` only).
    var allowsPrefix: Bool
    /// A `+local` label (`Version`, and specifier `==`/`!=`).
    var allowsLocal: Bool

    /// Plain `Version(...)` text.
    static let version = Rules(allowsPrefix: false, allowsLocal: true)
    /// After `==` or `!=`.
    static let equality = Rules(allowsPrefix: true, allowsLocal: true)
    /// After `~=`, `<`, `<=`, `>`, `>=`.
    static let ordered = Rules(allowsPrefix: false, allowsLocal: false)
  }

  /// Scans a version starting exactly at `start` (no leading whitespace); nil if no version starts there.
  static func scan(_ b: [UInt8], from start: Int, end: Int, rules: Rules) -> ScannedPEP440Version? {
    var p = start
    // PEP 440 "Preceding v character"
    if p < end, b[p] | 0x20 == 0x76 { p += 1 }
    var n = PEP508Bytes.digitsEnd(b, from: p, end: end)
    guard n > p else { return nil }
    var epoch = "0"
    // PEP 440 "Version epochs": N!
    if n < end, b[n] == 0x21 {
      epoch = PEP508Bytes.number(b, p..<n)
      p = n + 1
      n = PEP508Bytes.digitsEnd(b, from: p, end: end)
      guard n > p else { return nil }
    }
    // Release segment: N(.N)*
    var release: [String] = []
    release.reserveCapacity(4)  // one allocation for the usual X.Y.Z (growing 1→2→4 cost 3 more)
    while true {
      release.append(PEP508Bytes.number(b, p..<n))
      p = n
      guard p + 1 < end, b[p] == 0x2E, PEP508Bytes.isDigit(b[p + 1]) else { break }
      n = PEP508Bytes.digitsEnd(b, from: p + 1, end: end)
      p += 1
    }
    var version = PEP440Version(epoch: epoch, release: release, pre: nil, post: nil, dev: nil, local: nil)
    // PEP 440 "Version matching": a trailing `.*` prefix match (specifiers only)
    if rules.allowsPrefix, p + 1 < end, b[p] == 0x2E, b[p + 1] == 0x2A {
      return ScannedPEP440Version(version: version, end: p + 2, isPrefix: true, hasSuffix: false)
    }
    // PEP 440 "Pre-release spelling": [-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?N?
    var q = p
    if q < end, PEP508Bytes.isSeparator(b[q]) { q += 1 }
    if let (label, length) = preReleaseLabel(b, at: q, end: end) {
      q += length
      if q < end, PEP508Bytes.isSeparator(b[q]) { q += 1 }
      n = PEP508Bytes.digitsEnd(b, from: q, end: end)
      version.pre = (label, n > q ? PEP508Bytes.number(b, q..<n) : "0")
      p = n
    }
    // PEP 440 "Post-release spelling" and "Implicit post release number": -N | [-_.]?(post|rev|r)[-_.]?N?
    if p + 1 < end, b[p] == 0x2D, PEP508Bytes.isDigit(b[p + 1]) {
      n = PEP508Bytes.digitsEnd(b, from: p + 1, end: end)
      version.post = PEP508Bytes.number(b, (p + 1)..<n)
      p = n
    } else {
      q = p
      if q < end, PEP508Bytes.isSeparator(b[q]) { q += 1 }
      if let length = postReleaseLabelLength(b, at: q, end: end) {
        q += length
        if q < end, PEP508Bytes.isSeparator(b[q]) { q += 1 }
        n = PEP508Bytes.digitsEnd(b, from: q, end: end)
        version.post = n > q ? PEP508Bytes.number(b, q..<n) : "0"
        p = n
      }
    }
    // PEP 440 "Development release spelling": [-_.]?dev[-_.]?N?
    q = p
    if q < end, PEP508Bytes.isSeparator(b[q]) { q += 1 }
    if PEP508Bytes.hasPrefix(b, at: q, end: end, caseInsensitive: "dev") {
      q += 3
      if q < end, PEP508Bytes.isSeparator(b[q]) { q += 1 }
      n = PEP508Bytes.digitsEnd(b, from: q, end: end)
      version.dev = n > q ? PEP508Bytes.number(b, q..<n) : "0"
      p = n
    }
    let hasSuffix = version.pre != nil || version.post != nil || version.dev != nil
    // PEP 440 "Local version identifiers": +[a-z0-9]+([-_.][a-z0-9]+)*, "-"/"_" normalized to "."
    if rules.allowsLocal, p + 1 < end, b[p] == 0x2B, PEP508Bytes.isAlphanumeric(b[p + 1]) {
      var parts: [String] = []
      q = p + 1
      while true {
        var e = q
        var numeric = true
        while e < end, PEP508Bytes.isAlphanumeric(b[e]) {
          if !PEP508Bytes.isDigit(b[e]) { numeric = false }
          e += 1
        }
        parts.append(
          numeric
            ? PEP508Bytes.number(b, q..<e)
            : String(decoding: b[q..<e].lazy.map(PEP508Bytes.lower), as: UTF8.self))
        q = e
        guard q + 1 < end, PEP508Bytes.isSeparator(b[q]), PEP508Bytes.isAlphanumeric(b[q + 1]) else { break }
        q += 1
      }
      version.local = parts
      p = q
    }
    return ScannedPEP440Version(version: version, end: p, isPrefix: false, hasSuffix: hasSuffix)
  }

  /// The normalized pre-release label at `i` and its length (PEP 440 "Pre-release spelling").
  private static func preReleaseLabel(_ b: [UInt8], at i: Int, end: Int) -> (String, Int)? {
    guard i < end else { return nil }
    switch PEP508Bytes.lower(b[i]) {
    case 0x61:  // a
      return PEP508Bytes.hasPrefix(b, at: i, end: end, caseInsensitive: "alpha") ? ("a", 5) : ("a", 1)
    case 0x62:  // b
      return PEP508Bytes.hasPrefix(b, at: i, end: end, caseInsensitive: "beta") ? ("b", 4) : ("b", 1)
    case 0x63:  // c
      return ("rc", 1)
    case 0x70:  // p
      if PEP508Bytes.hasPrefix(b, at: i, end: end, caseInsensitive: "preview") { return ("rc", 7) }
      if PEP508Bytes.hasPrefix(b, at: i, end: end, caseInsensitive: "pre") { return ("rc", 3) }
      return nil
    case 0x72:  // r
      return PEP508Bytes.hasPrefix(b, at: i, end: end, caseInsensitive: "rc") ? ("rc", 2) : nil
    default:
      return nil
    }
  }

  /// The length of the post-release label (`post`, `rev`, `r`) at `i`, if any.
  private static func postReleaseLabelLength(_ b: [UInt8], at i: Int, end: Int) -> Int? {
    if PEP508Bytes.hasPrefix(b, at: i, end: end, caseInsensitive: "post") { return 4 }
    if PEP508Bytes.hasPrefix(b, at: i, end: end, caseInsensitive: "rev") { return 3 }
    if PEP508Bytes.hasPrefix(b, at: i, end: end, caseInsensitive: "r") { return 1 }
    return nil
  }
}
