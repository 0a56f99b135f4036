#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Musl)
  @preconcurrency import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Requirements kept as bytes (issue #8): each one's key and canonical text in one growing byte
/// buffer, and a small fixed-size record per requirement. A part of a big file writes its fast
/// lines straight in here (no String, no heap block per line), and the walker sorts and writes
/// the canonical text from here; Strings are made only for `.full` loads (entries) and tests.
///
/// A class with manually grown buffers: the records and bytes are read through stable pointers
/// while sorting. Unchecked Sendable: a store is filled on one thread (a part of
/// `ParallelMap`), then only read, or appended to by the one walker that owns it.
final class PipRequirementStore: @unchecked Sendable {
  /// One requirement (16 bytes): where its key and text lie in `bytes`. The records' bytes are
  /// laid out one after another, each text followed by a newline: a text ends one byte before
  /// the next record starts (or before `byteCount`), so the canonical lines of records written
  /// one after another are one run of bytes.
  struct Record {
    /// Where the key starts; the text starts there too (the fast lines: the key is the start of
    /// the text) or right after the key (`separateKey`).
    var start: Int
    var keyCount: UInt32
    var flags: UInt8

    static let orderSensitive: UInt8 = 1
    static let hasExtras: UInt8 = 2
    /// The key is not the start of the text: the text follows it.
    static let separateKey: UInt8 = 4
    /// The key has a byte ≥ 0x80 (String equality is then canonical equivalence, not bytes).
    static let nonASCIIKey: UInt8 = 8
    static let nonASCIIText: UInt8 = 16
    /// `PipRequirement.isNamed` is false.
    static let unnamed: UInt8 = 32

    var textStart: Int { flags & Self.separateKey != 0 ? start + Int(keyCount) : start }
    func has(_ flag: UInt8) -> Bool { flags & flag != 0 }
  }

  private(set) var bytes: UnsafeMutablePointer<UInt8>
  private(set) var byteCount = 0
  private var byteCapacity: Int
  private(set) var records: UnsafeMutablePointer<Record>
  private(set) var count = 0
  private var recordCapacity: Int
  /// Whether a key has a byte ≥ 0x80 (`Record.nonASCIIKey`).
  private(set) var hasNonASCIIKey = false
  /// Whether a record has `separateKey` (its line does not follow the previous one's).
  private(set) var hasSeparateKeys = false

  init(byteCapacity: Int = 256, recordCapacity: Int = 16) {
    self.byteCapacity = max(byteCapacity, 16)
    self.recordCapacity = max(recordCapacity, 4)
    bytes = malloc(self.byteCapacity)!.assumingMemoryBound(to: UInt8.self)
    records = malloc(self.recordCapacity * MemoryLayout<Record>.stride)!.assumingMemoryBound(to: Record.self)
  }

  deinit {
    free(bytes)
    free(records)
  }

  /// Room for `n` more bytes; returns where they go (`commitFast` then counts them). There
  /// are always 8 bytes of room after the last byte (`View.keyOrder` reads 8 at a time).
  @inline(__always)
  func reserveBytes(_ n: Int) -> UnsafeMutablePointer<UInt8> {
    if byteCount + n + 8 > byteCapacity {
      var capacity = byteCapacity * 2
      while byteCount + n + 8 > capacity { capacity *= 2 }
      bytes = realloc(bytes, capacity)!.assumingMemoryBound(to: UInt8.self)
      byteCapacity = capacity
    }
    return bytes + byteCount
  }

  @inline(__always)
  private func appendRecord(_ record: Record) {
    if count == recordCapacity {
      recordCapacity *= 2
      records = realloc(records, recordCapacity * MemoryLayout<Record>.stride)!.assumingMemoryBound(to: Record.self)
    }
    (records + count).initialize(to: record)
    count += 1
  }

  /// Counts the `textCount` bytes just written at `reserveBytes`'s pointer (which reserved one
  /// more, for the newline written here) as a fast line's text (ASCII, not order-sensitive)
  /// whose first `keyCount` bytes are its key.
  @inline(__always)
  func commitFast(keyCount: Int, textCount: Int, hasExtras: Bool) {
    let start = byteCount
    bytes[start + textCount] = UInt8(ascii: "\n")
    byteCount += textCount + 1
    appendRecord(Record(start: start, keyCount: UInt32(keyCount), flags: hasExtras ? Record.hasExtras : 0))
  }

  private static func isASCII(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    RequirementsDecoding.isASCII(UnsafeRawBufferPointer(start: p, count: n))
  }

  /// Appends a requirement built the general way.
  func append(_ requirement: PipRequirement) {
    var key = requirement.key
    var text = requirement.text
    let start = byteCount
    var flags: UInt8 = Record.separateKey
    hasSeparateKeys = true
    if !requirement.isNamed { flags |= Record.unnamed }
    if requirement.orderSensitive { flags |= Record.orderSensitive }
    if requirement.hasExtras { flags |= Record.hasExtras }
    let keyCount = key.withUTF8 { k -> Int in
      let p = reserveBytes(k.count)
      if let from = k.baseAddress { p.initialize(from: from, count: k.count) }
      if !Self.isASCII(p, k.count) {
        flags |= Record.nonASCIIKey
        hasNonASCIIKey = true
      }
      byteCount += k.count
      return k.count
    }
    text.withUTF8 { t in
      // A line ending in `\` (a path or URL ending in one) would continue onto the next
      // (`join_lines`): it is stored with one blank after it, which pip strips again
      // (`ignore_comments`), so the canonical text reads back (PRODUCT.md principle 2; found by
      // the pip fuzz harness). Fast lines never end in `\`.
      let blank = t.last == UInt8(ascii: "\\") ? 1 : 0
      let p = reserveBytes(t.count + blank + 1)
      if let from = t.baseAddress { p.initialize(from: from, count: t.count) }
      if !Self.isASCII(p, t.count) { flags |= Record.nonASCIIText }
      if blank == 1 { p[t.count] = UInt8(ascii: " ") }
      p[t.count + blank] = UInt8(ascii: "\n")
      byteCount += t.count + blank + 1
    }
    precondition(keyCount <= Int(UInt32.max))
    appendRecord(Record(start: start, keyCount: UInt32(keyCount), flags: flags))
  }

  func key(_ i: Int) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: bytes + records[i].start, count: Int(records[i].keyCount))
  }

  func text(_ i: Int) -> UnsafeBufferPointer<UInt8> {
    let end = (i + 1 < count ? records[i + 1].start : byteCount) - 1
    return UnsafeBufferPointer(start: bytes + records[i].textStart, count: end - records[i].textStart)
  }

  /// Requirement `i` as a `PipRequirement` (as the general path builds it, for a fast line;
  /// `localContent` is not kept: it is warned about when the requirement is added).
  func requirement(at i: Int) -> PipRequirement {
    let r = records[i]
    return PipRequirement(
      key: String(decoding: key(i), as: UTF8.self), text: String(decoding: text(i), as: UTF8.self),
      orderSensitive: r.has(Record.orderSensitive), localContent: nil, isNamed: !r.has(Record.unnamed),
      hasExtras: r.has(Record.hasExtras))
  }

  var requirements: [PipRequirement] { (0..<count).map(requirement(at:)) }
}

