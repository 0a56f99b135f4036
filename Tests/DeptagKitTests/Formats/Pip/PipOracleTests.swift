import Foundation
import Testing

@testable import DeptagKit

/// Differential tests against pip 26.3 itself (`Tests/Oracle/pip_oracle.py`, run by the Python
/// of `.venv-oracle`, made by `scripts/setup-oracles`), over the shared corpus
/// (`../shared/corpus/pip`, `../shared/corpus/real/pip`):
///
/// - deptag accepts a corpus file exactly when pip does (but for `knownDivergences`), and
///   pip reads deptag's canonical form of it as it reads the file itself;
/// - generated variants of each accepted file: where pip reads the variant as the original,
///   deptag gives the same digest; where pip reads it differently, a different one.
///
/// Skipped, with a message, when the oracle or the corpus is absent; DEPTAG_REQUIRE_ORACLE=1
/// (set by CI) makes that a failure.
@Suite(.enabled(if: PipOracle.shouldRun, "pip oracle or corpus absent (run scripts/setup-oracles)"))
struct PipOracleTests {
  /// Corpus files where deptag and pip 26.3 disagree about accepting the file, on purpose.
  static let knownDivergences: [String: (deptagAccepts: Bool, reason: String)] = [
    "pip/osv-scalibr/env_var.txt": (
      true,
      "`qwert==${MY_VARIABLE_1}`: deptag keeps ${VAR} literal (PRODUCT.md); pip expands it at install time and rejects it when unset"
    )
  ]

  @Test("the oracle runs pip 26 and packaging 26")
  func oracleVersion() throws {
    guard PipOracle.checkAvailable() else { return }
    let result = try runProcess(PipOracle.python, [PipOracle.script, "--version"])
    #expect(result.status == 0, "\(result.stderr)")
    let text = String(decoding: result.stdout, as: UTF8.self)
    #expect(text.contains("\"pip\": \"26."), "\(text)")
    #expect(text.contains("\"packaging\": \"26."), "\(text)")
  }

  // MARK: - corpus round trip

  struct RoundTrip: Sendable {
    var oracle: PipOracle.View
    var deptag: Result<String, DeptagError>
    /// pip's comparison of the file with deptag's canonical form of it (both accepted).
    var normalized: PipOracle.Pair?
    var digest: String?
    /// deptag's digest of its own canonical form (PRODUCT.md principle 2).
    var normalizedDigest: Result<String, DeptagError>?
  }

  /// Every corpus file: deptag's canonical form written into a temporary copy of the file's
  /// source folder (so `-c` paths still resolve), then one oracle process for all of them.
  static let roundTrips: Result<[String: RoundTrip], OracleFailure> = {
    guard PipOracle.missing == nil else { return .failure(OracleFailure(PipOracle.missing!)) }
    do {
      let temporary = try TemporaryDirectory("deptag-pip-oracle")
      defer { temporary.remove() }
      let copies = SourceCopies(root: temporary.url)
      var trips: [String: RoundTrip] = [:]
      var pairs: [(String, String)] = []
      for file in TestLocations.pipCorpusFiles {
        let original = TestLocations.corpusPath(file)
        var trip = RoundTrip(
          oracle: PipOracle.View(file: original, ok: false, error: nil),
          deptag: Deptag.normalize(original))
        var counterpart = original
        if case .success(let text) = trip.deptag {
          counterpart = try copies.write(text, beside: file, suffix: "deptag-normalized")
          trip.digest = try? Deptag.digest(original).get()
          trip.normalizedDigest = Deptag.digest(counterpart)
        }
        pairs.append((original, counterpart))
        trips[file] = trip
      }
      let answers = try PipOracle.compare(pairs)
      for (file, answer) in zip(TestLocations.pipCorpusFiles, answers) {
        trips[file]!.oracle = answer.a
        if case .success = trips[file]!.deptag { trips[file]!.normalized = answer }
      }
      return .success(trips)
    } catch let failure as OracleFailure {
      return .failure(failure)
    } catch {
      return .failure(OracleFailure("\(error)"))
    }
  }()

