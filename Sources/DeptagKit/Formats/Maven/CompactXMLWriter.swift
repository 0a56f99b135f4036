/// Writes one canonical element on one line, straight as bytes (issue #8): a dependency or a
/// plugin is written once, as its entry's text, instead of as an `XMLOut` tree written twice.
/// The output is exactly what `XMLOut.compact` writes for the same elements.
///
/// The bytes go into a `ByteScratch` that is reused for every element; `string(in:_:)` makes the
/// element's string from it (one allocation per element).
struct CompactXMLWriter {
  // `unowned(unsafe)`: a writer lives only inside the static functions below, whose callers hold
  // the scratch and the pool for the whole call (issue #8: no retain and release of both per
  // element written).
  private unowned(unsafe) let scratch: ByteScratch
  /// The scratch's storage and capacity, kept here (a class's `var` is checked for exclusive
  /// access at every use) and read again only after it grows.
  private var base: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  /// Bytes written so far.
  private(set) var count = 0
  /// The lines the element takes when indented, and their indentation (`CompactShape`).
  private(set) var shape = CompactShape()
  /// Nesting of the element being written, relative to its outermost element.
  private var depth = 0
  /// Where each line is also written indented, as the canonical POM holds it, when the depth the
  /// element will be written at is known (`pooled`): the indented text needs no second pass.
  private unowned(unsafe) let pool: BytePool?
  /// The depth of the outermost element in `pool`.
  private let poolDepth: Int
  /// Where the current line starts in the scratch, and its depth (relative).
  private var lineStart = 0
  private var lineDepth = 0
  /// Written straight into the pool, indented, with no one-line text (`pooled`, `keepText`
  /// false): the scratch is the pool's storage, `pool` is nil.
  private var direct = false

  private init(scratch: ByteScratch, pool: BytePool? = nil, poolDepth: Int = 0) {
    self.scratch = scratch
    base = scratch.base
    capacity = scratch.capacity
    self.pool = pool
    self.poolDepth = poolDepth
  }

  /// A writer appending indented lines to `pool` itself.
  private init(directInto pool: BytePool, depth: Int) {
    self.init(scratch: pool.storage, poolDepth: depth)
    count = pool.count
    direct = true
  }

  /// The element `body` writes, as a string. (`body` must not write another element into the
  /// same scratch: a plugin's dependencies are written before it, and given by `element(_:)`.)
  static func string(in scratch: ByteScratch, _ body: (inout CompactXMLWriter) -> Void) -> String {
    precondition(!scratch.inUse, "CompactXMLWriter: the scratch is being written already")
    scratch.inUse = true
    defer { scratch.inUse = false }
    var writer = CompactXMLWriter(scratch: scratch)
    body(&writer)
    return String(decoding: UnsafeBufferPointer(start: writer.base, count: writer.count), as: UTF8.self)
  }

  /// `use` of the bytes `body` writes (issue #8: no String made of them).
  static func withBytes<R>(
    in scratch: ByteScratch, _ body: (inout CompactXMLWriter) -> Void, _ use: (UnsafeBufferPointer<UInt8>) -> R
  ) -> R {
    precondition(!scratch.inUse, "CompactXMLWriter: the scratch is being written already")
    scratch.inUse = true
    defer { scratch.inUse = false }
    var writer = CompactXMLWriter(scratch: scratch)
    body(&writer)
    return use(UnsafeBufferPointer(start: writer.base, count: writer.count))
  }

  /// The element `body` writes, also written indented at `depth` into `pool` as it is written
  /// (issue #8: no second pass over its text to indent it). With `keepText` false the one-line
  /// text is not made (`.canonicalText`: nothing reads it); the element can then only be
  /// written at `depth`. (`body` must not use `element(_:)`.)
  static func pooled(
    in scratch: ByteScratch, pool: BytePool, depth: Int, keepText: Bool, _ body: (inout CompactXMLWriter) -> Void
  ) -> XMLOut {
    let start = pool.count
    if !keepText {
      precondition(!pool.storage.inUse, "CompactXMLWriter: the pool is being written already")
      pool.storage.inUse = true
      defer { pool.storage.inUse = false }
      var writer = CompactXMLWriter(directInto: pool, depth: depth)
      body(&writer)
      pool.count = writer.count
      return .pooled("", writer.shape, start..<pool.count, depth)
    }
    precondition(!scratch.inUse, "CompactXMLWriter: the scratch is being written already")
    scratch.inUse = true
    defer { scratch.inUse = false }
    var writer = CompactXMLWriter(scratch: scratch, pool: pool, poolDepth: depth)
    body(&writer)
    let text = String(decoding: UnsafeBufferPointer(start: writer.base, count: writer.count), as: UTF8.self)
    return .pooled(text, writer.shape, start..<pool.count, depth)
  }

