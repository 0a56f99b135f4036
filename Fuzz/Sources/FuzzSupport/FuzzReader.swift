import DeptagKit

/// The in-memory `SourceReader` every harness reads through: it serves the fuzz input under its
/// one name and nothing else, so a pip `-r`/`-c` of another file is refused as a missing file
/// (the same error path as on disk) and a self-include reaches the include walker's cycle check.
/// Nothing touches the file system.
public struct FuzzReader: SourceReader {
  /// The one file served.
  public var source: SourceFile

  public init(path: String, bytes: [UInt8]) {
    source = SourceFile(path: path, bytes: bytes)
  }

  public func read(path: String) throws(DeptagError) -> SourceFile {
    guard path == source.path else { throw DeptagError("\(path): no such file or directory") }
    return source
  }

  public func entryType(at path: String) -> FileEntryType {
    path == source.path ? .regularFile : .missing
  }

  public func absolutePath(_ path: String) -> String {
    path.hasPrefix("/") ? path : "/fuzz/" + path
  }

  public func readStandardInput() throws(DeptagError) -> SourceFile {
    SourceFile(path: "<stdin>", bytes: source.bytes)
  }
}