  @Test("the corpus is there", .enabled(if: !TestLocations.pipCorpusFiles.isEmpty || PipOracle.required))
  func corpusIsThere() {
    guard PipOracle.checkAvailable() else { return }
    #expect(TestLocations.pipCorpusFiles.count >= 60, "\(TestLocations.pipCorpusFiles.count) pip corpus files")
  }

  @Test(
    "deptag accepts a corpus file exactly when pip does, and pip reads its canonical form the same",
    arguments: TestLocations.pipCorpusFiles)
  func corpusFile(_ file: String) throws {
    guard PipOracle.checkAvailable() else { return }
    let trip = try #require(try Self.roundTrips.get()[file])
    let pipAccepts = trip.oracle.ok
    let deptagError = trip.deptag.failureValue
    let deptagAccepts = deptagError == nil
    let verdicts =
      "pip: \(pipAccepts ? "accepts" : "rejects (\(trip.oracle.error ?? ""))"); deptag: \(deptagError.map { "rejects (\($0))" } ?? "accepts")"

    if let divergence = Self.knownDivergences[file] {
      #expect(
        deptagAccepts == divergence.deptagAccepts && pipAccepts != deptagAccepts,
        "allow-listed divergence (\(divergence.reason)) no longer holds: \(verdicts)")
      return
    }
    #expect(deptagAccepts == pipAccepts, "\(verdicts)")
    guard pipAccepts, deptagAccepts, let pair = trip.normalized else { return }
    #expect(pair.b.ok, "pip rejects deptag's canonical form: \(pair.b.error ?? "")")
    #expect(
      pair.equivalent == true,
      "pip reads deptag's canonical form differently: \(pair.difference ?? "")")
    #expect(
      trip.normalizedDigest.flatMap { try? $0.get() } == trip.digest,
      "digest(normalize(x)) != digest(x): \(String(describing: trip.normalizedDigest))")
  }

  // MARK: - generated variants

  @Test("variants pip reads the same get the same digest; variants it reads differently do not")
  func variants() throws {
    guard PipOracle.checkAvailable() else { return }
    let trips = try Self.roundTrips.get()
    let temporary = try TemporaryDirectory("deptag-pip-variants")
    // DEPTAG_KEEP_VARIANTS=1 keeps the generated files for a look.
    let keep = ProcessInfo.processInfo.environment["DEPTAG_KEEP_VARIANTS"] == "1"
    defer { if keep { print("pip variants kept in \(temporary.url.path)") } else { temporary.remove() } }
    let copies = SourceCopies(root: temporary.url)

    struct Case {
      var file: String
      var mutation: PipVariants.Mutation
      var original: String
      var variant: String
      var path: String
      var changed: String
    }
    var cases: [Case] = []
    for file in TestLocations.pipCorpusFiles {
      guard let trip = trips[file], trip.oracle.ok, case .success = trip.deptag else { continue }
      let path = TestLocations.corpusPath(file)
      guard let text = PipVariants.decode(try Data(contentsOf: URL(fileURLWithPath: path)))
      else { continue }
      var generator = SeededGenerator(seed: PipVariants.stableHash(file))
      for mutation in PipVariants.Mutation.allCases {
        guard let variant = PipVariants.apply(mutation, to: text, using: &generator),
          variant != text
        else { continue }
        let written = try copies.write(
          variant, beside: file, suffix: "variant-\(cases.count)-\(mutation.rawValue)")
        cases.append(
          Case(
            file: file, mutation: mutation, original: path, variant: variant, path: written,
            changed: PipVariants.firstDifference(text, variant)))
      }
    }
    #expect(cases.count >= 50, "only \(cases.count) variants generated")

    let answers = try PipOracle.compare(cases.map { ($0.original, $0.path) })
    var originalDigests: [String: Result<String, DeptagError>] = [:]
    var tally = (same: 0, different: 0, rejected: 0, surprising: 0)
    var notes: [String] = []
    for (item, answer) in zip(cases, answers) {
      let label = "\(item.file) [\(item.mutation.rawValue)] \(item.changed)"
      let originalDigest = originalDigests[item.original] ?? Deptag.digest(item.original)
      originalDigests[item.original] = originalDigest
      let variantDigest = Deptag.digest(item.path)
      guard answer.b.ok else {
        tally.rejected += 1
        notes.append("rejected by pip: \(label): \(answer.b.error?.prefix(160) ?? "")")
        #expect(
          variantDigest.failureValue != nil,
          "\(label): pip rejects the variant (\(answer.b.error ?? "")) but deptag accepts it")
        continue
      }
      guard case .success(let new) = variantDigest, case .success(let old) = originalDigest else {
        Issue.record(
          "\(label): pip accepts the variant but deptag rejects it: \(variantDigest.failureValue.map { "\($0)" } ?? "") \(originalDigest.failureValue.map { "\($0)" } ?? "")"
        )
        continue
      }
      if answer.equivalent == true {
        tally.same += 1
        if !item.mutation.meantToKeepMeaning {
          tally.surprising += 1
          notes.append("pip reads it as the original: \(label)")
        }
        #expect(new == old, "\(label): pip reads it as the original, deptag's digest changed")
      } else {
        tally.different += 1
        if item.mutation.meantToKeepMeaning {
          tally.surprising += 1
          notes.append("pip reads it differently: \(label): \(answer.difference?.prefix(200) ?? "")")
        }
        #expect(
          new != old,
          "\(label): pip reads it differently (\(answer.difference ?? "")), deptag's digest is the same")
      }
    }
    print(
      "pip variants: \(cases.count) generated, \(tally.same) same meaning, \(tally.different) different, \(tally.rejected) rejected by pip, \(tally.surprising) where pip's verdict differs from the mutation's intent"
        + notes.map { "\n  \($0)" }.joined()
    )
  }
}