  /// A leaf of `pooledLeaves`: `<name>value</name>`, or `<name/>` when the value is empty.
  struct Leaf {
    var name: StaticString
    var value: UnsafeBufferPointer<UInt8>
  }

  /// `pooled(…, keepText: false)` of `<name>` holding only `leaves` whose values need no
  /// escaping (the caller checked: `needsEscaping` is false for each): the same bytes, sized
  /// once and copied (issue #8: a dependency's usual shape, 256 instructions a leaf through the
  /// general writer).
  static func pooledLeaves(
    pool: BytePool, depth: Int, _ name: StaticString, _ leaves: UnsafeBufferPointer<Leaf>
  ) -> XMLOut {
    let start = pool.count
    let outer = 2 * depth
    let inner = outer + 2
    var total = 2 * outer + 2 * name.utf8CodeUnitCount + 7  // `<name>\n`, `</name>\n`
    for leaf in leaves {
      let length = leaf.name.utf8CodeUnitCount
      total += inner + (leaf.value.isEmpty ? length + 4 : 2 * length + 6 + leaf.value.count)
    }
    precondition(!pool.storage.inUse, "CompactXMLWriter: the pool is being written already")
    // (8 bytes of room past the end: spaces are stored eight at a time)
    if start + total + 8 > pool.storage.capacity { pool.storage.grow(toAtLeast: start + total + 8, keeping: start) }
    // In bounds: every write below is one of the `total` bytes counted above, from `start`, but
    // for the up to 7 spaces `spaces` stores past its count, which the next bytes overwrite (or
    // which fall in the 8 bytes of room).
    var at = pool.storage.base + start
    @inline(__always) func spaces(_ n: Int) {
      var k = 0
      while k < n {
        UnsafeMutableRawPointer(at + k).storeBytes(of: 0x2020_2020_2020_2020 as UInt64, as: UInt64.self)
        k += 8
      }
      at += n
    }
    @inline(__always) func byte(_ value: UInt8) {
      at.pointee = value
      at += 1
    }
    @inline(__always) func copy(_ text: StaticString) {
      ByteWord.copy(from: text.utf8Start, to: at, count: text.utf8CodeUnitCount)
      at += text.utf8CodeUnitCount
    }
    spaces(outer)
    byte(UInt8(ascii: "<"))
    copy(name)
    byte(UInt8(ascii: ">"))
    byte(0x0A)
    for leaf in leaves {
      spaces(inner)
      byte(UInt8(ascii: "<"))
      copy(leaf.name)
      if leaf.value.isEmpty {
        byte(UInt8(ascii: "/"))
      } else {
        byte(UInt8(ascii: ">"))
        ByteWord.copy(from: leaf.value.baseAddress!, to: at, count: leaf.value.count)
        at += leaf.value.count
        byte(UInt8(ascii: "<"))
        byte(UInt8(ascii: "/"))
        copy(leaf.name)
      }
      byte(UInt8(ascii: ">"))
      byte(0x0A)
    }
    spaces(outer)
    byte(UInt8(ascii: "<"))
    byte(UInt8(ascii: "/"))
    copy(name)
    byte(UInt8(ascii: ">"))
    byte(0x0A)
    precondition(at == pool.storage.base + start + total, "CompactXMLWriter: pooledLeaves miscounted")
    pool.count = start + total
    var shape = CompactShape()
    shape.lines = leaves.count + 2
    shape.indent = 2 * leaves.count
    return .pooled("", shape, start..<pool.count, depth)
  }

