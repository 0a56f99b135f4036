import Testing

@testable import DeptagKit

/// `ParallelMap`: every item transformed once, results in input order.
@Suite struct ParallelMapTests {
  @Test func resultsKeepTheInputOrder() {
    let items = Array(0..<5_000)
    #expect(ParallelMap.map(items) { $0 * 2 } == items.map { $0 * 2 })
    #expect(ParallelMap.map([7]) { $0 + 1 } == [8])
    #expect(ParallelMap.map([Int]()) { $0 }.isEmpty)
  }

  @Test func stringsSurviveTheThreads() {
    let items = (0..<2_000).map { "item-\($0)" }
    #expect(ParallelMap.map(items) { $0.uppercased() } == items.map { $0.uppercased() })
  }
}
