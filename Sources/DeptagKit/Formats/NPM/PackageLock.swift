#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Musl)
  @preconcurrency import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The canonical form of a `package-lock.json` (reference §1.7): the installed tree.
///
/// - With a `packages` map (lockfileVersion 2 and 3): only that map, written as lockfileVersion
///   3 (npm ≥ 7 reads only `packages`; a v2 file and the v3 file with the same map install the
///   same tree). The legacy `dependencies` mirror, top-level `name`/`version`, and the root
///   entry's `name`, `version`, `license`, `funding` and `bin` are dropped; in other entries
///   `license`, `funding` and `deprecated` are metadata. Every other field is kept (an alias
///   entry's `name` is the real package).
/// - Without it (lockfileVersion 1): the nested `dependencies` tree, `requires` and
///   `lockfileVersion: 1`; top-level `name`/`version` dropped. v1 only compares with v1.
///
/// Keys are sorted bytewise at every level; values are kept as written.
enum PackageLock {
  static let rootMetadata: [JSONString] = ["name", "version", "license", "funding", "bin"].map(JSONString.init)
  static let entryMetadata: [JSONString] = ["license", "funding", "deprecated"].map(JSONString.init)

  /// The lock's manifest; with `withEntries` false, a lock read from its tape (the common case)
  /// has no entries (`ManifestDetail.canonicalText`).
  static func load(_ source: SourceFile, withEntries: Bool = true) throws(DeptagError) -> LoadedManifests {
    // A lock with a `packages` map is written from its tape (issue #8); v1, and any input the
    // tape rejects (JSONReader then reports the error), from the parsed tree.
    if let tape = JSONTape.scan(source.bytes),
      let loaded = try packagesManifest(tape, source: source, withEntries: withEntries)
    {
      return loaded
    }
    return try loadTree(source)
  }

  private static func error(_ message: String, _ offset: Int, in source: SourceFile) -> DeptagError {
    DeptagError(message, at: JSONReader.location(of: offset, in: source.bytes, file: source.path))
  }

  /// A lock with a `packages` map, written from its tape as lockfileVersion 3 (the same bytes
  /// `loadTree` writes); nil when the map is missing or null (lockfileVersion 1).
  private static func packagesManifest(
    _ tape: JSONTape, source: SourceFile, withEntries: Bool
  ) throws(DeptagError) -> LoadedManifests? {
    let root = tape.nodes[0]
    guard root.kind == .object else {
      throw error("package-lock.json must hold a JSON object, not \(tape.typeName(0))", Int(root.start), in: source)
    }
    guard let packages = tape.member("packages", of: 0), tape.nodes[packages].kind != .null else { return nil }
    guard tape.nodes[packages].kind == .object else {
      throw error(
        "'packages' must be an object of install paths to entries, not \(tape.typeName(packages))",
        Int(tape.nodes[packages].start), in: source)
    }
    var scratch: [Int] = []
    let paths = tape.sortedKeys(of: packages, into: &scratch)
    var entries: [Entry] = []
    entries.reserveCapacity(withEntries ? paths.count : 0)
    var document = JSONWriter(capacity: source.bytes.count)
    var compact = JSONWriter(capacity: 1 << 12)
    document.raw("{\n  \"lockfileVersion\": 3,\n  \"packages\": ")
    document.raw(paths.isEmpty ? "{}" : "{")
    for p in paths {
      let path = scratch[p]
      let entry = path + 1
      guard tape.nodes[entry].kind == .object else {
        throw error(
          "the entry for '\(tape.string(path))' must be an object, not \(tape.typeName(entry))",
          Int(tape.nodes[entry].start), in: source)
      }
      let dropped = tape.withString(path) { $0.isEmpty } ? rootMetadata : entryMetadata
      let fields = tape.sortedKeys(of: entry, into: &scratch)
      var kept = fields.lowerBound
      for f in fields where !tape.withString(scratch[f], { key in dropped.contains { Self.equal($0, key) } }) {
        scratch[kept] = scratch[f]
        kept += 1
      }
      scratch.removeLast(fields.upperBound - kept)
      let members = fields.lowerBound..<kept
      document.raw(p == paths.lowerBound ? "\n    " : ",\n    ")
      document.writeString(tape, path)
      document.raw(": ")
      document.writeMembers(tape, members, scratch: &scratch, indent: 2, pretty: true)
      if withEntries {
        compact.reset()
        compact.writeMembers(tape, members, scratch: &scratch, indent: 0, pretty: false)
        entries.append(Entry(key: tape.withString(path) { String(decoding: $0, as: UTF8.self) }, text: compact.text))
      }
      scratch.removeLast(members.count)
    }
    if !paths.isEmpty { document.raw("\n  }") }
    document.raw(",\n  \"requires\": true\n}\n")
    let escapedKeys = scratch[paths].contains { !tape.nodes[$0].plain }
    return LoadedManifests(
      manifests: [manifest(entries: entries, text: document.text, path: source.path, escapedKeys: escapedKeys)],
      inputs: [source.path])
  }

  /// Whether `key` is `name` (a metadata field's name, never empty).
  private static func equal(_ name: JSONString, _ key: UnsafeRawBufferPointer) -> Bool {
    name.bytes.count == key.count && name.bytes.withUnsafeBytes { memcmp($0.baseAddress!, key.baseAddress!, key.count) == 0 }
  }

