/// The canonical form of a root `package.json`: only the fields that change what `npm ci` /
/// `npm install` puts into node_modules (reference §1.2, the field table), keys sorted bytewise,
/// specs canonicalized (§1.5, §1.6). The result is a package.json npm installs from; it has no
/// `name` or `version` (npm does not need them for a root project).
struct PackageJSON {
  /// Dependency sections in npm's edge order: a later section replaces an earlier edge of the
  /// same name (§1.2: dev > optional > prod > peer).
  static let sections = ["peerDependencies", "dependencies", "optionalDependencies", "devDependencies"]

  /// Root scripts that `npm ci` / `npm install` run (§1.2); other scripts never run on install.
  static let installScripts: Set<String> = [
    "preinstall", "install", "postinstall", "prepublish", "preprepare", "prepare", "postprepare",
    "predependencies", "dependencies", "postdependencies",
  ]

  let source: SourceFile
  private(set) var members: [(JSONString, JSONWriter.Value)] = []
  private(set) var settings: [Entry] = []
  private(set) var entries: [Entry] = []
  private(set) var warnings: [Diagnostic] = []

  static func load(_ source: SourceFile) throws(DeptagError) -> LoadedManifests {
    var reader = PackageJSON(source: source)
    try reader.read()
    let text = JSONWriter.pretty(.object(reader.members.sorted { $0.0 < $1.0 }))
    let manifest = Manifest(
      kind: .npm, path: source.path, settings: reader.settings.sorted { $0.key < $1.key },
      entries: reader.entries.sorted { ($0.key, $0.text) < ($1.key, $1.text) }, canonicalText: text)
    return LoadedManifests(manifests: [manifest], inputs: [source.path], warnings: reader.warnings)
  }

  private mutating func read() throws(DeptagError) {
    let root = try JSONReader.parse(source)
    guard let object = root.object else {
      throw error("package.json must hold a JSON object, not \(root.typeName)", at: root.offset)
    }
    try readDependencies(object)
    try readAcceptDependencies(object)
    if let node = present(object, "overrides") {
      guard let overrides = node.object else {
        throw error("'overrides' must be an object, not \(node.typeName)", at: node.offset)
      }
      var out: [(JSONString, JSONWriter.Value)] = []
      for member in orderedOverrides(overrides) {
        let value = try overrideValue(member.value)
        out.append((member.key, value))
        entries.append(Entry(key: "overrides \(member.key)", text: JSONWriter.compact(.object([(JSONString("overrides"), .object([(member.key, value)]))]))))
      }
      members.append((JSONString("overrides"), .object(out)))
    }
    try readWorkspaces(object)
    let scripts = readScripts(object)
    for field in ["engines", "devEngines", "packageManager", "gypfile", "pnpm"] {
      guard let node = present(object, field) else { continue }
      keepSetting(field, JSONWriter.Value.sorted(node))
    }
    for field in ["os", "cpu", "libc"] {
      guard let node = present(object, field) else { continue }
      keepSetting(field, platformList(node))
    }
    if let node = present(object, "resolutions") {
      let value = JSONWriter.Value.sorted(node)
      members.append((JSONString("resolutions"), value))
      if case .object(let items) = value {
        for (key, item) in items {
          entries.append(Entry(key: "resolutions \(key)", text: JSONWriter.compact(.object([(JSONString("resolutions"), .object([(key, item)]))]))))
        }
      } else {
        settings.append(Entry(key: "resolutions", text: JSONWriter.compact(value)))
      }
    }
    // `config` reaches install scripts as npm_package_config_*; without one it changes nothing
    // (and tools keep unrelated settings there).
    if scripts, let node = present(object, "config") {
      keepSetting("config", JSONWriter.Value.sorted(node))
    }
  }

  /// A member that is there and not `null` (npm reads `x || {}`).
  private func present(_ object: JSONObject, _ key: String) -> JSONNode? {
    guard let node = object[key] else { return nil }
    if case .null = node.value { return nil }
    return node
  }

  private mutating func keepSetting(_ field: String, _ value: JSONWriter.Value) {
    members.append((JSONString(field), value))
    settings.append(Entry(key: field, text: JSONWriter.compact(.object([(JSONString(field), value)]))))
  }

