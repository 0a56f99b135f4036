import Testing

@testable import DeptagKit

/// Properties over generated go.mod files: layout, order, `// indirect` and the module path
/// never change the digest; distinct require sets always do (go-modules.md §7.1).
@Suite struct GoPropertyTests {
  /// The shared SplitMix64 generator, with the two helpers these properties use.
  struct Random {
    var generator: SeededGenerator
    init(state: UInt64) { generator = SeededGenerator(seed: state) }
    mutating func next() -> UInt64 { generator.next() }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func shuffle<T>(_ items: [T]) -> [T] {
      var items = items
      for i in stride(from: items.count - 1, to: 0, by: -1) { items.swapAt(i, below(i + 1)) }
      return items
    }
  }

  struct Require {
    var path: String
    var version: String
    var indirect: Bool
  }

  static func requires(seed: UInt64, count: Int) -> [Require] {
    var random = Random(state: seed)
    return (0..<count).map { i in
      Require(
        path: "example.com/org\(random.below(5))/mod\(i)", version: "v1.\(random.below(20)).\(random.below(5))",
        indirect: random.below(3) == 0)
    }
  }

  /// One layout of a go.mod holding `requires`.
  static func render(_ requires: [Require], module: String, seed: UInt64, blocks: Bool, toggleIndirect: Bool = false) -> String {
    var random = Random(state: seed)
    var lines = ["module \(module)", "", "go 1.21", ""]
    var pending: [String] = []
    func flush() {
      guard !pending.isEmpty else { return }
      lines += ["require ("] + pending.map { "\t" + $0 } + [")", ""]
      pending = []
    }
    for require in random.shuffle(requires) {
      let indirect = require.indirect != toggleIndirect
      let entry = "\(require.path) \(require.version)" + (indirect ? " // indirect" : "")
      if blocks {
        pending.append(entry)
        if random.below(4) == 0 { flush() }  // several blocks of one verb
      } else {
        lines.append("require " + entry)
      }
    }
    flush()
    lines += ["exclude example.com/bad v1.0.0", "replace example.com/org0/mod0 => example.com/fork/mod0 v1.0.0"]
    return lines.joined(separator: "\n") + "\n"
  }

  @Test(arguments: 0..<25) func layoutOrderIndirectAndModulePathDoNotMatter(_ seed: Int) throws {
    let requires = Self.requires(seed: UInt64(seed), count: 1 + seed % 12)
    let reference = try GoFiles.digest(Self.render(requires, module: "example.com/app", seed: 1, blocks: true))
    let shuffled = Self.render(requires, module: "example.com/app", seed: UInt64(seed) + 100, blocks: true)
    let singleLines = Self.render(requires, module: "example.com/app", seed: UInt64(seed) + 200, blocks: false)
    let toggled = Self.render(requires, module: "example.com/app", seed: 3, blocks: true, toggleIndirect: true)
    let renamed = Self.render(requires, module: "github.com/someone/else/v3", seed: 4, blocks: false)
    for variant in [shuffled, singleLines, toggled, renamed] {
      #expect(try GoFiles.digest(variant) == reference, "\(variant)")
    }
  }

  @Test func distinctRequireSetsGiveDistinctDigests() throws {
    var digests = Set<String>()
    var sets = Set<[String]>()
    for seed in 0..<300 {
      let requires = Self.requires(seed: UInt64(seed) &* 7919, count: 1 + seed % 6)
      let key = requires.map { "\($0.path) \($0.version)" }.sorted()
      guard sets.insert(key).inserted else { continue }
      digests.insert(try GoFiles.digest(Self.render(requires, module: "m", seed: UInt64(seed), blocks: seed % 2 == 0)))
    }
    #expect(sets.count > 250)
    #expect(digests.count == sets.count)
  }

  /// Changing any one require's version changes the digest.
  @Test(arguments: 0..<10) func anyVersionChangeChangesTheDigest(_ seed: Int) throws {
    var requires = Self.requires(seed: UInt64(seed) + 1000, count: 8)
    let before = try GoFiles.digest(Self.render(requires, module: "m", seed: 1, blocks: true))
    requires[seed % 8].version += "-rc.1"
    #expect(try GoFiles.digest(Self.render(requires, module: "m", seed: 1, blocks: true)) != before)
  }
}
