import Foundation
import Testing

@testable import DeptagKit

/// Helpers over the Go formats for tests: texts are read from an in-memory file named after
/// the kind (`go.mod`, `go.sum`, `go.work`).
enum GoFiles {
  static func name(_ kind: ManifestKind) -> String {
    switch kind {
    case .gosum: "go.sum"
    case .gowork: "go.work"
    default: "go.mod"
    }
  }

  static func load(_ text: String, _ kind: ManifestKind = .gomod) throws -> LoadedManifests {
    try load(bytes: Array(text.utf8), kind)
  }

  static func load(bytes: [UInt8], _ kind: ManifestKind = .gomod) throws -> LoadedManifests {
    let reader = MemoryReader(bytes: [name(kind): bytes])
    return try ManifestLoader(reader: reader).load(paths: [name(kind)], type: nil)
  }

  static func normalize(_ text: String, _ kind: ManifestKind = .gomod) throws -> String {
    try load(text, kind).manifests[0].canonicalText
  }

  static func digest(_ text: String, _ kind: ManifestKind = .gomod) throws -> String {
    DigestFraming.digest(DigestInput(manifests: try load(text, kind).manifests), length: 64)
  }

  static func warnings(_ text: String, _ kind: ManifestKind = .gomod) throws -> [Diagnostic] {
    try load(text, kind).warnings
  }

  static func error(_ text: String, _ kind: ManifestKind = .gomod) -> DeptagError? {
    error(bytes: Array(text.utf8), kind)
  }

  static func error(bytes: [UInt8], _ kind: ManifestKind = .gomod) -> DeptagError? {
    do {
      _ = try load(bytes: bytes, kind)
      return nil
    } catch let error as DeptagError {
      return error
    } catch {
      return nil
    }
  }
}

/// The shared corpus's Go files, found from this file's path.
enum GoCorpus {
  static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let corpus: URL = repositoryRoot.appendingPathComponent("../shared/corpus").standardized

  static var available: Bool {
    FileManager.default.fileExists(atPath: corpus.appendingPathComponent("go").path)
  }

  /// Every file under `go/` and `real/go/` except SOURCES.md, relative to the corpus, sorted.
  static let files: [String] = {
    var result: [String] = []
    for top in ["go", "real/go"] {
      guard let walker = FileManager.default.enumerator(atPath: corpus.appendingPathComponent(top).path) else { continue }
      while let relative = walker.nextObject() as? String {
        var isDirectory: ObjCBool = false
        let path = corpus.appendingPathComponent(top).appendingPathComponent(relative).path
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
        guard !relative.hasSuffix(".md") else { continue }
        result.append("\(top)/\(relative)")
      }
    }
    return result.sorted()
  }()

  static func path(_ relative: String) -> String { corpus.appendingPathComponent(relative).path }

  /// The kind of a corpus file: by name, and the x/mod fixtures (`*.in`, `*.golden`) are go.mod.
  static func kind(_ relative: String) -> ManifestKind {
    if relative.hasSuffix("go.sum") { return .gosum }
    if relative.hasSuffix("go.work") { return .gowork }
    return .gomod
  }
}

/// The `go` command (Debian's golang-go 1.19 in CI), for the differential tests.
enum GoTool {
  static let executable: String? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":") + ["/usr/lib/go/bin", "/usr/local/go/bin"] {
      let candidate = "\(directory)/go"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }()

  /// CI sets DEPTAG_REQUIRE_GO=1: a missing `go` is then a failure, not a skip.
  static var required: Bool { ProcessInfo.processInfo.environment["DEPTAG_REQUIRE_GO"] == "1" }

  /// Whether the caller can run `go`; records a failure or prints a skip message otherwise.
  static func checkAvailable() -> Bool {
    if executable != nil { return true }
    if required {
      Issue.record("DEPTAG_REQUIRE_GO=1 but no `go` on PATH (apt-get install golang-go)")
    } else {
      print("skipped: no `go` on PATH (apt-get install golang-go to run the go differential tests)")
    }
    return false
  }

  struct ModEdit: Decodable {
    struct Module: Decodable, Hashable {
      var Path: String
      var Version: String?
    }
    struct Replace: Decodable, Hashable {
      var Old: Module
      var New: Module
    }
    var Go: String?
    var Require: [Module]?
    var Exclude: [Module]?
    var Replace: [Replace]?
  }

  /// `go mod edit -json` run on `bytes` written as go.mod in a scratch directory: the parsed
  /// file, or go's error text.
  static func modEdit(_ bytes: [UInt8]) throws -> Result<ModEdit, GoFailure> {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("deptag-go-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try Data(bytes).write(to: directory.appendingPathComponent("go.mod"))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable!)
    process.arguments = ["mod", "edit", "-json"]
    process.currentDirectoryURL = directory
    var environment = ProcessInfo.processInfo.environment
    environment["GOFLAGS"] = "-mod=mod"
    environment["GOPROXY"] = "off"
    environment["GOTOOLCHAIN"] = "local"
    environment["GOWORK"] = "off"
    environment["HOME"] = directory.path
    environment["GOPATH"] = directory.appendingPathComponent("gopath").path
    environment["GOCACHE"] = directory.appendingPathComponent("gocache").path
    process.environment = environment
    let outURL = directory.appendingPathComponent("out"), errURL = directory.appendingPathComponent("err")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try out.close()
    try err.close()
    if process.terminationStatus != 0 {
      return .failure(GoFailure(text: String(decoding: try Data(contentsOf: errURL), as: UTF8.self)))
    }
    return .success(try JSONDecoder().decode(ModEdit.self, from: try Data(contentsOf: outURL)))
  }
}

struct GoFailure: Error, CustomStringConvertible {
  var text: String
  var description: String { text }

  /// The line number of go's first error (`go.mod:LINE:` or `go.mod:LINE:COL:`), if it names one.
  var line: Int? {
    guard let range = text.range(of: "go.mod:") else { return nil }
    return Int(text[range.upperBound...].prefix(while: \.isNumber))
  }
}
