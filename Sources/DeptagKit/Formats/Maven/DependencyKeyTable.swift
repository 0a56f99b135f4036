/// The distinct keys of a dependency list, found by their bytes (issue #8: `.canonicalText`
/// makes no String per key, and hashes each key's bytes once, without a Dictionary).
///
/// For ASCII keys only: two ASCII strings are equal as Strings (canonical equivalence) exactly
/// when their bytes are, but a non-ASCII key may equal an ASCII one (U+212A KELVIN SIGN is `K`),
/// so `insert` refuses a key with a non-ASCII byte and the caller uses String keys instead.
/// Hashing is Swift's seeded `Hasher`, as a Dictionary's: no input can be made to collide.
struct DependencyKeyTable {
  /// Key `id` is `bytes[starts[id]..<starts[id + 1]]`.
  private var bytes: [UInt8] = []
  private var starts: [Int] = [0]
  private var hashes: [Int] = []
  /// Open addressing, linear probing: a key's id, or -1. At most half full.
  private var slots: [Int]
  private let mask: Int

  /// A table for at most `capacity` distinct keys.
  init(capacity: Int) {
    var size = 16
    while size < 2 * capacity { size *= 2 }
    slots = Array(repeating: -1, count: size)
    mask = size - 1
    hashes.reserveCapacity(capacity)
    starts.reserveCapacity(capacity + 1)
    bytes.reserveCapacity(32 * capacity)
  }

  /// How many distinct keys the table holds.
  var count: Int { hashes.count }

  /// The id of the key equal to `key`, and whether it was added now (ids count from 0 in the
  /// order keys are added); nil when `key` is not ASCII (nothing is added then).
  mutating func insert(_ key: UnsafeBufferPointer<UInt8>) -> (id: Int, inserted: Bool)? {
    var high: UInt8 = 0
    for byte in key { high |= byte }
    guard high < 0x80 else { return nil }
    var hasher = Hasher()
    hasher.combine(bytes: UnsafeRawBufferPointer(key))
    let hash = hasher.finalize()
    // (the table has more slots than keys: the probe ends at an empty slot)
    var slot = hash & mask
    while true {
      let id = slots[slot]
      if id < 0 { break }
      if hashes[id] == hash && same(id, key) { return (id, false) }
      slot = (slot + 1) & mask
    }
    let id = hashes.count
    precondition(2 * (id + 1) <= slots.count, "DependencyKeyTable: more keys than its capacity")
    hashes.append(hash)
    bytes.append(contentsOf: key)
    starts.append(bytes.count)
    slots[slot] = id
    return (id, true)
  }

  /// Key `id` as a String.
  func key(_ id: Int) -> String { String(decoding: bytes[starts[id]..<starts[id + 1]], as: UTF8.self) }

  private func same(_ id: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = starts[id]
    guard starts[id + 1] - start == key.count else { return false }
    return bytes.withUnsafeBufferPointer { stored in
      // (in bounds: key `id` has `key.count` bytes from `start`)
      var k = 0
      while k < key.count {
        if stored[start + k] != key[k] { return false }
        k += 1
      }
      return true
    }
  }
}
