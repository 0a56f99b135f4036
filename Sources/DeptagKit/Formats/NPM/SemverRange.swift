/// node-semver's range desugaring (`new semver.Range(spec).range`, strict mode, as npm 10
/// bundles semver 7.6), re-implemented step by step so that two spellings get one canonical form
/// exactly when semver gives them one (reference §1.6).
///
/// `canonical` returns nil whenever the input is outside what this implementation follows with
/// certainty (semver would reject it, or accept it only through regex corners such as
/// `v 1.2.3 - 2` or `~ >1.2.3`); callers then keep the spec verbatim, which is always safe: it can
/// only make two equivalent spellings differ, never two different ranges equal.
enum SemverRange {
  /// The canonical form of `spec`: semver's `range` string, with the any-range written `*`.
  static func canonical(_ spec: String) -> String? {
    let bytes = Array(spec.utf8)
    // ASCII only (JavaScript's \s also covers Unicode spaces; not worth following).
    guard bytes.count <= 1024, bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
    // this.raw = range.trim().split(/\s+/).join(' ')
    let words = spec.split(whereSeparator: { " \t\n\r\u{0B}\u{0C}".contains($0) })
    let raw = words.joined(separator: " ")
    var set: [[String]] = []
    for part in splitAlternatives(raw) {
      guard let comparators = parseRange(trimSpaces(part)) else { return nil }
      set.append(comparators)
    }
    // Null sets are dropped beside others; an any-alternative makes the whole range any.
    if set.count > 1 {
      let first = set[0]
      set = set.filter { $0[0] != nullSet }
      if set.isEmpty {
        set = [first]
      } else if set.count > 1, let any = set.first(where: { $0.count == 1 && $0[0] == "" }) {
        set = [any]
      }
    }
    let range = trimSpaces(set.map { trimSpaces($0.joined(separator: " ")) }.joined(separator: "||"))
    return range.isEmpty ? "*" : range
  }

  static let nullSet = "<0.0.0-0"

  /// `raw.split('||')`.
  private static func splitAlternatives(_ raw: String) -> [String] {
    var parts: [String] = []
    var current = ""
    var chars = Array(raw)[...]
    while let c = chars.first {
      if c == "|", chars.dropFirst().first == "|" {
        parts.append(current)
        current = ""
        chars = chars.dropFirst(2)
      } else {
        current.append(c)
        chars = chars.dropFirst()
      }
    }
    parts.append(current)
    return parts
  }

  private static func trimSpaces(_ s: String) -> String {
    var sub = Substring(s)
    while sub.first == " " { sub = sub.dropFirst() }
    while sub.last == " " { sub = sub.dropLast() }
    return String(sub)
  }

  private static let operatorTokens: Set<String> = ["<", "<=", ">", ">=", "=", "~", "~>", "^"]

  /// `Range.parseRange`: one `||` alternative to its comparator values.
  private static func parseRange(_ part: String) -> [String]? {
    var tokens = part.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
    if tokens.count == 3 && tokens[1] == "-" {
      // HYPHENRANGE: `A - B`, both whole x-ranges (reference §1.6: `1.2.3-2.3.4` is not one).
      guard let from = XRangePlain(tokens[0]), let to = XRangePlain(tokens[2]) else { return nil }
      let replaced = hyphen(fromText: tokens[0], from, toText: tokens[2], to)
      tokens = replaced.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
    } else {
      // COMPARATORTRIM / TILDETRIM / CARETTRIM: `>= 1.2.3`, `~ 1.2.3`, `^ 1.2.3` lose the space.
      // Only the plain case is followed; anything else is left to the verbatim path.
      var merged: [String] = []
      var i = 0
      while i < tokens.count {
        if operatorTokens.contains(tokens[i]) {
          guard i + 1 < tokens.count, startsLikeVersion(tokens[i + 1]) else { return nil }
          merged.append(tokens[i] + tokens[i + 1])
          i += 2
        } else {
          merged.append(tokens[i])
          i += 1
        }
      }
      tokens = merged
    }
    var desugared: [String] = []
    for token in tokens {
      guard token.utf8.count <= 200 else { return nil }
      desugared.append(parseComparator(token))
    }
    // .join(' ').split(/\s+/).map(replaceGTE0) → Comparator values
    var values: [String] = []
    for comp in desugared.joined(separator: " ").split(separator: " ", omittingEmptySubsequences: false) {
      let c = comp == ">=0.0.0" ? "" : String(comp)
      guard let value = comparatorValue(c) else { return nil }
      values.append(value)
    }
    if let null = values.first(where: { $0 == nullSet }) { return [null] }
    var seen = Set<String>()
    var result: [String] = []
    for value in values where seen.insert(value).inserted { result.append(value) }
    if result.count > 1 { result.removeAll { $0 == "" } }
    return result
  }

