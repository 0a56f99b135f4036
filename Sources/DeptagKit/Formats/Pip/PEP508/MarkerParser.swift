/// Recursive-descent parser for PEP 508 environment markers over UTF-8 bytes, following
/// packaging 26.3's `_parse_marker` and its tokenizer rules (`WS` is `[ \t]+` only). It writes
/// the canonical text as it parses (no tree, no string per operand).
struct MarkerParser {
  /// The whole text being parsed (a marker, or a requirement that contains one).
  let bytes: [UInt8]
  /// The end of the parsed region.
  let end: Int
  /// The current position.
  var pos: Int
  /// Open parentheses around the current position.
  var depth = 0
  /// The canonical text written so far.
  var out: [UInt8] = []

  /// Deeper nesting is refused, not recursed into until the stack overflows (packaging's own
  /// recursive parser stops at Python's recursion limit, a few hundred levels).
  static let maximumDepth = 200

  /// Marker variables in packaging's `VARIABLE` rule (case-sensitive, whole words), with the
  /// PEP 508 name each one maps to (legacy dotted names and `python_implementation`).
  static let variables: [(spelling: StaticString, name: StaticString)] = [
    ("python_version", "python_version"),
    ("python_full_version", "python_full_version"),
    ("os_name", "os_name"),
    ("os.name", "os_name"),
    ("sys_platform", "sys_platform"),
    ("sys.platform", "sys_platform"),
    ("platform_release", "platform_release"),
    ("platform_system", "platform_system"),
    ("platform_version", "platform_version"),
    ("platform.version", "platform_version"),
    ("platform_machine", "platform_machine"),
    ("platform.machine", "platform_machine"),
    ("platform_python_implementation", "platform_python_implementation"),
    ("platform.python_implementation", "platform_python_implementation"),
    ("python_implementation", "platform_python_implementation"),
    ("implementation_name", "implementation_name"),
    ("implementation_version", "implementation_version"),
    ("extras", "extras"),
    ("extra", "extra"),
    ("dependency_groups", "dependency_groups"),
  ]

  /// Parses a whole marker and writes its canonical text to `out`: packaging 26.3's
  /// `_format_marker`, in one pass and without a tree. A list of two or more atoms is written
  /// in parentheses unless it is the outermost one; a list of one atom is written as that atom,
  /// at its list's level (so `((a and b))` at the top is `a and b`).
  mutating func writeMarker() throws(PEP508Error) {
    if let parentheses = try writeList(grouped: false) {
      // The outermost list was one group: its parentheses go.
      out.removeLast()
      out.remove(at: parentheses)
    }
  }

  /// `marker = marker_atom (BOOLOP marker_atom)*`, atoms joined by single spaces. A `grouped`
  /// list (the inside of `( … )`) is written in parentheses provisionally. Returns the offset of
  /// the `(` of a parenthesized group that ends `out` and may still be dropped: the list's own,
  /// or, for a one-atom list, its atom's.
  private mutating func writeList(grouped: Bool) throws(PEP508Error) -> Int? {
    let listStart = out.count
    if grouped { out.append(0x28) }
    let first = try writeAtom()
    var atoms = 1
    while true {
      if isWord("and") {
        pos += 3
        PEP508Bytes.append(" and ", to: &out)
      } else if isWord("or") {
        pos += 2
        PEP508Bytes.append(" or ", to: &out)
      } else {
        break
      }
      _ = try writeAtom()
      atoms += 1
    }
    if atoms == 1 {
      // A one-atom list is its atom: no parentheses of its own.
      guard grouped else { return first }
      out.remove(at: listStart)
      return first.map { $0 - 1 }
    }
    guard grouped else { return nil }
    out.append(0x29)
    return listStart
  }

  /// `marker_atom = WS? '(' WS? marker WS? ')' WS? | WS? marker_item WS?`; returns what
  /// `writeList` does for a group, nil for a comparison.
  private mutating func writeAtom() throws(PEP508Error) -> Int? {
    skipBlanks()
    var parentheses: Int?
    if pos < end, bytes[pos] == 0x28 {
      let open = pos
      guard depth < Self.maximumDepth else {
        throw PEP508Error(message: "markers nested more than \(Self.maximumDepth) parentheses deep", offset: open)
      }
      pos += 1
      skipBlanks()
      depth += 1
      parentheses = try writeList(grouped: true)
      depth -= 1
      skipBlanks()
      guard pos < end, bytes[pos] == 0x29 else {
        throw PEP508Error(
          message: "expected ')' to close the '(' at offset \(open) but found " + found(),
          offset: pos)
      }
      pos += 1
    } else {
      try writeComparison()
    }
    skipBlanks()
    return parentheses
  }

  /// One side of a comparison: a variable (its PEP 508 name) or a quoted string's contents.
  private enum Operand {
    case variable(StaticString)
    case string(Range<Int>)

