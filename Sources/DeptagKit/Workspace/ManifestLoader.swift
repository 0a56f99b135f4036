/// Turns the paths a user names into loaded manifests: kind detection by name, `--type`,
/// `-` for standard input, and directory discovery (PRODUCT.md, "Input, errors, exit status").
public struct ManifestLoader: Sendable {
  public var reader: any SourceReader
  /// How much of each manifest to build (`digest` and `normalize` use `.canonicalText` on their own).
  public var detail: ManifestDetail

  public init(reader: any SourceReader = FileSystemReader(), detail: ManifestDetail = .full) {
    self.reader = reader
    self.detail = detail
  }

  /// This loader, building only the canonical texts.
  var canonicalTextOnly: ManifestLoader { ManifestLoader(reader: reader, detail: .canonicalText) }

  /// Loads every manifest named by `paths` (none means `.`). `type` overrides detection for
  /// files and standard input; directories contribute their exactly-named manifests.
  /// A file named twice (or reached both directly and through a directory, or as the same
  /// constraints file of two inputs) counts once.
  public func load(paths: [String], type: ManifestKind?) throws(DeptagError) -> LoadedManifests {
    var result = LoadedManifests()
    var seen = Set<String>()
    for path in paths.isEmpty ? ["."] : paths {
      let loaded = try load(path: path, type: type)
      for manifest in loaded.manifests {
        let identity = manifest.path == "<stdin>" ? "<stdin>" : reader.absolutePath(manifest.path)
        if seen.insert("\(manifest.kind.rawValue) \(identity)").inserted { result.manifests.append(manifest) }
      }
      for input in loaded.inputs where !result.inputs.contains(input) { result.inputs.append(input) }
      for warning in loaded.warnings where !result.warnings.contains(warning) { result.warnings.append(warning) }
    }
    return result
  }

  /// Loads one named path.
  public func load(path: String, type: ManifestKind?) throws(DeptagError) -> LoadedManifests {
    if path == "-" {
      guard let type else { throw DeptagError("reading standard input ('-') needs --type") }
      return try load(try reader.readStandardInput(), kind: type)
    }
    switch reader.entryType(at: path) {
    case .directory:
      return try loadDirectory(path)
    case .regularFile:
      guard let kind = type ?? KindDetection.kind(forPath: path) else {
        throw DeptagError(
          "\(path): cannot tell the manifest kind from the file name; name it with --type (\(Self.typeNames))"
        )
      }
      return try load(try reader.read(path: path), kind: kind)
    case .other, .missing:
      _ = try reader.read(path: path)  // throws the precise reason
      throw DeptagError("\(path): cannot be read")
    }
  }

  private func loadDirectory(_ directory: String) throws(DeptagError) -> LoadedManifests {
    var result = LoadedManifests()
    for name in KindDetection.directoryManifestNames {
      let path = directory == "." ? name : LexicalPath.join(directory, name)
      switch reader.entryType(at: path) {
      case .missing: continue
      case .regularFile: break
      // A manifest's name on a FIFO, device, directory or symlink loop is an error, refused
      // before reading, never silently left out of the digest.
      case .directory, .other: _ = try reader.read(path: path)
      }
      guard let kind = KindDetection.kind(forPath: path) else { continue }
      result.append(try load(try reader.read(path: path), kind: kind))
    }
    if result.manifests.isEmpty {
      let names = KindDetection.directoryManifestNames.joined(separator: ", ")
      throw DeptagError("\(directory): no manifest found (looked for \(names))")
    }
    return result
  }

  private func load(_ source: SourceFile, kind: ManifestKind) throws(DeptagError) -> LoadedManifests {
    guard let format = FormatRegistry.format(for: kind) else {
      throw DeptagError("\(source.path): no reader for kind '\(kind.rawValue)'")
    }
    return try format.load(source, reader: reader, detail: detail)
  }

  static var typeNames: String { ManifestKind.selectable.map(\.rawValue).joined(separator: ", ") }
}
