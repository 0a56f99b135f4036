/// Version and path rules of golang.org/x/mod, as go.mod parsing applies them (go-modules.md
/// §3.2–3.7, §4): `semver`, `module.CanonicalVersion`, `module.SplitPathVersion`,
/// `module.CheckPathMajor`, `modfile.GoVersionRE`, `ToolchainRE`, `IsDirectoryPath`.
enum GoVersions {
  /// The parts of a semantic version (`semver.parse`).
  struct Semver {
    var major: Substring
    var prerelease: Substring
    var build: Substring
    /// `.0.0` or `.0` when the version is a shorthand (`v1`, `v1.2`).
    var short: String
  }

  /// `semver.parse`: `vMAJOR[.MINOR[.PATCH[-PRE][+BUILD]]]`, no leading zeros, shorthands only
  /// without prerelease and build (§4.1).
  static func parse(_ v: String) -> Semver? {
    let s = Substring(v)
    guard s.first == "v" else { return nil }
    func number(_ s: Substring) -> (Substring, Substring)? {
      let digits = s.prefix(while: { $0 >= "0" && $0 <= "9" })
      guard !digits.isEmpty, digits.first != "0" || digits.count == 1 else { return nil }
      return (digits, s[digits.endIndex...])
    }
    guard let (major, afterMajor) = number(s.dropFirst()) else { return nil }
    if afterMajor.isEmpty { return Semver(major: major, prerelease: "", build: "", short: ".0.0") }
    guard afterMajor.first == ".", let (_, afterMinor) = number(afterMajor.dropFirst()) else { return nil }
    if afterMinor.isEmpty { return Semver(major: major, prerelease: "", build: "", short: ".0") }
    guard afterMinor.first == ".", var (_, rest) = number(afterMinor.dropFirst()) else { return nil }
    var prerelease: Substring = ""
    var build: Substring = ""
    if rest.first == "-" {
      let end = rest.firstIndex(of: "+") ?? rest.endIndex
      prerelease = rest[..<end]
      guard identifiers(prerelease.dropFirst(), numericRule: true) else { return nil }
      rest = rest[end...]
    }
    if rest.first == "+" {
      build = rest
      guard identifiers(build.dropFirst(), numericRule: false) else { return nil }
      rest = rest[rest.endIndex...]
    }
    guard rest.isEmpty else { return nil }
    return Semver(major: major, prerelease: prerelease, build: build, short: "")
  }

  /// Dot-separated non-empty `[0-9A-Za-z-]+` identifiers; numeric prerelease ones without
  /// leading zeros.
  private static func identifiers(_ s: Substring, numericRule: Bool) -> Bool {
    for part in s.split(separator: ".", omittingEmptySubsequences: false) {
      guard !part.isEmpty else { return false }
      guard part.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else { return false }
      if numericRule, part.count > 1, part.first == "0", part.allSatisfy({ $0 >= "0" && $0 <= "9" }) {
        return false
      }
    }
    return true
  }

  static func isValid(_ v: String) -> Bool { parse(v) != nil }

  /// `module.CanonicalVersion`: shorthands filled in, build metadata dropped except
  /// `+incompatible`; "" when invalid.
  static func canonical(_ v: String) -> String {
    guard let p = parse(v) else { return "" }
    if !p.build.isEmpty {
      let base = String(v.dropLast(p.build.count))
      return p.build == "+incompatible" ? base + "+incompatible" : base
    }
    return v + p.short
  }

  /// `semver.Major`: `v1` of `v1.2.3`; "" when invalid.
  static func major(_ v: String) -> String {
    parse(v).map { "v" + $0.major } ?? ""
  }

