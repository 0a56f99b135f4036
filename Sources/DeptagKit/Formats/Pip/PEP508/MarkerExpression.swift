/// A PEP 508 environment marker expression.
enum MarkerExpression {
  /// Parses marker text (after the ";") and returns its canonical spelling, or throws.
  ///
  /// The canonical spelling is packaging 26.3's `str(Marker(text))`: single spaces, double-quoted
  /// strings, legacy variable names mapped, `extra` values normalized, parentheses around a single
  /// comparison and redundant double parentheses dropped, grouping and operand order kept.
  /// Empty text is an error (pip itself skips an empty marker before parsing it).
  static func canonical<S: StringProtocol>(_ text: S) throws(PEP508Error) -> String {
    let bytes = Substring(text).withBytes { Array($0) }  // bulk copy, not byte by byte
    var parser = MarkerParser(bytes: bytes, end: bytes.count, pos: 0)
    let elements = try parser.parseMarker()
    guard parser.pos == bytes.count else {
      throw PEP508Error(
        message: "expected 'and', 'or' or the end of the marker but found " + parser.found(), offset: parser.pos)
    }
    return format(elements)
  }

  /// packaging's `_format_marker`: a list prints its elements joined by spaces, in parentheses
  /// unless it is the outermost one; a list holding a single atom prints that atom at the same level.
  static func format(_ elements: [MarkerElement], outermost: Bool = true) -> String {
    if elements.count == 1 {
      switch elements[0] {
      case .comparison(let comparison): return comparison.canonical
      case .group(let inner): return format(inner, outermost: outermost)
      case .and, .or: break
      }
    }
    var out = outermost ? "" : "("
    for (index, element) in elements.enumerated() {
      if index > 0 { out += " " }
      switch element {
      case .comparison(let comparison): out += comparison.canonical
      case .group(let inner): out += format(inner, outermost: false)
      case .and: out += "and"
      case .or: out += "or"
      }
    }
    if !outermost { out += ")" }
    return out
  }
}
