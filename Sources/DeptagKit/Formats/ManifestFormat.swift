/// One ecosystem's file format: which files it claims, and how it reads them into canonical
/// manifests. Adding an ecosystem means adding a folder with one conforming type and listing it in
/// `FormatRegistry`.
public protocol ManifestFormat: Sendable {
  /// The kind this format reads when named by `--type` or detected by file name.
  var kind: ManifestKind { get }
  /// The exact names this format contributes when a directory is given.
  var directoryManifestNames: [String] { get }
  /// The kind a file of this name is, if this format claims it.
  func kind(forFileName name: String, parentDirectoryName: String) -> ManifestKind?
  /// Parses `source` (and anything it includes, read through `reader`) into manifests.
  func load(_ source: SourceFile, reader: any SourceReader) throws(DeptagError) -> LoadedManifests
  /// As `load(_:reader:)`, building only as much of each manifest as `detail` asks for.
  func load(_ source: SourceFile, reader: any SourceReader, detail: ManifestDetail) throws(DeptagError) -> LoadedManifests
}

extension ManifestFormat {
  /// A format that always builds everything needs only `load(_:reader:)`.
  public func load(_ source: SourceFile, reader: any SourceReader, detail: ManifestDetail) throws(DeptagError) -> LoadedManifests {
    try load(source, reader: reader)
  }
}

/// How much of a manifest a command needs. `digest` and `normalize` read only the canonical text;
/// `diff`, `decide` and `snapshot` compare entries too. A format may skip building the entries
/// (and settings) for `.canonicalText` where that is a measurable share of its work (issue #8:
/// a go.sum's 640,000 entry strings were a quarter of its digest time and two-thirds of its
/// memory); the canonical text is the same either way.
public enum ManifestDetail: Sendable, Hashable {
  /// Settings, entries and canonical text.
  case full
  /// The canonical text (and kind, path, warnings and inputs); `settings` and `entries` may be
  /// empty.
  case canonicalText
}

/// What reading one input produced: its manifests (an input may yield several, e.g. a pip file
/// and the constraints files it names), every file read, and warnings.
public struct LoadedManifests: Sendable, Hashable {
  public var manifests: [Manifest]
  /// Every file that fed these manifests, the input first, in the order they were read.
  public var inputs: [String]
  public var warnings: [Diagnostic]

  public init(manifests: [Manifest] = [], inputs: [String] = [], warnings: [Diagnostic] = []) {
    self.manifests = manifests
    self.inputs = inputs
    self.warnings = warnings
  }

  /// Appends another result, keeping each input path once.
  public mutating func append(_ other: LoadedManifests) {
    manifests += other.manifests
    for input in other.inputs where !inputs.contains(input) { inputs.append(input) }
    warnings += other.warnings
  }
}

/// The formats deptag knows, in detection order.
public enum FormatRegistry {
  public static let formats: [any ManifestFormat] = [PipFormat(), GoModFormat(), GoSumFormat(), GoWorkFormat(), MavenFormat(), NPMFormat(), NPMLockFormat()]

  /// The format that reads `kind`.
  public static func format(for kind: ManifestKind) -> (any ManifestFormat)? {
    formats.first { $0.kind == kind }
  }
}
