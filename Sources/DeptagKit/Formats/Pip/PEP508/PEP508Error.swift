/// A parse error with a UTF-8 byte offset into the text that was passed in (0-based).
struct PEP508Error: Error, Equatable, Sendable {
  /// What was expected and what was found instead.
  var message: String
  /// Where the offending text starts, in UTF-8 bytes from the start of the parsed text.
  var offset: Int
}