  /// The element `body` writes, as an `XMLOut` that knows its indented size.
  static func element(in scratch: ByteScratch, _ body: (inout CompactXMLWriter) -> Void) -> XMLOut {
    var shape = CompactShape()
    let text = string(in: scratch) { writer in
      body(&writer)
      shape = writer.shape
    }
    return .compact(text, shape)
  }

  /// One more output line at the current depth.
  @inline(__always)
  private mutating func line() {
    shape.lines += 1
    shape.indent += 2 * depth
    if direct { return spaces(2 * (poolDepth + depth)) }
    lineStart = count
    lineDepth = depth
  }

  /// `n` spaces (the indentation of a line written `direct`), eight at a time (issue #8).
  @inline(__always)
  private mutating func spaces(_ n: Int) {
    // (room for whole words: up to 7 spaces past the `n`, overwritten by what follows)
    if count + n + 8 > capacity { grow(toAtLeast: count + n + 8) }
    // In bounds: `count + n + 8 <= capacity` after the check above, and every word stored
    // starts before `count + n`.
    let at = UnsafeMutableRawPointer(base + count)
    var k = 0
    while k < n {
      at.storeBytes(of: 0x2020_2020_2020_2020 as UInt64, toByteOffset: k, as: UInt64.self)
      k += 8
    }
    count += n
  }

  /// The end of the line `line()` started: copied indented into the pool, if any.
  @inline(__always)
  private mutating func endLine() {
    if direct { return byte(0x0A) }
    guard let pool else { return }
    pool.appendLine(indent: 2 * (poolDepth + lineDepth), base + lineStart, count: count - lineStart)
  }

  private mutating func grow(toAtLeast minimum: Int) {
    scratch.grow(toAtLeast: minimum, keeping: count)
    base = scratch.base
    capacity = scratch.capacity
  }

  @inline(__always)
  private mutating func byte(_ value: UInt8) {
    if count == capacity { grow(toAtLeast: count + 1) }
    // In bounds: `count < capacity` after the check above.
    base[count] = value
    count += 1
  }

  @inline(__always)
  private mutating func bytes(_ buffer: UnsafeBufferPointer<UInt8>) {
    guard let source = buffer.baseAddress, buffer.count > 0 else { return }
    if count + buffer.count > capacity { grow(toAtLeast: count + buffer.count) }
    // In bounds: `count + buffer.count <= capacity` after the check above.
    ByteWord.copy(from: source, to: base + count, count: buffer.count)
    count += buffer.count
  }

  @inline(__always)
  private mutating func name(_ name: StaticString) {
    bytes(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
  }

  /// The UTF-8 of `text`, as it is.
  @inline(__always)
  mutating func raw(_ text: String) {
    let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes($0) }
    if done == nil { Array(text.utf8).withUnsafeBufferPointer { bytes($0) } }
  }

  /// One ASCII byte, as it is.
  @inline(__always)
  mutating func raw(ascii: Unicode.Scalar) {
    byte(UInt8(ascii: ascii))
  }

  /// `<name>`
  @inline(__always)
  mutating func open(_ name: StaticString) {
    line()
    depth += 1
    openTag(name)
    endLine()
  }

  @inline(__always)
  private mutating func openTag(_ name: StaticString) {
    tag(name, before: 1, after: UInt16(UInt8(ascii: ">")), afterCount: 1)
  }

