/// The options pip 26.3 accepts in a requirements file (`SUPPORTED_OPTIONS` and
/// `SUPPORTED_OPTIONS_REQ` in `req_file.py`; pip-requirements.md §2). Anything else is an error.
enum PipOption: CaseIterable, Sendable {
  case indexURL, extraIndexURL, noIndex, constraint, requirement, editable, findLinks
  case noBinary, onlyBinary, preferBinary, requireHashes, noRequireHashes, pre
  case allReleases, onlyFinal, trustedHost, useFeature, hash, configSettings

  /// Long spellings; the first is canonical.
  var longNames: [String] {
    switch self {
    case .indexURL: ["--index-url", "--pypi-url"]
    case .extraIndexURL: ["--extra-index-url"]
    case .noIndex: ["--no-index"]
    case .constraint: ["--constraint"]
    case .requirement: ["--requirement"]
    case .editable: ["--editable"]
    case .findLinks: ["--find-links"]
    case .noBinary: ["--no-binary"]
    case .onlyBinary: ["--only-binary"]
    case .preferBinary: ["--prefer-binary"]
    case .requireHashes: ["--require-hashes"]
    case .noRequireHashes: ["--no-require-hashes"]
    case .pre: ["--pre"]
    case .allReleases: ["--all-releases"]
    case .onlyFinal: ["--only-final"]
    case .trustedHost: ["--trusted-host"]
    case .useFeature: ["--use-feature"]
    case .hash: ["--hash"]
    case .configSettings: ["--config-settings"]
    }
  }

  var shortName: Character? {
    switch self {
    case .indexURL: "i"
    case .constraint: "c"
    case .requirement: "r"
    case .editable: "e"
    case .findLinks: "f"
    case .configSettings: "C"
    default: nil
    }
  }

  var takesValue: Bool {
    switch self {
    case .noIndex, .preferBinary, .requireHashes, .noRequireHashes, .pre: false
    default: true
    }
  }

  /// `--use-feature` choices in pip 26.3 (`ALWAYS_ENABLED_FEATURES` included).
  static let features: Set<String> = [
    "fast-deps", "inprocess-build-deps", "venv-isolation", "truststore",
    "no-binary-enable-wheel-cache", "build-constraint",
  ]

  /// Options older pips accepted that pip 26 rejects, with when they went.
  static let removed: [String: String] = [
    "--global-option": "removed in pip 25.3", "--build-option": "removed in pip 25.3",
    "--install-option": "removed in pip 23.1", "--allow-external": "removed in pip 10",
    "--allow-all-external": "removed in pip 10", "--allow-unverified": "removed in pip 10",
    "--process-dependency-links": "removed in pip 19", "--no-use-wheel": "removed in pip 10",
    "--use-wheel": "removed in pip 10", "-Z": "removed in pip 10", "--always-unzip": "removed in pip 10",
    "--default-timeout": "not a requirements-file option",
  ]

  private static let byLongName: [String: PipOption] = {
    var map: [String: PipOption] = [:]
    for option in allCases { for name in option.longNames { map[name] = option } }
    return map
  }()

  /// One option occurrence on a line.
  struct Occurrence {
    var option: PipOption
    var value: String
    /// Where the option's word starts in the line.
    var start: String.Index
    /// Where its value starts (the option's word for `--opt=value` and `-oVALUE`).
    var valueStart: String.Index
  }

  /// Why an options part could not be parsed, and where.
  struct Failure: Error {
    var message: String
    var at: String.Index
  }

