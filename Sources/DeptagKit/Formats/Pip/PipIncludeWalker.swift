#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Musl)
  @preconcurrency import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Walks a requirements file and everything it includes, in pip's order, collecting one pip
/// state (pip-requirements.md §3): `-r` files are inlined into the root manifest; each `-c` file
/// becomes a `pip-constraints` manifest of its own constraint lines and the root keeps a `-c`
/// line with the path relative to the root file. Options and requirements reached through a
/// constraints file's own `-r` count for the root, as pip installs them.
struct PipIncludeWalker {
  let reader: any SourceReader
  private(set) var settings = PipSettings()
  private var requirements = PipRequirementList()
  private var constraintReferences: [String] = []
  private var constraintFiles: [(path: String, key: String, lines: PipRequirementList)] = []
  private var inputs: [String] = []
  private var warnings: [Diagnostic] = []

  /// Includes deeper than this are refused (a backstop for symlink loops, which pip cannot
  /// tell from distinct paths either).
  static let maximumDepth = 64
  /// At most this many includes are read in all: pip rereads a file each time it is included,
  /// so 30 files each including the next twice (no cycle, 30 deep) would mean 2^30 reads.
  static let maximumIncludes = 10_000
  private var includesRead = 0

  /// Files with at least this many physical lines are cut into parts that are classified on
  /// several threads (`meanings(of:…)`). Measured on 2 cores (issue #8, `scripts/bench` inputs):
  /// at 5,000 lines one thread takes 2.4 ms and two 3.0 ms (a thread's start, stack and malloc
  /// arena cost about 100 page faults), at 10,000 they are even, at 80,000 two take 17.5 ms
  /// against 23.5 ms.
  static let parallelLineThreshold = 10_000
  /// About how many physical lines each part of a big file has.
  static let linesPerPart = 1_000
  /// The two above, for this walker (tests lower them to run the parallel path on small files).
  var partitioning = (threshold: PipIncludeWalker.parallelLineThreshold, linesPerPart: PipIncludeWalker.linesPerPart)
  /// Whether ASCII files are read in place (`RequirementsDecoding.verbatimStart`) rather than
  /// decoded into a String first (tests turn it off to compare the two).
  var readsASCIIInPlace = true

  init(reader: any SourceReader) {
    self.reader = reader
  }

  /// What a file's requirement lines are.
  private enum Mode {
    case requirements
    case constraints(Int)  // index into constraintFiles
  }

  mutating func walk(_ root: SourceFile) throws(DeptagError) {
    try walk(root, relativeDirectory: "", mode: .requirements, chain: [reader.absolutePath(root.path)])
  }

  private mutating func walk(
    _ source: SourceFile, relativeDirectory: String, mode: Mode, chain: [String]
  ) throws(DeptagError) {
    if !inputs.contains(source.path) { inputs.append(source.path) }
    // Where a fast line starts is reported only for extras in a constraints file.
    var isConstraints = false
    if case .constraints = mode { isConstraints = true }
    var parts: [PipPartMeanings]
    let bytes = source.bytes
    if readsASCIIInPlace, let start = RequirementsDecoding.verbatimStart(bytes) {
      // ASCII text: read in place, not copied into a String (issue #8).
      parts = bytes.withUnsafeBufferPointer { all in
        Self.meanings(
          nil, UnsafeBufferPointer(rebasing: all[start...]), file: source.path, threshold: partitioning.threshold,
          linesPerPart: partitioning.linesPerPart, positions: isConstraints)
      }
    } else {
      let text = try RequirementsDecoding.decode(source)
      parts = Self.meanings(
        of: text, file: source.path, threshold: partitioning.threshold, linesPerPart: partitioning.linesPerPart,
        positions: isConstraints)
    }
    if case .requirements = mode { requirements.reserveCapacity(requirements.count + parts.reduce(0) { $0 + $1.store.count }) }
    // Popped from the end of the reversed list: each part is freed once it is applied (a big
    // file's requirements are not held twice).
    parts.reverse()
    while let part = parts.popLast() {
      // In file order: the fast requirements before each other line, then that line.
      var done = 0
      for (before, meaning) in part.others {
        try add(part, done..<before, mode: mode, file: source.path)
        done = before
        try apply(meaning, in: source, relativeDirectory: relativeDirectory, mode: mode, chain: chain)
      }
      try add(part, done..<part.store.count, mode: mode, file: source.path)
    }
  }