  /// A tag: `<`, `/` when `before` is 2, the name, and the `afterCount` (1 or 2) bytes of
  /// `after` (low byte first), with one capacity check (issue #8).
  @inline(__always)
  private mutating func tag(_ name: StaticString, before: Int, after: UInt16, afterCount: Int) {
    let length = name.utf8CodeUnitCount
    let total = before + length + afterCount
    if count + total > capacity { grow(toAtLeast: count + total) }
    // In bounds: `count + total <= capacity` after the check above.
    let at = base + count
    at[0] = UInt8(ascii: "<")
    if before == 2 { at[1] = UInt8(ascii: "/") }
    // The name by words, the last one overlapping the one before (names are short).
    let source = UnsafeRawPointer(name.utf8Start)
    let target = UnsafeMutableRawPointer(at + before)
    if length >= 8 {
      var k = 0
      while k + 8 < length {
        target.storeBytes(of: source.loadUnaligned(fromByteOffset: k, as: UInt64.self), toByteOffset: k, as: UInt64.self)
        k += 8
      }
      target.storeBytes(
        of: source.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self), toByteOffset: length - 8, as: UInt64.self)
    } else if length >= 4 {
      target.storeBytes(of: source.loadUnaligned(as: UInt32.self), as: UInt32.self)
      target.storeBytes(
        of: source.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self), toByteOffset: length - 4, as: UInt32.self)
    } else {
      var k = 0
      while k < length {
        at[before + k] = name.utf8Start[k]
        k += 1
      }
    }
    at[before + length] = UInt8(truncatingIfNeeded: after)
    if afterCount == 2 { at[before + length + 1] = UInt8(truncatingIfNeeded: after >> 8) }
    count += total
  }

  /// `</name>`
  @inline(__always)
  mutating func close(_ name: StaticString) {
    depth -= 1
    line()
    closeTag(name)
    endLine()
  }

  @inline(__always)
  private mutating func closeTag(_ name: StaticString) {
    tag(name, before: 2, after: UInt16(UInt8(ascii: ">")), afterCount: 1)
  }

  /// `<name/>`: an empty leaf or a node without children.
  @inline(__always)
  mutating func empty(_ name: StaticString) {
    line()
    emptyTag(name)
    endLine()
  }

  @inline(__always)
  private mutating func emptyTag(_ name: StaticString) {
    tag(name, before: 1, after: UInt16(UInt8(ascii: "/")) | UInt16(UInt8(ascii: ">")) << 8, afterCount: 2)
  }

  /// `<name>value</name>` with the value escaped, or `<name/>` when it is empty (as `XMLOut.leaf`).
  mutating func leaf(_ name: StaticString, _ value: String) {
    line()
    defer { endLine() }
    if value.isEmpty { return emptyTag(name) }
    openTag(name)
    // Copied as it is, then checked where it was copied: escaped only when it has to be.
    let start = count
    raw(value)
    var plain = true
    for at in start..<count {
      let byte = base[at]
      if byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") {
        plain = false
        break
      }
    }
    if !plain {
      count = start
      raw(XMLOut.escape(value))
    }
    closeTag(name)
  }

  /// `leaf(name, value)` for the value whose UTF-8 is `value` (issue #8: no String made).
  mutating func leaf(_ name: StaticString, bytes value: UnsafeBufferPointer<UInt8>) {
    if direct, let start = value.baseAddress, !value.isEmpty, !Self.needsEscaping(value) {
      // The usual case, with one capacity check: indentation, `<name>`, the value, `</name>`
      // and the line's end (issue #8).
      shape.lines += 1
      shape.indent += 2 * depth
      let indent = 2 * (poolDepth + depth)
      let length = name.utf8CodeUnitCount
      // (up to 7 bytes past the indentation are written by `spaces`, then written over)
      let total = indent + 8 + 2 * length + 5 + value.count + 1
      if count + total > capacity { grow(toAtLeast: count + total) }
      spaces(indent)
      tag(name, before: 1, after: UInt16(UInt8(ascii: ">")), afterCount: 1)
      ByteWord.copy(from: start, to: base + count, count: value.count)
      count += value.count
      tag(name, before: 2, after: UInt16(UInt8(ascii: ">")) | UInt16(0x0A) << 8, afterCount: 2)
      return
    }
    line()
    defer { endLine() }
    if value.isEmpty { return emptyTag(name) }
    openTag(name)
    if !Self.needsEscaping(value) {
      bytes(value)
    } else {
      // As `XMLOut.escape`: by byte.
      for byte in value {
        switch byte {
        case UInt8(ascii: "&"): self.name("&amp;")
        case UInt8(ascii: "<"): self.name("&lt;")
        case UInt8(ascii: ">"): self.name("&gt;")
        default: self.byte(byte)
        }
      }
    }
    closeTag(name)
  }

  /// Whether `value` holds a `&`, `<` or `>`: eight bytes at a time (issue #8).
  @inline(__always)
  static func needsEscaping(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    @inline(__always) func holds(_ word: UInt64, _ byte: UInt64) -> Bool {
      let x = word ^ (ones &* byte)  // a zero byte where `byte` was
      return (x &- ones) & ~x & highs != 0
    }
    var at = 0
    while at + 8 <= value.count {
      let word = ByteWord.load(value, at)
      if holds(word, 0x26) || holds(word, 0x3C) || holds(word, 0x3E) { return true }
      at += 8
    }
    while at < value.count {
      let byte = value[at]
      if byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") { return true }
      at += 1
    }
    return false
  }

  /// The bytes of `buffer`, as they are.
  @inline(__always)
  mutating func raw(bytes buffer: UnsafeBufferPointer<UInt8>) {
    bytes(buffer)
  }

  /// An element already written by a `CompactXMLWriter` (`.compact`); any other `XMLOut` is
  /// written as `XMLOut.compact` writes it, its shape measured.
  mutating func element(_ element: XMLOut) {
    precondition(pool == nil && !direct, "CompactXMLWriter: an element inside a pooled one")
    let shape: CompactShape
    if case .compact(let text, let known) = element {
      raw(text)
      shape = known
    } else if case .pooled(let text, let known, _, _) = element, !text.isEmpty {
      raw(text)
      shape = known
    } else {
      let text = element.compact
      raw(text)
      shape = CompactShape(measuring: text)
    }
    self.shape.lines += shape.lines
    self.shape.indent += shape.indent + 2 * depth * shape.lines
  }

  /// Writes the one-line `compact` element indented at `depth`, one element per line, exactly as
  /// `XMLOut.write(into:depth:)` writes the same tree. Reading the tags back is unambiguous:
  /// element names here are ASCII, and a leaf's escaped text holds no `<` (`XMLOut.escape` works
  /// by byte).
  static func writeIndented(_ compact: String, shape: CompactShape? = nil, depth: Int, into out: inout [UInt8]) {
    var compact = compact
    let shape = shape ?? CompactShape(measuring: compact)
    compact.withUTF8 { bytes in
      // The size is known from the shape; the lines are written in place (one append, not
      // three per line).
      let size = bytes.count + shape.indent + 2 * depth * shape.lines + shape.lines
      let offset = out.count
      // Room for the lines: the element's own bytes (`size >= count`: every byte is on a line)
      // and spaces for the rest; all of it is written over below but the indentation.
      out.append(contentsOf: bytes)
      var rest = size - bytes.count
      while rest > 0 {
        let chunk = min(rest, XMLOut.spaces.count)
        XMLOut.spaces.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<chunk])) }
        rest -= chunk
      }
      out.withUnsafeMutableBufferPointer { buffer in
        // In bounds: the lines are the ones just measured, `size` bytes from `offset`.
        var at = offset
        forEachLine(bytes, depth: depth) { start, end, depth in
          UnsafeMutableBufferPointer(rebasing: buffer[at..<(at + 2 * depth)]).update(repeating: 0x20)
          at += 2 * depth
          _ = UnsafeMutableBufferPointer(rebasing: buffer[at..<(at + end - start)])
            .update(fromContentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
          at += end - start
          buffer[at] = 0x0A
          at += 1
        }
        precondition(at == offset + size, "CompactXMLWriter: the element's shape does not match its text")
      }
    }
  }

  /// The shape of `compact`, read back from its tags.
  fileprivate static func lines(of compact: String) -> CompactShape {
    var compact = compact
    return compact.withUTF8 { bytes in
      var shape = CompactShape()
      forEachLine(bytes, depth: 0) { _, _, depth in
        shape.lines += 1
        shape.indent += 2 * depth
      }
      return shape
    }
  }

  /// Calls `line` with each output line's byte range in `bytes` and its depth.
  private static func forEachLine(
    _ bytes: UnsafeBufferPointer<UInt8>, depth: Int, _ line: (Int, Int, Int) -> Void
  ) {
    let count = bytes.count
    var depth = depth
    var at = 0
    // (every index below is checked against `count` before it is read)
    @inline(__always) func end(of tagAt: Int) -> Int { min(find(UInt8(ascii: ">"), in: bytes, from: tagAt), count - 1) }
    while at < count {
      let close = end(of: at)
      if at + 1 < count && bytes[at + 1] == UInt8(ascii: "/") {
        // `</name>` of a node.
        depth -= 1
        line(at, close + 1, depth)
        at = close + 1
      } else if close > 0 && bytes[close - 1] == UInt8(ascii: "/") {
        // `<name/>`
        line(at, close + 1, depth)
        at = close + 1
      } else if close + 2 < count && bytes[close + 1] == UInt8(ascii: "<") && bytes[close + 2] < 0x80
        && bytes[close + 2] != UInt8(ascii: "/")
      {
        // `<name>` of a node: its first child follows.
        line(at, close + 1, depth)
        depth += 1
        at = close + 1
      } else {
        // A leaf: its text runs to the first `</`.
        var k = find(UInt8(ascii: "<"), in: bytes, from: close + 1)
        while k + 1 < count && bytes[k + 1] != UInt8(ascii: "/") { k = find(UInt8(ascii: "<"), in: bytes, from: k + 1) }
        let leafEnd = end(of: k)
        line(at, leafEnd + 1, depth)
        at = leafEnd + 1
      }
    }
  }
}

