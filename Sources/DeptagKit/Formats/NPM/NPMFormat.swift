/// `package.json` (`--type npm`), read as npm 10 reads the root manifest; see
/// `../shared/reference/npm-and-maven.md` Part 1 and the README's "How npm files are read".
public struct NPMFormat: ManifestFormat {
  public init() {}

  public var kind: ManifestKind { .npm }
  public var directoryManifestNames: [String] { ["package.json"] }

  public func kind(forFileName name: String, parentDirectoryName: String) -> ManifestKind? {
    name == "package.json" ? .npm : nil
  }

  public func load(_ source: SourceFile, reader: any SourceReader) throws(DeptagError) -> LoadedManifests {
    try PackageJSON.load(source)
  }
}

/// `package-lock.json` (`--type npm-lock`), lockfileVersion 1, 2 and 3.
public struct NPMLockFormat: ManifestFormat {
  public init() {}

  public var kind: ManifestKind { .npmLock }
  public var directoryManifestNames: [String] { ["package-lock.json"] }

  public func kind(forFileName name: String, parentDirectoryName: String) -> ManifestKind? {
    name == "package-lock.json" ? .npmLock : nil
  }

  public func load(_ source: SourceFile, reader: any SourceReader) throws(DeptagError) -> LoadedManifests {
    try PackageLock.load(source)
  }

  public func load(_ source: SourceFile, reader: any SourceReader, detail: ManifestDetail) throws(DeptagError) -> LoadedManifests {
    try PackageLock.load(source, withEntries: detail == .full)
  }
}
