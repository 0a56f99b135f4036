/// The directories of a tree that hold manifests, for `deptag digest --each` (monorepos).
///
/// The walk lists each directory once with `readdir` (no `stat` per entry), never follows a
/// symbolic link to a directory (so no loops and no directory counted twice), and skips the
/// folders named in `skippedDirectoryNames`. A directory "holds manifests" exactly when
/// `deptag digest DIR` would find one: a regular file (or a link to one) named as in
/// `KindDetection.directoryManifestNames` directly inside it.
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
  /// Things skipped that the user should hear about (names that are not UTF-8, git failing).
  public var warnings: [Diagnostic]

  /// Walks the tree under `root`. Throws when `root` itself is not a readable directory; an
  /// unreadable subdirectory is recorded in `failures` and the walk goes on.
  public static func walk(_ root: String) throws(DeptagError) -> ManifestTree {
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
          if !skippedDirectoryNames.contains(entry.name) { pending.append(child) }
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
      if !found.isEmpty {
        tree.directories.append(Directory(path: relative, manifestNames: manifestNames.filter(found.contains)))
      }
    }
    tree.directories.sort { ByteOrder.precedes($0.path, $1.path) }
    tree.failures.sort { ByteOrder.precedes($0.path, $1.path) }
    return tree
  }

  /// The tree without what git ignores, when the root is inside a git work tree: one
  /// `git check-ignore` for every manifest and unreadable folder found (`GitIgnoreCheck`).
  /// A directory whose manifests are all ignored is dropped. A directory with some ignored
  /// manifests stays and keeps them (its digest is what `deptag digest DIR` prints), with a
  /// warning naming each ignored one. Outside a repository, or without git, nothing changes.
  public func excludingGitIgnored() -> ManifestTree {
    var candidates = failures.map(\.path)
    for directory in directories {
      for name in directory.manifestNames { candidates.append(Self.child(name, of: directory.path)) }
    }
    let ignored: Set<String>
    switch GitIgnoreCheck.ignored(candidates, under: root) {
    case .noRepository:
      return self
    case .failed(let message):
      var copy = self
      copy.warnings.append(Diagnostic(.warning, "git check-ignore failed (\(message)); only the fixed skip list applies"))
      return copy
    case .ignored(let set):
      ignored = set
    }
    guard !ignored.isEmpty else { return self }
    var copy = self
    copy.failures.removeAll { ignored.contains($0.path) }
    copy.directories = []
    for directory in directories {
      let files = directory.manifestNames.map { Self.child($0, of: directory.path) }
      let hidden = files.filter(ignored.contains)
      if hidden.count == files.count { continue }
      for file in hidden {
        copy.warnings.append(Diagnostic(
          .warning,
          "\(path(of: file)): git ignores this file, but it is hashed: the digest of \(path(of: directory.path)) is what 'deptag digest \(path(of: directory.path))' prints"))
      }
      copy.directories.append(directory)
    }
    return copy
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
