import Testing

@testable import DeptagKit

/// `LexicalPath.normalize`, and its fast path agreeing with the full one.
@Suite struct LexicalPathTests {
  @Test(arguments: [
    ("a/b", "a/b"), ("/a/b", "/a/b"), ("/", "/"), ("", "."), (".", "."), ("./a", "a"), ("a/./b", "a/b"),
    ("a//b", "a/b"), ("a/b/", "a/b"), ("a/../b", "b"), ("../a", "../a"), ("/../a", "/a"), ("a/..", "."),
    ("...", "..."), ("a/.../b", "a/.../b"), (".a/b.", ".a/b."), ("//a", "/a"), ("..", ".."),
  ])
  func normalizes(_ input: String, _ expected: String) {
    #expect(LexicalPath.normalize(input) == expected)
  }

  @Test func theFastPathOnlyKeepsPathsNormalizeWouldKeep() {
    var generator = SeededGenerator(seed: 7)
    let parts = ["a", "bc", ".", "..", "...", "", ".x", "x.", "é"]
    for _ in 0..<20_000 {
      let count = Int.random(in: 0...4, using: &generator)
      var path = (0..<count).map { _ in parts.randomElement(using: &generator)! }.joined(separator: "/")
      if Bool.random(using: &generator) { path = "/" + path }
      let slow = slowNormalize(path)
      // `..` components and the path `.` always take the full algorithm (which keeps them).
      let cleanWithoutDotDot = slow == path && !path.split(separator: "/").contains("..") && path != "."
      #expect(LexicalPath.isNormalized(path) == cleanWithoutDotDot, "\(path)")
      #expect(LexicalPath.normalize(path) == slow, "\(path)")
    }
  }

  /// The component algorithm alone (Python's `posixpath.normpath`), without the fast path.
  private func slowNormalize(_ path: String) -> String {
    let absolute = path.hasPrefix("/")
    var kept: [Substring] = []
    for part in path.split(separator: "/") where part != "." {
      if part == ".." {
        if let last = kept.last, last != ".." { kept.removeLast() } else if !absolute { kept.append(part) }
      } else {
        kept.append(part)
      }
    }
    let joined = kept.joined(separator: "/")
    return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
  }
}
