/// Writing straight from a `JSONTape` (package-lock.json, issue #8).
extension JSONWriter {
  /// Writes the value at `node` of `tape` exactly as `writeSorted(_:indent:pretty:)` writes the
  /// parsed node: every object's keys sorted bytewise, one member per key. `scratch` holds the
  /// sorted keys of the objects being written (it ends as it started).
  mutating func writeSorted(_ tape: JSONTape, _ node: Int, indent: Int, pretty: Bool, scratch: inout [Int]) {
    let n = tape.nodes[node]
    switch n.kind {
    case .null, .bool, .number:
      tape.bytes.withUnsafeBytes { raw(UnsafeRawBufferPointer(rebasing: $0[Int(n.start)..<Int(n.end)])) }
    case .string:
      writeString(tape, node)
    case .array:
      let end = Int(n.link)
      if end == node + 1 {
        raw("[]")
        return
      }
      raw(UInt8(ascii: "["))
      var i = node + 1
      while i < end {
        if i > node + 1 { raw(UInt8(ascii: ",")) }
        if pretty { newline(indent + 1) }
        writeSorted(tape, i, indent: indent + 1, pretty: pretty, scratch: &scratch)
        i = tape.after(i)
      }
      if pretty { newline(indent) }
      raw(UInt8(ascii: "]"))
    case .object:
      let keys = tape.sortedKeys(of: node, into: &scratch)
      writeMembers(tape, keys, scratch: &scratch, indent: indent, pretty: pretty)
      scratch.removeLast(keys.count)
    }
  }

  /// Writes an object of the members whose key nodes are `scratch[keys]`, in that order (as
  /// `writeObject(_:indent:pretty:)` writes members).
  mutating func writeMembers(_ tape: JSONTape, _ keys: Range<Int>, scratch: inout [Int], indent: Int, pretty: Bool) {
    if keys.isEmpty {
      raw("{}")
      return
    }
    raw(UInt8(ascii: "{"))
    for k in keys {
      if k > keys.lowerBound { raw(UInt8(ascii: ",")) }
      if pretty { newline(indent + 1) }
      let key = scratch[k]
      writeString(tape, key)
      raw(UInt8(ascii: ":"))
      if pretty { raw(0x20) }
      writeSorted(tape, key + 1, indent: indent + 1, pretty: pretty, scratch: &scratch)
    }
    if pretty { newline(indent) }
    raw(UInt8(ascii: "}"))
  }

  /// Writes the string at `node` as a JSON string literal: a plain string as it stands in the
  /// source (which holds no `"`, `\`, control character or lone surrogate to escape).
  mutating func writeString(_ tape: JSONTape, _ node: Int) {
    let n = tape.nodes[node]
    if n.plain {
      tape.bytes.withUnsafeBytes { raw(UnsafeRawBufferPointer(rebasing: $0[Int(n.start)..<Int(n.end)])) }
    } else {
      writeString(tape.decoded[Int(n.link)])
    }
  }
}
