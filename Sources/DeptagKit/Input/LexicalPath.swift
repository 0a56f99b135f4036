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
    if isNormalized(path) { return path }
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

  /// True when `normalize(path)` would return `path` unchanged because it has no empty, `.`
  /// or `..` component and no trailing `/` (the path `/` itself is normalized). Paths with
  /// `..` take the full algorithm even when it keeps them. One pass over the bytes, so the
  /// common case (a path built from clean parts, as `deptag digest --each` builds thousands)
  /// allocates nothing.
  static func isNormalized(_ path: String) -> Bool {
    var utf8 = path.utf8[...]
    if utf8.first == UInt8(ascii: "/") {
      utf8 = utf8.dropFirst()
      if utf8.isEmpty { return true }
    }
    if utf8.isEmpty { return false }
    var length = 0, dots = 0
    for byte in utf8 {
      if byte == UInt8(ascii: "/") {
        if length == 0 || length == dots && dots <= 2 { return false }
        length = 0
        dots = 0
      } else {
        length += 1
        if byte == UInt8(ascii: ".") { dots += 1 }
      }
    }
    return length > 0 && !(length == dots && dots <= 2)
  }
}
