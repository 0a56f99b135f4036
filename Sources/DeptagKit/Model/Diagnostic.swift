/// A message about an input: an error, a warning or a note, optionally at a position.
///
/// Diagnostics are values: the library returns them, the executable prints them.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
  /// How serious a diagnostic is; spelled as compilers spell it.
  public enum Severity: String, Sendable, Hashable {
    case error, warning, note
  }

  public var severity: Severity
  public var location: SourceLocation?
  public var message: String
  /// Follow-up notes, e.g. `note: included from here` for each including line.
  public var notes: [Diagnostic]

  public init(
    _ severity: Severity, _ message: String, at location: SourceLocation? = nil,
    notes: [Diagnostic] = []
  ) {
    self.severity = severity
    self.message = message
    self.location = location
    self.notes = notes
  }

  /// The diagnostic and its notes in compiler format, one per line, without a final newline:
  /// `FILE:LINE:COL: error: message`, or `deptag: error: message` when there is no position.
  public var description: String {
    let head = "\(location.map { "\($0)" } ?? "deptag"): \(severity.rawValue): \(message)"
    return ([head] + notes.map(\.description)).joined(separator: "\n")
  }
}