  /// The meanings of `text`'s logical lines in parts, in file order. A file of at least
  /// `threshold` physical lines is cut (`LogicalLine.cuts`, never inside a continuation) into
  /// parts of about `linesPerPart` lines, each classified by `ParallelMap` as a byte range of the
  /// one text (no copy per part); a smaller one is one part, done on this thread. Both give the
  /// same lines.
  static func meanings(of text: String, file: String, threshold: Int, linesPerPart: Int, positions: Bool = true) -> [PipPartMeanings] {
    var text = text
    text.makeContiguousUTF8()
    let whole = text
    return text.utf8.withContiguousStorageIfAvailable { bytes -> [PipPartMeanings] in
      meanings(whole, bytes, file: file, threshold: threshold, linesPerPart: linesPerPart, positions: positions)
    }!
  }

  /// `meanings(of:…)` of `bytes`, the UTF-8 of `text`, or (no `text`) ASCII text read in place.
  static func meanings(
    _ text: String?, _ bytes: UnsafeBufferPointer<UInt8>, file: String, threshold: Int, linesPerPart: Int, positions: Bool
  ) -> [PipPartMeanings] {
    // A file of n bytes has at most n + 1 physical lines: a small one needs no counting.
    guard bytes.count + 1 >= threshold else {
      return [PipPartMeanings(text, bytes, 0..<bytes.count, firstLine: 1, file: file, positions: positions)]
    }
    let (cuts, lines) = LogicalLine.cuts(bytes, linesPerPart: linesPerPart)
    guard lines >= threshold, cuts.count > 1 else {
      return [PipPartMeanings(text, bytes, 0..<bytes.count, firstLine: 1, file: file, positions: positions)]
    }
    let parts = cuts.indices.map { i in
      (range: cuts[i].offset..<(i + 1 < cuts.count ? cuts[i + 1].offset : bytes.count), firstLine: cuts[i].line)
    }
    let shared = SharedBytes(bytes)
    return ParallelMap.map(parts) { part in
      PipPartMeanings(text, shared.bytes, part.range, firstLine: part.firstLine, file: file, positions: positions)
    }
  }

