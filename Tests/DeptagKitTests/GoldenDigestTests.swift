import Foundation
import Testing

@testable import DeptagKit

/// The digests of the examples and of a table of inputs are frozen: a changed digest is a
/// breaking change for users' tags and needs a canonical-format version bump and a CHANGELOG
/// entry. The reviewed canonical text sits beside each digest in `Golden/`.
/// `RECORD_GOLDEN=1 swift test --filter GoldenDigestTests` rewrites them (review the diff!), but
/// refuses to change a digest recorded under the current format version.
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
    text += "### format \(DigestFraming.formatVersion)\n### digest\n\(digest)\n"
    try check(text, against: "\(name).golden")
  }

  /// Small inputs whose digests are pinned outright (no file needed to read them).
  static let table: [(String, String)] = [
    ("", "EMPTY"),
    ("Django==3.2\n", "DJANGO"),
    ("--index-url https://x/simple\nrequests[socks]>=2,<3; python_version >= '3.8'\n", "INDEXED"),
    ("-e git+https://h/r.git#egg=r\nfoo --hash=sha256:AA\n", "EDITABLE"),
  ]

  /// One small input of every other kind, read from memory under its own file name (each row:
  /// label, kind, files; the first file is the one named).
  static let kindTable: [(String, ManifestKind, [(String, String)])] = [
    ("PIP-CONSTRAINTS", .pip, [("requirements.txt", "-c pins.txt\na\n"), ("pins.txt", "a<2\n")]),
    ("GOMOD", .gomod, [("go.mod", "module m\n\ngo 1.22\n\nrequire example.com/a v1.2.3\n\nreplace example.com/a => example.com/b v1.0.0\n")]),
    ("GOSUM", .gosum, [("go.sum", "example.com/a v1.2.3 h1:AAAA=\nexample.com/a v1.2.3/go.mod h1:BBBB=\n")]),
    ("GOWORK", .gowork, [("go.work", "go 1.22\n\nuse ./app\n\nreplace example.com/a => example.com/b v1.0.0\n")]),
    ("NPM", .npm, [("package.json", #"{"name": "x", "dependencies": {"a": "^1.2.3"}, "engines": {"node": ">=20"}}"#)]),
    (
      "NPM-LOCK", .npmLock,
      [("package-lock.json", #"{"lockfileVersion": 3, "packages": {"": {"dependencies": {"a": "^1.2.3"}}, "node_modules/a": {"version": "1.2.4", "integrity": "sha512-AA"}}}"#)]
    ),
    (
      "MAVEN", .maven,
      [("pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>g</groupId><artifactId>a</artifactId><version>1</version><dependencies><dependency><groupId>x</groupId><artifactId>y</artifactId><version>2</version></dependency></dependencies></project>")]
    ),
  ]

  static func digest(_ files: [(String, String)], kind: ManifestKind) throws -> String {
    let reader = MemoryReader(Dictionary(uniqueKeysWithValues: files))
    let loaded = try ManifestLoader(reader: reader).load(paths: [files[0].0], type: kind)
    return DigestFraming.digest(DigestInput(manifests: loaded.manifests))
  }

  /// The table starts with the format version it was recorded under; every digest in it is
  /// frozen for that version.
  @Test func pinnedDigests() throws {
    var text = "FORMAT \(DigestFraming.formatVersion)\n"
    for (input, label) in Self.table {
      text += "\(label) \(try Pip.digest(input))\n"
    }
    for (label, kind, files) in Self.kindTable {
      text += "\(label) \(try Self.digest(files, kind: kind))\n"
    }
    // Several kinds together, with --with bytes and salts: the whole framing.
    let reader = MemoryReader(Dictionary(uniqueKeysWithValues: Self.kindTable.flatMap(\.2)))
    let loaded = try ManifestLoader(reader: reader).load(paths: Self.kindTable.map(\.2[0].0), type: nil)
    let all = DigestInput(manifests: loaded.manifests, withFiles: [[0x00, 0xFF], Array("FROM x\n".utf8)], salts: ["linux/amd64", "", "3.12"])
    text += "ALL-KINDS-WITH-SALT \(DigestFraming.digest(all))\n"
    try check(text, against: "table.golden")
  }

  /// PRODUCT.md principle 3: a digest changes only with a bump of the canonical format version
  /// and a CHANGELOG entry naming it. The golden table records the version (and re-recording it
  /// with other digests under the same version is refused, see `check`); the CHANGELOG must
  /// name the current one.
  @Test func formatVersionIsRecordedAndInTheChangelog() throws {
    let table = try String(contentsOf: Self.golden.appendingPathComponent("table.golden"), encoding: .utf8)
    #expect(
      Self.recording
        || table.hasPrefix("FORMAT \(DigestFraming.formatVersion)\n"),
      "the format version is now \(DigestFraming.formatVersion): re-record the golden files (RECORD_GOLDEN=1) and add a CHANGELOG entry")
    let changelog = try String(contentsOf: Self.packageRoot.appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
    #expect(changelog.contains("`\(DigestFraming.formatVersion)`"), "CHANGELOG.md has no entry for \(DigestFraming.formatVersion)")
  }

  /// The digest lines of a golden text: `LABEL hex` rows of the table, the line after `### digest`.
  static func digestLines(_ text: String) -> [String: String] {
    var result: [String: String] = [:]
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    for (i, line) in lines.enumerated() {
      if line == "### digest", i + 1 < lines.count { result["### digest"] = lines[i + 1] }
      let parts = line.split(separator: " ")
      if parts.count == 2, parts[0].allSatisfy({ $0.isUppercase || $0 == "-" }), parts[1].allSatisfy(\.isHexDigit) {
        result[String(parts[0])] = String(parts[1])
      }
    }
    return result
  }

  /// The format version a golden text was recorded under (its `FORMAT` or `### format` line).
  static func recordedVersion(_ text: String) -> String? {
    for line in text.split(separator: "\n") {
      for prefix in ["FORMAT ", "### format "] where line.hasPrefix(prefix) { return String(line.dropFirst(prefix.count)) }
    }
    return nil
  }

  private func check(_ actual: String, against file: String) throws {
    let url = Self.golden.appendingPathComponent(file)
    if Self.recording || !FileManager.default.fileExists(atPath: url.path) {
      if let old = try? String(contentsOf: url, encoding: .utf8), Self.recordedVersion(old) == DigestFraming.formatVersion {
        let before = Self.digestLines(old), after = Self.digestLines(actual)
        let changed = before.keys.filter { after[$0] != nil && after[$0] != before[$0] }.sorted()
        if !changed.isEmpty {
          Issue.record("not recording \(file): \(changed) changed under \(DigestFraming.formatVersion); bump the format version and add a CHANGELOG entry")
          return
        }
      }
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