/// A file's (or constraints file's) requirements in file order, as records of stores: the parts'
/// stores as they are (not copied), and one store of its own for requirements added one by one.
/// `canonicalOrder` sorts them; `write` and `entries` give the canonical lines.
struct PipRequirementList {
  /// A requirement: record `index` of `stores[store]`.
  struct Item {
    var store: UInt32
    var index: UInt32
  }

  private(set) var stores: [PipRequirementStore] = []
  private(set) var items: [Item] = []
  private var own: Int?

  var count: Int { items.count }

  mutating func reserveCapacity(_ n: Int) { items.reserveCapacity(n) }

  mutating func append(_ requirement: PipRequirement) {
    let store: Int
    if let own {
      store = own
    } else {
      stores.append(PipRequirementStore())
      store = stores.count - 1
      own = store
    }
    stores[store].append(requirement)
    items.append(Item(store: UInt32(store), index: UInt32(stores[store].count - 1)))
  }

  /// Appends records `range` of `store` (a part's).
  mutating func append(_ store: PipRequirementStore, _ range: Range<Int>) {
    guard !range.isEmpty else { return }
    let index: Int
    if let last = stores.indices.last, stores[last] === store {
      index = last
    } else {
      stores.append(store)
      index = stores.count - 1
    }
    precondition(range.upperBound <= Int(UInt32.max))
    for i in range { items.append(Item(store: UInt32(index), index: UInt32(i))) }
  }

