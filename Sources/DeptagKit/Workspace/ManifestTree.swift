/// The directories of a tree that hold manifests, for `deptag digest --each` (monorepos).
///
/// The walk lists each directory once with `readdir` (no `stat` per entry), never follows a
/// symbolic link to a directory (so no loops and no directory counted twice), and skips the
/// folders named in `skippedDirectoryNames` below the root, and (`walkSkippingGitIgnored`)
/// what git ignores. A directory "holds manifests" exactly when `deptag digest DIR` would find
/// one: a regular file (or a link to one) named as in `KindDetection.directoryManifestNames`
/// directly inside it.
public struct ManifestTree: Sendable, Hashable {
  /// Folders never entered: VCS metadata, dependency trees, build outputs and virtualenvs,
  /// whose manifests belong to other projects.
  public static let skippedDirectoryNames: Set<String> = [".git", "node_modules", "vendor", ".build", "target", ".venv"]

  /// One directory that holds at least one manifest.
  public struct Directory: Sendable, Hashable {
    /// Relative to the root, `/`-separated, `.` for the root itself.
    public var path: String
    /// Its manifest file names, in `KindDetection.directoryManifestNames` order.
    public var manifestNames: [String]

    public init(path: String, manifestNames: [String]) {
      self.path = path
      self.manifestNames = manifestNames
    }
  }

  /// A directory of the tree that could not be listed.
  public struct Failure: Sendable, Hashable {
    /// Relative to the root, like `Directory.path`.
    public var path: String
    public var error: DeptagError
  }

  /// The root as the user named it.
  public var root: String
  /// Every directory holding manifests, sorted by the bytes of `path` (`ByteOrder`).
  public var directories: [Directory]
  /// Subdirectories that could not be listed, sorted by path.
  public var failures: [Failure]
  /// Things the user should hear about: names that are not UTF-8 (skipped), git failing or
  /// ignoring the root, ignored manifests hashed anyway.
  public var warnings: [Diagnostic]

  /// Walks the tree under `root`, leaving out `ignored` (paths relative to `root`): an ignored
  /// directory is not entered; a directory whose manifests are all ignored is left out; a
  /// directory with some ignored manifests keeps all of them (its digest is what `deptag
  /// digest DIR` prints) and gets a warning naming each ignored one. Throws when `root` itself
  /// is not a readable directory; an unreadable subdirectory is recorded in `failures` and the
  /// walk goes on.
  public static func walk(_ root: String, ignoring ignored: GitIgnored.Paths = GitIgnored.Paths()) throws(DeptagError) -> ManifestTree {
    guard FileSystemReader().entryType(at: root) == .directory else {
      throw DeptagError("\(root): not a directory; --each walks a directory tree")
    }
    var tree = ManifestTree(root: root, directories: [], failures: [], warnings: [])
    let manifestNames = KindDetection.directoryManifestNames
    let wanted = Set(manifestNames)
    var pending = ["."]
    while let relative = pending.popLast() {
      let path = tree.path(of: relative)
      let listing: (entries: [DirectoryEntry], undecodable: [String])
      do {
        listing = try DirectoryListing.entries(of: path)
      } catch {
        if relative == "." { throw error }
        tree.failures.append(Failure(path: relative, error: error))
        continue
      }
      for name in listing.undecodable {
        tree.warnings.append(Diagnostic(.warning, "\(LexicalPath.join(path, name)): skipped: the name is not UTF-8"))
      }
      var found = Set<String>()
      for entry in listing.entries {
        let child = relative == "." ? entry.name : relative + "/" + entry.name
        var type = entry.type
        if type == .unknown { type = DirectoryListing.linkType(at: tree.path(of: child)) }
        switch type {
        case .directory:
          if !skippedDirectoryNames.contains(entry.name) && !ignored.directories.contains(child) { pending.append(child) }
        case .regularFile:
          if wanted.contains(entry.name) { found.insert(entry.name) }
        case .symbolicLink:
          // A link to a manifest counts, as `deptag digest DIR` reads it (stat follows links);
          // a link to a directory is never entered.
          if wanted.contains(entry.name), FileSystemReader().entryType(at: tree.path(of: child)) == .regularFile {
            found.insert(entry.name)
          }
        case .other, .unknown:
          break
        }
      }
      let names = manifestNames.filter(found.contains)
      let hidden = names.filter { ignored.files.contains(Self.child($0, of: relative)) }
      guard !names.isEmpty, hidden.count < names.count else { continue }
      for name in hidden {
        let file = tree.path(of: Self.child(name, of: relative))
        tree.warnings.append(Diagnostic(
          .warning, "\(file): git ignores this file, but it is hashed: the digest of \(path) is what 'deptag digest \(path)' prints"))
      }
      tree.directories.append(Directory(path: relative, manifestNames: names))
    }
    tree.directories.sort { ByteOrder.precedes($0.path, $1.path) }
    tree.failures.sort { ByteOrder.precedes($0.path, $1.path) }
    return tree
  }

  /// `walk(root, ignoring:)` with what git ignores, when `root` is inside a git work tree: one
  /// `git ls-files` for the whole tree (`GitIgnored`). Outside a repository, without git, or
  /// when git ignores `root` itself (the user named it, so it is walked), only the fixed skip
  /// list applies.
  public static func walkSkippingGitIgnored(_ root: String) throws(DeptagError) -> ManifestTree {
    guard FileSystemReader().entryType(at: root) == .directory else {
      throw DeptagError("\(root): not a directory; --each walks a directory tree")
    }
    switch GitIgnored.paths(under: root) {
    case .noRepository:
      return try walk(root)
    case .rootIgnored:
      var tree = try walk(root)
      tree.warnings.insert(Diagnostic(.warning, "\(root): git ignores this directory; its ignore rules are not applied inside it"), at: 0)
      return tree
    case .failed(let message):
      var tree = try walk(root)
      tree.warnings.insert(Diagnostic(.warning, "git ls-files failed (\(message)); only the fixed skip list applies"), at: 0)
      return tree
    case .ignored(let paths):
      return try walk(root, ignoring: paths)
    }
  }

  /// `relative` (a path under the root, `.` for the root) as a path usable from the working
  /// directory: what the user would type to name it, e.g. `deptag digest ROOT/a/b`.
  public func path(of relative: String) -> String {
    if relative == "." { return root }
    var base = Substring(root)
    while base.count > 1 && base.hasSuffix("/") { base = base.dropLast() }
    if base == "." { return relative }
    if base == "/" { return "/" + relative }
    return String(base) + "/" + relative
  }

  private static func child(_ name: String, of directory: String) -> String {
    directory == "." ? name : directory + "/" + name
  }
}