/// How a one-line element spreads when indented: its lines, and the spaces they are indented by
/// when the element itself is not (each level adds `2 * lines` to that).
struct CompactShape: Sendable, Hashable {
  var lines = 0
  var indent = 0

  init() {}

  /// The shape of `compact`, read back from its tags.
  init(measuring compact: String) {
    self = CompactXMLWriter.lines(of: compact)
  }
}

/// The offset of the first `target` byte at or after `start`, or `bytes.count`; eight bytes at
/// a time (issue #8).
@inline(__always)
private func find(_ target: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
  let count = bytes.count
  let ones: UInt64 = 0x0101_0101_0101_0101
  let pattern = ones &* UInt64(target)
  var at = start
  // In bounds: a word is loaded only when its eight bytes are before `count`.
  while at + 8 <= count {
    let word = UInt64(littleEndian: ByteWord.load(bytes, at)) ^ pattern
    // A zero byte of `word` is a `target` byte; the lowest flag marks the first one exactly
    // (a borrow can only flag bytes above a real zero byte).
    let found = (word &- ones) & ~word & 0x8080_8080_8080_8080
    if found != 0 { return at + found.trailingZeroBitCount / 8 }
    at += 8
  }
  while at < count && bytes[at] != target { at += 1 }
  return at
}

