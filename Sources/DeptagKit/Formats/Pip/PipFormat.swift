/// pip requirements and constraints files (`--type pip`), read as pip 26.3's `req_file.py` reads
/// them; see `../shared/reference/pip-requirements.md` and the README's "pip rules".
public struct PipFormat: ManifestFormat {
  public init() {}

  public var kind: ManifestKind { .pip }
  public var directoryManifestNames: [String] { ["requirements.txt"] }

  /// `requirements*.txt`, `constraints*.txt`, `requirements*.in`, and any `*.txt` inside a
  /// folder named `requirements` (PRODUCT.md, "Input, errors, exit status").
  public func kind(forFileName name: String, parentDirectoryName: String) -> ManifestKind? {
    if name.hasPrefix("requirements") && (name.hasSuffix(".txt") || name.hasSuffix(".in")) { return .pip }
    if name.hasPrefix("constraints") && name.hasSuffix(".txt") { return .pip }
    if parentDirectoryName == "requirements" && name.hasSuffix(".txt") { return .pip }
    return nil
  }

  public func load(_ source: SourceFile, reader: any SourceReader) throws(DeptagError) -> LoadedManifests {
    try load(source, reader: reader, detail: .full)
  }

  /// For `.canonicalText` the requirement entries are not built: the canonical text is written
  /// straight from the requirements' bytes (settings, few, are kept).
  public func load(_ source: SourceFile, reader: any SourceReader, detail: ManifestDetail) throws(DeptagError) -> LoadedManifests {
    var walker = PipIncludeWalker(reader: reader)
    try walker.walk(source)
    return walker.result(rootPath: source.path, detail: detail)
  }
}
