#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Musl)
  @preconcurrency import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// One JSON document indexed in a single flat array, for reading a large lock file without a
/// tree (issue #8): each value is one `Node` holding its kind and byte range in the source, and
/// a container is followed by its contents (an object's as key, value, key, value, …). Strings
/// are not copied: a plain string (no escape, valid UTF-8) is its source bytes, which are also
/// what `JSON.stringify` writes for it; the few others are decoded once, by `JSONReader`.
///
/// The tape accepts exactly what `JSONReader` accepts, but says nothing about why it rejects:
/// `scan` returns nil and the caller parses with `JSONReader`, which reports the error at its
/// position. Repeated keys are all kept, in order; readers take the last (reference §1.1).
struct JSONTape {
  enum Kind: UInt8 {
    case null, bool, number, string, array, object
  }

  struct Node {
    var kind: Kind
    /// A string whose source bytes (between the quotes) are its value.
    var plain: Bool
    /// Offset of the value's first byte (the opening quote or bracket).
    var start: Int32
    /// Offset just past the value's last byte.
    var end: Int32
    /// A container's: the tape index just past its contents. A non-plain string's: its index
    /// in `decoded`.
    var link: Int32
  }

  let bytes: [UInt8]
  private(set) var nodes: [Node] = []
  /// Values of the strings that are not plain.
  private(set) var decoded: [JSONString] = []

  /// The tape index just past `node` and its contents.
  func after(_ node: Int) -> Int {
    let n = nodes[node]
    return n.kind == .array || n.kind == .object ? Int(n.link) : node + 1
  }

