/// `${…}` interpolation from one POM, in Maven 3's order (reference 2.4): `project.*` / `pom.*`
/// model values (the project's own coordinates, inherited from `<parent>` when absent, and
/// `project.parent.*`), then the POM's `<properties>` (the last of a repeated name wins), then the
/// legacy unprefixed model values (`${version}`). Resolution is recursive; a cycle is an error as
/// in Maven ("recursive expression cycle"); anything unresolved (`${env.X}`, a property of an
/// unseen parent, `${revision}` not defined here) stays literal, so that changing the literal
/// still changes the digest. Results are cached, so each name is expanded once, and a value may
/// not grow beyond `maximumLength` (properties doubling each other would otherwise grow
/// exponentially, the "billion laughs" of properties).
final class PomInterpolator {
  static let maximumLength = 65_536
  /// How many properties deep a reference may chain (`${a}` → `${b}` → …): a backstop, since
  /// each level recurses and a 200,000-long chain would overflow the stack.
  static let maximumDepth = 1_000

  private let properties: [String: PomText]
  private let model: [String: PomText]
  private var cache: [String: String] = [:]
  private var active: [String] = []
  private let fail: (String, Int) -> DeptagError

  init(properties: [String: PomText], model: [String: PomText], fail: @escaping (String, Int) -> DeptagError) {
    self.properties = properties
    self.model = model
    self.fail = fail
  }

  /// Properties as Maven folds them: the last declaration of a name wins (reference 2.2).
  static func propertyMap(_ list: [(name: String, value: PomText)]) -> [String: PomText] {
    var map: [String: PomText] = [:]
    for (name, value) in list { map[name] = value }
    return map
  }

  /// The model values `${project.X}` can name: the project's own simple values, its groupId and
  /// version inherited from the parent when absent, and `parent.*`. What is still absent then is
  /// what the canonical POM writes in its place, so that a reference reads the same in the
  /// canonical POM (PRODUCT.md principle 2; found by the POM fuzz harness): `packaging` is `jar`
  /// (Maven's default), and a missing `groupId`, `artifactId` or `version` (Maven refuses such a
  /// POM; deptag reads it) is the canonical placeholder.
  static func modelValues(_ project: PomProject) -> [String: PomText] {
    var model = project.own
    if let parent = project.parent {
      let fields: [(String, PomText?)] = [
        ("groupId", parent.groupId), ("artifactId", parent.artifactId), ("version", parent.version),
        ("relativePath", parent.relativePath),
      ]
      for (name, value) in fields {
        guard let value else { continue }
        model["parent.\(name)"] = value
        if (name == "groupId" || name == "version") && model[name] == nil { model[name] = value }
      }
    }
    let written = [
      ("packaging", "jar"), ("groupId", PomCanonicalizer.placeholderGroupId),
      ("artifactId", PomCanonicalizer.placeholderArtifactId), ("version", PomCanonicalizer.placeholderVersion),
    ]
    for (name, value) in written where model[name] == nil { model[name] = PomText(value: value, offset: 0) }
    return model
  }

  func interpolate(_ text: PomText) throws(DeptagError) -> String {
    if text.plain { return text.value }  // (no `$`: `expand` would return it as it is)
    return try expand(text.value, offset: text.offset)
  }

  func interpolate(_ text: PomText?) throws(DeptagError) -> String? {
    guard let text else { return nil }
    return try interpolate(text)
  }

  private func expand(_ value: String, offset: Int) throws(DeptagError) -> String {
    // Most values hold no `${`: decided on the string's own bytes, without a copy (issue #8).
    var scan = value
    let hasReference = scan.withUTF8 { utf8 in
      guard utf8.count >= 2 else { return false }
      for at in 0..<(utf8.count - 1) where utf8[at] == 0x24 && utf8[at + 1] == 0x7B { return true }
      return false
    }
    guard hasReference else { return value }
    let bytes = Array(value.utf8)
    var out: [UInt8] = []
    var at = 0
    while at < bytes.count {
      guard bytes[at] == 0x24, at + 1 < bytes.count, bytes[at + 1] == 0x7B else {
        out.append(bytes[at])
        at += 1
        continue
      }
      guard let close = bytes[(at + 2)...].firstIndex(of: 0x7D) else {
        // No `}` follows, so no later `${` closes either: the rest is literal. (Searching again
        // from each later `${` made a long unclosed value quadratic: issue #8.)
        out += bytes[at...]
        break
      }
      let name = String(decoding: bytes[(at + 2)..<close], as: UTF8.self)
      if let resolved = try resolve(name, at: offset) {
        out += Array(resolved.utf8)
      } else {
        out += bytes[at...close]
      }
      at = close + 1
      if out.count > Self.maximumLength { break }
    }
    if out.count > Self.maximumLength {
      throw fail("interpolated value longer than \(Self.maximumLength) bytes (properties expanding each other)", offset)
    }
    return String(decoding: out, as: UTF8.self)
  }

  private func resolve(_ name: String, at offset: Int) throws(DeptagError) -> String? {
    guard let (key, source) = lookup(name) else { return nil }
    if let cached = cache[key] { return cached }
    if active.contains(key) {
      throw fail("recursive expression cycle: ${\(name)} refers back to itself (Maven rejects it too)", offset)
    }
    guard active.count < Self.maximumDepth else {
      throw fail("properties refer to each other more than \(Self.maximumDepth) levels deep", offset)
    }
    active.append(key)
    defer { active.removeLast() }
    let value = try expand(source.value, offset: source.offset)
    cache[key] = value
    return value
  }

  private func lookup(_ name: String) -> (String, PomText)? {
    for prefix in ["project.", "pom."] where name.hasPrefix(prefix) {
      let field = String(name.dropFirst(prefix.count))
      if let value = model[field] { return ("model:" + field, value) }
    }
    if let value = properties[name] { return ("property:" + name, value) }
    if let value = model[name] { return ("model:" + name, value) }
    return nil
  }
}
