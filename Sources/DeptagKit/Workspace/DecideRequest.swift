extension ManifestLoader {
  /// One side of a decision read from a manifest file or a directory: manifests keyed by their
  /// path relative to the directory (or to the file's directory). With `anonymousRoot`, a file
  /// argument's own manifest is keyed `""`, so two files of different names compare.
  public func decisionSide(
    path: String, type: ManifestKind?, extras: ExtraInputs = ExtraInputs(), anonymousRoot: Bool = false
  ) throws(DeptagError) -> DecisionSide {
    let isDirectory = path != "-" && reader.entryType(at: path) == .directory
    let loaded = try load(path: path, type: type)
    let base = isDirectory ? path : LexicalPath.directory(of: path)
    var manifests: [String: Manifest] = [:]
    for (index, manifest) in loaded.manifests.enumerated() {
      let key = anonymousRoot && !isDirectory && index == 0 ? "" : Self.relative(manifest.path, to: base)
      manifests[key] = manifest
    }
    return DecisionSide(manifests: manifests, extrasDigest: try extras.digest(reader: reader))
  }

  /// The current state of `paths` for a snapshot or a decision against one: one path is keyed
  /// relative to itself (as `decisionSide`), several by their paths as given.
  public func currentSide(paths: [String], type: ManifestKind?, extras: ExtraInputs, keyedAsGiven: Bool = false) throws(DeptagError) -> DecisionSide {
    if paths.count <= 1 && !keyedAsGiven { return try decisionSide(path: paths.first ?? ".", type: type, extras: extras) }
    let loaded = try load(paths: paths, type: type)
    var manifests: [String: Manifest] = [:]
    for manifest in loaded.manifests { manifests[LexicalPath.normalize(manifest.path)] = manifest }
    return DecisionSide(manifests: manifests, extrasDigest: try extras.digest(reader: reader))
  }

  /// The previous state named by `path`: a snapshot (with its chain and extras), or manifests.
  public func previousSide(path: String, type: ManifestKind?) throws(DeptagError) -> (side: DecisionSide, isSnapshot: Bool) {
    if path != "-", reader.entryType(at: path) == .regularFile, let snapshot = try Snapshot.read(try reader.read(path: path)) {
      return (snapshot.side, true)
    }
    var side = try decisionSide(path: path, type: type, anonymousRoot: true)
    side.extrasDigest = nil  // plain manifests do not record their --with/--salt inputs
    return (side, false)
  }

  /// The state of `paths` at a git revision, keyed as `currentSide` keys the working tree's: a
  /// manifest absent at the revision is simply missing there, so it counts as new.
  public static func sideAtRevision(_ revision: String, paths: [String], type: ManifestKind?) throws(DeptagError) -> DecisionSide {
    let git = ManifestLoader(reader: try GitRevisionReader(revision: revision))
    let roots = paths.isEmpty ? ["."] : paths
    var present: [String] = []
    for path in roots {
      switch git.reader.entryType(at: path) {
      case .missing: continue
      case .directory:
        let names = KindDetection.directoryManifestNames
        if names.allSatisfy({ git.reader.entryType(at: LexicalPath.join(path, $0)) != .regularFile }) { continue }
      default: break
      }
      present.append(path)
    }
    if present.isEmpty { return DecisionSide(manifests: [:]) }
    if roots.count == 1 { return try git.decisionSide(path: present[0], type: type) }
    return try git.currentSide(paths: present, type: type, extras: ExtraInputs(), keyedAsGiven: true)
  }

  /// A snapshot of `paths`, its chain counted from `previous` (PRODUCT.md, "The decider").
  public func snapshot(
    paths: [String], type: ManifestKind?, extras: ExtraInputs, previous: String?, maxChain: Int
  ) throws(DeptagError) -> Snapshot {
    let current = try currentSide(paths: paths, type: type, extras: extras)
    var chain = 0
    if let previous {
      let before = try previousSide(path: previous, type: type)
      guard before.isSnapshot else { throw DeptagError("\(previous): not a deptag snapshot") }
      chain = Decider.decide(old: before.side, new: current, maxChain: maxChain).chain ?? 0
    }
    var withBytes: [[UInt8]] = []
    for file in extras.withFiles { withBytes.append(try reader.read(path: file).bytes) }
    let digest = DigestFraming.digest(DigestInput(manifests: Array(current.manifests.values), withFiles: withBytes, salts: extras.salts))
    return Snapshot(digest: digest, extrasDigest: current.extrasDigest ?? "", chain: chain, manifests: current.manifests)
  }

  static func relative(_ path: String, to base: String) -> String {
    let normalizedPath = LexicalPath.normalize(path)
    let normalizedBase = LexicalPath.normalize(base)
    if normalizedBase == "." { return normalizedPath }
    if normalizedPath.hasPrefix(normalizedBase + "/") { return String(normalizedPath.dropFirst(normalizedBase.count + 1)) }
    return normalizedPath
  }
}

/// The `--with` files and `--salt` texts of a command.
public struct ExtraInputs: Sendable, Hashable {
  public var withFiles: [String]
  public var salts: [String]

  public init(withFiles: [String] = [], salts: [String] = []) {
    self.withFiles = withFiles
    self.salts = salts
  }

  /// A digest of the extra inputs alone (the framing with no manifests).
  public func digest(reader: any SourceReader) throws(DeptagError) -> String {
    var bytes: [[UInt8]] = []
    for path in withFiles { bytes.append(try reader.read(path: path).bytes) }
    return DigestFraming.digest(DigestInput(manifests: [], withFiles: bytes, salts: salts), length: 64)
  }
}
