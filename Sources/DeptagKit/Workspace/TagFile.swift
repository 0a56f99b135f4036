/// A file that holds the current tag (`deptag digest --write/--check FILE [--var NAME]`): the
/// digest alone on a line, or with `--var` one `NAME=value` line of a dotenv or Makefile-include
/// file whose other lines are kept as they are.
public enum TagFile {
  /// The tag `contents` holds, or nil when it holds none.
  public static func value(in contents: String, variable: String?) -> String? {
    guard let variable else {
      let trimmed = contents.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
      return trimmed.isEmpty ? nil : trimmed.trimmingSpaces()
    }
    for line in contents.split(separator: "\n", omittingEmptySubsequences: false) {
      if let assignment = Assignment(String(line), variable: variable) { return assignment.value }
    }
    return nil
  }

  /// `contents` with the tag set to `digest` (the variable's first assignment updated in place,
  /// or a line appended).
  public static func updating(_ contents: String?, digest: String, variable: String?) -> String {
    guard let variable else { return digest + "\n" }
    var lines = (contents ?? "").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    if let index = lines.firstIndex(where: { Assignment($0, variable: variable) != nil }) {
      lines[index] = Assignment(lines[index], variable: variable)!.prefix + digest
    } else {
      lines.append("\(variable)=\(digest)")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `[export ]NAME[ ]( = | := | ?= | ::= )value`, as dotenv files and Makefiles spell it.
  private struct Assignment {
    var prefix: String
    var value: String

    init?(_ line: String, variable: String) {
      var rest = Substring(line)
      let indent = rest.prefix(while: { $0 == " " || $0 == "\t" })
      rest = rest.dropFirst(indent.count)
      var head = String(indent)
      if rest.hasPrefix("export ") {
        head += "export "
        rest = rest.dropFirst(7)
      }
      guard rest.hasPrefix(variable) else { return nil }
      rest = rest.dropFirst(variable.count)
      let spaces = rest.prefix(while: { $0 == " " })
      rest = rest.dropFirst(spaces.count)
      guard let op = ["::=", ":=", "?=", "="].first(where: { rest.hasPrefix($0) }) else { return nil }
      rest = rest.dropFirst(op.count)
      let after = rest.prefix(while: { $0 == " " })
      prefix = head + variable + spaces + op + after
      value = String(rest.dropFirst(after.count)).trimmingSpaces()
    }
  }
}

extension String {
  fileprivate func trimmingSpaces() -> String {
    var s = Substring(self)
    while let c = s.first, c == " " || c == "\t" || c == "\r" { s = s.dropFirst() }
    while let c = s.last, c == " " || c == "\t" || c == "\r" { s = s.dropLast() }
    return String(s)
  }
}