/// Writes files into temporary copies of corpus source folders.
final class SourceCopies {
  let root: URL
  private var copied: Set<String> = []

  init(root: URL) { self.root = root }

  /// Writes `text` (as UTF-8) next to where the corpus file `relative` sits in the copy of its
  /// source folder, named `NAME.SUFFIX.txt`; returns the absolute path.
  func write(_ text: String, beside relative: String, suffix: String) throws -> String {
    let folder = TestLocations.sourceFolder(of: relative)
    if !copied.contains(folder) {
      let destination = root.appendingPathComponent(folder)
      try FileManager.default.createDirectory(
        at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
      try FileManager.default.copyItem(
        at: TestLocations.corpus.appendingPathComponent(folder), to: destination)
      copied.insert(folder)
    }
    let target = root.appendingPathComponent(relative).deletingLastPathComponent()
      .appendingPathComponent(
        "\((relative as NSString).lastPathComponent).\(suffix).txt")
    try Data(text.utf8).write(to: target)
    return target.path
  }
}

/// Deterministic rewrites of a requirements file, in pip's own terms (reference §1 and §6).
enum PipVariants {
  enum Mutation: String, CaseIterable, Sendable {
    // meant to keep the meaning
    case shuffle, comments, crlf, nameSpelling, operatorSpaces, clauseOrder, zeroPadding,
      markerQuotes
    // meant to change it
    case bumpVersion, dropLine, addExtra, compatibleZero, arbitraryEquality, markerCase,
      hashOwnLine, constraintToRequirement

    var meantToKeepMeaning: Bool {
      switch self {
      case .shuffle, .comments, .crlf, .nameSpelling, .operatorSpaces, .clauseOrder,
        .zeroPadding, .markerQuotes:
        return true
      default: return false
      }
    }
  }

  /// FNV-1a of the UTF-8 bytes (Swift's Hasher is seeded per process).
  static func stableHash(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return hash
  }

