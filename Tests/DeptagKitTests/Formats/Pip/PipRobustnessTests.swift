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
}