  /// The requirements (as `PipRequirement`s, for tests).
  var requirements: [PipRequirement] { items.map { stores[Int($0.store)].requirement(at: Int($0.index)) } }

  /// One store's records, bytes, record count and byte count.
  private typealias StoreView = (
    records: UnsafeMutablePointer<PipRequirementStore.Record>, bytes: UnsafeMutablePointer<UInt8>, count: Int, byteCount: Int,
    separateKeys: Bool
  )

  /// Read access to the records and bytes of every store, by item position.
  private struct View {
    /// Per store: its records, bytes, record count and byte count.
    let stores: UnsafeMutableBufferPointer<StoreView>
    let items: UnsafeBufferPointer<Item>
    /// Whether any key has a byte ≥ 0x80.
    let nonASCIIKeys: Bool

    @inline(__always) func record(_ i: Int) -> PipRequirementStore.Record {
      let item = items[i]
      return stores[Int(item.store)].records[Int(item.index)]
    }

    @inline(__always) func key(_ i: Int) -> UnsafeRawBufferPointer {
      let item = items[i]
      let store = stores[Int(item.store)]
      let r = store.records[Int(item.index)]
      return UnsafeRawBufferPointer(start: store.bytes + r.start, count: Int(r.keyCount))
    }

    /// The text and its newline.
    @inline(__always) func line(_ i: Int) -> UnsafeRawBufferPointer {
      let item = items[i]
      let store = stores[Int(item.store)]
      let index = Int(item.index)
      let r = store.records[index]
      let start = r.textStart
      let end = index + 1 < store.count ? store.records[index + 1].start : store.byteCount
      return UnsafeRawBufferPointer(start: store.bytes + start, count: end - start)
    }

    @inline(__always) func text(_ i: Int) -> UnsafeRawBufferPointer {
      let line = line(i)
      return UnsafeRawBufferPointer(start: line.baseAddress, count: line.count - 1)
    }

    /// Negative, zero or positive as key `a` sorts before, equal to or after key `b`
    /// (`ByteOrder.compare`), 8 bytes at a time as big-endian integers (a store always has 8
    /// bytes of room after its last byte; bytes past the shorter key are masked off).
    @inline(__always) func keyOrder(_ a: Int, _ b: Int) -> Int { Self.keyOrder(key(a), key(b)) }

    /// `keyOrder(_:_:)` of two keys in stores.
    @inline(__always) static func keyOrder(_ k: UnsafeRawBufferPointer, _ l: UnsafeRawBufferPointer) -> Int {
      let p = k.baseAddress!, q = l.baseAddress!
      let n = min(k.count, l.count)
      var o = 0
      while true {
        var x = UInt64(bigEndian: (p + o).loadUnaligned(as: UInt64.self))
        var y = UInt64(bigEndian: (q + o).loadUnaligned(as: UInt64.self))
        let left = n - o
        if left < 8 {
          let mask = ~(UInt64.max >> UInt64(left * 8))
          x &= mask
          y &= mask
          if x != y { return x < y ? -1 : 1 }
          return k.count - l.count
        }
        if x != y { return x < y ? -1 : 1 }
        o += 8
      }
    }

