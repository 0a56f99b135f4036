import Testing

@testable import DeptagKit

/// `PipIncludeWalker`: a big file, cut into parts classified in parallel and applied in order,
/// reads exactly as the same file read line by line on one thread: same manifests, warnings and
/// first error.
@Suite struct PipIncludeWalkerTests {
  /// The outcome of reading `text` as `requirements.txt` with the given partitioning.
  static func read(
    _ text: String, files: [String: String] = [:], threshold: Int, linesPerPart: Int = PipIncludeWalker.linesPerPart,
    inPlace: Bool = true
  ) -> Result<LoadedManifests, DeptagError> {
    var all = files
    all["requirements.txt"] = text
    let reader = MemoryReader(all)
    var walker = PipIncludeWalker(reader: reader)
    walker.partitioning = (threshold, linesPerPart)
    walker.readsASCIIInPlace = inPlace
    do {
      try walker.walk(SourceFile(path: "requirements.txt", bytes: Array(text.utf8)))
      return .success(walker.result(rootPath: "requirements.txt"))
    } catch {
      return .failure(error)
    }
  }

  /// One thread, one part (the threshold is never reached).
  static func sequential(_ text: String, files: [String: String] = [:]) -> Result<LoadedManifests, DeptagError> {
    read(text, files: files, threshold: .max)
  }

  static let includedFiles = [
    "other.txt": "included==1\n--pre\n-c cons.txt\n",
    "cons.txt": "cons-a==1\ncons-b<2\n",
    "more/cons2.txt": "cons-c==3 \\\n  ; python_version > '3'\n",
  ]

  /// A random line of a requirements file: requirements, options, includes, comments,
  /// continuations, odd boundaries, and (when `errors`) now and then a bad line.
  static func line(_ rng: inout SeededGenerator, errors: Bool) -> String {
    let good = [
      "pkg-\(Int.random(in: 0..<50, using: &rng))==1.\(Int.random(in: 0..<9, using: &rng))",
      "Foo_Bar[b,A]>=2 ; python_version >= '3.8'  # why", "zope.interface", "# a comment", "", "   ",
      "multi>=1,\\\n<2", "name \\\r\n  ==1.0", "named \\\n   # ends the continuation", "\\\n", "--no-binary :all:", "--only-binary=numpy",
      "--pre", "-i https://idx/simple", "--extra-index-url https://e/simple", "--find-links ./w",
      "--hash=sha256:" + String(repeating: "a", count: 64), "pkg --hash=sha256:" + String(repeating: "b", count: 64),
      "-e ./src", "./local/dir", "-r other.txt", "-c cons.txt", "-c more/cons2.txt", "--trusted-host h:1",
      "nb==1\u{A0}# café", "x\u{2028}y", "--no-binary pkg-1 pkg-2==3",
    ]
    let bad = ["pkg ==", "--bogus", "-r missing.txt", "--index-url 'x", "--trusted-host :1", "pkg; os_name =="]
    if errors && Int.random(in: 0..<40, using: &rng) == 0 { return bad.randomElement(using: &rng)! }
    return good.randomElement(using: &rng)!
  }

  static func file(lines: Int, seed: UInt64, errors: Bool = false) -> String {
    var rng = SeededGenerator(seed: seed)
    let breaks = ["\n", "\n", "\n", "\r\n", "\r"]
    var text = ""
    for _ in 0..<lines { text += line(&rng, errors: errors) + breaks.randomElement(using: &rng)! }
    return text
  }

  /// Every cut size on many small files, with and without errors.
  @Test func partsReadLikeOneThread() {
    for seed: UInt64 in 1...40 {
      let text = Self.file(lines: 60, seed: seed, errors: seed % 2 == 0)
      let expected = Self.sequential(text, files: Self.includedFiles)
      for perPart in [1, 2, 3, 7, 25] {
        #expect(Self.read(text, files: Self.includedFiles, threshold: 1, linesPerPart: perPart) == expected, "seed \(seed), \(perPart) lines a part")
      }
    }
  }

