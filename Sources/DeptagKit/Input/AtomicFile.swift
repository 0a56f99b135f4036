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
public enum AtomicFile {
  public static func write(_ bytes: [UInt8], to path: String) throws(DeptagError) {
    let directory = LexicalPath.directory(of: path)
    var template = Array(((directory.isEmpty ? "" : directory + "/") + ".\(LexicalPath.fileName(of: path)).deptag-XXXXXX").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw DeptagError("\(path): cannot create a temporary file beside it: \(POSIX.lastErrorText())") }
    let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    var failure: String?
    var original = stat()
    let mode: mode_t = stat(path, &original) == 0 ? original.st_mode & 0o7777 : 0o644 & ~currentUmask()
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
    if failure == nil, fchmod(fd, mode) != 0 { failure = POSIX.lastErrorText() }
    if failure == nil, fsync(fd) != 0 { failure = POSIX.lastErrorText() }
    if close(fd) != 0, failure == nil { failure = POSIX.lastErrorText() }
    if failure == nil, rename(temporary, path) != 0 { failure = POSIX.lastErrorText() }
    if let failure {
      unlink(temporary)
      throw DeptagError("\(path): cannot write: \(failure)")
    }
  }

  private static func currentUmask() -> mode_t {
    let mask = umask(0o022)
    umask(mask)
    return mask
  }
}