  /// Calls `body` with the value of the string at `node`, in place.
  func withString<R>(_ node: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
    let n = nodes[node]
    if n.plain {
      return bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[Int(n.start + 1)..<Int(n.end - 1)])) }
    }
    return decoded[Int(n.link)].bytes.withUnsafeBytes(body)
  }

  /// The value of the string at `node`.
  func string(_ node: Int) -> JSONString {
    withString(node) { JSONString(bytes: Array($0)) }
  }

  /// Whether the string at `node` is `text`.
  func string(_ node: Int, equals text: StaticString) -> Bool {
    withString(node) { value in
      value.count == text.utf8CodeUnitCount && text.withUTF8Buffer { value.elementsEqual($0) }
    }
  }

  /// Bytewise order of the strings at `a` and `b` (negative, zero or positive, as `memcmp`).
  func compareStrings(_ a: Int, _ b: Int) -> Int {
    let x = nodes[a]
    let y = nodes[b]
    guard x.plain && y.plain else { return withString(a) { x in withString(b) { y in Self.order(x, y) } } }
    return bytes.withUnsafeBytes { source in
      Self.order(
        UnsafeRawBufferPointer(rebasing: source[Int(x.start + 1)..<Int(x.end - 1)]),
        UnsafeRawBufferPointer(rebasing: source[Int(y.start + 1)..<Int(y.end - 1)]))
    }
  }

  @inline(__always)
  private static func order(_ x: UnsafeRawBufferPointer, _ y: UnsafeRawBufferPointer) -> Int {
    let common = min(x.count, y.count)
    if common > 0 {
      let order = memcmp(x.baseAddress!, y.baseAddress!, common)
      if order != 0 { return Int(order) }
    }
    return x.count - y.count
  }

  /// What the value at `node` is, for messages (as `JSONNode.typeName` says it).
  func typeName(_ node: Int) -> String {
    switch nodes[node].kind {
    case .null: return "null"
    case .bool: return "a boolean"
    case .number: return "a number"
    case .string: return "a string"
    case .array: return "an array"
    case .object: return "an object"
    }
  }

  /// The value node of the last member of the object at `object` whose key is `key` (the one
  /// `JSON.parse` keeps).
  func member(_ key: StaticString, of object: Int) -> Int? {
    var found: Int?
    var i = object + 1
    let end = Int(nodes[object].link)
    while i < end {
      if string(i, equals: key) { found = i + 1 }
      i = after(i + 1)
    }
    return found
  }

  /// The tape of `bytes`, or nil when `JSONReader` would reject them (or they are too large
  /// for 32-bit offsets).
  static func scan(_ bytes: [UInt8]) -> JSONTape? {
    guard bytes.count < Int(Int32.max) else { return nil }
    var tape = JSONTape(bytes: bytes)
    tape.nodes.reserveCapacity(bytes.count / 16)
    let ok = bytes.withUnsafeBufferPointer { tape.scan($0) }
    return ok ? tape : nil
  }

  private init(bytes: [UInt8]) { self.bytes = bytes }

  /// How many of the eight bytes of `word` (first byte least significant) come before the first
  /// quote, backslash, control character or non-ASCII byte: the plain bytes of a string. Each
  /// byte's high bit says whether it is one of those (the "has a zero byte" trick); a borrow can
  /// only mark bytes after a marked one, so the lowest mark is exact.
  static func plainPrefix(_ word: UInt64) -> Int {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let quote = word ^ (ones &* 0x22)
    let backslash = word ^ (ones &* 0x5C)
    let found = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | (word &- ones &* 0x20) | word
    return (found & (ones &* 0x80)).trailingZeroBitCount >> 3
  }

  /// Appends the nodes of the document in `b` (the bytes of `bytes`), as `JSONReader.document`
  /// reads it; false where that throws.
  private mutating func scan(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    var pos = b.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0  // one BOM (reference §1.1)
    var open: [Int] = []  // tape indices of the open containers
    func word(at offset: Int) -> UInt64 {
      UInt64(littleEndian: UnsafeRawPointer(b.baseAddress! + offset).loadUnaligned(as: UInt64.self))
    }
    func skipWhitespace() {
      while pos < b.count {
        if pos + 8 <= b.count {
          // Spaces (indentation) eight at a time, up to the first other byte.
          let other = word(at: pos) ^ 0x2020_2020_2020_2020
          pos += other.trailingZeroBitCount >> 3
          if other == 0 { continue }
        }
        switch b[pos] {
        case 0x20, 0x0A, 0x09, 0x0D: pos += 1
        default: return
        }
      }
    }
    /// A string at `pos` (its opening quote), leaving `pos` after the closing quote.
    func string() -> Bool {
      let start = pos
      pos += 1
      // Eight bytes at a time up to the closing quote (or the first byte to look at).
      while pos + 8 <= b.count {
        let plain = Self.plainPrefix(word(at: pos))
        pos += plain
        if plain < 8 { break }
      }
      while pos < b.count {
        let c = b[pos]
        if c == 0x22 {
          pos += 1
          nodes.append(Node(kind: .string, plain: true, start: Int32(start), end: Int32(pos), link: 0))
          return true
        }
        if c < 0x20 { return false }
        if c == 0x5C || c >= 0x80 { return decodedString(from: start) }
        pos += 1
      }
      return false
    }
    func decodedString(from start: Int) -> Bool {
      guard let (value, end) = try? JSONReader.string(in: bytes, at: start) else { return false }
      pos = end
      let raw = UnsafeBufferPointer(rebasing: b[(start + 1)..<(end - 1)])
      if value.bytes.elementsEqual(raw) {
        nodes.append(Node(kind: .string, plain: true, start: Int32(start), end: Int32(end), link: 0))
      } else {
        nodes.append(Node(kind: .string, plain: false, start: Int32(start), end: Int32(end), link: Int32(decoded.count)))
        decoded.append(value)
      }
      return true
    }
    /// `"key"` and the `:` after it.
    func key() -> Bool {
      skipWhitespace()
      guard pos < b.count, b[pos] == 0x22, string() else { return false }
      skipWhitespace()
      guard pos < b.count, b[pos] == UInt8(ascii: ":") else { return false }
      pos += 1
      return true
    }
    func literal(_ word: StaticString, _ kind: Kind) -> Bool {
      let count = word.utf8CodeUnitCount
      guard pos + count <= b.count,
        word.withUTF8Buffer({ UnsafeBufferPointer(rebasing: b[pos..<(pos + count)]).elementsEqual($0) })
      else { return false }
      nodes.append(Node(kind: kind, plain: false, start: Int32(pos), end: Int32(pos + count), link: 0))
      pos += count
      return true
    }
    func isDigit(_ at: Int) -> Bool { at < b.count && b[at] >= 0x30 && b[at] <= 0x39 }
    /// RFC 8259 number, as `JSONReader.readNumber` reads it.
    func number() -> Bool {
      let start = pos
      if b[pos] == UInt8(ascii: "-") { pos += 1 }
      guard isDigit(pos) else { return false }
      if b[pos] == 0x30 {
        pos += 1
      } else {
        while isDigit(pos) { pos += 1 }
      }
      if pos < b.count && b[pos] == UInt8(ascii: ".") {
        pos += 1
        guard isDigit(pos) else { return false }
        while isDigit(pos) { pos += 1 }
      }
      if pos < b.count && (b[pos] == UInt8(ascii: "e") || b[pos] == UInt8(ascii: "E")) {
        pos += 1
        if pos < b.count && (b[pos] == UInt8(ascii: "+") || b[pos] == UInt8(ascii: "-")) { pos += 1 }
        guard isDigit(pos) else { return false }
        while isDigit(pos) { pos += 1 }
      }
      nodes.append(Node(kind: .number, plain: false, start: Int32(start), end: Int32(pos), link: 0))
      return true
    }
    func close(_ at: Int) {
      nodes[at].end = Int32(pos)
      nodes[at].link = Int32(nodes.count)
    }

    while true {
      skipWhitespace()
      guard pos < b.count else { return false }
      switch b[pos] {
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        let isObject = b[pos] == UInt8(ascii: "{")
        guard open.count < JSONReader.maximumDepth else { return false }
        let at = nodes.count
        nodes.append(Node(kind: isObject ? .object : .array, plain: false, start: Int32(pos), end: 0, link: 0))
        pos += 1
        skipWhitespace()
        if pos < b.count && b[pos] == UInt8(ascii: isObject ? "}" : "]") {
          pos += 1
          close(at)
        } else {
          if isObject { guard key() else { return false } }
          open.append(at)
          continue
        }
      case 0x22:
        guard string() else { return false }
      case UInt8(ascii: "t"):
        guard literal("true", .bool) else { return false }
      case UInt8(ascii: "f"):
        guard literal("false", .bool) else { return false }
      case UInt8(ascii: "n"):
        guard literal("null", .null) else { return false }
      case UInt8(ascii: "-"), 0x30...0x39:
        guard number() else { return false }
      default:
        return false
      }
      // A value is complete: continue the open container, closing those that end here.
      while true {
        skipWhitespace()
        guard let container = open.last else { return pos == b.count }
        guard pos < b.count else { return false }
        let isObject = nodes[container].kind == .object
        if b[pos] == UInt8(ascii: ",") {
          pos += 1
          if isObject { guard key() else { return false } }
          break  // (a trailing comma fails on the key, or on the value after it)
        }
        guard b[pos] == UInt8(ascii: isObject ? "}" : "]") else { return false }
        pos += 1
        close(container)
        open.removeLast()
      }
    }
  }
}

