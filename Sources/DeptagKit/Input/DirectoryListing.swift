#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Musl)
  @preconcurrency import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// One name in a directory, with the type `readdir` reports for it (no `stat` per entry).
struct DirectoryEntry: Sendable, Hashable {
  /// What `d_type` says the entry is; `unknown` on file systems that do not fill it in.
  enum EntryType: Sendable, Hashable {
    case directory, regularFile, symbolicLink, other, unknown
  }

  var name: String
  var type: EntryType
}

/// Lists a directory with `opendir`/`readdir`: one system call per block of names, no
/// Foundation, symbolic links reported as links (never followed).
enum DirectoryListing {
  /// The entries of `path` except `.` and `..`, in the order the file system returns them.
  /// Names that are not valid UTF-8 cannot be named in a path deptag prints; they are returned
  /// in `undecodable` (as lossy text, for a warning) instead.
  static func entries(of path: String) throws(DeptagError) -> (entries: [DirectoryEntry], undecodable: [String]) {
    guard let stream = opendir(path) else {
      throw DeptagError("\(path): cannot read directory: \(POSIX.lastErrorText())")
    }
    defer { closedir(stream) }
    var entries: [DirectoryEntry] = []
    var undecodable: [String] = []
    while true {
      errno = 0
      guard let entry = readdir(stream) else {
        if errno != 0 { throw DeptagError("\(path): cannot read directory: \(POSIX.lastErrorText())") }
        break
      }
      let type = entryType(Int(entry.pointee.d_type))
      let decoded: String? = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
        let bytes = raw.prefix(while: { $0 != 0 })
        if bytes.elementsEqual(".".utf8) || bytes.elementsEqual("..".utf8) { return "" }
        guard let name = String(validating: bytes, as: UTF8.self) else {
          undecodable.append(String(decoding: bytes, as: UTF8.self))
          return nil
        }
        return name
      }
      if let decoded, !decoded.isEmpty { entries.append(DirectoryEntry(name: decoded, type: type)) }
    }
    return (entries, undecodable)
  }

  private static func entryType(_ type: Int) -> DirectoryEntry.EntryType {
    switch type {
    case Int(DT_DIR): .directory
    case Int(DT_REG): .regularFile
    case Int(DT_LNK): .symbolicLink
    case Int(DT_UNKNOWN): .unknown
    default: .other
    }
  }

  /// The type of `path` from `lstat` (a link is a link), for entries `readdir` left `unknown`.
  static func linkType(at path: String) -> DirectoryEntry.EntryType {
    var info = stat()
    guard lstat(path, &info) == 0 else { return .other }
    switch info.st_mode & S_IFMT {
    case S_IFDIR: return .directory
    case S_IFREG: return .regularFile
    case S_IFLNK: return .symbolicLink
    default: return .other
    }
  }
}