  /// The four dependency sections with npm's precedence applied, and the optional flags of the
  /// peers that remain.
  private mutating func readDependencies(_ object: JSONObject) throws(DeptagError) {
    var sectionObjects: [String: JSONObject] = [:]
    for section in Self.sections {
      guard let node = present(object, section) else { continue }
      guard let deps = node.object else {
        throw error("'\(section)' must be an object of package names to specs, not \(node.typeName)", at: node.offset)
      }
      sectionObjects[section] = deps
    }
    // Where each name ends up: the last section (in edge order) that lists it.
    var winner: [JSONString: String] = [:]
    for section in Self.sections {
      for member in sectionObjects[section]?.members ?? [] { winner[member.key] = section }
    }
    let optionalNames = Set(sectionObjects["optionalDependencies"]?.members.map(\.key) ?? [])
    // peerDependenciesMeta by name (one member per key already: JSON.parse semantics).
    var meta: [JSONString: JSONNode] = [:]
    if let node = present(object, "peerDependenciesMeta"), let object = node.object {
      for member in object.members { meta[member.key] = member.value }
    }
    for section in Self.sections {
      guard let deps = sectionObjects[section] else { continue }
      var out: [(JSONString, JSONWriter.Value)] = []
      var optionalPeers: [(JSONString, JSONWriter.Value)] = []
      for member in deps.members {
        // pruneRepeatedOptionals deletes these before npm looks at their specs (§1.1).
        if section == "dependencies" && optionalNames.contains(member.key) { continue }
        guard let spec = member.value.string else {
          throw error(
            "'\(member.key)' in \(section): the spec must be a string, not \(member.value.typeName) (npm: must provide string spec)",
            at: member.value.offset)
        }
        guard winner[member.key] == section else { continue }
        let value = canonicalSpecValue(spec)
        out.append((member.key, value))
        if NPMSpec.isLocal(spec.string) {
          warnings.append(Diagnostic(
            .warning, "the contents of '\(spec.string)' are not hashed; add files that matter with --with",
            at: location(member.value.offset)))
        }
        var entryObject: [(JSONString, JSONWriter.Value)] = [(JSONString(section), .object([(member.key, value)]))]
        // `peerDependenciesMeta[name].optional`, truthy (arborist node.js `_loadDeps`).
        if section == "peerDependencies",
          let flag = meta[member.key]?.object?["optional"], flag.isTruthy
        {
          let optional = JSONWriter.Value.object([(JSONString("optional"), .literal("true"))])
          optionalPeers.append((member.key, optional))
          entryObject.append((JSONString("peerDependenciesMeta"), .object([(member.key, optional)])))
        }
        entries.append(Entry(key: member.key.string, text: JSONWriter.compact(.object(entryObject))))
      }
      if !out.isEmpty { members.append((JSONString(section), .object(out.sorted { $0.0 < $1.0 }))) }
      if !optionalPeers.isEmpty {
        members.append((JSONString("peerDependenciesMeta"), .object(optionalPeers.sorted { $0.0 < $1.0 })))
      }
    }
  }

  /// `acceptDependencies`: an accepted alternative range per edge (§1.2).
  private mutating func readAcceptDependencies(_ object: JSONObject) throws(DeptagError) {
    guard let node = present(object, "acceptDependencies") else { return }
    guard let accept = node.object else {
      throw error("'acceptDependencies' must be an object, not \(node.typeName)", at: node.offset)
    }
    var out: [(JSONString, JSONWriter.Value)] = []
    for member in accept.members {
      guard let spec = member.value.string else {
        throw error("'\(member.key)' in acceptDependencies: the range must be a string, not \(member.value.typeName)", at: member.value.offset)
      }
      let value = canonicalSpecValue(spec)
      out.append((member.key, value))
      entries.append(Entry(key: "acceptDependencies \(member.key)", text: JSONWriter.compact(.object([(JSONString("acceptDependencies"), .object([(member.key, value)]))]))))
    }
    members.append((JSONString("acceptDependencies"), .object(out.sorted { $0.0 < $1.0 })))
  }

  /// A spec string canonicalized; strings holding a lone surrogate are kept as they are.
  private func canonicalSpecValue(_ spec: JSONString) -> JSONWriter.Value {
    guard spec.bytes.elementsEqual(spec.string.utf8) else { return .string(spec) }
    return .text(NPMSpec.canonical(spec.string))
  }

  /// `overrides` members in canonical order: npm's first-match rule (§1.4) makes the order of
  /// keys naming one package matter, so those keep their order (as `Object.entries` yields it);
  /// groups of different names are sorted by name.
  private func orderedOverrides(_ object: JSONObject) -> [JSONObject.Member] {
    var groups: [String: [JSONObject.Member]] = [:]
    for member in object.entriesInJavaScriptOrder where member.key.bytes != Array(".".utf8) {
      groups[NPMSpec.overrideKeyName(member.key.string), default: []].append(member)
    }
    return groups.keys.sorted { ByteOrder.precedes($0, $1) }.flatMap { groups[$0]! }
  }