  /// The UTF-8 of the text being read, handed to the threads of `ParallelMap`. Unchecked
  /// Sendable: the bytes are only read, and their owner (the string of `meanings(of:…)`, or
  /// the source's bytes in `walk`) holds the storage until `ParallelMap.map` has returned.
  private struct SharedBytes: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }
  }

  /// Adds the fast requirements `range` of `part` (`add(_:mode:at:)` for lines that have no
  /// local path and a name: only extras in a constraints file can fail).
  private mutating func add(_ part: PipPartMeanings, _ range: Range<Int>, mode: Mode, file: String) throws(DeptagError) {
    guard !range.isEmpty else { return }
    switch mode {
    case .requirements:
      requirements.append(part.store, range)
    case .constraints(let index):
      for i in range where part.store.records[i].has(PipRequirementStore.Record.hasExtras) {
        throw DeptagError("constraints cannot have extras", at: part.positions[i].location(in: file))
      }
      constraintFiles[index].lines.append(part.store, range)
    }
  }

  /// The sequential step for one line, in file order: the line's option callbacks, then its
  /// requirement (with the constraints-mode checks), include, or option line; a line that
  /// failed to classify throws here, so the first error in file order wins.
  private mutating func apply(
    _ meaning: consuming PipLineMeaning, in source: SourceFile, relativeDirectory: String, mode: Mode, chain: [String]
  ) throws(DeptagError) {
    let file = source.path
    for option in meaning.callbacks { settings.applyCallback(option) }
    switch meaning.kind {
    case .failure(let error):
      throw error
    case .requirement(let requirement, let at):
      try add(requirement, mode: mode, at: at.location(in: file))
    case .editable(let requirement, let at, let flag):
      if case .constraints = mode {
        throw DeptagError("editable requirements are not allowed as constraints", at: flag.location(in: file))
      }
      try add(requirement, mode: mode, at: at.location(in: file))
    case .include(let include, let at):
      try follow(include, at: at.location(in: file), in: source, relativeDirectory: relativeDirectory, chain: chain)
    case .options(let options, let hash):
      if let hash {
        warnings.append(Diagnostic(.warning, "--hash on a line without a requirement is ignored (as pip ignores it)", at: hash.location(in: file)))
      }
      settings.applyOptionLine(options)
    }
  }

  /// `location` is computed only for a warning or an error.
  private mutating func add(
    _ requirement: PipRequirement, mode: Mode, at location: @autoclosure () -> SourceLocation
  ) throws(DeptagError) {
    if let local = requirement.localContent {
      warnings.append(Diagnostic(.warning, "the contents of '\(local)' are not hashed; add files that matter with --with", at: location()))
    }
    switch mode {
    case .requirements:
      requirements.append(requirement)
    case .constraints(let index):
      // `check_invalid_constraint_type`: the resolver rejects these forms.
      if !requirement.isNamed {
        throw DeptagError("unnamed requirements are not allowed as constraints", at: location())
      }
      if requirement.hasExtras { throw DeptagError("constraints cannot have extras", at: location()) }
      constraintFiles[index].lines.append(requirement)
    }
  }

  private mutating func follow(
    _ include: PipOption.Occurrence, at here: SourceLocation, in source: SourceFile,
    relativeDirectory: String, chain: [String]
  ) throws(DeptagError) {
    let target = include.value
    if let scheme = PipRequirementParser.scheme(of: target), ["http", "https", "file"].contains(scheme) {
      throw DeptagError("refusing to include '\(target)': deptag never reads URLs (download it and include the file)", at: here)
    }
    let path = LexicalPath.join(LexicalPath.directory(of: source.path), target)
    let key = reader.absolutePath(path)
    if chain.contains(key) {
      throw DeptagError("'\(target)' recursively includes itself (pip ≥ 24.3 rejects include cycles)", at: here)
    }
    guard chain.count < Self.maximumDepth else {
      throw DeptagError("includes are nested more than \(Self.maximumDepth) deep", at: here)
    }
    includesRead += 1
    guard includesRead <= Self.maximumIncludes else {
      throw DeptagError("more than \(Self.maximumIncludes) includes in all (files including the same files over and over)", at: here)
    }
    let included: SourceFile
    do {
      included = try reader.read(path: path)
    } catch {
      throw DeptagError("cannot read included file: \(error.message)", at: here)
    }
    let childDirectory = LexicalPath.directory(of: LexicalPath.join(relativeDirectory, target))
    let mode: Mode
    if include.option == .constraint {
      let reference = LexicalPath.join(relativeDirectory, target)
      if !constraintReferences.contains(reference) { constraintReferences.append(reference) }
      if let existing = constraintFiles.firstIndex(where: { $0.key == key }) {
        mode = .constraints(existing)
        return  // the same constraints file through another branch: already read
      }
      constraintFiles.append((path: path, key: key, lines: PipRequirementList()))
      mode = .constraints(constraintFiles.count - 1)
    } else {
      mode = .requirements
    }
    do {
      try walk(included, relativeDirectory: childDirectory == "." ? "" : childDirectory, mode: mode, chain: chain + [key])
    } catch {
      throw error.adding(note: Diagnostic(.note, "included from here", at: here))
    }
  }

  /// `break_args_options`: split on single spaces; the requirement part ends before the first
  /// word that starts with `-`, the rest is options.
  static func breakArgsOptions(_ line: Substring) -> (Substring, Substring) {
    // The offset of the first word (after a single space, or at the start) that starts with `-`:
    // the first `-` that is at the start or after a space (`memchr` finds each `-`; most
    // requirement lines have none).
    let optionsStart = line.withBytes { bytes -> Int? in
      guard let base = bytes.baseAddress else { return nil }
      var from = 0
      while from < bytes.count, let found = memchr(base + from, Int32(UInt8(ascii: "-")), bytes.count - from) {
        let dash = UnsafeRawPointer(found) - UnsafeRawPointer(base)
        if dash == 0 || bytes[dash - 1] == UInt8(ascii: " ") { return dash }
        from = dash + 1
      }
      return nil
    }
    guard let optionsStart else { return (line, line[line.endIndex...]) }
    let options = line.utf8.index(line.startIndex, offsetBy: optionsStart)
    // The requirement part is everything before the space that precedes the options.
    let args = optionsStart == 0 ? line[line.startIndex..<line.startIndex] : line[..<line.utf8.index(before: options)]
    return (args, line[options...])
  }


  /// The manifests: the root, then one per constraints file (without entries unless `detail`
  /// is `.full`).
  func result(rootPath: String, detail: ManifestDetail = .full) -> LoadedManifests {
    var entries = settings.entries
    entries += constraintReferences.map { Entry(key: "-c", text: "-c " + ShellWords.quote($0)) }
    let withEntries = detail == .full
    let (requirementEntries, text) = requirements.canonical(settings: entries, entries: withEntries)
    let root = Manifest(
      kind: .pip, path: rootPath, settings: entries, entries: requirementEntries, canonicalText: text)
    var manifests = [root]
    for file in constraintFiles {
      let (lines, text) = file.lines.canonical(settings: [], entries: withEntries)
      manifests.append(Manifest(kind: .pipConstraints, path: file.path, settings: [], entries: lines, canonicalText: text))
    }
    return LoadedManifests(manifests: manifests, inputs: inputs, warnings: warnings)
  }
}
