import Testing

@testable import DeptagKit

/// `DependencyKeyTable` (issue #8): ids in insertion order, repeats found by bytes, non-ASCII
/// keys refused (a non-ASCII key may equal an ASCII one as a String).
@Suite struct DependencyKeyTableTests {
  static func insert(_ table: inout DependencyKeyTable, _ key: String) -> (id: Int, inserted: Bool)? {
    Array(key.utf8).withUnsafeBufferPointer { table.insert($0) }
  }

  @Test func idsAndRepeats() {
    var table = DependencyKeyTable(capacity: 300)
    for n in 0..<300 {
      let result = Self.insert(&table, "g\(n % 150):a")
      #expect(result?.id == n % 150)
      #expect(result?.inserted == (n < 150))
    }
    #expect(table.count == 150)
    #expect(table.key(7) == "g7:a")
  }

  @Test func distinctKeysOfEveryLength() {
    var table = DependencyKeyTable(capacity: 40)
    for n in 0..<40 { #expect(Self.insert(&table, String(repeating: "x", count: n))! == (n, true)) }
    for n in 0..<40 { #expect(Self.insert(&table, String(repeating: "x", count: n))! == (n, false)) }
  }

  @Test func nonASCIIKeysAreRefused() {
    var table = DependencyKeyTable(capacity: 4)
    #expect(Self.insert(&table, "K:a") != nil)
    #expect(Self.insert(&table, "\u{212A}:a") == nil)
    #expect(Self.insert(&table, "é:a") == nil)
    #expect(table.count == 1)
  }
}
