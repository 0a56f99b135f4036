import ArgumentParser
import DeptagKit

#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Musl)
  @preconcurrency import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Printing: results to stdout, diagnostics to stderr in compiler format, colour only when
/// stderr is a terminal and `NO_COLOR` is unset.
enum Terminal {
  /// Runs `body`; on a `DeptagError`, prints it and exits with status 1.
  static func reporting<T>(_ body: () throws(DeptagError) -> T) throws -> T {
    do {
      return try body()
    } catch {
      report([error.diagnostic])
      throw ExitCode.failure
    }
  }

  /// Prints diagnostics (and their notes) to stderr.
  static func report(_ diagnostics: [Diagnostic]) {
    guard !diagnostics.isEmpty else { return }
    var text = ""
    for diagnostic in diagnostics { append(diagnostic, to: &text) }
    writeStandardError(text)
  }

  static func writeStandardOutput(_ text: String) {
    fputs(text, stdout)
    fflush(stdout)
  }

  /// Ends the process with status 0 now (standard output is flushed after every write), without
  /// freeing what the command built, as returning from `main` would.
  static func exitSuccess() -> Never {
    exit(0)
  }

  static func writeStandardError(_ text: String) {
    fputs(text, stderr)
  }

  /// How a diff line is coloured on a terminal.
  enum Style {
    case added, removed, changed
  }

  /// `text` in the colour of `style` when stdout is a terminal and colour is allowed.
  static func paint(_ text: String, _ style: Style) -> String {
    guard isatty(1) == 1 && allowsColour else { return text }
    let code =
      switch style {
      case .added: "32"
      case .removed: "31"
      case .changed: "33"
      }
    return "\u{1B}[\(code)m\(text)\u{1B}[0m"
  }

  private static let allowsColour: Bool =
    getenv("NO_COLOR") == nil && getenv("TERM").map { String(cString: $0) } != "dumb"

  private static let useColour: Bool = isatty(2) == 1 && allowsColour

  private static func append(_ diagnostic: Diagnostic, to text: inout String) {
    let place = diagnostic.location.map { "\($0)" } ?? "deptag"
    let severity = diagnostic.severity.rawValue
    if useColour {
      let colour =
        switch diagnostic.severity {
        case .error: "\u{1B}[1;31m"
        case .warning: "\u{1B}[1;35m"
        case .note: "\u{1B}[1;30m"
        }
      text += "\u{1B}[1m\(place): \(colour)\(severity):\u{1B}[0m\u{1B}[1m \(diagnostic.message)\u{1B}[0m\n"
    } else {
      text += "\(place): \(severity): \(diagnostic.message)\n"
    }
    for note in diagnostic.notes { append(note, to: &text) }
  }
}