    /// `PipRequirement.keyPrecedes`.
    @inline(__always) func keyPrecedes(_ a: Int, _ b: Int) -> Bool { keyOrder(a, b) < 0 }

    /// `PipRequirement.hasKey(of:)`: the keys as Strings are equal (for ASCII keys, the same
    /// bytes; otherwise String's canonical equivalence decides, as before, among keys whose
    /// first 16 bytes are the same).
    @inline(__always) func hasKey(_ a: Int, _ b: Int) -> Bool {
      if keyOrder(a, b) == 0 { return true }
      return sameNonASCIIKey(a, b)
    }

    /// Whether keys of different bytes are equal Strings (non-ASCII, canonically equivalent).
    func sameNonASCIIKey(_ a: Int, _ b: Int) -> Bool {
      let x = record(a), y = record(b)
      guard x.has(PipRequirementStore.Record.nonASCIIKey) || y.has(PipRequirementStore.Record.nonASCIIKey) else { return false }
      let k = key(a), l = key(b)
      guard ByteOrder.compare(UnsafeRawBufferPointer(rebasing: k.prefix(16)), UnsafeRawBufferPointer(rebasing: l.prefix(16))) == 0 else { return false }
      return String(decoding: k, as: UTF8.self) == String(decoding: l, as: UTF8.self)
    }

    /// The texts are equal as Strings.
    func sameText(_ a: Int, _ b: Int) -> Bool {
      let t = text(a), u = text(b)
      if ByteOrder.compare(t, u) == 0 { return true }
      let x = record(a), y = record(b)
      guard x.has(PipRequirementStore.Record.nonASCIIText) || y.has(PipRequirementStore.Record.nonASCIIText) else { return false }
      return String(decoding: t, as: UTF8.self) == String(decoding: u, as: UTF8.self)
    }
  }

  private func withView<R>(_ body: (View) -> R) -> R {
    let table = UnsafeMutableBufferPointer<StoreView>.allocate(capacity: stores.count)
    defer { table.deallocate() }
    for (i, store) in stores.enumerated() {
      table[i] = (store.records, store.bytes, store.count, store.byteCount, store.hasSeparateKeys)
    }
    return withExtendedLifetime(stores) {
      items.withUnsafeBufferPointer { items in
        body(View(stores: table, items: items, nonASCIIKeys: stores.contains { $0.hasNonASCIIKey }))
      }
    }
  }

  /// Calls `body` with the item positions in canonical order (`PipIncludeWalker`'s
  /// `canonicalOrder` before issue #8's stores): exact duplicates dropped, then a stable sort
  /// by key; lines of one project form a sorted set unless one of them is order-sensitive, in
  /// which case their file order is kept (§5).
  /// A list in file order where every line is a group of its own calls `inFileOrder` instead.
  private func forEachInCanonicalOrder(_ view: View, inFileOrder: () -> Void, _ body: (Int) -> Void) {
    let n = items.count
    // A stable sort by key (ties keep file order), then each run of one key is a group. Equal
    // lines have equal keys (the key is part of what the text spells), so duplicates are
    // dropped within a group, keeping the first.
    // Checked first: a file already in key order (a generated or tidied one) needs no sort
    // (and no order array).
    var inOrder = true
    // In order with no two equal keys (the usual generated or tidied file): every line is a group
    // of its own.
    var distinct = !view.nonASCIIKeys
    if n > 0 {
      var previous = view.key(0)
      var i = 1
      while i < n {
        let key = view.key(i)
        let order = View.keyOrder(key, previous)
        if order < 0 {
          inOrder = false
          break
        }
        if order == 0 { distinct = false }
        previous = key
        i += 1
      }
    }
    if inOrder && distinct {
      inFileOrder()
      return
    }
    let sorted = inOrder ? [] : (0..<n).sorted { a, b in
      view.hasKey(a, b) ? a < b : view.keyPrecedes(a, b)
    }
    sorted.withUnsafeBufferPointer { sorted in
      @inline(__always) func order(_ i: Int) -> Int { inOrder ? i : sorted[i] }
      var start = 0
      while start < n {
        var end = start + 1
        while end < n && view.hasKey(order(end), order(start)) { end += 1 }
        if end - start == 1 {
          body(order(start))
        } else {
          var group: [Int] = []
          for k in start..<end {
            let index = order(k)
            if !group.contains(where: { view.sameText($0, index) }) { group.append(index) }
          }
          if group.count > 1 && !group.contains(where: { view.record($0).has(PipRequirementStore.Record.orderSensitive) }) {
            group.sort { ByteOrder.compare(view.text($0), view.text($1)) < 0 }
          }
          for index in group { body(index) }
        }
        start = end
      }
    }
  }