  private static func startsLikeVersion(_ token: String) -> Bool {
    guard let first = token.drop(while: { $0 == "v" || $0 == "=" }).first else { return false }
    return first.isASCII && (first.isNumber || first == "x" || first == "X" || first == "*")
  }

  /// `parseComparator`: carets, then tildes, then x-ranges, then stars.
  private static func parseComparator(_ token: String) -> String {
    var s = caret(token) ?? token
    s = s.split(separator: " ", omittingEmptySubsequences: false).map { tilde(String($0)) ?? String($0) }
      .joined(separator: " ")
    s = s.split(separator: " ", omittingEmptySubsequences: false).map { xRange(String($0)) ?? String($0) }
      .joined(separator: " ")
    return replaceStars(trimSpaces(s))
  }

  /// An x-range as semver's XRANGEPLAIN matches it (strict): `[v=]*` then
  /// `M(.m(.p(-pre)?(+build)?)?)?`, each part a number without leading zeros, `x`, `X` or `*`.
  struct XRangePlain {
    var major: String
    var minor: String?
    var patch: String?
    var prerelease: String?

    init?(_ text: String) {
      var rest = Substring(text).drop(while: { $0 == "v" || $0 == "=" })
      guard let major = Self.identifier(&rest) else { return nil }
      self.major = major
      if rest.first == "." {
        rest = rest.dropFirst()
        guard let minor = Self.identifier(&rest) else { return nil }
        self.minor = minor
        if rest.first == "." {
          rest = rest.dropFirst()
          guard let patch = Self.identifier(&rest) else { return nil }
          self.patch = patch
          if rest.first == "-" {
            rest = rest.dropFirst()
            guard let pre = Version.prerelease(&rest) else { return nil }
            prerelease = pre
          }
          if rest.first == "+" {
            rest = rest.dropFirst()
            guard Version.build(&rest) else { return nil }
          }
        }
      }
      guard rest.isEmpty else { return nil }
    }

    /// `0|[1-9]\d*|x|X|\*`, followed by `.`, `-`, `+` or the end.
    static func identifier(_ rest: inout Substring) -> String? {
      guard let c = rest.first else { return nil }
      if c == "x" || c == "X" || c == "*" {
        rest = rest.dropFirst()
        return String(c)
      }
      return Version.number(&rest)
    }
  }

  static func isX(_ part: String?) -> Bool {
    guard let part else { return true }
    return part.isEmpty || part == "x" || part == "X" || part == "*"
  }

  private static func plusOne(_ number: String) -> String { String(Int(number)! + 1) }

