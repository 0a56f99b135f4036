/// One side of a marker comparison: an environment variable or a quoted string.
enum MarkerOperand: Sendable, Hashable {
  /// A marker variable, already mapped to its PEP 508 name (`os.name` -> `os_name`).
  case variable(String)
  /// The contents of a quoted string, byte for byte (no quotes).
  case string(String)

  /// The canonical spelling: the name, or the string in double quotes (single quotes when it
  /// contains a double quote), as packaging's `Value.serialize`.
  var canonical: String {
    switch self {
    case .variable(let name):
      return name
    case .string(let value):
      return value.utf8.contains(0x22) ? "'" + value + "'" : "\"" + value + "\""
    }
  }
}

/// A `lhs op rhs` marker comparison (PEP 508 `marker_expr`).
struct MarkerComparison: Sendable, Hashable {
  /// The left operand.
  var lhs: MarkerOperand
  /// The operator: `<=`, `<`, `!=`, `==`, `>=`, `>`, `~=`, `===`, `in` or `not in`.
  var op: String
  /// The right operand.
  var rhs: MarkerOperand

  /// `lhs op rhs` with single spaces.
  var canonical: String { lhs.canonical + " " + op + " " + rhs.canonical }
}

/// An element of a marker list, mirroring packaging's `MarkerList`: the parser keeps the flat
/// `atom (and|or atom)*` sequence of each parenthesis level and never re-associates it.
indirect enum MarkerElement: Sendable, Hashable {
  /// A single comparison.
  case comparison(MarkerComparison)
  /// A parenthesized sub-expression.
  case group([MarkerElement])
  /// The `and` between two atoms.
  case and
  /// The `or` between two atoms.
  case or
}
