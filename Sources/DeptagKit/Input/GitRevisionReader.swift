/// Reads manifests as they were at a git revision (`deptag decide --since REV`): `git show
/// REV:./path`, paths relative to the working directory, so includes resolve at REV too.
public struct GitRevisionReader: SourceReader {
  public let revision: String

  /// Checks that `revision` names a commit of the repository around the working directory.
  public init(revision: String) throws(DeptagError) {
    self.revision = revision
    let check = try ProcessRunner.run("git", ["rev-parse", "--verify", "--quiet", "\(revision)^{commit}"])
    guard check.status == 0 else {
      let inside = try ProcessRunner.run("git", ["rev-parse", "--is-inside-work-tree"])
      if inside.status != 0 { throw DeptagError("--since needs a git repository: the working directory is not inside one") }
      throw DeptagError("--since \(revision): unknown revision")
    }
  }

  private func object(_ path: String) -> String {
    "\(revision):./\(LexicalPath.normalize(path))"
  }

  public func entryType(at path: String) -> FileEntryType {
    guard let result = try? ProcessRunner.run("git", ["cat-file", "-t", object(path)]), result.status == 0 else {
      return .missing
    }
    switch String(decoding: result.output, as: UTF8.self) {
    case "blob\n": return .regularFile
    case "tree\n": return .directory
    default: return .other
    }
  }

  public func read(path: String) throws(DeptagError) -> SourceFile {
    switch entryType(at: path) {
    case .regularFile: break
    case .directory: throw DeptagError("\(path): is a directory at \(revision), not a manifest file")
    case .missing: throw DeptagError("\(path): not present at \(revision)")
    case .other: throw DeptagError("\(path): not a regular file at \(revision)")
    }
    let result = try ProcessRunner.run("git", ["show", object(path)])
    guard result.status == 0 else {
      throw DeptagError("\(path): git show failed at \(revision): \(String(decoding: result.errorOutput, as: UTF8.self))")
    }
    return SourceFile(path: path, bytes: result.output)
  }

  public func absolutePath(_ path: String) -> String { LexicalPath.join("/", path) }

  public func readStandardInput() throws(DeptagError) -> SourceFile {
    throw DeptagError("standard input has no state at a git revision")
  }
}
