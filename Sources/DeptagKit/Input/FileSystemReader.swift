#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Musl)
  @preconcurrency import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads inputs from the file system with POSIX calls: regular files only, checked before any
/// byte is read (a FIFO or `/dev/zero` is refused, never opened for reading), and never more than
/// `InputLimits.maximumBytes`.
public struct FileSystemReader: SourceReader {
  public init() {}

  public func entryType(at path: String) -> FileEntryType {
    var info = stat()
    // Only a path that is not there is missing; a symlink loop (ELOOP) or a directory that may
    // not be searched (EACCES) is something there that cannot be read, reported as such.
    guard stat(path, &info) == 0 else { return errno == ENOENT || errno == ENOTDIR ? .missing : .other }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return .regularFile
    case S_IFDIR: return .directory
    default: return .other
    }
  }

  public func absolutePath(_ path: String) -> String {
    if path.hasPrefix("/") { return LexicalPath.normalize(path) }
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    guard getcwd(&buffer, buffer.count) != nil else { return LexicalPath.normalize(path) }
    let cwd = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    return LexicalPath.join(cwd, path)
  }

  public func read(path: String) throws(DeptagError) -> SourceFile {
    switch entryType(at: path) {
    case .regularFile: break
    case .directory: throw DeptagError("\(path): is a directory, not a manifest file")
    case .other:
      var info = stat()
      if stat(path, &info) != 0 { throw DeptagError("\(path): \(POSIX.lastErrorText())") }
      throw DeptagError("\(path): not a regular file; refusing to read it")
    case .missing: throw DeptagError("\(path): \(POSIX.lastErrorText())")
    }
    let fd = open(path, O_RDONLY | O_NONBLOCK)
    guard fd >= 0 else { throw DeptagError("\(path): \(POSIX.lastErrorText())") }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
      throw DeptagError("\(path): not a regular file; refusing to read it")
    }
    guard Int(info.st_size) <= InputLimits.maximumBytes else {
      throw DeptagError("\(path): larger than \(InputLimits.maximumBytes >> 20) MiB; refusing to read it")
    }
    let bytes = try Self.readAll(fd: fd, name: path, expectedSize: Int(info.st_size))
    return SourceFile(path: path, bytes: bytes)
  }

  /// Reads standard input up to the size cap; an endless stream is cut off at the cap and refused.
  public func readStandardInput() throws(DeptagError) -> SourceFile {
    SourceFile(path: "<stdin>", bytes: try Self.readAll(fd: 0, name: "<stdin>"))
  }

  /// `expectedSize` (a regular file's size) only sizes the buffer up front; the file is read to
  /// its end whatever its size turns out to be.
  private static func readAll(fd: Int32, name: String, expectedSize: Int = 0) throws(DeptagError) -> [UInt8] {
    // First straight into the array, sized for the expected bytes plus one (issue #8: no copy
    // from a bounce buffer; reading the one byte more finds the end of a file of that size).
    var failure: DeptagError? = nil
    var atEnd = false
    var result = [UInt8](unsafeUninitializedCapacity: min(expectedSize, InputLimits.maximumBytes) + 1) {
      buffer, count in
      while count < buffer.count {
        // (in bounds: `count < buffer.count`, and at most the rest of the buffer is read)
        let n = readRetrying(fd, buffer.baseAddress! + count, buffer.count - count)
        if n < 0 {
          failure = DeptagError("\(name): \(POSIX.lastErrorText())")
          return
        }
        if n == 0 {
          atEnd = true
          return
        }
        count += n
      }
    }
    if let failure { throw failure }
    if atEnd { return result }
    // Larger than expected (a file that grew, standard input): read on in chunks.
    let chunk = 1 << 16
    var buffer = [UInt8](repeating: 0, count: chunk)
    while true {
      if result.count > InputLimits.maximumBytes {
        throw DeptagError("\(name): larger than \(InputLimits.maximumBytes >> 20) MiB; refusing to read it")
      }
      let n = buffer.withUnsafeMutableBytes { readRetrying(fd, $0.baseAddress, chunk) }
      if n < 0 { throw DeptagError("\(name): \(POSIX.lastErrorText())") }
      if n == 0 { break }
      result.append(contentsOf: buffer[0..<n])
    }
    return result
  }

  /// `read(2)` of up to `count` bytes, retried after EINTR and, on an O_NONBLOCK descriptor with
  /// nothing to read yet (EAGAIN), after waiting for data; -1 on any other error (errno set).
  private static func readRetrying(_ fd: Int32, _ target: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    while true {
      let n = POSIX.read(fd, target, count)
      if n >= 0 { return n }
      if errno == EINTR { continue }
      if errno == EAGAIN {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        _ = poll(&p, 1, -1)
        continue
      }
      return -1
    }
  }
}