  /// hyphenReplace (includePrerelease off). `from`/`to` texts are reused as written, as semver does.
  private static func hyphen(fromText: String, _ f: XRangePlain, toText: String, _ t: XRangePlain) -> String {
    let from: String
    if isX(f.major) {
      from = ""
    } else if isX(f.minor) {
      from = ">=\(f.major).0.0"
    } else if isX(f.patch) {
      from = ">=\(f.major).\(f.minor!).0"
    } else {
      from = ">=\(fromText)"
    }
    let to: String
    if isX(t.major) {
      to = ""
    } else if isX(t.minor) {
      to = "<\(plusOne(t.major)).0.0-0"
    } else if isX(t.patch) {
      to = "<\(t.major).\(plusOne(t.minor!)).0-0"
    } else if let pre = t.prerelease {
      to = "<=\(t.major).\(t.minor!).\(t.patch!)-\(pre)"
    } else {
      to = "<=\(toText)"
    }
    return trimSpaces("\(from) \(to)")
  }

  /// replaceCaret: `^` followed by an x-range.
  private static func caret(_ token: String) -> String? {
    guard token.first == "^", let x = XRangePlain(String(token.dropFirst())) else { return nil }
    let (M, m, p) = (x.major, x.minor ?? "", x.patch ?? "")
    if isX(M) { return "" }
    if isX(m) { return ">=\(M).0.0 <\(plusOne(M)).0.0-0" }
    if isX(p) {
      return M == "0" ? ">=\(M).\(m).0 <\(M).\(plusOne(m)).0-0" : ">=\(M).\(m).0 <\(plusOne(M)).0.0-0"
    }
    let low = x.prerelease.map { ">=\(M).\(m).\(p)-\($0)" } ?? ">=\(M).\(m).\(p)"
    if M == "0" {
      return m == "0" ? "\(low) <\(M).\(m).\(plusOne(p))-0" : "\(low) <\(M).\(plusOne(m)).0-0"
    }
    return "\(low) <\(plusOne(M)).0.0-0"
  }

  /// replaceTilde: `~` or `~>` followed by an x-range.
  private static func tilde(_ token: String) -> String? {
    guard token.first == "~" else { return nil }
    var rest = token.dropFirst()
    if rest.first == ">" { rest = rest.dropFirst() }
    guard let x = XRangePlain(String(rest)) else { return nil }
    let (M, m, p) = (x.major, x.minor ?? "", x.patch ?? "")
    if isX(M) { return "" }
    if isX(m) { return ">=\(M).0.0 <\(plusOne(M)).0.0-0" }
    if isX(p) { return ">=\(M).\(m).0 <\(M).\(plusOne(m)).0-0" }
    let low = x.prerelease.map { ">=\(M).\(m).\(p)-\($0)" } ?? ">=\(M).\(m).\(p)"
    return "\(low) <\(M).\(plusOne(m)).0-0"
  }

  /// Greedy GTLT: `<=`, `>=`, `<`, `>`, `=` or nothing.
  private static func splitOperator(_ token: Substring) -> (String, Substring) {
    for op in ["<=", ">=", "<", ">", "="] where token.hasPrefix(op) {
      return (op, token.dropFirst(op.count))
    }
    return ("", token)
  }

  /// replaceXRange: an optional operator and an x-range; nil when the token is not one, or has
  /// no wildcard (semver then leaves it as it is).
  private static func xRange(_ token: String) -> String? {
    let (op, rest) = splitOperator(Substring(token))
    var gtlt = op
    guard let x = XRangePlain(String(rest)) else { return nil }
    var M = x.major
    var m = x.minor ?? ""
    var p = x.patch ?? ""
    let xM = isX(x.major)
    let xm = xM || isX(x.minor)
    let xp = xm || isX(x.patch)
    if gtlt == "=" && xp { gtlt = "" }
    if xM {
      return gtlt == ">" || gtlt == "<" ? nullSet : "*"
    }
    if !gtlt.isEmpty && xp {
      if xm { m = "0" }
      p = "0"
      if gtlt == ">" {
        gtlt = ">="
        if xm {
          M = plusOne(M)
          m = "0"
        } else {
          m = plusOne(m)
        }
        p = "0"
      } else if gtlt == "<=" {
        gtlt = "<"
        if xm { M = plusOne(M) } else { m = plusOne(m) }
      }
      let pr = gtlt == "<" ? "-0" : ""
      return "\(gtlt)\(M).\(m).\(p)\(pr)"
    }
    if xm { return ">=\(M).0.0 <\(plusOne(M)).0.0-0" }
    if xp { return ">=\(M).\(m).0 <\(M).\(plusOne(m)).0-0" }
    return nil
  }

