/// A position in an input file: 1-based line, and 1-based column counted in UTF-8 bytes of the
/// physical line (PRODUCT.md, "Input, errors, exit status").
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
  /// The path as the user spelled it (or `<stdin>`).
  public var file: String
  /// 1-based physical line number.
  public var line: Int
  /// 1-based column in UTF-8 bytes.
  public var column: Int

  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// `FILE:LINE:COL`, the compiler spelling.
  public var description: String { "\(file):\(line):\(column)" }
}