/// A growable byte buffer reused by every `CompactXMLWriter` of one canonicalization.
final class ByteScratch {
  private(set) var base: UnsafeMutablePointer<UInt8>
  private(set) var capacity: Int
  var inUse = false

  init(capacity: Int = 1024) {
    self.capacity = capacity
    base = .allocate(capacity: capacity)
  }

  /// Grows to at least `minimum` bytes, keeping the first `used` bytes.
  func grow(toAtLeast minimum: Int, keeping used: Int) {
    let newCapacity = max(minimum, 2 * capacity)
    let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    // In bounds: `used <= capacity < newCapacity`.
    newBase.initialize(from: base, count: min(used, capacity))
    base.deallocate()
    base = newBase
    capacity = newCapacity
  }

  deinit { base.deallocate() }
}

/// The canonical POM's lines of the elements written by `CompactXMLWriter.pooled`, indented,
/// one after another; `XMLOut.pooled` names its element's range (issue #8).
final class BytePool {
  /// The bytes; the first `count` are written.
  let storage: ByteScratch
  fileprivate(set) var count = 0

  init(capacity: Int = 4096) {
    storage = ByteScratch(capacity: capacity)
  }

  /// `indent` spaces, the `length` bytes at `bytes`, and a line feed.
  @inline(__always)
  func appendLine(indent: Int, _ bytes: UnsafePointer<UInt8>, count length: Int) {
    let needed = count + indent + length + 1
    if needed > storage.capacity { storage.grow(toAtLeast: needed, keeping: count) }
    // In bounds: `needed <= capacity` after the check above.
    let base = storage.base
    (base + count).initialize(repeating: 0x20, count: indent)
    (base + count + indent).initialize(from: bytes, count: length)
    base[needed - 1] = 0x0A
    count = needed
  }

  /// The bytes of `range`.
  func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
    precondition(range.lowerBound >= 0 && range.upperBound <= count, "BytePool: range out of bounds")
    return UnsafeBufferPointer(start: storage.base + range.lowerBound, count: range.count)
  }
}