extension JSONTape {
  /// Appends to `scratch` the key nodes of the object at `object`, one per key (its last
  /// occurrence, whose value `JSON.parse` keeps), sorted bytewise as `JSONObject.sortedMembers`
  /// sorts them, and returns where in `scratch` they are. A member's value node follows its key.
  func sortedKeys(of object: Int, into scratch: inout [Int]) -> Range<Int> {
    let base = scratch.count
    var i = object + 1
    let end = Int(nodes[object].link)
    while i < end {
      scratch.append(i)
      i = after(i + 1)
    }
    let count = scratch.count - base
    guard count > 1 else { return base..<scratch.count }
    // Equal keys stay in document order (the tape index breaks ties), so the last is the one
    // kept. Keys adjacent in the result were compared with each other: a repeated key was seen.
    var repeated = false
    scratch.withUnsafeMutableBufferPointer { all in
      var keys = UnsafeMutableBufferPointer(rebasing: all[base...])
      if count <= 16 {
        for j in 1..<count {
          let key = keys[j]
          var k = j
          while k > 0 {
            let order = compareStrings(keys[k - 1], key)
            if order <= 0 {
              if order == 0 { repeated = true }
              break
            }
            keys[k] = keys[k - 1]
            k -= 1
          }
          keys[k] = key
        }
      } else {
        keys.sort { a, b in
          let order = compareStrings(a, b)
          if order == 0 { repeated = true }
          return order != 0 ? order < 0 : a < b
        }
      }
    }
    guard repeated else { return base..<scratch.count }
    var kept = base
    for r in base..<scratch.count {
      if r + 1 < scratch.count && compareStrings(scratch[r], scratch[r + 1]) == 0 { continue }
      scratch[kept] = scratch[r]
      kept += 1
    }
    scratch.removeLast(scratch.count - kept)
    return base..<kept
  }
}
