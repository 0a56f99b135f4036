/// Which files of a tree git ignores, asked once for all of them: `git -C ROOT check-ignore
/// --stdin -z` through `ProcessRunner` (no shell, one process however many paths). Git's own rules
/// apply: `.gitignore` files at every level, `.git/info/exclude`, `core.excludesFile`, a file
/// inside an ignored directory is ignored, and a tracked file is never ignored.
public enum GitIgnoreCheck {
  /// What git said about a set of paths.
  public enum Answer: Sendable, Hashable {
    /// The root is not inside a git work tree, or git is not installed: nothing is ignored.
    case noRepository
    /// The paths (spelled as they were asked) that git ignores; empty when none is.
    case ignored(Set<String>)
    /// git ran and failed for another reason (the message says which); nothing is ignored.
    case failed(String)
  }

  /// Asks git which of `paths` (relative to `root`) it ignores.
  public static func ignored(_ paths: [String], under root: String) -> Answer {
    guard !paths.isEmpty else { return .ignored([]) }
    var input: [UInt8] = []
    for path in paths {
      input.append(contentsOf: path.utf8)
      input.append(0)
    }
    let result: ProcessRunner.Result
    do {
      result = try ProcessRunner.run("git", ["-C", root, "check-ignore", "--stdin", "-z"], input: input)
    } catch {
      return .noRepository  // git is not installed: the fixed skip list is all there is
    }
    // check-ignore exits 0 when some path is ignored, 1 when none is, 128 on a fatal error.
    switch result.status {
    case 0, 1:
      let names = result.output.split(separator: 0, omittingEmptySubsequences: true)
      return .ignored(Set(names.map { String(decoding: $0, as: UTF8.self) }))
    default:
      let message = String(decoding: result.errorOutput, as: UTF8.self)
      if message.contains("not a git repository") { return .noRepository }
      let firstLine = message.split(separator: "\n").first.map(String.init) ?? "exit status \(result.status)"
      return .failed(firstLine)
    }
  }
}