  /// The text of a file as pip decodes it (UTF-8 or a BOM'd UTF-16), LF line ends; nil for
  /// files these rewrites do not handle (other encodings, exotic line breaks).
  static func decode(_ data: Data) -> String? {
    var text: String?
    let bytes = [UInt8](data)
    if bytes.starts(with: [0xFF, 0xFE]) {
      text = String(data: Data(bytes.dropFirst(2)), encoding: .utf16LittleEndian)
    } else if bytes.starts(with: [0xFE, 0xFF]) {
      text = String(data: Data(bytes.dropFirst(2)), encoding: .utf16BigEndian)
    } else if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      text = String(data: Data(bytes.dropFirst(3)), encoding: .utf8)
    } else {
      text = String(data: data, encoding: .utf8)
    }
    guard var result = text else { return nil }
    result = result.replacingOccurrences(of: "\r\n", with: "\n")
    let exotic: Set<Unicode.Scalar> = ["\r", "\u{0B}", "\u{0C}", "\u{1C}", "\u{1D}", "\u{1E}", "\u{85}", "\u{2028}", "\u{2029}", "\0"]
    if result.unicodeScalars.contains(where: { exotic.contains($0) }) { return nil }
    if result.lowercased().contains("coding") { return nil }  // a PEP 263 line would be kept but the bytes re-encoded
    return result
  }

  // MARK: the file as pip splits it

  enum Kind { case trivia, option, include, requirement }

  struct Block {
    var lines: Range<Int>
    var kind: Kind
  }

  static func isCommentLine(_ line: String) -> Bool {
    line.drop(while: { $0.isWhitespace }).first == "#"
  }

  /// Logical lines as pip's `join_lines` makes them, classified after comment stripping.
  static func blocks(_ lines: [String]) -> [Block] {
    var ranges: [Range<Int>] = []
    var start: Int?
    for (index, line) in lines.enumerated() {
      if !line.hasSuffix("\\") || isCommentLine(line) {
        ranges.append((start ?? index)..<(index + 1))
        start = nil
      } else if start == nil {
        start = index
      }
    }
    if let start { ranges.append(start..<lines.count) }
    return ranges.map { range in
      var joined = ""
      for index in range {
        let line = lines[index]
        if isCommentLine(line) {
          joined += " " + line
        } else if line.hasSuffix("\\") {
          joined += String(line.trimmingCharacters(in: CharacterSet(charactersIn: "\\")))
        } else {
          joined += line
        }
      }
      let content = stripComment(joined).trimmingCharacters(in: .whitespaces)
      let kind: Kind
      if content.isEmpty {
        kind = .trivia
      } else if content.hasPrefix("-r") || content.hasPrefix("-c") || content.hasPrefix("--requirement")
        || content.hasPrefix("--constraint")
      {
        kind = .include
      } else if content.hasPrefix("-") && !content.hasPrefix("-e") && !content.hasPrefix("--editable") {
        kind = .option
      } else {
        kind = .requirement
      }
      return Block(lines: range, kind: kind)
    }
  }

  /// pip's `(^|\s+)#.*$`.
  static func stripComment(_ line: String) -> String {
    var previousIsSpace = true
    for index in line.indices {
      let character = line[index]
      if character == "#" && previousIsSpace {
        return String(line[..<index])
      }
      previousIsSpace = character.isWhitespace
    }
    return line
  }

