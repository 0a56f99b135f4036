import Dispatch

/// Work spread over every core, with results in input order (so output stays deterministic).
enum ParallelMap {
  /// `transform` applied to each of `items`, on as many threads as there are cores
  /// (`DispatchQueue.concurrentPerform`); each call writes only its own slot of the result.
  static func map<Item: Sendable, Result: Sendable>(
    _ items: [Item], _ transform: @escaping @Sendable (Item) -> Result
  ) -> [Result] {
    guard items.count > 1 else { return items.map(transform) }
    let slots = Slots<Result>(count: items.count)
    defer { slots.free() }
    DispatchQueue.concurrentPerform(iterations: items.count) { index in
      slots.store(transform(items[index]), at: index)
    }
    return slots.values()
  }

  /// One result slot per item. Unchecked Sendable: every concurrent call writes a different
  /// index, and the slots are read only after `concurrentPerform` has returned.
  private struct Slots<Value>: @unchecked Sendable {
    let base: UnsafeMutableBufferPointer<Value?>

    init(count: Int) {
      base = .allocate(capacity: count)
      base.initialize(repeating: nil)
    }

    func store(_ value: Value, at index: Int) { base[index] = value }

    func values() -> [Value] { base.map { $0! } }

    func free() {
      base.deinitialize()
      base.deallocate()
    }
  }
}