  /// The canonical lines: the entries (when `entries`, else none) and the text, `settings`'
  /// lines first.
  func canonical(settings: [Entry], entries wanted: Bool) -> (entries: [Entry], text: String) {
    withView { view in
      var entries: [Entry] = []
      if wanted { entries.reserveCapacity(items.count) }
      var settings = settings
      // At least as long as the text: every line is in a store with its newline (and keys).
      let capacity = settings.reduce(0) { $0 + $1.text.utf8.count + 1 } + stores.reduce(0) { $0 + $1.byteCount }
      guard capacity > 0 else { return (entries, "") }
      let text = String(unsafeUninitializedCapacity: capacity) { buffer in
        let base = buffer.baseAddress!
        var offset = 0
        for s in settings.indices {
          settings[s].text.withUTF8 { bytes in
            if let from = bytes.baseAddress { (base + offset).initialize(from: from, count: bytes.count) }
            offset += bytes.count
          }
          base[offset] = UInt8(ascii: "\n")
          offset += 1
        }
        // Lines that lie one after another in a store (a part's lines in file order) are copied
        // as one run.
        var run: UnsafeRawPointer?
        var runCount = 0
        func flush() {
          if let run { UnsafeMutableRawPointer(base + offset).copyMemory(from: run, byteCount: runCount) }
          offset += runCount
          run = nil
          runCount = 0
        }
        func emit(_ i: Int) {
          let line = view.line(i)
          let start = line.baseAddress!
          if let run, run + runCount == start {
            runCount += line.count
          } else {
            flush()
            run = start
            runCount = line.count
          }
          if wanted {
            entries.append(
              Entry(key: String(decoding: view.key(i), as: UTF8.self), text: String(decoding: view.text(i), as: UTF8.self)))
          }
        }
        forEachInCanonicalOrder(view, inFileOrder: {
          if wanted {
            for i in 0..<items.count { emit(i) }
            return
          }
          // Every line in file order: consecutive records of a store (a part's lines) are one
          // run of bytes, unless the store has records with their key before their text.
          let n = items.count
          var k = 0
          while k < n {
            let first = items[k]
            let store = view.stores[Int(first.store)]
            var last = Int(first.index)
            var m = k + 1
            if !store.separateKeys {
              while m < n && items[m].store == first.store && Int(items[m].index) == last + 1 {
                last += 1
                m += 1
              }
            }
            let start = store.records[Int(first.index)].textStart
            let end = last + 1 < store.count ? store.records[last + 1].start : store.byteCount
            UnsafeMutableRawPointer(base + offset).copyMemory(from: store.bytes + start, byteCount: end - start)
            offset += end - start
            k = m
          }
        }, emit)
        flush()
        return offset
      }
      return (entries, text)
    }
  }
}
