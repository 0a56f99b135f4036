/// Purely lexical path arithmetic, as pip does it for `-r`/`-c` (`os.path.join` + `normpath`,
/// no symlink resolution; pip-requirements.md §3). Never touches the file system.
public enum LexicalPath {
  /// The directory part of `path` (`""` for a bare name).
  public static func directory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "" }
    if slash == path.startIndex { return "/" }
    return String(path[..<slash])
  }

  /// The last component of `path`.
  public static func fileName(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return path }
    return String(path[path.index(after: slash)...])
  }

  /// `relative` resolved against `directory` unless it is absolute, then normalized.
  public static func join(_ directory: String, _ relative: String) -> String {
    if relative.hasPrefix("/") || directory.isEmpty { return normalize(relative) }
    return normalize(directory + "/" + relative)
  }

  /// Removes `.` components, empty components and `x/..` pairs, like Python's `posixpath.normpath`.
  /// `..` at the start of a relative path is kept; the empty path becomes `.`.
  public static func normalize(_ path: String) -> String {
    let absolute = path.hasPrefix("/")
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      if part == "." { continue }
      if part == ".." {
        if let last = parts.last, last != ".." {
          parts.removeLast()
        } else if !absolute {
          parts.append(part)
        }
        continue
      }
      parts.append(part)
    }
    let joined = parts.joined(separator: "/")
    if absolute { return "/" + joined }
    return joined.isEmpty ? "." : joined
  }
}