  /// ASCII bytes read in place (no String of the file; a part makes one of its own bytes only
  /// for a line the fast path declines) read as the decoded text does: same manifests,
  /// warnings and first error, whatever the cuts.
  @Test func bytesInPlaceReadLikeTheDecodedText() {
    var ascii = 0
    for seed: UInt64 in 1...30 {
      // The generated lines, non-ASCII letters made ASCII (as otherwise the text is decoded).
      let generated = Self.file(lines: 200, seed: seed, errors: seed % 2 == 0)
      let text = String(String.UnicodeScalarView(generated.unicodeScalars.map { $0.isASCII ? $0 : "x" }))
      guard RequirementsDecoding.verbatimStart(Array(text.utf8)) == 0 else { continue }
      ascii += 1
      for perPart in [1, 7, 50, 1_000] {
        #expect(
          Self.read(text, files: Self.includedFiles, threshold: 1, linesPerPart: perPart)
            == Self.read(text, files: Self.includedFiles, threshold: 1, linesPerPart: perPart, inPlace: false),
          "seed \(seed), \(perPart) lines a part")
      }
    }
    #expect(ascii >= 10)
  }

  /// A file over the real threshold takes the parallel path with the real part size.
  @Test func bigFileReadsLikeOneThread() throws {
    let text = Self.file(lines: PipIncludeWalker.parallelLineThreshold + 500, seed: 7)
    #expect(LogicalLine.cuts(text, linesPerPart: PipIncludeWalker.linesPerPart).cuts.count > 1)
    let parallel = Self.read(text, files: Self.includedFiles, threshold: PipIncludeWalker.parallelLineThreshold)
    #expect(parallel == Self.sequential(text, files: Self.includedFiles))
    let loaded = try parallel.get()
    #expect(loaded.manifests.count == 3)  // the root and two constraints files
    #expect(Set(loaded.inputs) == ["requirements.txt", "other.txt", "cons.txt", "more/cons2.txt"])
    // The loader's own path (the default partitioning) agrees.
    #expect(try Pip.load(text, files: Self.includedFiles) == loaded)
  }

  /// The first error in file order wins, wherever the parts are cut, with its line number.
  @Test func firstErrorWinsAcrossParts() throws {
    var lines = (0..<3_000).map { "pkg-\($0 % 97)==\($0 % 13).0" }
    lines[2_600] = "late =="
    let late = try #require(Self.read(lines.joined(separator: "\n"), threshold: 2_000).failureValue)
    #expect(late.location?.line == 2_601)
    #expect(late == Self.sequential(lines.joined(separator: "\n")).failureValue)

    lines[12] = "--bogus"
    let early = try #require(Self.read(lines.joined(separator: "\n"), threshold: 2_000).failureValue)
    #expect(early.message.contains("no such option: --bogus"))
    #expect(early.location?.line == 13)

    // A state error (an include that cannot be read) before a classification error.
    lines[1_500] = "-r missing.txt"
    let include = try #require(Self.read(lines.joined(separator: "\n"), threshold: 2_000).failureValue)
    #expect(include == early)
    lines[12] = "ok==1"
    let missing = try #require(Self.read(lines.joined(separator: "\n"), threshold: 2_000).failureValue)
    #expect(missing.message.contains("cannot read included file"))
    #expect(missing.location?.line == 1_501)
  }

  /// A continuation is never cut: lines that continue over where a part would end are one line.
  @Test func continuationsAcrossAWouldBeCut() throws {
    var lines = (0..<2_400).map { "pkg-\($0)==1" }
    // Lines 1000–1003 (where the first part would end) continue into one requirement.
    lines[999] = "joined>=1,\\"
    lines[1_000] = "<3,\\"
    lines[1_001] = "!=2.1 \\"
    lines[1_002] = "  ; python_version > '3'"
    // Lines 2003–2004 (where the second part would end) are one bad requirement.
    lines[2_002] = "bad == \\"
    lines[2_003] = "  =="
    let text = lines.joined(separator: "\n") + "\n"
    let (cuts, _) = LogicalLine.cuts(text, linesPerPart: 1_000)
    #expect(cuts.map(\.line) == [1, 1_004, 2_005])
    let error = try #require(Self.read(text, threshold: 2_000).failureValue)
    #expect(error == Self.sequential(text).failureValue)
    #expect(error.message.contains("invalid requirement 'bad ==   =='"))
    #expect((2_003...2_004).contains(error.location?.line ?? 0))

    lines[2_002] = "fine==1 \\"
    lines[2_003] = "  ; os_name == 'nt'"
    let good = lines.joined(separator: "\n") + "\n"
    let loaded = try Self.read(good, threshold: 2_000).get()
    #expect(Self.sequential(good) == .success(loaded))
    let canonical = loaded.manifests[0].canonicalText
    #expect(canonical.contains("joined") && canonical.contains("python_version") && canonical.contains("fine==1"))
  }

  /// Includes and constraints inside a big file; a big included file is cut too.
  @Test func includesInsideBigFiles() throws {
    var lines = (0..<2_500).map { "pkg-\($0)==1" }
    lines[10] = "-r other.txt"
    lines[1_700] = "-c cons.txt"
    lines[2_400] = "--no-binary :all:"
    let big = (0..<2_100).map { "inc-\($0)>=1" }.joined(separator: "\n")
    let files = Self.includedFiles.merging(["big.txt": big + "\n-e ./x\n"]) { $1 }
    lines[2_200] = "-r big.txt"
    let text = lines.joined(separator: "\n")
    let parallel = Self.read(text, files: files, threshold: 2_000)
    #expect(parallel == Self.sequential(text, files: files))
    let loaded = try parallel.get()
    #expect(loaded.manifests[0].canonicalText.contains("inc-2099>=1\n"))
    #expect(loaded.warnings.count == 1)  // the editable's local contents

    // An editable in a big constraints file is refused at its line, with the include as a note.
    let refused = Self.read(text.replacing("-c cons.txt", with: "-c big.txt"), files: files, threshold: 2_000)
    let error = try #require(refused.failureValue)
    #expect(refused == Self.sequential(text.replacing("-c cons.txt", with: "-c big.txt"), files: files))
    #expect(error.message == "editable requirements are not allowed as constraints")
    #expect(error.location?.line == 2_101)
    #expect(error.diagnostic.notes.first?.location?.line == 1_701)
  }

  /// `break_args_options` as pip writes it: split on single spaces, options from the first word
  /// that starts with `-`.
  @Test func breakArgsOptionsMatchesPip() {
    var rng = SeededGenerator(seed: 5)
    let pieces = ["-", " ", "a", "--x", "b-c", "  ", "é", "-e", "\t-", "=-"]
    for _ in 0..<2_000 {
      let line = (0..<Int.random(in: 0..<8, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
      let words = line.split(separator: " ", omittingEmptySubsequences: false)
      let first = words.firstIndex { $0.hasPrefix("-") }
      let (args, options) = PipIncludeWalker.breakArgsOptions(line[...])
      #expect(args == (first.map { words[..<$0] } ?? words[...]).joined(separator: " "), "\(line.debugDescription)")
      #expect(options == (first.map { words[$0...].joined(separator: " ") } ?? ""), "\(line.debugDescription)")
    }
  }
}
