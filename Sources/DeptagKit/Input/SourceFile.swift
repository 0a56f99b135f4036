/// The bytes of one input, with the path it was named by.
public struct SourceFile: Sendable, Hashable {
  /// The path as the user (or an including file) named it; `<stdin>` for standard input.
  public var path: String
  public var bytes: [UInt8]

  public init(path: String, bytes: [UInt8]) {
    self.path = path
    self.bytes = bytes
  }
}

/// Where a format reads its inputs and includes from. The real one is `FileSystemReader`; tests
/// use an in-memory one, so parsers stay pure functions of the bytes they are handed.
public protocol SourceReader: Sendable {
  /// Reads the regular file at `path`, or throws a positionless `DeptagError` naming it.
  func read(path: String) throws(DeptagError) -> SourceFile
  /// What kind of thing is at `path`, without reading it.
  func entryType(at path: String) -> FileEntryType
  /// `path` made absolute (lexically, without resolving symlinks), to recognize one file reached
  /// under two spellings.
  func absolutePath(_ path: String) -> String
  /// Reads standard input (named `<stdin>`), refusing more than the size cap.
  func readStandardInput() throws(DeptagError) -> SourceFile
}

/// What `SourceReader.entryType(at:)` finds at a path.
public enum FileEntryType: Sendable, Hashable {
  case regularFile, directory, other, missing
}

/// Limits that every input obeys (PRODUCT.md: inputs over 64 MiB are refused).
public enum InputLimits {
  /// The largest input deptag reads, in bytes.
  public static let maximumBytes = 64 << 20
}
