/// The one error type the library throws: a diagnostic of severity `error`, carrying the file
/// and position it refers to when it has one.
public struct DeptagError: Error, Sendable, Hashable, CustomStringConvertible {
  public var diagnostic: Diagnostic

  public init(_ message: String, at location: SourceLocation? = nil, notes: [Diagnostic] = []) {
    diagnostic = Diagnostic(.error, message, at: location, notes: notes)
  }

  /// The message without its position.
  public var message: String { diagnostic.message }
  /// Where the error is, if it is anywhere in particular.
  public var location: SourceLocation? { diagnostic.location }

  /// The same error with a note appended (used to say where an included file was included).
  public func adding(note: Diagnostic) -> DeptagError {
    var copy = self
    copy.diagnostic.notes.append(note)
    return copy
  }

  public var description: String { diagnostic.description }
}
