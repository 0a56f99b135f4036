/// A version scanned at some position of a text: where each of its parts lies in that text.
///
/// Nothing is copied while scanning: the canonical spelling is written straight from these ranges
/// (`write(from:into:strippingTrailingZeros:)`), which is what keeps a 20,000-line requirements
/// file from building six small strings per version.
struct ScannedPEP440Version {
  /// Pre-release labels as PEP 440 normalizes them.
  enum PreLabel: UInt8 {
    case alpha, beta, candidate

    var spelling: StaticString {
      switch self {
      case .alpha: "a"
      case .beta: "b"
      case .candidate: "rc"
      }
    }
  }

  /// The epoch's digits (`N!`), nil when absent.
  var epoch: Range<Int>?
  /// The release segment `N(.N)*`, dots included.
  var release: Range<Int>
  /// How many numbers the release segment has.
  var releaseCount: Int
  /// The pre-release label and the range of its number (empty: the implicit 0).
  var pre: (label: PreLabel, number: Range<Int>)?
  /// The post-release number (empty: the implicit 0), nil when absent.
  var post: Range<Int>?
  /// The development release number (empty: the implicit 0), nil when absent.
  var dev: Range<Int>?
  /// The local label's text after `+`, nil when absent.
  var local: Range<Int>?
  /// The index just past the version text.
  var end: Int
  /// Whether the version ended in `.*` (prefix matching; then only epoch and release are set).
  var isPrefix: Bool

  /// Whether a pre-, post- or dev-release segment was present.
  var hasSuffix: Bool { pre != nil || post != nil || dev != nil }

  /// Appends the PEP 440 normalized spelling (`str(Version(v))`) read from `b` to `out`, without
  /// trailing `.0` release segments when `strippingTrailingZeros` (packaging's
  /// `canonicalize_version(v, strip_trailing_zero=True)`; at least one segment is kept).
  func write(from b: [UInt8], into out: inout [UInt8], strippingTrailingZeros: Bool) {
    if let epoch, !PEP508Bytes.isZero(b, epoch) {
      PEP508Bytes.appendNumber(b, epoch, to: &out)
      out.append(0x21)  // !
    }
    // Trailing zero segments are cut from the end of the release text (at least one stays).
    var releaseEnd = release.upperBound
    if strippingTrailingZeros {
      var count = releaseCount
      while count > 1 {
        var dot = releaseEnd - 1
        while b[dot] != 0x2E { dot -= 1 }
        guard PEP508Bytes.isZero(b, (dot + 1)..<releaseEnd) else { break }
        releaseEnd = dot
        count -= 1
      }
    }
    // Copied as written unless a segment has leading zeros (`01`), the usual case.
    var leadingZero = false
    var i = release.lowerBound
    while i + 1 < releaseEnd {
      if b[i] == 0x30, i == release.lowerBound || b[i - 1] == 0x2E, PEP508Bytes.isDigit(b[i + 1]) {
        leadingZero = true
        break
      }
      i += 1
    }
    if !leadingZero {
      out.append(contentsOf: b[release.lowerBound..<releaseEnd])
    } else {
      var start = release.lowerBound
      while start < releaseEnd {
        let stop = PEP508Bytes.digitsEnd(b, from: start, end: releaseEnd)
        if start > release.lowerBound { out.append(0x2E) }
        PEP508Bytes.appendNumber(b, start..<stop, to: &out)
        start = stop + 1
      }
    }
    if let pre {
      PEP508Bytes.append(pre.label.spelling, to: &out)
      PEP508Bytes.appendNumber(b, pre.number, to: &out)
    }
    if let post {
      PEP508Bytes.append(".post", to: &out)
      PEP508Bytes.appendNumber(b, post, to: &out)
    }
    if let dev {
      PEP508Bytes.append(".dev", to: &out)
      PEP508Bytes.appendNumber(b, dev, to: &out)
    }
    if let local {
      out.append(0x2B)  // +
      Self.writeLocal(from: b, local, into: &out)
    }
  }

  /// Appends a local label (PEP 440 "Local version identifiers"): "-"/"_" normalized to ".",
  /// letters lowercased, numeric parts without leading zeros (they compare as integers).
  static func writeLocal(from b: [UInt8], _ local: Range<Int>, into out: inout [UInt8]) {
    var partStart = local.lowerBound
    while partStart < local.upperBound {
      var partEnd = partStart
      var numeric = true
      while partEnd < local.upperBound, PEP508Bytes.isAlphanumeric(b[partEnd]) {
        if !PEP508Bytes.isDigit(b[partEnd]) { numeric = false }
        partEnd += 1
      }
      if partStart > local.lowerBound { out.append(0x2E) }
      if numeric {
        PEP508Bytes.appendNumber(b, partStart..<partEnd, to: &out)
      } else {
        for k in partStart..<partEnd { out.append(PEP508Bytes.lower(b[k])) }
      }
      partStart = partEnd + 1
    }
  }