  /// Parses shell words as optparse does for pip's per-line parser: long options by exact name or
  /// unambiguous prefix, `--opt=value`, `-oVALUE`, interspersed stray words ignored, `--` ending
  /// option processing.
  static func parse(_ words: [ShellWords.Word]) throws(Failure) -> [Occurrence] {
    var result: [Occurrence] = []
    var i = 0
    /// The value glued to the option (`--opt=v`, `-ov`), else the next word.
    func value(for option: PipOption, spelled: String, glued: String?, at word: ShellWords.Word) throws(Failure) -> Occurrence {
      if let glued { return Occurrence(option: option, value: glued, start: word.start, valueStart: word.start) }
      guard i < words.count else { throw Failure(message: "\(spelled) option requires 1 argument", at: word.start) }
      i += 1
      return Occurrence(option: option, value: words[i - 1].value, start: word.start, valueStart: words[i - 1].start)
    }
    while i < words.count {
      let word = words[i]
      let text = word.value
      i += 1
      if text == "--" { break }
      if text.hasPrefix("--") {
        let (name, inlineValue) = splitInline(text)
        let option = try match(long: name, at: word.start)
        if option.takesValue {
          result.append(try value(for: option, spelled: name, glued: inlineValue, at: word))
        } else if inlineValue != nil {
          throw Failure(message: "\(option.longNames[0]) option does not take a value", at: word.start)
        } else {
          result.append(Occurrence(option: option, value: "", start: word.start, valueStart: word.start))
        }
      } else if text.hasPrefix("-") && text.count > 1 {
        let letter = text[text.index(after: text.startIndex)]
        guard let option = allCases.first(where: { $0.shortName == letter }) else {
          let spelled = "-\(letter)"
          let why = removed[spelled].map { " (\($0))" } ?? ""
          throw Failure(message: "no such option: \(spelled)\(why)", at: word.start)
        }
        let rest = String(text.dropFirst(2))
        result.append(try value(for: option, spelled: "-\(letter)", glued: rest.isEmpty ? nil : rest, at: word))
      }
      // Anything else is a stray positional word, which optparse leaves over and pip drops.
    }
    for occurrence in result { try validate(occurrence) }
    return result
  }

  /// The checks pip's option callbacks and `choices` make while parsing.
  private static func validate(_ o: Occurrence) throws(Failure) {
    switch o.option {
    case .hash:
      // `_handle_merge_hash`: "algo:digest", algo one of STRONG_HASHES.
      guard let colon = o.value.firstIndex(of: ":") else {
        throw Failure(message: "arguments to --hash must be a hash name followed by a value, like --hash=sha256:abcde...", at: o.start)
      }
      let algorithm = o.value[..<colon]
      guard ["sha256", "sha384", "sha512"].contains(algorithm) else {
        throw Failure(message: "allowed hash algorithms for --hash are sha256, sha384, sha512 (not '\(algorithm)')", at: o.start)
      }
    case .configSettings:
      guard o.value.contains("=") else {
        throw Failure(message: "arguments to --config-settings must be of the form KEY=VAL", at: o.start)
      }
    case .useFeature:
      guard features.contains(o.value) else {
        let choices = features.sorted().map { "'\($0)'" }.joined(separator: ", ")
        throw Failure(message: "option --use-feature: invalid choice: '\(o.value)' (choose from \(choices))", at: o.start)
      }
    case .noBinary, .onlyBinary, .allReleases, .onlyFinal:
      if o.value.hasPrefix("-") {
        throw Failure(message: "\(o.option.longNames[0]) option requires 1 argument", at: o.start)
      }
    default:
      break
    }
  }

  private static func splitInline(_ text: String) -> (String, String?) {
    guard let eq = text.firstIndex(of: "=") else { return (text, nil) }
    return (String(text[..<eq]), String(text[text.index(after: eq)...]))
  }

  /// optparse's `_match_abbrev`: an exact name, or the one long name the text is a prefix of.
  private static func match(long name: String, at start: String.Index) throws(Failure) -> PipOption {
    if let exact = byLongName[name] { return exact }
    let candidates = byLongName.keys.filter { $0.hasPrefix(name) }.sorted()
    if candidates.count == 1 { return byLongName[candidates[0]]! }
    if candidates.isEmpty {
      let why = removed[name].map { " (\($0))" } ?? ""
      throw Failure(message: "no such option: \(name)\(why)", at: start)
    }
    throw Failure(message: "ambiguous option: \(name) (\(candidates.joined(separator: ", "))?)", at: start)
  }
}
