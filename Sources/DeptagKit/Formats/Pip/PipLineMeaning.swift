/// What one logical line of a requirements file says, worked out from the line alone
/// (pip-requirements.md §1 steps 5–7, §4): `break_args_options`, `shlex.split` of the options
/// part, optparse over the words, and the requirement or editable parsed into its canonical form.
///
/// This is the pure part of reading a line: it needs no state from the lines before it, so the
/// lines of a big file can be classified on several threads. What does depend on the file
/// order — settings, includes, constraints-mode checks, warnings, and which error comes first —
/// is `PipIncludeWalker.apply`, run line by line in order. An error found here is kept as a value
/// and thrown only when the line is applied, so the first error in file order still wins.
///
/// It keeps positions, not the line: a part of a big file is freed once its lines are classified.
struct PipLineMeaning {
  /// A 1-based physical line and UTF-8 column in the file whose line was classified.
  struct Position: Equatable {
    var line: Int
    var column: Int

    func location(in file: String) -> SourceLocation { SourceLocation(file: file, line: line, column: column) }
  }

  /// What kind of line it is, with the positions `apply` may report.
  enum Kind {
    /// A requirement line (`name…`, a URL or a path), options included in its text; `at` is
    /// where the requirement text starts.
    case requirement(PipRequirement, at: Position)
    /// An `-e`/`--editable` line; `flag` is where the option's word starts (for the error that
    /// refuses editables in constraints files).
    case editable(PipRequirement, at: Position, flag: Position)
    /// `-r`/`--requirement` or `-c`/`--constraint` (`-r` wins when a line has both), at the
    /// option's word.
    case include(PipOption.Occurrence, at: Position)
    /// A line of global options only; `hash` is where a (pointless) `--hash` is, if any.
    case options([PipOption.Occurrence], hash: Position?)
    /// The line is wrong; thrown when applied.
    case failure(DeptagError)
  }

  let kind: Kind
  /// The line's format- and release-control options (`--no-binary`, `--only-binary`,
  /// `--all-releases`, `--only-final`), which pip applies as optparse callbacks while it parses
  /// any line, requirement lines included (§2).
  let callbacks: [PipOption.Occurrence]

  init(_ kind: Kind, callbacks: [PipOption.Occurrence] = []) {
    self.kind = kind
    self.callbacks = callbacks
  }

  /// Classifies `line` of `file` (the path errors name).
  init(_ line: LogicalLine, file: String) {
    do {
      self = try Self.classify(line, file: file)
    } catch {
      self.init(.failure(error))
    }
  }

  private static func classify(_ line: LogicalLine, file: String) throws(DeptagError) -> PipLineMeaning {
    func position(_ index: String.Index) -> Position {
      let (number, column) = line.position(of: index)
      return Position(line: number, column: column)
    }
    let (requirementText, optionsText) = PipIncludeWalker.breakArgsOptions(line.text)
    let words: [ShellWords.Word]
    do {
      words = try ShellWords.split(optionsText)
    } catch {
      switch error {
      case .unclosedQuote(let at):
        throw DeptagError("no closing quotation in options", at: line.location(of: at, file: file))
      case .danglingEscape(let at):
        throw DeptagError("no character after '\\' in options", at: line.location(of: at, file: file))
      }
    }
    let options: [PipOption.Occurrence]
    do {
      options = try PipOption.parse(words)
    } catch {
      throw DeptagError(error.message, at: line.location(of: error.at, file: file))
    }
    // Most lines have no options: no filtering, no array.
    let callbacks = options.isEmpty ? [] : options.filter { PipSettings.isCallback($0.option) }

    let parser = PipRequirementParser(line: line, file: file)
    if !requirementText.isEmpty {
      let requirement = try parser.requirement(requirementText, options: options)
      return PipLineMeaning(.requirement(requirement, at: position(line.text.startIndex)), callbacks: callbacks)
    }
    if let editable = options.first(where: { $0.option == .editable }) {
      let requirement = try parser.editable(editable.value, at: editable.valueStart, options: options)
      return PipLineMeaning(
        .editable(requirement, at: position(line.text.startIndex), flag: position(editable.start)), callbacks: callbacks)
    }
    if let include = options.first(where: { $0.option == .requirement }) ?? options.first(where: { $0.option == .constraint }) {
      return PipLineMeaning(.include(include, at: position(include.start)), callbacks: callbacks)
    }
    for host in options where host.option == .trustedHost {
      if let problem = PipSettings.trustedHostProblem(host.value) {
        throw DeptagError(problem, at: line.location(of: host.valueStart, file: file))
      }
    }
    let hash = options.first(where: { $0.option == .hash }).map { position($0.start) }
    return PipLineMeaning(.options(options, hash: hash), callbacks: callbacks)
  }

  /// The meanings of the logical lines of `text`, LAST FIRST (`PipIncludeWalker.walk` pops them
  /// in file order, moving each one instead of copying it); `firstLine` numbers its first
  /// physical line. Every line is classified, even after a bad one: classifying is pure, and
  /// `walk` throws the first error in file order when it gets there.
  static func meaningsLastFirst(of text: String, firstLine: Int = 1, file: String) -> [PipLineMeaning] {
    LogicalLine.split(text, firstLine: firstLine).reversed().map { PipLineMeaning($0, file: file) }
  }
}
