/// A parsed PEP 508 requirement (no pip file syntax: that is the caller's).
struct PEP508Requirement: Sendable, Hashable {
  /// The name as written.
  var name: String
  /// The name normalized per PEP 503.
  var normalizedName: String
  /// PEP 685: each normalized like a name, deduped, sorted bytewise.
  var extras: [String]
  /// Canonical clauses, sorted, deduped.
  var specifiers: [String]
  /// For `name @ url`: verbatim, byte-exact (only surrounding whitespace trimmed).
  var url: String?
  /// Canonical marker text, nil when absent or empty.
  var marker: String?

  /// The canonical line: "name[a,b]<2,>=1; python_version < \"3.8\""  or  "name[a] @ URL ; marker"
  /// (note " ; " after a URL, as packaging prints it) or "name" / "name[x]". Name = normalizedName,
  /// spelled to read back (`ProjectName.spelled`).
  /// No extras -> no brackets. Empty specifier list -> nothing.
  var canonical: String {
    var out = ProjectName.spelled(normalizedName)
    if !extras.isEmpty { out += "[" + extras.map(ProjectName.spelled).joined(separator: ",") + "]" }
    if let url {
      out = Self.joining(out, url: url)
      if let marker { out += " ; " + marker }
    } else {
      out += specifiers.joined(separator: ",")
      if let marker { out += "; " + marker }
    }
    return out
  }

  /// `head @ url`, or `head@url` when the URL starts with `#` or `-`: pip strips `#` after
  /// whitespace as a comment (`COMMENT_RE`) and reads a word starting with `-` as an option
  /// (`break_args_options`), so the spaced form would not read back (PRODUCT.md principle 2;
  /// found by the pip fuzz harness). packaging's URL token is any run of non-blanks.
  static func joining(_ head: String, url: String) -> String {
    url.hasPrefix("#") || url.hasPrefix("-") ? head + "@" + url : head + " @ " + url
  }

  /// Parses one full PEP 508 requirement string as packaging 26.3's `Requirement(...)` does,
  /// including an optional "; marker" and the optional PEP 345 parentheses around the version
  /// spec ("name (>=1,<2)").
  ///
  /// One deliberate difference: a `;` followed only by blanks means "no marker" (pip strips and
  /// skips an empty marker), where packaging raises.
  static func parse<S: StringProtocol>(_ text: S) throws(PEP508Error) -> PEP508Requirement {
    // A bulk copy of the bytes (`Array(text.utf8)` copies a Substring byte by byte).
    let bytes = Substring(text).withBytes { Array($0) }
    var parser = RequirementParser(bytes: bytes)
    return PEP508Requirement(try parser.parse(), in: bytes)
  }

  /// The parts of a canonical requirement text, as strings.
  init(_ canonical: CanonicalRequirementText, in text: [UInt8]) {
    let out = canonical.bytes
    func items(_ range: Range<Int>) -> [String] {
      out[range].split(separator: 0x2C).map { String(decoding: $0, as: UTF8.self) }
    }
    name = PEP508Bytes.string(text, canonical.writtenName)
    normalizedName = canonical.normalizedName
    // Extras are written spelled; the model keeps them normalized (`_` only ever ends a spelling).
    extras = canonical.extras.map(items)?.map { $0.hasSuffix("_") ? String($0.dropLast()) + "-" : $0 } ?? []
    specifiers = items(canonical.specifiers)
    url = canonical.url.map { String(decoding: out[$0], as: UTF8.self) }
    marker = canonical.marker
  }
}
