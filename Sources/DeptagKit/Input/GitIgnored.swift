/// What git ignores under a directory, asked once for the whole tree: `git -C ROOT ls-files -z
/// --others --ignored --exclude-standard --directory` through `ProcessRunner` (no shell, one
/// process). Git's own rules apply: `.gitignore` files at every level, `.git/info/exclude`,
/// `core.excludesFile`, a file inside an ignored directory is ignored, and a tracked file is
/// never ignored (ls-files lists untracked files only).
public enum GitIgnored {
  /// Ignored paths relative to the root, `/`-separated.
  public struct Paths: Sendable, Hashable {
    /// Directories git reports whole (`dir/`): no tracked file inside, every other file ignored.
    public var directories: Set<String>
    /// Ignored files outside those directories.
    public var files: Set<String>

    public init(directories: Set<String> = [], files: Set<String> = []) {
      self.directories = directories
      self.files = files
    }
  }

  /// What git said about a tree.
  public enum Answer: Sendable, Hashable {
    /// The root is not inside a git work tree, or git is not installed: nothing is ignored.
    case noRepository
    /// The root itself is ignored: every path in it would be, so git's answer cannot tell the
    /// tree's parts apart.
    case rootIgnored
    /// What git ignores below the root (empty when nothing is).
    case ignored(Paths)
    /// git ran and failed for another reason (the message says which); nothing is ignored.
    case failed(String)
  }

  /// Asks git what it ignores under `root`.
  public static func paths(under root: String) -> Answer {
    let result: ProcessRunner.Result
    do {
      result = try ProcessRunner.run(
        "git", ["-C", root, "ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--directory"])
    } catch {
      return .noRepository  // git is not installed: the fixed skip list is all there is
    }
    guard result.status == 0 else {
      let message = String(decoding: result.errorOutput, as: UTF8.self)
      if message.contains("not a git repository") { return .noRepository }
      let firstLine = message.split(separator: "\n").first.map(String.init) ?? "exit status \(result.status)"
      return .failed(firstLine)
    }
    var paths = Paths()
    for name in result.output.split(separator: 0, omittingEmptySubsequences: true) {
      let path = String(decoding: name, as: UTF8.self)
      if path == "./" { return .rootIgnored }
      if path.hasSuffix("/") {
        paths.directories.insert(String(path.dropLast()))
      } else {
        paths.files.insert(path)
      }
    }
    return .ignored(paths)
  }
}
