/// Everything `deptag digest --each [DIR]` needs, as plain values.
public struct EachDigestRequest: Sendable, Hashable {
  /// The tree to walk (`.` by default).
  public var root: String
  public var length: Int
  /// Extra files hashed into every directory's digest (`--with`), read once.
  public var withFiles: [String]
  /// Extra texts hashed into every directory's digest (`--salt`).
  public var salts: [String]

  public init(root: String = ".", length: Int = DigestFraming.defaultLength, withFiles: [String] = [], salts: [String] = []) {
    self.root = root
    self.length = length
    self.withFiles = withFiles
    self.salts = salts
  }
}

/// The digest of one directory of a tree, as `deptag digest DIR` computes it.
public struct DirectoryDigest: Sendable, Hashable {
  /// Relative to the walked root, `/`-separated, `.` for the root itself.
  public var path: String
  public var digest: String
  /// The distinct kinds of the manifests hashed (including `pip-constraints` reached by `-c`),
  /// in byte order.
  public var kinds: [ManifestKind]

  /// `path<TAB>digest<TAB>kind,kind`: one line of `deptag digest --each`, without the newline.
  public var line: String {
    "\(path)\t\(digest)\t\(kinds.map(\.rawValue).joined(separator: ","))"
  }
}

/// What `deptag digest --each` found: one outcome per directory holding manifests (a digest or
/// the error that stopped it), sorted by path, and warnings about the tree itself.
public struct EachDigestResult: Sendable, Hashable {
  /// One directory's outcome and the warnings its manifests gave.
  public struct Outcome: Sendable, Hashable {
    public var path: String
    public var result: Result<DirectoryDigest, DeptagError>
    public var warnings: [Diagnostic]
  }

  /// Sorted by the bytes of `path`.
  public var outcomes: [Outcome]
  /// About the walk, not about one directory (git failing, names that are not UTF-8).
  public var warnings: [Diagnostic]

  /// The directories that got a digest.
  public var digests: [DirectoryDigest] {
    outcomes.compactMap { outcome -> DirectoryDigest? in
      guard case .success(let digest) = outcome.result else { return nil }
      return digest
    }
  }

  /// The directories that failed, with their errors.
  public var failures: [(path: String, error: DeptagError)] {
    outcomes.compactMap { outcome -> (path: String, error: DeptagError)? in
      guard case .failure(let error) = outcome.result else { return nil }
      return (outcome.path, error)
    }
  }

  /// Everything for stderr in print order: the walk's warnings, then each directory's warnings
  /// and error in path order. A warning about a file that several directories include (a
  /// shared `-r ../common.txt`) is printed once.
  public var diagnostics: [Diagnostic] {
    var all = warnings
    var seen = Set(warnings)
    for outcome in outcomes {
      for warning in outcome.warnings where seen.insert(warning).inserted { all.append(warning) }
      if case .failure(let error) = outcome.result { all.append(error.diagnostic) }
    }
    return all
  }

  /// The `--json` document: `{"deptag": "digests", "version": 1, "directories": [{"path",
  /// "digest", "kinds"}], "errors": [{"path", "message"}]}`, the message in compiler format.
  public var json: JSONDocument {
    .object([
      ("deptag", .string("digests")), ("version", .number(1)),
      ("directories", .array(digests.map { digest in
        .object([
          ("path", .string(digest.path)), ("digest", .string(digest.digest)),
          ("kinds", .array(digest.kinds.map { .string($0.rawValue) })),
        ])
      })),
      ("errors", .array(failures.map { failure in
        .object([("path", .string(failure.path)), ("message", .string(failure.error.description))])
      })),
    ])
  }
}

extension ManifestLoader {
  /// Digests every directory under `request.root` that holds manifests (`ManifestTree`, minus
  /// what git ignores), each exactly as `deptag digest DIR` would, with the same `--with` files
  /// and salts for all. A directory whose manifests fail records its error and the others go
  /// on (a monorepo's CI should see every broken manifest at once). Directories are read in
  /// parallel; the result does not depend on it. Throws when the root cannot
  /// be walked, a `--with` file cannot be read, or no directory holds a manifest.
  public func digestEach(_ request: EachDigestRequest) throws(DeptagError) -> EachDigestResult {
    guard DigestFraming.lengthRange.contains(request.length) else {
      throw DeptagError("--length must be between 4 and 64, not \(request.length)")
    }
    let tree = try ManifestTree.walkSkippingGitIgnored(request.root)
    var withFiles: [[UInt8]] = []
    for path in request.withFiles { withFiles.append(try reader.read(path: path).bytes) }
    let withBytes = withFiles, salts = request.salts, length = request.length
    var outcomes: [EachDigestResult.Outcome] = tree.failures.map {
      .init(path: $0.path, result: .failure($0.error), warnings: [])
    }
    // Directories are independent: parse them on every core, keep the walk's order.
    outcomes += ParallelMap.map(tree.directories) { directory in
      digest(directory.path, in: tree, withFiles: withBytes, salts: salts, length: length)
    }
    if outcomes.isEmpty {
      let names = KindDetection.directoryManifestNames.joined(separator: ", ")
      throw DeptagError(
        "\(request.root): no manifest found in it or below (looked for \(names); git-ignored files and \(ManifestTree.skippedDirectoryNames.sorted().joined(separator: ", ")) are skipped)")
    }
    outcomes.sort { ByteOrder.precedes($0.path, $1.path) }
    return EachDigestResult(outcomes: outcomes, warnings: tree.warnings)
  }

  /// One directory, through the same `load(paths:type:)` as `deptag digest DIR`.
  private func digest(
    _ relative: String, in tree: ManifestTree, withFiles: [[UInt8]], salts: [String], length: Int
  ) -> EachDigestResult.Outcome {
    do {
      let loaded = try canonicalTextOnly.load(paths: [tree.path(of: relative)], type: nil)
      let input = DigestInput(manifests: loaded.manifests, withFiles: withFiles, salts: salts)
      let kinds = Set(loaded.manifests.map(\.kind)).sorted()
      let digest = DirectoryDigest(path: relative, digest: DigestFraming.digest(input, length: length), kinds: kinds)
      return .init(path: relative, result: .success(digest), warnings: loaded.warnings)
    } catch {
      return .init(path: relative, result: .failure(error), warnings: [])
    }
  }
}