  /// Calls `body` with the digits of each release number, in order.
  @inline(__always)
  func forEachReleaseNumber(_ b: [UInt8], _ body: (Range<Int>) -> Void) {
    var start = release.lowerBound
    while start < release.upperBound {
      let stop = PEP508Bytes.digitsEnd(b, from: start, end: release.upperBound)
      body(start..<stop)
      start = stop + 1
    }
  }
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
    var epoch: Range<Int>?
    // PEP 440 "Version epochs": N!
    if n < end, b[n] == 0x21 {
      epoch = p..<n
      p = n + 1
      n = PEP508Bytes.digitsEnd(b, from: p, end: end)
      guard n > p else { return nil }
    }
    // Release segment: N(.N)*
    let releaseStart = p
    var releaseCount = 1
    p = n
    while p + 1 < end, b[p] == 0x2E, PEP508Bytes.isDigit(b[p + 1]) {
      p = PEP508Bytes.digitsEnd(b, from: p + 1, end: end)
      releaseCount += 1
    }
    var version = ScannedPEP440Version(
      epoch: epoch, release: releaseStart..<p, releaseCount: releaseCount,
      pre: nil, post: nil, dev: nil, local: nil, end: p, isPrefix: false)
    // PEP 440 "Version matching": a trailing `.*` prefix match (specifiers only)
    if rules.allowsPrefix, p + 1 < end, b[p] == 0x2E, b[p + 1] == 0x2A {
      version.end = p + 2
      version.isPrefix = true
      return version
    }
    // PEP 440 "Pre-release spelling": [-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?N?
    var q = p
    if q < end, PEP508Bytes.isSeparator(b[q]) { q += 1 }
    if let (label, length) = preReleaseLabel(b, at: q, end: end) {
      q += length
      if q < end, PEP508Bytes.isSeparator(b[q]) { q += 1 }
      n = PEP508Bytes.digitsEnd(b, from: q, end: end)
      version.pre = (label, q..<n)
      p = n
    }
    // PEP 440 "Post-release spelling" and "Implicit post release number": -N | [-_.]?(post|rev|r)[-_.]?N?
    if p + 1 < end, b[p] == 0x2D, PEP508Bytes.isDigit(b[p + 1]) {
      n = PEP508Bytes.digitsEnd(b, from: p + 1, end: end)
      version.post = (p + 1)..<n
      p = n
    } else {
      q = p
      if q < end, PEP508Bytes.isSeparator(b[q]) { q += 1 }
      if let length = postReleaseLabelLength(b, at: q, end: end) {
        q += length
        if q < end, PEP508Bytes.isSeparator(b[q]) { q += 1 }
        n = PEP508Bytes.digitsEnd(b, from: q, end: end)
        version.post = q..<n
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
      version.dev = q..<n
      p = n
    }
    // PEP 440 "Local version identifiers": +[a-z0-9]+([-_.][a-z0-9]+)*
    if rules.allowsLocal, p + 1 < end, b[p] == 0x2B, PEP508Bytes.isAlphanumeric(b[p + 1]) {
      q = p + 1
      while true {
        while q < end, PEP508Bytes.isAlphanumeric(b[q]) { q += 1 }
        guard q + 1 < end, PEP508Bytes.isSeparator(b[q]), PEP508Bytes.isAlphanumeric(b[q + 1]) else { break }
        q += 1
      }
      version.local = (p + 1)..<q
      p = q
    }
    version.end = p
    return version
  }

  /// The normalized pre-release label at `i` and its length (PEP 440 "Pre-release spelling").
  private static func preReleaseLabel(_ b: [UInt8], at i: Int, end: Int) -> (ScannedPEP440Version.PreLabel, Int)? {
    guard i < end else { return nil }
    switch PEP508Bytes.lower(b[i]) {
    case 0x61:  // a
      return PEP508Bytes.hasPrefix(b, at: i, end: end, caseInsensitive: "alpha") ? (.alpha, 5) : (.alpha, 1)
    case 0x62:  // b
      return PEP508Bytes.hasPrefix(b, at: i, end: end, caseInsensitive: "beta") ? (.beta, 4) : (.beta, 1)
    case 0x63:  // c
      return (.candidate, 1)
    case 0x70:  // p
      if PEP508Bytes.hasPrefix(b, at: i, end: end, caseInsensitive: "preview") { return (.candidate, 7) }
      if PEP508Bytes.hasPrefix(b, at: i, end: end, caseInsensitive: "pre") { return (.candidate, 3) }
      return nil
    case 0x72:  // r
      return PEP508Bytes.hasPrefix(b, at: i, end: end, caseInsensitive: "rc") ? (.candidate, 2) : nil
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
