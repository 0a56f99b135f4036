import Testing

@testable import DeptagKit

/// Junk never crashes or hangs the reader: it is accepted or refused with a positioned error.
@Suite struct PipRobustnessTests {
  @Test func randomBytesEndCleanly() {
    var rng = SeededGenerator(seed: 2024)
    let alphabet = Array("abcXYZ019 =<>!~;@#[],.-_'\"\\\t\n\r$/{}()*+:".utf8)
    for round in 0..<3000 {
      let count = Int.random(in: 0..<120, using: &rng)
      let bytes: [UInt8] = (0..<count).map { _ in
        round % 3 == 0 ? UInt8.random(in: 0...255, using: &rng) : alphabet.randomElement(using: &rng)!
      }
      let reader = MemoryReader(bytes: ["requirements.txt": bytes])
      do {
        _ = try ManifestLoader(reader: reader).load(paths: ["requirements.txt"], type: nil)
      } catch {
        #expect(error.location == nil || error.location!.line >= 1 && error.location!.column >= 1)
      }
    }
  }

  @Test func deepIncludeChainsStop() {
    var files: [String: String] = [:]
    for i in 0..<200 { files["f\(i).txt"] = "-r f\(i + 1).txt\n" }
    #expect(Pip.error("-r f0.txt\n", files: files)?.message.contains("nested more than") == true)
  }

  /// Marker parentheses recurse: 200 levels parse, deeper is an error (200,000 overflowed the stack).
  @Test func markerNestingIsBounded() throws {
    func nested(_ depth: Int) -> String {
      "a; " + String(repeating: "(", count: depth) + "python_version > '3'" + String(repeating: ")", count: depth) + "\n"
    }
    let limit = MarkerParser.maximumDepth
    #expect(try Pip.digest(nested(limit)) == Pip.digest("a; python_version > '3'\n"))
    let error = try #require(Pip.error(nested(limit + 1)))
    #expect(error.message.contains("nested more than \(limit) parentheses deep"))
    #expect(error.position == "1:\(4 + limit)")
    #expect(Pip.error(nested(200_000))?.message.contains("nested more than") == true)
  }

  /// pip rereads a file each time it is included: a chain where each file includes the next
  /// twice is 2^n reads. A 10-level one (2,046 includes) is read; a 30-level one stops at the total.
  @Test func includeBombsStop() throws {
    func bomb(_ levels: Int) -> [String: String] {
      var files = ["f\(levels).txt": "x\n"]
      for i in 1..<levels { files["f\(i).txt"] = "-r f\(i + 1).txt\n-r f\(i + 1).txt\n" }
      return files
    }
    #expect(try Pip.normalize("-r f1.txt\n-r f1.txt\n", files: bomb(10)) == "x\n")
    let error = try #require(Pip.error("-r f1.txt\n-r f1.txt\n", files: bomb(30)))
    #expect(error.message.contains("more than \(PipIncludeWalker.maximumIncludes) includes in all"))
  }
}
