/// go.mod (`--type gomod`), read as golang.org/x/mod/modfile reads the main module's go.mod in
/// strict mode; see `../shared/reference/go-modules.md` and the README's "How Go files are read".
///
/// The canonical text is itself a valid go.mod: `module deptag.invalid/placeholder` (the module
/// path is not semantic, §5; `.invalid` is a reserved TLD, so the placeholder never names a
/// real module), then `go`, `toolchain`, the require set, the exclude set and the replace map,
/// one single-line directive each, sorted bytewise, versions verbatim (§7.1).
public struct GoModFormat: ManifestFormat {
  public init() {}

  /// The module line every canonical go.mod starts with.
  public static let placeholderModuleLine = "module deptag.invalid/placeholder"

  public var kind: ManifestKind { .gomod }
  public var directoryManifestNames: [String] { ["go.mod"] }

  public func kind(forFileName name: String, parentDirectoryName: String) -> ManifestKind? {
    name == "go.mod" ? .gomod : nil
  }

  public func load(_ source: SourceFile, reader: any SourceReader) throws(DeptagError) -> LoadedManifests {
    let file = try GoModReader.read(source, flavor: .goMod)
    let settings = GoCanonical.settings(file)
    var entries: [Entry] = []
    var seen = Set<GoModuleVersion>()
    // Requires and excludes are sets (§3.5, §3.6): identical duplicates collapse; one path at
    // two versions stays two entries. `// indirect` is a comment and never read.
    for require in file.requires.sorted(by: GoModuleVersion.precedes) where seen.insert(require).inserted {
      entries.append(Entry(key: require.path, text: "require \(require.written)"))
    }
    seen = []
    for exclude in file.excludes.sorted(by: GoModuleVersion.precedes) where seen.insert(exclude).inserted {
      entries.append(Entry(key: "exclude \(exclude.key)", text: "exclude \(exclude.written)"))
    }
    entries += GoCanonical.replaceEntries(file)
    let text = ([Self.placeholderModuleLine] + (settings + entries).map(\.text)).map { $0 + "\n" }.joined()
    let manifest = Manifest(kind: .gomod, path: source.path, settings: settings, entries: entries, canonicalText: text)
    return LoadedManifests(manifests: [manifest], inputs: [source.path], warnings: file.warnings)
  }
}

/// go.sum (`--type gosum`): the byte-sorted set of `path version[/go.mod] hash` lines (§6, §7.2).
public struct GoSumFormat: ManifestFormat {
  public init() {}

  public var kind: ManifestKind { .gosum }
  public var directoryManifestNames: [String] { ["go.sum"] }

  public func kind(forFileName name: String, parentDirectoryName: String) -> ManifestKind? {
    name == "go.sum" ? .gosum : nil
  }

  public func load(_ source: SourceFile, reader: any SourceReader) throws(DeptagError) -> LoadedManifests {
    try load(source, reader: reader, detail: .full)
  }

  public func load(_ source: SourceFile, reader: any SourceReader, detail: ManifestDetail) throws(DeptagError) -> LoadedManifests {
    let lines = try GoSumReader.read(source, withEntries: detail == .full)
    let manifest = Manifest(
      kind: .gosum, path: source.path, settings: [], entries: lines.entries, canonicalText: lines.text)
    return LoadedManifests(manifests: [manifest], inputs: [source.path])
  }
}

/// go.work (`--type gowork`): `go`, `toolchain`, the `use` set and the `replace` map (§10);
/// godebug is not download-relevant. The canonical text is a valid go.work.
public struct GoWorkFormat: ManifestFormat {
  public init() {}

  public var kind: ManifestKind { .gowork }
  public var directoryManifestNames: [String] { ["go.work"] }

  public func kind(forFileName name: String, parentDirectoryName: String) -> ManifestKind? {
    name == "go.work" ? .gowork : nil
  }

  public func load(_ source: SourceFile, reader: any SourceReader) throws(DeptagError) -> LoadedManifests {
    let file = try GoModReader.read(source, flavor: .goWork)
    let settings = GoCanonical.settings(file)
    var entries: [Entry] = []
    var previous: String? = nil
    for use in file.uses.sorted(by: { ByteOrder.precedes($0, $1) }) where use != previous {
      previous = use
      entries.append(Entry(key: "use \(use)", text: "use \(GoModText.quoteIfNeeded(use))"))
    }
    entries += GoCanonical.replaceEntries(file)
    let text = (settings + entries).map { $0.text + "\n" }.joined()
    let manifest = Manifest(kind: .gowork, path: source.path, settings: settings, entries: entries, canonicalText: text)
    return LoadedManifests(manifests: [manifest], inputs: [source.path], warnings: file.warnings)
  }
}

/// The parts go.mod and go.work share.
enum GoCanonical {
  /// `go` and `toolchain`, verbatim (`go 1.26` ≠ `go 1.26.0`, §3.2; an absent line stays absent).
  static func settings(_ file: GoModuleFile) -> [Entry] {
    var settings: [Entry] = []
    if let go = file.go { settings.append(Entry(key: "go", text: "go \(go)")) }
    if let toolchain = file.toolchain { settings.append(Entry(key: "toolchain", text: "toolchain \(toolchain)")) }
    return settings
  }

  /// The replace map sorted by its left side (a wildcard before its versioned forms, §3.7).
  static func replaceEntries(_ file: GoModuleFile) -> [Entry] {
    file.replaces.sorted { GoModuleVersion.precedes($0.old, $1.old) }.map {
      Entry(key: "replace \($0.old.key)", text: $0.written)
    }
  }
}
