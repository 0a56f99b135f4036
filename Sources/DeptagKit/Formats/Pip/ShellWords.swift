/// `shlex.split` in POSIX mode, which pip applies to the options part of a line
/// (pip-requirements.md §1 step 7): whitespace separates words, `'…'` is literal, `"…"` allows
/// `\"` and `\\`, a backslash outside quotes escapes the next character.
enum ShellWords {
  /// One word and where it starts in the input.
  struct Word: Equatable {
    var value: String
    var start: String.Index
  }

  /// Why a text could not be split.
  enum Failure: Error {
    case unclosedQuote(String.Index)
    case danglingEscape(String.Index)
  }

  static func split(_ text: Substring) throws(Failure) -> [Word] {
    var words: [Word] = []
    var current: String?
    var start = text.startIndex
    let scalars = text.unicodeScalars
    var i = scalars.startIndex
    func isBlank(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" || s == "\r" || s == "\n" }
    while i < scalars.endIndex {
      let s = scalars[i]
      if isBlank(s) {
        if let word = current { words.append(Word(value: word, start: start)) }
        current = nil
        scalars.formIndex(after: &i)
        continue
      }
      if current == nil {
        current = ""
        start = i
      }
      switch s {
      case "\\":
        let escaped = scalars.index(after: i)
        guard escaped < scalars.endIndex else { throw .danglingEscape(i) }
        current!.unicodeScalars.append(scalars[escaped])
        i = scalars.index(after: escaped)
      case "'", "\"":
        let open = i
        i = scalars.index(after: i)
        while true {
          guard i < scalars.endIndex else { throw .unclosedQuote(open) }
          let c = scalars[i]
          if c == s { break }
          if s == "\"", c == "\\" {
            let next = scalars.index(after: i)
            if next < scalars.endIndex, scalars[next] == "\"" || scalars[next] == "\\" {
              current!.unicodeScalars.append(scalars[next])
              i = scalars.index(after: next)
              continue
            }
          }
          current!.unicodeScalars.append(c)
          scalars.formIndex(after: &i)
        }
        scalars.formIndex(after: &i)
      default:
        current!.unicodeScalars.append(s)
        scalars.formIndex(after: &i)
      }
    }
    if let word = current { words.append(Word(value: word, start: start)) }
    return words
  }

  /// Quotes `word` so that `split` gives it back unchanged. Only what `shlex.split` (not a
  /// shell) treats specially needs quoting: whitespace, quotes and backslashes; and a leading `#`,
  /// which pip's comment stripping would take for a comment after a space.
  static func quote(_ word: String) -> String {
    let plain = !word.isEmpty && word.first != "#"
      && !word.unicodeScalars.contains { PythonText.isSpace($0) || $0 == "'" || $0 == "\"" || $0 == "\\" }
    if plain { return word }
    return "'" + word.replacing("'", with: "'\"'\"'") + "'"
  }
}
