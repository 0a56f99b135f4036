import Foundation
import Testing

@testable import DeptagKit

/// The digests of the examples and of a table of inputs are frozen: a changed digest is a
/// breaking change for users' tags and needs a canonical-format version bump and a CHANGELOG
/// entry. The reviewed canonical text sits beside each digest in `Golden/`.
/// `RECORD_GOLDEN=1 swift test --filter GoldenDigestTests` rewrites them (review the diff!).
@Suite struct GoldenDigestTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  static let packageRoot = root.deletingLastPathComponent().deletingLastPathComponent()
  static let golden = root.appendingPathComponent("Golden")
  static let recording = ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1"

  /// Example manifests and the golden file holding their canonical text.
  static let examples = [
    ("Examples/python/requirements.txt", "python-requirements"),
    ("Examples/go", "go-module"),
    ("Examples/maven/pom.xml", "maven-pom"),
    ("Examples/node", "node"),
  ]

  @Test(arguments: examples) func exampleCanonicalTextAndDigest(_ example: (String, String)) throws {
    let (path, name) = example
    // Paths stay relative to the package root (they appear in the golden text), without
    // changing the process's working directory under tests that run in parallel.
    let loader = ManifestLoader(reader: RootedReader(root: Self.packageRoot.path))
    let loaded = try loader.load(paths: [path], type: nil)
    let digest = DigestFraming.fullDigest(DigestInput(manifests: loaded.manifests))
    var text = ""
    for manifest in loaded.manifests {
      text += "### \(manifest.kind.rawValue) \(manifest.path)\n\(manifest.canonicalText)"
    }
    text += "### digest\n\(digest)\n"
    try check(text, against: "\(name).golden")
  }

  /// Small inputs whose digests are pinned outright (no file needed to read them).
  static let table: [(String, String)] = [
    ("", "EMPTY"),
    ("Django==3.2\n", "DJANGO"),
    ("--index-url https://x/simple\nrequests[socks]>=2,<3; python_version >= '3.8'\n", "INDEXED"),
    ("-e git+https://h/r.git#egg=r\nfoo --hash=sha256:AA\n", "EDITABLE"),
  ]

  @Test func pinnedDigests() throws {
    var text = ""
    for (input, label) in Self.table {
      text += "\(label) \(try Pip.digest(input))\n"
    }
    try check(text, against: "table.golden")
  }

  private func check(_ actual: String, against file: String) throws {
    let url = Self.golden.appendingPathComponent(file)
    if Self.recording || !FileManager.default.fileExists(atPath: url.path) {
      try Data(actual.utf8).write(to: url)
      if !Self.recording { Issue.record("recorded missing golden file \(file); review and commit it") }
      return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(actual == expected, "golden \(file) changed: a digest change needs a format-version bump")
  }
}

/// Reads files relative to a root directory while naming them by their relative paths.
struct RootedReader: SourceReader {
  var root: String
  let files = FileSystemReader()

  func full(_ path: String) -> String { LexicalPath.join(root, path) }

  func read(path: String) throws(DeptagError) -> SourceFile {
    SourceFile(path: path, bytes: try files.read(path: full(path)).bytes)
  }

  func entryType(at path: String) -> FileEntryType { files.entryType(at: full(path)) }
  func absolutePath(_ path: String) -> String { full(path) }
  func readStandardInput() throws(DeptagError) -> SourceFile { try files.readStandardInput() }
}