  /// A requirement's first physical line split as (leading space, PEP 508 name, rest); nil when
  /// it does not start with a plain name (URLs, paths, `-e`, archives).
  static func splitName(_ line: String) -> (String, String, String)? {
    let indent = String(line.prefix(while: { $0 == " " || $0 == "\t" }))
    let body = line.dropFirst(indent.count)
    let nameChars = body.prefix(while: { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) })
    guard let first = nameChars.first, first.isLetter || first.isNumber,
      let last = nameChars.last, last.isLetter || last.isNumber
    else { return nil }
    let rest = String(body.dropFirst(nameChars.count))
    if let next = rest.first, !" \t[<>=!~;@(,".contains(next) { return nil }
    let lower = nameChars.lowercased()
    for archive in [".whl", ".zip", ".tar", ".tgz", ".gz", ".bz2"] where lower.contains(archive) {
      return nil
    }
    return (indent, String(nameChars), rest)
  }

  /// The specifier region of `rest` (after the name): its range, from after any extras up to a
  /// marker, an option, a comment or a continuation; nil for direct references.
  static func specifierRange(_ rest: String) -> Range<String.Index>? {
    var start = rest.startIndex
    let afterSpaces = rest[start...].firstIndex(where: { $0 != " " }) ?? rest.endIndex
    if afterSpaces < rest.endIndex, rest[afterSpaces] == "[" {
      guard let close = rest[afterSpaces...].firstIndex(of: "]") else { return nil }
      start = rest.index(after: close)
    }
    var end = rest.endIndex
    var index = start
    var previous: Character = "x"
    while index < rest.endIndex {
      let character = rest[index]
      if character == "@" || character == "(" || character == ")" { return nil }
      if character == ";" || character == "\\" || (character == "#" && previous.isWhitespace)
        || (character == "-" && previous == " ")
      {
        end = index
        break
      }
      previous = character
      index = rest.index(after: index)
    }
    let region = rest[start..<end]
    guard region.contains(where: { "<>=!~".contains($0) }) else { return nil }
    return start..<end
  }

  /// The marker region of `rest` for a named requirement: after the first `;` up to an option,
  /// comment or continuation.
  static func markerRange(_ rest: String) -> Range<String.Index>? {
    guard let semicolon = rest.firstIndex(of: ";") else { return nil }
    let start = rest.index(after: semicolon)
    var end = rest.endIndex
    var index = start
    var previous: Character = ";"
    while index < rest.endIndex {
      let character = rest[index]
      if character == "\\" || (character == "#" && previous.isWhitespace)
        || (character == "-" && previous == " " && rest[index...].hasPrefix("--"))
      {
        end = index
        break
      }
      previous = character
      index = rest.index(after: index)
    }
    return start..<end
  }

  /// Specifier clauses `(operator, version)` of a region, in order.
  static func clauses(_ region: Substring) -> [(op: String, version: String)]? {
    var result: [(String, String)] = []
    for part in region.split(separator: ",", omittingEmptySubsequences: false) {
      let clause = part.trimmingCharacters(in: .whitespaces)
      let op = String(clause.prefix(while: { "<>=!~".contains($0) }))
      guard !op.isEmpty else { return nil }
      result.append((op, clause.dropFirst(op.count).trimmingCharacters(in: .whitespaces)))
    }
    return result
  }

  // MARK: rewriting

  static func apply<G: RandomNumberGenerator>(
    _ mutation: Mutation, to text: String, using generator: inout G
  ) -> String? {
    var lines = text.components(separatedBy: "\n")
    let finalNewline = lines.last == ""
    if finalNewline { lines.removeLast() }
    let blocks = blocks(lines)
    let requirements = blocks.filter { $0.kind == .requirement }
    func join(_ lines: [String], separator: String = "\n") -> String {
      lines.joined(separator: separator) + (finalNewline ? separator : "")
    }
    /// Rewrites the first physical line of requirement blocks with a name; `all` or one chosen.
    func rewriteNamed(all: Bool, _ body: (String, String, String) -> String?) -> String? {
      var candidates: [(Int, String)] = []
      for block in requirements {
        let index = block.lines.lowerBound
        guard let (indent, name, rest) = splitName(lines[index]),
          let rewritten = body(indent, name, rest), rewritten != lines[index]
        else { continue }
        candidates.append((index, rewritten))
      }
      guard !candidates.isEmpty else { return nil }
      var copy = lines
      if all {
        for (index, rewritten) in candidates { copy[index] = rewritten }
      } else {
        let (index, rewritten) = candidates.randomElement(using: &generator)!
        copy[index] = rewritten
      }
      return join(copy)
    }
    func rewriteSpecifier(all: Bool, _ body: ([(op: String, version: String)]) -> String?) -> String? {
      rewriteNamed(all: all) { indent, name, rest in
        guard let range = specifierRange(rest), let parts = clauses(rest[range]),
          let replacement = body(parts)
        else { return nil }
        // Keep the space that separates the specifier from options and comments.
        let region = rest[range]
        let leading = region.prefix(while: { $0 == " " || $0 == "\t" })
        let trailing = String(region.reversed().prefix(while: { $0 == " " || $0 == "\t" }))
        var copy = rest
        copy.replaceSubrange(range, with: leading + replacement + trailing)
        return indent + name + copy
      }
    }
    func spell(_ parts: [(op: String, version: String)]) -> String {
      parts.map { $0.op + $0.version }.joined(separator: ",")
    }
    let plainRelease = try! Regex("^[0-9]+(\\.[0-9]+)*$")

    switch mutation {
    case .shuffle:
      guard requirements.count >= 2 else { return nil }
      let order = requirements.shuffled(using: &generator)
      var result: [String] = []
      var next = order.makeIterator()
      for block in blocks {
        let source = block.kind == .requirement ? next.next()! : block
        result += lines[source.lines]
      }
      return join(result)

    case .comments:
      var result: [String] = ["# deptag variant: a comment", ""]
      for (number, block) in blocks.enumerated() {
        if number % 3 == 1 { result += ["", "   # an indented comment", ""] }
        var chunk = Array(lines[block.lines])
        if block.kind == .requirement, number % 2 == 0, let last = chunk.last, !last.hasSuffix("\\") {
          chunk[chunk.count - 1] = last + "  # trailing comment"
        }
        result += chunk
      }
      return join(result + ["", "# the end"])

    case .crlf:
      return join(lines, separator: "\r\n")

    case .nameSpelling:
      return rewriteNamed(all: true) { indent, name, rest in
        let respelled = String(
          name.map { character -> Character in
            switch character {
            case "-": return "_"
            case "_": return "."
            case ".": return "-"
            default: return Character(character.isUppercase ? character.lowercased() : character.uppercased())
            }
          })
        return indent + respelled + rest
      }

    case .operatorSpaces:
      return rewriteSpecifier(all: true) { parts in
        " " + parts.map { "\($0.op)  \($0.version)" }.joined(separator: " ,  ") + " "
      }

    case .clauseOrder:
      return rewriteSpecifier(all: true) { parts in
        parts.count >= 2 ? spell(parts.reversed()) : nil
      }

    case .zeroPadding:
      return rewriteSpecifier(all: true) { parts in
        var changed = false
        let padded = parts.map { part -> (op: String, version: String) in
          guard ["==", "!=", "<=", ">=", "<", ">"].contains(part.op),
            part.version.wholeMatch(of: plainRelease) != nil
          else { return part }
          changed = true
          return (part.op, part.version + ".0")
        }
        return changed ? spell(padded) : nil
      }

    case .markerQuotes:
      return rewriteNamed(all: true) { indent, name, rest in
        guard let range = markerRange(rest) else { return nil }
        let marker = rest[range]
        let hasDouble = marker.contains("\""), hasSingle = marker.contains("'")
        guard hasDouble != hasSingle else { return nil }
        var copy = rest
        copy.replaceSubrange(
          range,
          with: String(marker.map { $0 == "\"" ? "'" : $0 == "'" ? "\"" : $0 }))
        return indent + name + copy
      }

    case .bumpVersion:
      return rewriteSpecifier(all: false) { parts in
        guard let at = parts.firstIndex(where: { $0.op == "==" }) else { return nil }
        var copy = parts
        copy[at].version = bumpLastNumber(copy[at].version)
        return spell(copy)
      }

    case .dropLine:
      guard let victim = requirements.randomElement(using: &generator) else { return nil }
      var copy = lines
      copy.removeSubrange(victim.lines)
      return join(copy)

    case .addExtra:
      return rewriteNamed(all: false) { indent, name, rest in
        let trimmed = rest.drop(while: { $0 == " " })
        if trimmed.first == "[" {
          let open = rest.firstIndex(of: "[")!
          var copy = rest
          copy.insert(contentsOf: "deptag-variant-extra,", at: rest.index(after: open))
          return indent + name + copy
        }
        return indent + name + "[deptag-variant-extra]" + rest
      }

    case .compatibleZero:
      return rewriteSpecifier(all: false) { parts in
        guard let at = parts.firstIndex(where: { $0.op == "~=" }) else { return nil }
        var copy = parts
        copy[at].version += ".0"
        return spell(copy)
      }

    case .arbitraryEquality:
      return rewriteSpecifier(all: false) { parts in
        guard let at = parts.firstIndex(where: { $0.op == "==" && !$0.version.hasSuffix("*") })
        else { return nil }
        var copy = parts
        copy[at].op = "==="
        return spell(copy)
      }

    case .markerCase:
      return rewriteNamed(all: false) { indent, name, rest in
        guard let range = markerRange(rest) else { return nil }
        var marker = String(rest[range])
        guard let swapped = swapCaseOfFirstLiteralWithLetters(marker) else { return nil }
        marker = swapped
        var copy = rest
        copy.replaceSubrange(range, with: marker)
        return indent + name + copy
      }

    case .hashOwnLine:
      let hashed = requirements.filter { block in
        lines[block.lines].contains(where: { $0.contains("--hash") })
      }
      guard let block = hashed.randomElement(using: &generator) else { return nil }
      var copy = lines
      let first = block.lines.lowerBound
      if let range = copy[first].range(of: " --hash") {
        let head = String(copy[first][..<range.lowerBound])
        let tail = String(copy[first][range.lowerBound...]).trimmingCharacters(in: .whitespaces)
        copy[first] = head
        copy.insert(tail, at: first + 1)
      } else if copy[first].hasSuffix("\\") {
        copy[first] = String(copy[first].dropLast())
      } else {
        return nil
      }
      return join(copy)

    case .constraintToRequirement:
      guard let index = lines.firstIndex(where: { $0.hasPrefix("-c ") }) else { return nil }
      var copy = lines
      copy[index] = "-r " + copy[index].dropFirst(3)
      return join(copy)
    }
  }

  static func bumpLastNumber(_ version: String) -> String {
    var characters = Array(version)
    guard let last = characters.lastIndex(where: { $0.isNumber }) else { return version + "1" }
    var first = last
    while first > 0, characters[first - 1].isNumber { first -= 1 }
    let number = Int(String(characters[first...last])) ?? 0
    characters.replaceSubrange(first...last, with: Array(String(number + 1)))
    return String(characters)
  }

  static func swapCaseOfFirstLiteralWithLetters(_ marker: String) -> String? {
    var characters = Array(marker)
    var index = 0
    while index < characters.count {
      let quote = characters[index]
      guard quote == "\"" || quote == "'" else {
        index += 1
        continue
      }
      guard let close = characters[(index + 1)...].firstIndex(of: quote) else { return nil }
      if characters[(index + 1)..<close].contains(where: { $0.isLetter }) {
        for position in (index + 1)..<close where characters[position].isASCII {
          let character = characters[position]
          characters[position] = Character(
            character.isUppercase ? character.lowercased() : character.uppercased())
        }
        return String(characters)
      }
      index = close + 1
    }
    return nil
  }

  /// The first physical line that differs, for messages.
  static func firstDifference(_ a: String, _ b: String) -> String {
    let left = a.components(separatedBy: "\n")
    let right = b.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
    if a.replacingOccurrences(of: "\n", with: "\r\n") == b { return "(CRLF line ends)" }
    for index in 0..<max(left.count, right.count) {
      let l = index < left.count ? left[index] : "<none>"
      let r = index < right.count ? right[index] : "<none>"
      if l != r { return "line \(index + 1): `\(l.prefix(120))` -> `\(r.prefix(120))`" }
    }
    return "(no line differs)"
  }
}
