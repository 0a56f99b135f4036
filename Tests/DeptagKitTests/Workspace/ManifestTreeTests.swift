import Foundation
import Testing

@testable import DeptagKit

/// A temporary tree of files for the walker tests (relative path → contents).
func makeTree(_ files: [String: String]) throws -> TemporaryDirectory {
  let tree = try TemporaryDirectory("deptag-tree")
  for (path, contents) in files {
    let url = tree.url.appendingPathComponent(path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(contents.utf8).write(to: url)
  }
  return tree
}

/// Runs git (no shell) in `directory`; nil when git is not installed.
@discardableResult
func git(_ arguments: [String], in directory: URL) throws -> ProcessResult? {
  guard FileManager.default.isExecutableFile(atPath: "/usr/bin/git") else { return nil }
  return try runProcess("/usr/bin/git", arguments, in: directory)
}

/// `ManifestTree`: which directories hold manifests, what is skipped, and in which order.
@Suite struct ManifestTreeTests {
  static func paths(_ tree: ManifestTree) -> [String] { tree.directories.map(\.path) }

  @Test func findsEveryDirectoryWithAnExactlyNamedManifestAndNothingElse() throws {
    let dir = try makeTree([
      "requirements.txt": "a\n",
      "svc/api/go.mod": "module x\n", "svc/api/go.sum": "",
      "web/package.json": "{}", "web/package-lock.json": "{}",
      "java/pom.xml": "<project/>",
      "docs/requirements-dev.txt": "a\n",  // a variant: not a directory manifest
      "notes/README": "x",
      "deep/a/b/c/d/go.work": "go 1.22\n",
    ])
    defer { dir.remove() }
    let tree = try ManifestTree.walk(dir.url.path)
    #expect(Self.paths(tree) == [".", "deep/a/b/c/d", "java", "svc/api", "web"])
    #expect(tree.directories.first { $0.path == "svc/api" }?.manifestNames == ["go.mod", "go.sum"])
    #expect(tree.directories.first { $0.path == "web" }?.manifestNames == ["package.json", "package-lock.json"])
    #expect(tree.failures.isEmpty && tree.warnings.isEmpty)
  }

  @Test func skipsTheFixedListButOnlyAsDirectories() throws {
    let names = [".git", "node_modules", "vendor", ".build", "target", ".venv"]
    var files: [String: String] = ["app/requirements.txt": "a\n"]
    for name in names {
      files["\(name)/go.mod"] = "module x\n"
      files["app/\(name)/dep/package.json"] = "{}"
    }
    files["vendorized/go.mod"] = "module x\n"  // a name that only starts like a skipped one
    let dir = try makeTree(files)
    defer { dir.remove() }
    #expect(Self.paths(try ManifestTree.walk(dir.url.path)) == ["app", "vendorized"])
    // The root itself is walked whatever its name.
    #expect(Self.paths(try ManifestTree.walk(dir.url.appendingPathComponent("vendor").path)) == ["."])
  }

  @Test func symbolicLinksToDirectoriesAreNotFollowedButLinksToManifestsCount() throws {
    let dir = try makeTree(["a/requirements.txt": "a\n", "shared/pom.xml": "<project/>"])
    defer { dir.remove() }
    let fm = FileManager.default
    try fm.createSymbolicLink(atPath: dir.url.appendingPathComponent("a/loop").path, withDestinationPath: "..")
    try fm.createSymbolicLink(atPath: dir.url.appendingPathComponent("a/self").path, withDestinationPath: ".")
    try fm.createSymbolicLink(atPath: dir.url.appendingPathComponent("alias").path, withDestinationPath: "shared")
    try fm.createDirectory(at: dir.url.appendingPathComponent("b"), withIntermediateDirectories: true)
    try fm.createSymbolicLink(atPath: dir.url.appendingPathComponent("b/pom.xml").path, withDestinationPath: "../shared/pom.xml")
    try fm.createSymbolicLink(atPath: dir.url.appendingPathComponent("b/go.mod").path, withDestinationPath: "missing")
    let tree = try ManifestTree.walk(dir.url.path)
    #expect(Self.paths(tree) == ["a", "b", "shared"])
    #expect(tree.directories.first { $0.path == "b" }?.manifestNames == ["pom.xml"])
  }

  @Test func sortsByPathBytes() throws {
    let dir = try makeTree([
      "a/go.mod": "", "a-b/go.mod": "", "a/b/go.mod": "", "B/go.mod": "", "a0/go.mod": "",
      "é/go.mod": "", "z/go.mod": "", "go.mod": "", "-x/go.mod": "",
    ])
    defer { dir.remove() }
    // '-' (0x2D) < '.' (0x2E) < '/' (0x2F) < '0' < 'B' < 'a' < 'z' < 0xC3 (é in UTF-8)
    #expect(Self.paths(try ManifestTree.walk(dir.url.path)) == ["-x", ".", "B", "a", "a-b", "a/b", "a0", "z", "é"])
  }

  @Test func anEmptyTreeHasNoDirectoriesAndAFileIsNotATree() throws {
    let dir = try makeTree(["empty/.keep": "", "src/main.swift": ""])
    defer { dir.remove() }
    let tree = try ManifestTree.walk(dir.url.path)
    #expect(tree.directories.isEmpty && tree.failures.isEmpty)
    #expect(throws: DeptagError.self) { try ManifestTree.walk(dir.url.appendingPathComponent("src/main.swift").path) }
    #expect(throws: DeptagError.self) { try ManifestTree.walk(dir.url.appendingPathComponent("nope").path) }
  }

  @Test func pathsAreWhatTheUserWouldType() {
    func tree(_ root: String) -> ManifestTree { ManifestTree(root: root, directories: [], failures: [], warnings: []) }
    #expect(tree(".").path(of: ".") == ".")
    #expect(tree(".").path(of: "a/b") == "a/b")
    #expect(tree("./").path(of: "a") == "a")
    #expect(tree("svc").path(of: "a") == "svc/a")
    #expect(tree("svc/").path(of: "a") == "svc/a")
    #expect(tree("svc/").path(of: ".") == "svc/")
    #expect(tree("/").path(of: "a") == "/a")
    #expect(tree("/x/y").path(of: "a") == "/x/y/a")
  }

  @Test func anUnreadableSubdirectoryIsAFailureAndTheWalkGoesOn() throws {
    guard getuid() != 0 else { return }  // root reads every directory
    let dir = try makeTree(["ok/go.mod": "", "locked/inner/go.mod": ""])
    defer {
      chmod(dir.url.appendingPathComponent("locked").path, 0o755)
      dir.remove()
    }
    chmod(dir.url.appendingPathComponent("locked").path, 0)
    let tree = try ManifestTree.walk(dir.url.path)
    #expect(Self.paths(tree) == ["ok"])
    #expect(tree.failures.map(\.path) == ["locked"])
    #expect(tree.failures.first?.error.message.contains("cannot read directory") == true)
  }

  @Test func gitIgnoredManifestsAndFoldersAreDroppedTrackedOnesKept() throws {
    let dir = try makeTree([
      ".gitignore": "build/\ngenerated/*.json\n/local\n",
      "app/requirements.txt": "a\n",
      "build/out/package.json": "{}",
      "generated/package.json": "{}",
      "local/go.mod": "",
      "mixed/go.mod": "", "mixed/package.json": "{}",
      "mixed/.gitignore": "package.json\n",
      "kept/package.json": "{}", "kept/.gitignore": "package.json\n",
    ])
    defer { dir.remove() }
    guard let initialised = try git(["init", "-q"], in: dir.url), initialised.status == 0 else { return }
    try git(["add", "-f", "kept/package.json"], in: dir.url)  // tracked: never ignored
    #expect(Self.paths(try ManifestTree.walk(dir.url.path)) == ["app", "build/out", "generated", "kept", "local", "mixed"])
    let filtered = try ManifestTree.walkSkippingGitIgnored(dir.url.path)
    #expect(Self.paths(filtered) == ["app", "kept", "mixed"])
    // The partly ignored directory keeps all its manifests (= `deptag digest mixed`) and says so.
    #expect(filtered.directories.first { $0.path == "mixed" }?.manifestNames == ["go.mod", "package.json"])
    #expect(filtered.warnings.count == 1)
    #expect(filtered.warnings.first?.message.contains("mixed/package.json: git ignores this file") == true)
    // From a subfolder, git's answers are relative to it too.
    let sub = try ManifestTree.walkSkippingGitIgnored(dir.url.appendingPathComponent("mixed").path)
    #expect(Self.paths(sub) == ["."])
    // A root that git ignores was named on purpose: it is walked, with a warning.
    let build = try ManifestTree.walkSkippingGitIgnored(dir.url.appendingPathComponent("build").path)
    #expect(Self.paths(build) == ["out"])
    #expect(build.warnings.first?.message.contains("git ignores this directory") == true)
  }

  @Test func ignoredPathsArePrunedAsGiven() throws {
    let dir = try makeTree(["a/go.mod": "", "a/deep/go.mod": "", "b/go.mod": "", "b/package.json": "{}", "c/pom.xml": ""])
    defer { dir.remove() }
    let ignored = GitIgnored.Paths(directories: ["a/deep", "c"], files: ["b/package.json", "a/go.mod"])
    let tree = try ManifestTree.walk(dir.url.path, ignoring: ignored)
    #expect(Self.paths(tree) == ["b"])
    #expect(tree.directories[0].manifestNames == ["go.mod", "package.json"])
    #expect(tree.warnings.map(\.message) == ["\(dir.url.path)/b/package.json: git ignores this file, but it is hashed: the digest of \(dir.url.path)/b is what 'deptag digest \(dir.url.path)/b' prints"])
  }

  @Test func outsideARepositoryOnlyTheFixedListApplies() throws {
    let dir = try makeTree([".gitignore": "build/\n", "build/go.mod": "", "go.mod": ""])
    defer { dir.remove() }
    let filtered = try ManifestTree.walkSkippingGitIgnored(dir.url.path)
    #expect(filtered == (try ManifestTree.walk(dir.url.path)))
    #expect(Self.paths(filtered) == [".", "build"])
  }
}