  /// The v3 manifest of `entries` (given in the byte order of their JSON keys). Only keys that
  /// were escaped can hold a lone surrogate; without `escapedKeys` the order is kept as it is.
  private static func manifest(entries: [Entry], text: String, path: String, escapedKeys: Bool = true) -> Manifest {
    var entries = entries
    // The entries come in the byte order of their JSON keys, which is their order as strings
    // unless a key holds a lone surrogate (read as U+FFFD): sort only then.
    if escapedKeys, entries.indices.dropFirst().contains(where: { ByteOrder.precedes(entries[$0].key, entries[$0 - 1].key) }) {
      entries.sort { ByteOrder.precedes($0.key, $1.key) }
    }
    return Manifest(
      kind: .npmLock, path: path, settings: [Entry(key: "lockfileVersion", text: "3")],
      entries: entries, canonicalText: text)
  }

  /// The lock read from the parsed tree: every lockfileVersion, and every error.
  static func loadTree(_ source: SourceFile) throws(DeptagError) -> LoadedManifests {
    let root = try JSONReader.parse(source)
    func error(_ message: String, _ offset: Int) -> DeptagError {
      Self.error(message, offset, in: source)
    }
    guard let object = root.object else {
      throw error("package-lock.json must hold a JSON object, not \(root.typeName)", root.offset)
    }
    if let packagesNode = object["packages"], packagesNode.value != .null {
      guard let packages = packagesNode.object else {
        throw error("'packages' must be an object of install paths to entries, not \(packagesNode.typeName)", packagesNode.offset)
      }
      return try packagesManifest(packages, source: source, error: error)
    }
    var entries: [Entry] = []
    var settings: [Entry] = []
    var top: [(JSONString, JSONWriter.Value)] = []
    if let deps = object["dependencies"], deps.value != .null {
      top.append((JSONString("dependencies"), try v1Tree(deps, prefix: "", entries: &entries, error: error)))
    }
    top.append((JSONString("lockfileVersion"), .literal("1")))
    if let requires = object["requires"] {
      top.append((JSONString("requires"), JSONWriter.Value.sorted(requires)))
      settings.append(Entry(key: "requires", text: JSONWriter.compact(JSONWriter.Value.sorted(requires))))
    }
    settings.append(Entry(key: "lockfileVersion", text: "1"))
    let manifest = Manifest(
      kind: .npmLock, path: source.path, settings: settings,
      entries: entries.sorted { ByteOrder.precedes($0.key, $1.key) },
      canonicalText: JSONWriter.pretty(.object(top)))
    return LoadedManifests(manifests: [manifest], inputs: [source.path])
  }

  /// A lock with a `packages` map, written as lockfileVersion 3 from the parsed tree, exactly
  /// as `JSONWriter.pretty` writes `{"lockfileVersion": 3, "packages": …, "requires": true}`.
  private static func packagesManifest(
    _ packages: JSONObject, source: SourceFile, error: (String, Int) -> DeptagError
  ) throws(DeptagError) -> LoadedManifests {
    var entries: [Entry] = []
    entries.reserveCapacity(packages.members.count)
    var document = JSONWriter(capacity: source.bytes.count)
    var compact = JSONWriter(capacity: 1 << 12)
    document.raw("{\n  \"lockfileVersion\": 3,\n  \"packages\": ")
    let members = packages.sortedMembers
    if members.isEmpty { document.raw("{}") } else { document.raw("{") }
    for (i, member) in members.enumerated() {
      guard let entry = member.value.object else {
        throw error("the entry for '\(member.key)' must be an object, not \(member.value.typeName)", member.value.offset)
      }
      let dropped = member.key.bytes.isEmpty ? rootMetadata : entryMetadata
      let fields = entry.sortedMembers.filter { field in !dropped.contains(field.key) }
      document.raw(i == 0 ? "\n    " : ",\n    ")
      document.writeString(member.key)
      document.raw(": ")
      document.writeObject(fields, indent: 2, pretty: true)
      compact.reset()
      compact.writeObject(fields, indent: 0, pretty: false)
      entries.append(Entry(key: member.key.string, text: compact.text))
    }
    if !members.isEmpty { document.raw("\n  }") }
    document.raw(",\n  \"requires\": true\n}\n")
    return LoadedManifests(
      manifests: [manifest(entries: entries, text: document.text, path: source.path)], inputs: [source.path])
  }

  /// A v1 `dependencies` tree, flattened into entries keyed by install path.
  private static func v1Tree(
    _ node: JSONNode, prefix: String, entries: inout [Entry],
    error: (String, Int) -> DeptagError
  ) throws(DeptagError) -> JSONWriter.Value {
    guard let deps = node.object else {
      throw error("'dependencies' must be an object of package names to entries, not \(node.typeName)", node.offset)
    }
    var out: [(JSONString, JSONWriter.Value)] = []
    for member in deps.sortedMembers {
      guard let entry = member.value.object else {
        throw error("the entry for '\(member.key)' must be an object, not \(member.value.typeName)", member.value.offset)
      }
      let path = "\(prefix)node_modules/\(member.key)"
      var fields: [(JSONString, JSONWriter.Value)] = []
      var own: [(JSONString, JSONWriter.Value)] = []
      for field in entry.sortedMembers where !entryMetadata.contains(field.key) {
        if field.key.string == "dependencies", field.value.value != .null {
          fields.append((field.key, try v1Tree(field.value, prefix: path + "/", entries: &entries, error: error)))
        } else {
          let value = JSONWriter.Value.sorted(field.value)
          fields.append((field.key, value))
          own.append((field.key, value))
        }
      }
      entries.append(Entry(key: path, text: JSONWriter.compact(.object(own))))
      out.append((member.key, .object(fields)))
    }
    return .object(out)
  }
}