  /// One override value: a spec string (`"."` alone is the same as the string, §1.4), or an
  /// object of `"."` and nested overrides.
  private func overrideValue(_ node: JSONNode) throws(DeptagError) -> JSONWriter.Value {
    switch node.value {
    case .string(let s):
      return canonicalSpecValue(s)
    case .object(let object):
      var out: [(JSONString, JSONWriter.Value)] = []
      if let dot = object["."] {
        guard let s = dot.string else {
          throw error("an override's \".\" must be a string, not \(dot.typeName)", at: dot.offset)
        }
        // A literal "" means "*" (override-set.js); canonicalSpec already writes "" as "*".
        out.append((JSONString("."), canonicalSpecValue(s)))
      }
      for member in orderedOverrides(object) {
        out.append((member.key, try overrideValue(member.value)))
      }
      if out.count == 1, out[0].0.bytes == Array(".".utf8) { return out[0].1 }
      return .object(out)
    default:
      throw error("an override must be a spec string or an object, not \(node.typeName)", at: node.offset)
    }
  }

  /// `workspaces`: a set of globs, as an array or as `{packages: [...]}` (§1.2).
  private mutating func readWorkspaces(_ object: JSONObject) throws(DeptagError) {
    guard let node = present(object, "workspaces") else { return }
    var extra: [(JSONString, JSONWriter.Value)] = []
    let list: JSONNode
    if let array = node.array {
      list = JSONNode(offset: node.offset, value: .array(array))
    } else if let form = node.object {
      for member in form.sortedMembers where member.key.string != "packages" {
        extra.append((member.key, JSONWriter.Value.sorted(member.value)))
      }
      list = form["packages"] ?? JSONNode(offset: node.offset, value: .array([]))
    } else {
      throw error("'workspaces' must be an array of globs or an object, not \(node.typeName)", at: node.offset)
    }
    guard let globs = list.array else {
      throw error("'workspaces.packages' must be an array of globs, not \(list.typeName)", at: list.offset)
    }
    var set: [JSONString] = []
    var seen = Set<JSONString>()
    for glob in globs {
      guard let s = glob.string else {
        throw error("a workspace must be a string, not \(glob.typeName)", at: glob.offset)
      }
      warnings.append(Diagnostic(
        .warning, "the contents of workspace '\(s.string)' are not hashed; add files that matter with --with",
        at: location(glob.offset)))
      if seen.insert(s).inserted { set.append(s) }
    }
    set.sort()
    for glob in set {
      entries.append(Entry(key: "workspaces \(glob)", text: JSONWriter.compact(.object([(JSONString("workspaces"), .array([.string(glob)]))]))))
    }
    let array = JSONWriter.Value.array(set.map { .string($0) })
    if extra.isEmpty {
      members.append((JSONString("workspaces"), array))
    } else {
      let all = (extra + [(JSONString("packages"), array)]).sorted { $0.0 < $1.0 }
      members.append((JSONString("workspaces"), .object(all)))
      settings.append(Entry(key: "workspaces", text: JSONWriter.compact(.object(extra))))
    }
  }

  /// The install lifecycle scripts (non-string entries are deleted by npm's normalize, §1.1).
  /// Returns whether any was kept.
  private mutating func readScripts(_ object: JSONObject) -> Bool {
    guard let scripts = present(object, "scripts")?.object else { return false }
    var out: [(JSONString, JSONWriter.Value)] = []
    for member in scripts.sortedMembers where Self.installScripts.contains(member.key.string) {
      guard let command = member.value.string else { continue }
      out.append((member.key, .string(command)))
      settings.append(Entry(key: "scripts.\(member.key)", text: JSONWriter.compact(.object([(JSONString("scripts"), .object([(member.key, .string(command))]))]))))
    }
    if out.isEmpty { return false }
    members.append((JSONString("scripts"), .object(out)))
    return true
  }

  /// `os`, `cpu`, `libc`: a string is a one-element list (npm-install-checks); a list of strings
  /// is a set. Anything else is kept as written.
  private func platformList(_ node: JSONNode) -> JSONWriter.Value {
    if let s = node.string { return .array([.string(s)]) }
    if let items = node.array {
      let strings = items.compactMap(\.string)
      if strings.count == items.count {
        return .array(Set(strings).sorted().map { .string($0) })
      }
    }
    return JSONWriter.Value.sorted(node)
  }

  private func location(_ offset: Int) -> SourceLocation {
    JSONReader.location(of: offset, in: source.bytes, file: source.path)
  }

  private func error(_ message: String, at offset: Int) -> DeptagError {
    DeptagError(message, at: location(offset))
  }
}
