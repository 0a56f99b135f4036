/// Everything `deptag digest` needs, as plain values (the executable fills it from its flags).
public struct DigestRequest: Sendable, Hashable {
  public var paths: [String]
  public var type: ManifestKind?
  public var length: Int
  /// Extra files whose bytes are hashed as they are (`--with`).
  public var withFiles: [String]
  /// Extra texts hashed in (`--salt`).
  public var salts: [String]

  public init(
    paths: [String], type: ManifestKind? = nil, length: Int = DigestFraming.defaultLength,
    withFiles: [String] = [], salts: [String] = []
  ) {
    self.paths = paths
    self.type = type
    self.length = length
    self.withFiles = withFiles
    self.salts = salts
  }
}

/// The outcome of a digest: the short digest and everything that fed it.
public struct DigestResult: Sendable, Hashable {
  public var digest: String
  public var loaded: LoadedManifests
}

extension ManifestLoader {
  /// Loads the request's manifests and `--with` files and computes the digest.
  public func digest(_ request: DigestRequest) throws(DeptagError) -> DigestResult {
    guard DigestFraming.lengthRange.contains(request.length) else {
      throw DeptagError("--length must be between 4 and 64, not \(request.length)")
    }
    // The digest hashes canonical texts only: entries are not built.
    var loaded = try canonicalTextOnly.load(paths: request.paths, type: request.type)
    var withBytes: [[UInt8]] = []
    for path in request.withFiles {
      withBytes.append(try reader.read(path: path).bytes)
      if !loaded.inputs.contains(path) { loaded.inputs.append(path) }
    }
    let input = DigestInput(manifests: loaded.manifests, withFiles: withBytes, salts: request.salts)
    return DigestResult(digest: DigestFraming.digest(input, length: request.length), loaded: loaded)
  }

  /// The canonical text of the one manifest at `path`.
  public func normalize(path: String, type: ManifestKind?) throws(DeptagError) -> (
    text: String, warnings: [Diagnostic]
  ) {
    if path != "-", reader.entryType(at: path) == .directory {
      throw DeptagError("\(path): is a directory; normalize takes one manifest file")
    }
    let loaded = try canonicalTextOnly.load(path: path, type: type)
    guard let first = loaded.manifests.first else {
      throw DeptagError("\(path): no manifest read")
    }
    return (first.canonicalText, loaded.warnings)
  }
}
