#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Musl)
  @preconcurrency import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a file so that readers see the old contents or the new ones, never half of either:
/// a temporary file in the same directory, flushed, given the original's permissions, renamed
/// over the original. On any error the original is untouched and the temporary file removed.
/// A symlink is written through: its target is replaced and the link kept.
public enum AtomicFile {
  /// Writes `bytes` to `path` (errors name `path` as given).
  public static func write(_ bytes: [UInt8], to path: String) throws(DeptagError) {
    let target = symlinkTarget(path) ?? path
    let directory = LexicalPath.directory(of: target)
    var template = Array(((directory.isEmpty ? "" : directory + "/") + ".\(LexicalPath.fileName(of: target)).deptag-XXXXXX").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw DeptagError("\(path): cannot create a temporary file beside it: \(POSIX.lastErrorText())") }
    let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    var failure: String?
    var original = stat()
    let exists = stat(target, &original) == 0
    let mode: mode_t = exists ? original.st_mode & 0o7777 : 0o644 & ~currentUmask()
    var written = 0
    while written < bytes.count, failure == nil {
      let n = bytes[written...].withUnsafeBytes { POSIX.write(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        failure = POSIX.lastErrorText()
      } else {
        written += n
      }
    }
    // The owner too, where allowed (root rewriting a user's file); before fchmod, which it may undo.
    if failure == nil, exists { _ = fchown(fd, original.st_uid, original.st_gid) }
    if failure == nil, fchmod(fd, mode) != 0 { failure = POSIX.lastErrorText() }
    if failure == nil, fsync(fd) != 0 { failure = POSIX.lastErrorText() }
    if close(fd) != 0, failure == nil { failure = POSIX.lastErrorText() }
    if failure == nil, rename(temporary, target) != 0 { failure = POSIX.lastErrorText() }
    if let failure {
      unlink(temporary)
      throw DeptagError("\(path): cannot write: \(failure)")
    }
  }

  /// The file a symlink at `path` resolves to, or nil when `path` is not a resolvable symlink.
  private static func symlinkTarget(_ path: String) -> String? {
    var info = stat()
    guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK, let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  private static func currentUmask() -> mode_t {
    let mask = umask(0o022)
    umask(mask)
    return mask
  }
}
