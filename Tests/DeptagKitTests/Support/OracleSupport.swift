import Foundation
import Testing

@testable import DeptagKit

/// Where the repository, the shared corpus and the pip oracle are, found from this file's path.
enum TestLocations {
  /// The repository root (this file is `Tests/DeptagKitTests/Support/OracleSupport.swift`).
  static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// `../shared/corpus` beside the repository.
  static let corpus: URL = repositoryRoot.appendingPathComponent("../shared/corpus").standardized

  static var corpusAvailable: Bool { isDirectory(corpus.appendingPathComponent("pip")) }

  /// Every pip corpus file (`pip/**` and `real/pip/**`, `*.txt` and `*.in`), as paths relative
  /// to the corpus folder, sorted; empty when the corpus is absent.
  static let pipCorpusFiles: [String] = {
    var result: [String] = []
    for top in ["pip", "real/pip"] {
      let root = corpus.appendingPathComponent(top)
      guard let walker = FileManager.default.enumerator(atPath: root.path) else { continue }
      while let relative = walker.nextObject() as? String {
        guard relative.hasSuffix(".txt") || relative.hasSuffix(".in") else { continue }
        guard !isDirectory(root.appendingPathComponent(relative)) else { continue }
        result.append("\(top)/\(relative)")
      }
    }
    return result.sorted()
  }()

  /// The absolute path of a corpus file given relative to the corpus folder.
  static func corpusPath(_ relative: String) -> String { corpus.appendingPathComponent(relative).path }

  /// The folder of one source inside the corpus (`pip/uv`, `real/pip/home-assistant__core`):
  /// files of one source may include each other, so copies are made of the whole folder.
  static func sourceFolder(of relative: String) -> String {
    let parts = relative.split(separator: "/").map(String.init)
    let depth = parts.first == "real" ? 3 : 2
    return parts.prefix(depth).joined(separator: "/")
  }

  static func isDirectory(_ url: URL) -> Bool {
    var flag: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &flag) && flag.boolValue
  }
}

/// A fresh temporary directory, removed by `remove()`.
struct TemporaryDirectory: Sendable {
  let url: URL

  init(_ label: String = "deptag-tests") throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Runs a program (no shell) and collects its output through temporary files, so a large
/// output can never fill a pipe and block the child.
struct ProcessResult: Sendable {
  var status: Int32
  var stdout: Data
  var stderr: String
}

func runProcess(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws
  -> ProcessResult
{
  let scratch = try TemporaryDirectory("deptag-process")
  defer { scratch.remove() }
  let outURL = scratch.url.appendingPathComponent("stdout")
  let errURL = scratch.url.appendingPathComponent("stderr")
  FileManager.default.createFile(atPath: outURL.path, contents: nil)
  FileManager.default.createFile(atPath: errURL.path, contents: nil)
  let out = try FileHandle(forWritingTo: outURL)
  let err = try FileHandle(forWritingTo: errURL)
  let process = Process()
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = arguments
  if let directory { process.currentDirectoryURL = directory }
  process.standardInput = FileHandle.nullDevice
  process.standardOutput = out
  process.standardError = err
  try process.run()
  process.waitUntilExit()
  try out.close()
  try err.close()
  return ProcessResult(
    status: process.terminationStatus,
    stdout: try Data(contentsOf: outURL),
    stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
}

/// The pip 26.3 oracle (`Tests/Oracle/pip_oracle.py`, run by `.venv-oracle/bin/python`).
enum PipOracle {
  static let python = TestLocations.repositoryRoot.appendingPathComponent(".venv-oracle/bin/python").path
  static let script = TestLocations.repositoryRoot.appendingPathComponent("Tests/Oracle/pip_oracle.py").path

  static var pythonAvailable: Bool { FileManager.default.isExecutableFile(atPath: python) }
  /// CI sets DEPTAG_REQUIRE_ORACLE=1: a missing oracle or corpus is then a failure, not a skip.
  static var required: Bool { ProcessInfo.processInfo.environment["DEPTAG_REQUIRE_ORACLE"] == "1" }
  /// Why the oracle tests cannot run here, or nil when they can.
  static var missing: String? {
    if !pythonAvailable { return "\(python) is missing (run scripts/setup-oracles)" }
    if !TestLocations.corpusAvailable { return "\(TestLocations.corpus.path) is missing" }
    return nil
  }
  /// Whether oracle tests should run: they can, or they must (and will then fail).
  static var shouldRun: Bool { missing == nil || required }

  /// Records a failure when the oracle is required but missing; prints a skip message when it is
  /// only missing. Returns true when the caller can go on.
  static func checkAvailable() -> Bool {
    guard let why = missing else { return true }
    if required {
      Issue.record("DEPTAG_REQUIRE_ORACLE=1 but \(why)")
    } else {
      print("skipped: \(why)")
    }
    return false
  }

  /// One file as pip sees it (only what the Swift tests look at; the oracle prints more).
  struct View: Decodable, Sendable {
    var file: String
    var ok: Bool
    var error: String?
  }

  /// One `--pairs` answer.
  struct Pair: Decodable, Sendable {
    var a: View
    var b: View
    /// nil when either file is rejected by pip.
    var equivalent: Bool?
    var difference: String?
  }

  /// Asks the oracle, in one Python process, about each pair of absolute paths.
  static func compare(_ pairs: [(String, String)]) throws -> [Pair] {
    if pairs.isEmpty { return [] }
    let arguments = [script, "--pairs"] + pairs.flatMap { [$0.0, $0.1] }
    let result = try runProcess(python, arguments, in: TestLocations.repositoryRoot)
    guard result.status == 0 else {
      throw OracleFailure("pip_oracle.py exited \(result.status): \(result.stderr)")
    }
    let decoder = JSONDecoder()
    let lines = result.stdout.split(separator: UInt8(ascii: "\n"))
    let answers = try lines.map { try decoder.decode(Pair.self, from: Data($0)) }
    guard answers.count == pairs.count else {
      throw OracleFailure("pip_oracle.py answered \(answers.count) of \(pairs.count) pairs")
    }
    return answers
  }

  /// Asks the oracle about single files.
  static func views(_ paths: [String]) throws -> [View] {
    try compare(paths.map { ($0, $0) }).map(\.a)
  }
}

struct OracleFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// deptag's library, as the tests call it.
enum Deptag {
  static let loader = ManifestLoader(reader: FileSystemReader())

  static func normalize(_ path: String) -> Result<String, DeptagError> {
    do throws(DeptagError) {
      return .success(try loader.normalize(path: path, type: .pip).text)
    } catch {
      return .failure(error)
    }
  }

  static func digest(_ path: String) -> Result<String, DeptagError> {
    do throws(DeptagError) {
      return .success(try loader.digest(DigestRequest(paths: [path], type: .pip, length: 64)).digest)
    } catch {
      return .failure(error)
    }
  }

  /// "ok", or the error's "LINE:COL" ("-" when it has no position).
  static func outcome(_ path: String) -> String {
    switch normalize(path) {
    case .success: return "ok"
    case .failure(let error): return error.location.map { "\($0.line):\($0.column)" } ?? "-"
    }
  }
}

extension Result {
  var failureValue: Failure? {
    if case .failure(let error) = self { return error }
    return nil
  }
}
