/// A PEP 508 environment marker expression.
enum MarkerExpression {
  /// Parses marker text (after the ";") and returns its canonical spelling, or throws.
  ///
  /// The canonical spelling is packaging 26.3's `str(Marker(text))`: single spaces, double-quoted
  /// strings, legacy variable names mapped, `extra` values normalized, parentheses around a single
  /// comparison and redundant double parentheses dropped, grouping and operand order kept.
  /// Empty text is an error (pip itself skips an empty marker before parsing it).
  static func canonical<S: StringProtocol>(_ text: S) throws(PEP508Error) -> String {
    String(decoding: try canonicalBytes(text), as: UTF8.self)
  }

  /// `canonical(text)` as UTF-8 bytes.
  static func canonicalBytes<S: StringProtocol>(_ text: S) throws(PEP508Error) -> [UInt8] {
    let bytes = Substring(text).withBytes { Array($0) }  // bulk copy, not byte by byte
    var parser = MarkerParser(bytes: bytes, end: bytes.count, pos: 0)
    try parser.writeMarker()
    guard parser.pos == bytes.count else {
      throw PEP508Error(
        message: "expected 'and', 'or' or the end of the marker but found " + parser.found(), offset: parser.pos)
    }
    return parser.out
  }
}
