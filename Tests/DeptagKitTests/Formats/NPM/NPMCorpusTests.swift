import Foundation
import Testing

@testable import DeptagKit

/// Every npm file of the shared corpus (`../shared/corpus/npm`, `../shared/corpus/real/npm`)
/// with deptag's recorded outcome: "ok", or the error's "LINE:COL". A change here is a change of
/// behaviour to review, not a number to re-record.
@Suite struct NPMCorpusTests {
  static let corpus = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("../shared/corpus").standardized

  static let expected: [String: (outcome: String, note: String)] = [
    "npm/dependabot-devengines-object.package.json": ("ok", "devEngines kept (conservative)"),
    "npm/dependabot-mixed-dependencies.package.json": ("ok", ""),
    "npm/dependabot-simple-with-overrides.package.json": ("ok", "npm 10 fails with EOVERRIDE at install; hashing it is acceptable (§1.9)"),
    "npm/express-4.16.2.package.json": ("ok", ""),
    "npm/scalibr-all-deps.package.json": ("ok", "precedence: prod-shared and shared-non-prod end up in devDependencies"),
    "npm/scalibr-duplicate-keys.package.json": ("ok", "my-dep in dependencies and devDependencies: dev only"),
    "npm/scalibr-express-app.package.json": ("ok", ""),
    "npm/scalibr-undici.package.json": ("ok", "prepare kept, the other scripts dropped"),
    "npm/syft-example-npm.package.json": ("ok", ""),
    "npm/syft-v1.package-lock.json": ("ok", "lockfileVersion 1"),
    "npm/syft-v3.package-lock.json": ("ok", "lockfileVersion 3"),
    "real/npm/microsoft__vscode/package.json": ("ok", ""),
    "real/npm/npm__cli/package-lock.json": ("ok", "lockfileVersion 3, workspaces, 590 KB"),
    "real/npm/npm__cli/package.json": ("ok", "workspaces warned about"),
    "real/npm/vercel__next.js/package.json": ("ok", "pnpm and resolutions kept"),
  ]

  /// Corpus files relative to the corpus folder, sorted.
  static var files: [String] {
    var result: [String] = []
    for top in ["npm", "real/npm"] {
      let root = corpus.appendingPathComponent(top)
      guard let walker = FileManager.default.enumerator(atPath: root.path) else { continue }
      while let relative = walker.nextObject() as? String {
        if relative.hasSuffix(".json") { result.append("\(top)/\(relative)") }
      }
    }
    return result.sorted()
  }

  static func kind(of relative: String) -> ManifestKind {
    relative.hasSuffix("package-lock.json") ? .npmLock : .npm
  }

  static func outcome(_ relative: String) -> String {
    let loader = ManifestLoader(reader: FileSystemReader())
    let path = corpus.appendingPathComponent(relative).path
    do throws(DeptagError) {
      let text = try loader.normalize(path: path, type: kind(of: relative)).text
      // What is hashed is what is built: the canonical form reads back to itself.
      let again = try PackageJSONRoundTrip.normalize(text, kind: kind(of: relative))
      return again == text ? "ok" : "not idempotent"
    } catch {
      return error.location.map { "\($0.line):\($0.column)" } ?? "-"
    }
  }

  @Test func everyCorpusFileHasItsRecordedOutcome() {
    guard FileManager.default.fileExists(atPath: Self.corpus.appendingPathComponent("npm").path) else {
      print("skipped: \(Self.corpus.path)/npm is absent")
      return
    }
    let files = Self.files
    #expect(Set(files) == Set(Self.expected.keys), "corpus files and recorded outcomes differ")
    for file in files {
      #expect(Self.outcome(file) == Self.expected[file]?.outcome, "\(file)")
    }
  }
}

enum PackageJSONRoundTrip {
  static func normalize(_ text: String, kind: ManifestKind) throws(DeptagError) -> String {
    let source = SourceFile(path: "x", bytes: Array(text.utf8))
    let format: any ManifestFormat = kind == .npm ? NPMFormat() : NPMLockFormat()
    return try format.load(source, reader: MemoryReader([:])).manifests[0].canonicalText
  }
}
