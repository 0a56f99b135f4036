/// A JSON value with object keys in insertion order, for deptag's own `--json` outputs and
/// snapshots (snapshots are read back with the npm folder's `JSONReader`).
public indirect enum JSONDocument: Sendable, Hashable {
  case null
  case bool(Bool)
  case number(Int)
  case string(String)
  case array([JSONDocument])
  case object([(String, JSONDocument)])

  public static func == (lhs: JSONDocument, rhs: JSONDocument) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): true
    case (.bool(let a), .bool(let b)): a == b
    case (.number(let a), .number(let b)): a == b
    case (.string(let a), .string(let b)): a == b
    case (.array(let a), .array(let b)): a == b
    case (.object(let a), .object(let b)): a.elementsEqual(b, by: { $0.0 == $1.0 && $0.1 == $1.1 })
    default: false
    }
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(serialized())
  }

  /// The member named `key` of an object.
  public subscript(key: String) -> JSONDocument? {
    guard case .object(let members) = self else { return nil }
    return members.last(where: { $0.0 == key })?.1
  }

  public var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  public var intValue: Int? {
    if case .number(let n) = self { return n }
    return nil
  }

  public var arrayValue: [JSONDocument]? {
    if case .array(let a) = self { return a }
    return nil
  }

  /// Compact (`pretty == false`, one line) or indented with two spaces, without a final newline.
  /// Written by `JSONWriter` (the npm folder's, escaping as `JSON.stringify` does), so deptag
  /// has one JSON writer.
  public func serialized(pretty: Bool = false) -> String {
    pretty ? String(JSONWriter.pretty(writerValue).dropLast()) : JSONWriter.compact(writerValue)
  }

  private var writerValue: JSONWriter.Value {
    switch self {
    case .null: .literal("null")
    case .bool(let b): .literal(b ? "true" : "false")
    case .number(let n): .literal(String(n))
    case .string(let s): .text(s)
    case .array(let items): .array(items.map(\.writerValue))
    case .object(let members): .object(members.map { (JSONString($0.0), $0.1.writerValue) })
    }
  }
}