    func isVariable(_ name: StaticString) -> Bool {
      guard case .variable(let v) = self, v.utf8CodeUnitCount == name.utf8CodeUnitCount else { return false }
      return v.withUTF8Buffer { a in name.withUTF8Buffer { b in a.elementsEqual(b) } }
    }
  }

  /// `marker_item = marker_var WS? marker_op WS? marker_var`, written `lhs op rhs` with single
  /// spaces, with packaging's PEP 685 / PEP 735 normalization of the string compared with `extra`
  /// (any operator) or tested `in extras` / `in dependency_groups` (`markers._normalize_extras`).
  private mutating func writeComparison() throws(PEP508Error) {
    let lhs = try parseOperand()
    skipBlanks()
    let op = try parseOperator()
    skipBlanks()
    let rhs = try parseOperand()
    skipBlanks()
    var normalizeLeft = false
    var normalizeRight = false
    if case .string = rhs, lhs.isVariable("extra") { normalizeRight = true }
    if case .string = lhs, rhs.isVariable("extra") || rhs.isVariable("extras") || rhs.isVariable("dependency_groups") {
      normalizeLeft = true
    }
    write(lhs, normalized: normalizeLeft)
    out.append(0x20)
    PEP508Bytes.append(op, to: &out)
    out.append(0x20)
    write(rhs, normalized: normalizeRight)
  }

  /// The name, or the string in double quotes (single quotes when it contains a double quote),
  /// as packaging's `Value.serialize`.
  private mutating func write(_ operand: Operand, normalized: Bool) {
    switch operand {
    case .variable(let name):
      PEP508Bytes.append(name, to: &out)
    case .string(let range):
      if normalized {
        let value = ProjectName.normalize(PEP508Bytes.string(bytes, range))
        let quote: UInt8 = value.utf8.contains(0x22) ? 0x27 : 0x22
        out.append(quote)
        out.append(contentsOf: value.utf8)
        out.append(quote)
      } else {
        let quote: UInt8 = bytes[range].contains(0x22) ? 0x27 : 0x22
        out.append(quote)
        out.append(contentsOf: bytes[range])
        out.append(quote)
      }
    }
  }

  /// `marker_var = VARIABLE | QUOTED_STRING` (strings are `'…'` or `"…"`, contents kept verbatim).
  private mutating func parseOperand() throws(PEP508Error) -> Operand {
    guard pos < end else {
      throw PEP508Error(message: "expected a marker variable or a quoted string but found end of text", offset: pos)
    }
    let quote = bytes[pos]
    if quote == 0x22 || quote == 0x27 {
      var close = pos + 1
      while close < end, bytes[close] != quote { close += 1 }
      guard close < end else {
        throw PEP508Error(
          message: "expected a closing \(quote == 0x22 ? "'\"'" : "\"'\"") for the string starting here but found end of text",
          offset: pos)
      }
      let value = (pos + 1)..<close
      pos = close + 1
      return .string(value)
    }
    if pos == 0 || !PEP508Bytes.isWord(bytes[pos - 1]) {
      for (spelling, name) in Self.variables where isWord(spelling) {
        pos += spelling.utf8CodeUnitCount
        return .variable(name)
      }
    }
    throw PEP508Error(
      message: "expected a marker variable (such as python_version or sys_platform) or a quoted string but found "
        + found(),
      offset: pos)
  }

  /// `marker_op = IN | NOT WS IN | OP`
  private mutating func parseOperator() throws(PEP508Error) -> StaticString {
    if isWord("in") {
      pos += 2
      return "in"
    }
    if isWord("not") {
      pos += 3
      let blanks = pos
      skipBlanks()
      guard pos > blanks, isWord("in") else {
        throw PEP508Error(message: "expected whitespace and 'in' after 'not' but found " + found(), offset: pos)
      }
      pos += 2
      return "not in"
    }
    for op: StaticString in ["===", "==", "~=", "!=", "<=", ">=", "<", ">"]
    where PEP508Bytes.hasPrefix(bytes, at: pos, end: end, op) {
      pos += op.utf8CodeUnitCount
      return op
    }
    throw PEP508Error(
      message: "expected a marker operator (<=, <, !=, ==, >=, >, ~=, ===, in, not in) but found " + found(),
      offset: pos)
  }

  /// Whether `word` is at the current position as a whole word (regex `\bword\b`).
  func isWord(_ word: StaticString) -> Bool {
    guard PEP508Bytes.hasPrefix(bytes, at: pos, end: end, word) else { return false }
    let after = pos + word.utf8CodeUnitCount
    if after < end, PEP508Bytes.isWord(bytes[after]) { return false }
    return pos == 0 || !PEP508Bytes.isWord(bytes[pos - 1])
  }

  /// Skips `[ \t]*`.
  mutating func skipBlanks() {
    while pos < end, PEP508Bytes.isBlank(bytes[pos]) { pos += 1 }
  }

  /// A quotation of the text at the current position, for error messages.
  func found() -> String { PEP508Bytes.found(bytes, at: pos, end: end) }
}