  /// replaceStars: the first `(<|>)?=?\s?\*` removed.
  private static func replaceStars(_ s: String) -> String {
    let chars = Array(s)
    for start in chars.indices {
      var i = start
      if i < chars.count && (chars[i] == "<" || chars[i] == ">") { i += 1 }
      if i < chars.count && chars[i] == "=" { i += 1 }
      if i < chars.count && chars[i] == " " { i += 1 }
      // Greedy optional parts never need to give back: none of them can be a `*`.
      if i < chars.count && chars[i] == "*" {
        return String(chars[..<start]) + String(chars[(i + 1)...])
      }
    }
    return s
  }

  /// `new Comparator(comp).value`, or nil when semver throws "Invalid comparator".
  static func comparatorValue(_ comp: String) -> String? {
    if comp.isEmpty { return "" }
    var (op, rest) = splitOperator(Substring(comp))
    if rest.first == "v" { rest = rest.dropFirst() }
    guard let version = Version.parseFull(&rest), rest.isEmpty else { return nil }
    return (op == "=" ? "" : op) + version
  }

  /// Strict SemVer pieces (FULLPLAIN without the `v`).
  enum Version {
    /// `M.m.p(-pre)?(+build)?` → `M.m.p(-pre)?` (the build is not part of `.version`).
    static func parseFull(_ rest: inout Substring) -> String? {
      guard let M = number(&rest), rest.first == "." else { return nil }
      rest = rest.dropFirst()
      guard let m = number(&rest), rest.first == "." else { return nil }
      rest = rest.dropFirst()
      guard let p = number(&rest) else { return nil }
      var text = "\(M).\(m).\(p)"
      if rest.first == "-" {
        rest = rest.dropFirst()
        guard let pre = prerelease(&rest) else { return nil }
        text += "-\(pre)"
      }
      if rest.first == "+" {
        rest = rest.dropFirst()
        guard build(&rest) else { return nil }
      }
      return text
    }

    /// `0|[1-9]\d*`, at most 15 digits (semver refuses numbers above 2^53 - 1).
    static func number(_ rest: inout Substring) -> String? {
      let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
      guard !digits.isEmpty, digits.count <= 15 else { return nil }
      if digits.count > 1 && digits.first == "0" { return nil }
      rest = rest.dropFirst(digits.count)
      return String(digits)
    }

    /// Dot-separated identifiers of `[0-9A-Za-z-]`; numeric ones without leading zeros.
    static func prerelease(_ rest: inout Substring) -> String? {
      var ids: [Substring] = []
      while true {
        let id = rest.prefix(while: isIdentifierCharacter)
        guard !id.isEmpty else { return nil }
        if id.allSatisfy({ $0.isNumber }) {
          guard id.count <= 15, id.count == 1 || id.first != "0" else { return nil }
        }
        ids.append(id)
        rest = rest.dropFirst(id.count)
        guard rest.first == "." else { break }
        rest = rest.dropFirst()
      }
      return ids.joined(separator: ".")
    }

    static func build(_ rest: inout Substring) -> Bool {
      while true {
        let id = rest.prefix(while: isIdentifierCharacter)
        guard !id.isEmpty else { return false }
        rest = rest.dropFirst(id.count)
        guard rest.first == "." else { return true }
        rest = rest.dropFirst()
      }
    }

    static func isIdentifierCharacter(_ c: Character) -> Bool {
      c.isASCII && (c.isLetter || c.isNumber || c == "-")
    }
  }
}