  /// `module.SplitPathVersion`: the major-version suffix of a module path (`/v2`, `.v1` for
  /// gopkg.in), "" when there is none, or nil when the suffix is malformed (`/v1`, `/v0`,
  /// `/v2.0`, `/v02`).
  static func pathMajor(_ path: String) -> String? {
    let bytes = Array(path.utf8)
    if path.hasPrefix("gopkg.in/") {
      var i = bytes.count
      if path.hasSuffix("-unstable") { i -= "-unstable".utf8.count }
      while i > 0, bytes[i - 1] >= UInt8(ascii: "0"), bytes[i - 1] <= UInt8(ascii: "9") { i -= 1 }
      guard i > 1, bytes[i - 1] == UInt8(ascii: "v"), bytes[i - 2] == UInt8(ascii: ".") else { return nil }
      let major = Array(bytes[(i - 2)...])
      if major.count <= 2 || (major[2] == UInt8(ascii: "0") && String(decoding: major, as: UTF8.self) != ".v0") {
        return nil
      }
      return String(decoding: major, as: UTF8.self)
    }
    var i = bytes.count
    var dot = false
    while i > 0, (bytes[i - 1] >= UInt8(ascii: "0") && bytes[i - 1] <= UInt8(ascii: "9")) || bytes[i - 1] == UInt8(ascii: ".") {
      if bytes[i - 1] == UInt8(ascii: ".") { dot = true }
      i -= 1
    }
    if i <= 1 || i == bytes.count || bytes[i - 1] != UInt8(ascii: "v") || bytes[i - 2] != UInt8(ascii: "/") {
      return ""
    }
    let major = String(decoding: bytes[(i - 2)...], as: UTF8.self)
    if dot || major.utf8.count <= 2 || Array(major.utf8)[2] == UInt8(ascii: "0") || major == "/v1" { return nil }
    return major
  }

  /// `module.CheckPathMajor`: nil when `version` fits the path's major suffix, else the reason.
  static func checkPathMajor(_ version: String, _ pathMajor: String) -> String? {
    var pathMajor = pathMajor
    if pathMajor.hasPrefix(".v") && pathMajor.hasSuffix("-unstable") {
      pathMajor = String(pathMajor.dropLast("-unstable".count))
    }
    if version.hasPrefix("v0.0.0-") && pathMajor == ".v1" { return nil }
    let m = major(version)
    if pathMajor.isEmpty {
      if m == "v0" || m == "v1" || (parse(version)?.build ?? "") == "+incompatible" { return nil }
      pathMajor = "v0 or v1"
    } else if pathMajor.first == "/" || pathMajor.first == "." {
      if m == pathMajor.dropFirst() { return nil }
      pathMajor = String(pathMajor.dropFirst())
    }
    return "should be \(pathMajor), not \(m)"
  }

  /// `GoVersionRE`: `^([1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?$` (§3.2).
  static func isGoVersion(_ v: String) -> Bool {
    var s = Substring(v)
    func number(allowZero: Bool) -> Bool {
      let digits = s.prefix(while: { $0 >= "0" && $0 <= "9" })
      guard !digits.isEmpty, digits.allSatisfy(\.isASCII) else { return false }
      if digits.first == "0" && (!allowZero || digits.count > 1) { return false }
      s = s[digits.endIndex...]
      return true
    }
    guard number(allowZero: false), s.first == "." else { return false }
    s = s.dropFirst()
    guard number(allowZero: true) else { return false }
    if s.first == "." {
      s = s.dropFirst()
      guard number(allowZero: true) else { return false }
    }
    if s.isEmpty { return true }
    let letters = s.prefix(while: { $0 >= "a" && $0 <= "z" })
    guard !letters.isEmpty else { return false }
    let digits = s[letters.endIndex...]
    return !digits.isEmpty && digits.allSatisfy { $0 >= "0" && $0 <= "9" }
  }

  /// `ToolchainRE`: `^default$|^go1($|\.)` (§3.3).
  static func isToolchain(_ v: String) -> Bool {
    v == "default" || v == "go1" || v.hasPrefix("go1.")
  }

  /// `IsDirectoryPath` (current x/mod, which accepts bare `.` and `..`; §3.7): Unix and Windows
  /// relative and rooted forms, and drive letters.
  static func isDirectoryPath(_ p: String) -> Bool {
    if p == "." || p == ".." { return true }
    for prefix in ["./", ".\\", "../", "..\\", "/", "\\"] where p.hasPrefix(prefix) { return true }
    let bytes = Array(p.utf8.prefix(2))
    if bytes.count == 2, bytes[1] == UInt8(ascii: ":"),
      (bytes[0] >= UInt8(ascii: "A") && bytes[0] <= UInt8(ascii: "Z")) || (bytes[0] >= UInt8(ascii: "a") && bytes[0] <= UInt8(ascii: "z"))
    {
      return true
    }
    return false
  }
}
