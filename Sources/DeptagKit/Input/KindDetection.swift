/// Detects a manifest's kind from its name (PRODUCT.md, "Input, errors, exit status").
public enum KindDetection {
  /// The kind a file of this path is, or nil when its name says nothing.
  public static func kind(forPath path: String) -> ManifestKind? {
    let name = LexicalPath.fileName(of: path)
    let parent = LexicalPath.fileName(of: LexicalPath.directory(of: path))
    for format in FormatRegistry.formats {
      if let kind = format.kind(forFileName: name, parentDirectoryName: parent) { return kind }
    }
    return nil
  }

  /// The exact file names a directory contributes (not variants, not subfolders).
  public static var directoryManifestNames: [String] {
    FormatRegistry.formats.flatMap { $0.directoryManifestNames }
  }
}
