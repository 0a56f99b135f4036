/// Recursive-descent parser for PEP 508 environment markers over UTF-8 bytes, following
/// packaging 26.3's `_parse_marker` and its tokenizer rules (`WS` is `[ \t]+` only).
struct MarkerParser {
  /// The whole text being parsed (a marker, or a requirement that contains one).
  let bytes: [UInt8]
  /// The end of the parsed region.
  let end: Int
  /// The current position.
  var pos: Int
  /// Open parentheses around the current position.
  var depth = 0

  /// Deeper nesting is refused, not recursed into until the stack overflows (packaging's own
  /// recursive parser stops at Python's recursion limit, a few hundred levels).
  static let maximumDepth = 200

  /// Marker variables in packaging's `VARIABLE` rule (case-sensitive, whole words), with the
  /// PEP 508 name each one maps to (legacy dotted names and `python_implementation`).
  private static let variables: [(spelling: StaticString, name: String)] = [
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

  /// `marker = marker_atom (BOOLOP marker_atom)*`
  mutating func parseMarker() throws(PEP508Error) -> [MarkerElement] {
    var elements = [try parseAtom()]
    while true {
      if isWord("and") {
        pos += 3
        elements.append(.and)
      } else if isWord("or") {
        pos += 2
        elements.append(.or)
      } else {
        return elements
      }
      elements.append(try parseAtom())
    }
  }

  /// `marker_atom = WS? '(' WS? marker WS? ')' WS? | WS? marker_item WS?`
  private mutating func parseAtom() throws(PEP508Error) -> MarkerElement {
    skipBlanks()
    let atom: MarkerElement
    if pos < end, bytes[pos] == 0x28 {
      let open = pos
      guard depth < Self.maximumDepth else {
        throw PEP508Error(message: "markers nested more than \(Self.maximumDepth) parentheses deep", offset: open)
      }
      pos += 1
      skipBlanks()
      depth += 1
      let inner = try parseMarker()
      depth -= 1
      skipBlanks()
      guard pos < end, bytes[pos] == 0x29 else {
        throw PEP508Error(
          message: "expected ')' to close the '(' at offset \(open) but found " + found(),
          offset: pos)
      }
      pos += 1
      atom = .group(inner)
    } else {
      atom = .comparison(try parseComparison())
    }
    skipBlanks()
    return atom
  }

  /// `marker_item = marker_var WS? marker_op WS? marker_var`, with packaging's PEP 685 / PEP 735
  /// normalization of the string compared with `extra` (any operator) or tested `in extras` /
  /// `in dependency_groups` (`markers._normalize_extras`).
  private mutating func parseComparison() throws(PEP508Error) -> MarkerComparison {
    var lhs = try parseOperand()
    skipBlanks()
    let op = try parseOperator()
    skipBlanks()
    var rhs = try parseOperand()
    skipBlanks()
    switch (lhs, rhs) {
    case (.variable("extra"), .string(let value)):
      rhs = .string(ProjectName.normalize(value))
    case (.string(let value), .variable("extra")),
      (.string(let value), .variable("extras")),
      (.string(let value), .variable("dependency_groups")):
      lhs = .string(ProjectName.normalize(value))
    default:
      break
    }
    return MarkerComparison(lhs: lhs, op: op, rhs: rhs)
  }

  /// `marker_var = VARIABLE | QUOTED_STRING` (strings are `'…'` or `"…"`, contents kept verbatim).
  private mutating func parseOperand() throws(PEP508Error) -> MarkerOperand {
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
      let value = PEP508Bytes.string(bytes, (pos + 1)..<close)
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
  private mutating func parseOperator() throws(PEP508Error) -> String {
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
      return op.description
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
