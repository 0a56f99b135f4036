/// Maven `pom.xml` (`--type maven`), read as Maven 3.8.7 reads a project's own POM; see
/// `../shared/reference/npm-and-maven.md` Part 2 and the README's "How pom.xml is read".
///
/// Pipeline: `XMLDecoding` (encoding per the declaration) → `XMLReader` (well-formed XML 1.0, no
/// DTD entities) → `PomModelReader` (strict POM 4.0.0 schema for the parts that matter) →
/// `PomCanonicalizer` (interpolation, defaults, order and duplicates as Maven resolves them).
///
/// Settings: `parent`, `packaging`, `repository ID`, `pluginRepository ID`, kept `property NAME`s,
/// `profile ID` (id and activation). Entries: dependencies keyed `groupId:artifactId[:type[:classifier]]`;
/// the other lists keyed with their section in front (`managed …`, `import …`, `plugin …`,
/// `plugin-management …`, `extension …`, `report-plugin …`, `module PATH`), and everything of a
/// profile prefixed with `profile ID `.
public struct MavenFormat: ManifestFormat {
  public init() {}

  public var kind: ManifestKind { .maven }
  public var directoryManifestNames: [String] { ["pom.xml"] }

  public func kind(forFileName name: String, parentDirectoryName: String) -> ManifestKind? {
    name == "pom.xml" ? .maven : nil
  }

  public func load(_ source: SourceFile, reader: any SourceReader) throws(DeptagError) -> LoadedManifests {
    try load(source, reader: reader, detail: .full)
  }

  /// `.canonicalText` skips the entries (issue #8: a string for each dependency's key and text).
  public func load(_ source: SourceFile, reader: any SourceReader, detail: ManifestDetail) throws(DeptagError) -> LoadedManifests {
    let document = try XMLReader.parse(source)
    let project = try PomModelReader(path: source.path, document: document).read()
    var canonicalizer = PomCanonicalizer(
      path: source.path, lines: document.lines, detail: detail, inputSize: document.bytes.count)
    let text = try canonicalizer.canonicalize(project)
    let manifest = Manifest(
      kind: .maven, path: source.path, settings: canonicalizer.settings, entries: canonicalizer.entries,
      canonicalText: text)
    return LoadedManifests(manifests: [manifest], inputs: [source.path], warnings: canonicalizer.warnings)
  }
}
