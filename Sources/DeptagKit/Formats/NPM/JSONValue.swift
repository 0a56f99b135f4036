/// A JSON string as JavaScript holds it, stored as WTF-8: UTF-8, except that a lone surrogate
/// (which `JSON.parse` accepts from a `\uD800` escape) is kept as its 3-byte generalized
/// encoding. Two strings are equal exactly when the JavaScript strings are, and ordering the
/// bytes orders valid strings by their UTF-8 bytes ("keys sorted bytewise").
struct JSONString: Sendable, Hashable, Comparable, CustomStringConvertible {
  var bytes: [UInt8]

  init(bytes: [UInt8]) { self.bytes = bytes }
  init(_ text: String) { bytes = Array(text.utf8) }

  /// The text as a Swift string (a lone surrogate reads as U+FFFD).
  var string: String { String(decoding: bytes, as: UTF8.self) }
  var description: String { string }

  static func < (lhs: JSONString, rhs: JSONString) -> Bool {
    ByteOrder.precedes(lhs.bytes, rhs.bytes)
  }

  /// The bytes hashed in one call (the array's own `hash(into:)` feeds the hasher byte by byte,
  /// which dominated parsing a 6,000-package lock's `packages` object: issue #8).
  func hash(into hasher: inout Hasher) {
    bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
  }

  /// Whether this is an array index as JavaScript orders object keys (a canonical decimal
  /// below 2^32 - 1): such keys come first, in numeric order, in `Object.entries`.
  var arrayIndex: UInt32? {
    guard !bytes.isEmpty, bytes.count <= 10, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
    if bytes.count > 1 && bytes[0] == 0x30 { return nil }
    var value: UInt64 = 0
    for b in bytes { value = value * 10 + UInt64(b - 0x30) }
    return value < 0xFFFF_FFFF ? UInt32(value) : nil
  }
}

/// One parsed JSON value with the byte offset where it starts in the file (for diagnostics).
struct JSONNode: Sendable, Hashable {
  var offset: Int
  var value: JSONValue

  var string: JSONString? {
    if case .string(let s) = value { return s }
    return nil
  }
  var object: JSONObject? {
    if case .object(let o) = value { return o }
    return nil
  }
  var array: [JSONNode]? {
    if case .array(let a) = value { return a }
    return nil
  }

  /// JavaScript truthiness (`false`, `null`, `0`, `-0` and `""` are falsy).
  var isTruthy: Bool {
    switch value {
    case .null: return false
    case .bool(let b): return b
    case .number(let text): return (Double(text) ?? 1) != 0
    case .string(let s): return !s.bytes.isEmpty
    case .array, .object: return true
    }
  }

  /// What the value is, for messages.
  var typeName: String {
    switch value {
    case .null: return "null"
    case .bool: return "a boolean"
    case .number: return "a number"
    case .string: return "a string"
    case .array: return "an array"
    case .object: return "an object"
    }
  }
}

/// A JSON value. Numbers keep their spelling (they never occur in install-relevant fields).
enum JSONValue: Sendable, Hashable {
  case null
  case bool(Bool)
  case number(String)
  case string(JSONString)
  case array([JSONNode])
  case object(JSONObject)
}

/// A JSON object with `JSON.parse` semantics: one member per key, at the position of the key's
/// first occurrence, holding the value of its last occurrence (reference §1.1).
struct JSONObject: Sendable, Hashable {
  struct Member: Sendable, Hashable {
    var key: JSONString
    var keyOffset: Int
    var value: JSONNode
  }

  var members: [Member] = []

  subscript(key: String) -> JSONNode? {
    let wanted = Array(key.utf8)
    return members.first(where: { $0.key.bytes == wanted })?.value
  }

  /// Members in the order `Object.entries` yields them: array-index keys first (ascending),
  /// then the others in insertion order. Only `overrides` depends on it (reference §1.4).
  var entriesInJavaScriptOrder: [Member] {
    let indexed = members.compactMap { m in m.key.arrayIndex.map { ($0, m) } }
    if indexed.isEmpty { return members }
    return indexed.sorted { $0.0 < $1.0 }.map(\.1) + members.filter { $0.key.arrayIndex == nil }
  }

  /// Members sorted bytewise by key.
  var sortedMembers: [Member] { members.sorted { $0.key < $1.key } }
}
