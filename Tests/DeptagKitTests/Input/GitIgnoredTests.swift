import Foundation
import Testing

@testable import DeptagKit

/// `GitIgnored`: one `git ls-files` answer, split into whole directories and single files.
@Suite struct GitIgnoredTests {
  @Test func directoriesAndFilesRelativeToTheRootAsked() throws {
    let dir = try makeTree([
      ".gitignore": "out/\n*.lock\n", "out/a/go.mod": "", "src/x.lock": "", "src/go.mod": "",
      "only-ignored/y.lock": "",
    ])
    defer { dir.remove() }
    guard let initialised = try git(["init", "-q"], in: dir.url), initialised.status == 0 else { return }
    #expect(GitIgnored.paths(under: dir.url.path) == .ignored(GitIgnored.Paths(
      directories: ["out", "only-ignored"], files: ["src/x.lock", "only-ignored/y.lock"])))
    #expect(GitIgnored.paths(under: dir.url.appendingPathComponent("src").path) == .ignored(GitIgnored.Paths(files: ["x.lock"])))
    #expect(GitIgnored.paths(under: dir.url.appendingPathComponent("out").path) == .rootIgnored)
    // A tracked file is never ignored, and its folder is no longer reported whole.
    try git(["add", "-f", "out/a/go.mod"], in: dir.url)
    #expect(GitIgnored.paths(under: dir.url.path) == .ignored(GitIgnored.Paths(
      directories: ["only-ignored"], files: ["src/x.lock", "only-ignored/y.lock"])))
  }

  @Test func outsideARepositoryNothingIsIgnored() throws {
    let dir = try makeTree([".gitignore": "*\n", "go.mod": ""])
    defer { dir.remove() }
    #expect(GitIgnored.paths(under: dir.url.path) == .noRepository)
  }
}
