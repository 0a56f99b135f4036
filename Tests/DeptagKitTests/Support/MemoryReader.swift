@testable import DeptagKit

/// An in-memory file system for parser tests: paths map to contents; directories are implied.
struct MemoryReader: SourceReader {
  var files: [String: [UInt8]]
  var stdin: [UInt8] = []

  init(_ files: [String: String]) {
    self.files = files.mapValues { Array($0.utf8) }
  }

  init(bytes: [String: [UInt8]]) {
    self.files = bytes
  }

  func read(path: String) throws(DeptagError) -> SourceFile {
    let key = LexicalPath.normalize(path)
    guard let bytes = files[key] else {
      if entryType(at: path) == .directory { throw DeptagError("\(path): is a directory, not a manifest file") }
      throw DeptagError("\(path): no such file or directory")
    }
    return SourceFile(path: path, bytes: bytes)
  }

  func entryType(at path: String) -> FileEntryType {
    let key = LexicalPath.normalize(path)
    if files[key] != nil { return .regularFile }
    if key == "." || files.keys.contains(where: { $0.hasPrefix(key + "/") }) { return .directory }
    return .missing
  }

  func absolutePath(_ path: String) -> String { LexicalPath.join("/work", path) }

  func readStandardInput() throws(DeptagError) -> SourceFile { SourceFile(path: "<stdin>", bytes: stdin) }
}

/// Helpers over `PipFormat` for tests.
enum Pip {
  /// The canonical text of `text` read as `requirements.txt` (with extra files for includes).
  static func normalize(_ text: String, files: [String: String] = [:]) throws -> String {
    try load(text, files: files).manifests[0].canonicalText
  }

  static func load(_ text: String, files: [String: String] = [:]) throws -> LoadedManifests {
    var all = files
    all["requirements.txt"] = text
    let reader = MemoryReader(all)
    return try ManifestLoader(reader: reader).load(paths: ["requirements.txt"], type: nil)
  }

  /// The digest of `text` read as `requirements.txt`.
  static func digest(_ text: String, files: [String: String] = [:]) throws -> String {
    let loaded = try load(text, files: files)
    return DigestFraming.digest(DigestInput(manifests: loaded.manifests))
  }

  /// The error `text` gives, as "LINE:COL: message".
  static func error(_ text: String, files: [String: String] = [:]) -> DeptagError? {
    do {
      _ = try load(text, files: files)
      return nil
    } catch let error as DeptagError {
      return error
    } catch {
      return nil
    }
  }
}

extension DeptagError {
  /// `LINE:COL` of the error, for compact assertions.
  var position: String { location.map { "\($0.line):\($0.column)" } ?? "-" }
}
