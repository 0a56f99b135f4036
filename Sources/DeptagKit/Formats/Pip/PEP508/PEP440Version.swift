/// A PEP 440 version (packaging.version.Version).
///
/// Numbers are kept as decimal text without leading zeros, so versions with segments longer than
/// 64 bits print exactly as Python's arbitrary-precision `int` does. Two versions are equal when
/// packaging's `Version.__eq__` says so (release zero padding and local-label spelling ignored).
struct PEP440Version: Sendable, Hashable {
  /// The epoch (`N!`), "0" when absent.
  var epoch: String
  /// Release segments, each without leading zeros.
  var release: [String]
  /// Pre-release as (`a` | `b` | `rc`, number).
  var pre: (label: String, number: String)?
  /// Post-release number (`.postN`, `-N`, `rN`, `revN`).
  var post: String?
  /// Development release number (`.devN`).
  var dev: String?
  /// Local label parts, lowercased, numeric parts without leading zeros.
  var local: [String]?

  /// Parses a version as `Version(text)` does; nil if invalid.
  ///
  /// PEP 440 "Normalization": surrounding whitespace, a leading `v`/`V` and any letter case are
  /// accepted (packaging's `VERSION_PATTERN` with `\s*` on both sides, `re.IGNORECASE`).
  static func parse<S: StringProtocol>(_ text: S) -> PEP440Version? {
    let bytes = Array(text.utf8)
    let range = PEP508Bytes.strip(bytes, 0, bytes.count)
    guard let scanned = PEP440Scanner.scan(bytes, from: range.lowerBound, end: range.upperBound, rules: .version),
      scanned.end == range.upperBound
    else { return nil }
    return PEP440Version(scanned, in: bytes)
  }

  /// The parts of a scanned version, each spelled as the canonical text spells it.
  init(_ scanned: ScannedPEP440Version, in b: [UInt8]) {
    func number(_ range: Range<Int>) -> String {
      var out: [UInt8] = []
      PEP508Bytes.appendNumber(b, range, to: &out)
      return String(decoding: out, as: UTF8.self)
    }
    epoch = scanned.epoch.map(number) ?? "0"
    release = []
    scanned.forEachReleaseNumber(b) { release.append(number($0)) }
    pre = scanned.pre.map { ($0.label.spelling.description, number($0.number)) }
    post = scanned.post.map(number)
    dev = scanned.dev.map(number)
    local = scanned.local.map { range in
      var out: [UInt8] = []
      ScannedPEP440Version.writeLocal(from: b, range, into: &out)
      return out.split(separator: 0x2E).map { String(decoding: $0, as: UTF8.self) }
    }
  }

  /// `str(Version(v))`: the PEP 440 normalized spelling.
  var canonical: String { canonical(strippingTrailingZeros: false) }

  /// packaging.utils.canonicalize_version(v, strip_trailing_zero=...): the normalized spelling,
  /// optionally with trailing `.0` release segments removed (at least one segment is kept).
  func canonical(strippingTrailingZeros: Bool) -> String {
    var count = release.count
    if strippingTrailingZeros {
      while count > 1, release[count - 1] == "0" { count -= 1 }
    }
    var out = epoch == "0" ? "" : epoch + "!"
    out += release[..<count].joined(separator: ".")
    if let pre { out += pre.label + pre.number }
    if let post { out += ".post" + post }
    if let dev { out += ".dev" + dev }
    if let local { out += "+" + local.joined(separator: ".") }
    return out
  }

  /// `Version.__eq__`: equal after zero padding of the release segment (PEP 440 "Version matching").
  static func == (lhs: PEP440Version, rhs: PEP440Version) -> Bool {
    lhs.canonical(strippingTrailingZeros: true) == rhs.canonical(strippingTrailingZeros: true)
  }

  /// Hashes the same key that `==` compares.
  func hash(into hasher: inout Hasher) {
    hasher.combine(canonical(strippingTrailingZeros: true))
  }
}
