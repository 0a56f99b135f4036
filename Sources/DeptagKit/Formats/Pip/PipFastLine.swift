#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Musl)
  @preconcurrency import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The usual requirement line (`name[extras]specifiers ; marker`, printable ASCII, no options,
/// URL or path) read straight from the file's bytes: no Substrings, no shell words, one copy of
/// the line. Issue #8: the general classification (`PipLineMeaning`) cost ~7,000 instructions a
/// line of a 20,000-line file.
///
/// It accepts a line only where the general path (`PipLineMeaning.classify` →
/// `PipRequirementParser.requirement`) would take exactly these steps, and it gives up (nil) on
/// anything else, errors included: that line is then classified the general way, which is the
/// one place errors are worded.
enum PipFastLine {
  /// The requirement that the meaningful part `kept` of a one-physical-line logical line spells,
  /// or nil when the line is not of the simple kind or does not parse.
  static func requirement(
    _ bytes: UnsafeBufferPointer<UInt8>, _ kept: Range<Int>, writer: SimpleRequirementWriter
  ) -> PipRequirement? {
    switch read(bytes, kept, writer: writer) {
    case nil:
      return nil
    case .written(let nameEnd, let hasExtras, let marker):
      let out = writer.out
      return PipRequirement(
        key: String(decoding: UnsafeBufferPointer(rebasing: out[..<nameEnd]), as: UTF8.self),
        text: text(out, marker, bytes), orderSensitive: false, localContent: nil, isNamed: true, hasExtras: hasExtras)
    case .parsed(let requirement):
      return requirement
    }
  }

  /// As `requirement(_:_:writer:)`, appending the requirement to `store` (the usual line's text
  /// is written straight into the store's bytes: no String); false when the line is not of the
  /// simple kind or does not parse.
  @inline(__always)
  static func append(
    _ bytes: UnsafeBufferPointer<UInt8>, _ kept: Range<Int>, writer: SimpleRequirementWriter,
    to store: PipRequirementStore
  ) -> Bool {
    switch read(bytes, kept, writer: writer) {
    case nil:
      return false
    case .written(let nameEnd, let hasExtras, let marker):
      let out = writer.out
      let count = textCount(out, marker)
      write(out, marker, bytes, to: store.reserveBytes(count + 1))
      store.commitFast(keyCount: nameEnd, textCount: count, hasExtras: hasExtras)
      return true
    case .parsed(let requirement):
      store.append(requirement)
      return true
    }
  }

  /// What `read` made of a line.
  private enum Reading {
    /// The requirement's text is in the writer's `out` (its key the first `nameEnd` bytes),
    /// followed by `marker`.
    case written(nameEnd: Int, hasExtras: Bool, marker: Marker)
    /// Read by `RequirementParser`.
    case parsed(PipRequirement)
  }

  private static func read(
    _ bytes: UnsafeBufferPointer<UInt8>, _ kept: Range<Int>, writer: SimpleRequirementWriter
  ) -> Reading? {
    // A name first: no option (`-…`), path (`.`, `/`) or URL at the start.
    guard !kept.isEmpty, PEP508Bytes.isAlphanumeric(bytes[kept.lowerBound]) else { return nil }
    // pip splits the marker off at the first ";" of a named line.
    var semicolon: Int?
    if let found = memchr(bytes.baseAddress! + kept.lowerBound, Int32(UInt8(ascii: ";")), kept.count) {
      semicolon = UnsafeRawPointer(found) - UnsafeRawPointer(bytes.baseAddress!)
    }
    if let semicolon, !isPlain(bytes, semicolon..<kept.upperBound) { return nil }
    // `str.strip()` of the part before ";" (it starts with the name) and of the marker.
    var bodyEnd = semicolon ?? kept.upperBound
    while bodyEnd > kept.lowerBound, bytes[bodyEnd - 1] == 0x20 { bodyEnd -= 1 }
    var markerStart = semicolon.map { $0 + 1 } ?? kept.upperBound
    while markerStart < kept.upperBound, bytes[markerStart] == 0x20 { markerStart += 1 }
    let body = UnsafeBufferPointer(rebasing: bytes[kept.lowerBound..<bodyEnd])
    // A text ending in "]" may be a path with extras, and an archive name a local file: both
    // are the general path's (`_strip_extras`, `is_archive_file`).
    // (Archive suffixes end in a letter or in ".bz2": a version number ends the look.)
    guard let last = body.last, last != UInt8(ascii: "]") else { return nil }
    // (The one suffix ending in a digit is ".bz2" / ".tar.bz2": "1.1.2" needs no look.)
    if !PEP508Bytes.isDigit(last)
      || (last == UInt8(ascii: "2") && body.count >= 4 && body[body.count - 4] == UInt8(ascii: ".")
        && body[body.count - 3] | 0x20 == UInt8(ascii: "b") && body[body.count - 2] | 0x20 == UInt8(ascii: "z"))
    {
      guard !PipRequirementParser.isArchive(body) else { return nil }
    }

    // The marker first, as `MarkerExpression.canonicalBytes` reads it (from a copy of its text),
    // unless it is one comparison of a variable with a string.
    var marker = Marker.none
    if markerStart < kept.upperBound {
      if let simple = simpleMarker(bytes, markerStart..<kept.upperBound) {
        marker = simple
      } else {
        var parser = MarkerParser(bytes: Array(UnsafeBufferPointer(rebasing: bytes[markerStart..<kept.upperBound])), end: kept.upperBound - markerStart, pos: 0)
        do {
          try parser.writeMarker()
        } catch {
          return nil
        }
        guard parser.pos == parser.end else { return nil }
        marker = .written(parser.out)
      }
    }
    if let (nameEnd, hasExtras) = writer.write(body) {
      // The usual requirement, written without allocating. (The writer takes only letters,
      // digits, spaces and `-_.[],=!<>~`, never "-" after a space: the body is plain.)
      return .written(nameEnd: nameEnd, hasExtras: hasExtras, marker: marker)
    }
    // Versions with more parts than release numbers, and the like.
    guard isPlain(bytes, kept.lowerBound..<bodyEnd) else { return nil }
    var parser = RequirementParser(bytes: Array(body))
    guard let parsed = try? parser.parse() else { return nil }
    return .parsed(PipRequirement(
      key: parsed.normalizedName, text: parsed.bytes.withUnsafeBufferPointer { text($0, marker, bytes) },
      orderSensitive: false, localContent: nil, isNamed: true, hasExtras: parsed.extras != nil))
  }

  /// A marker's canonical text: none, one comparison `name op "value"` (the value a range of the
  /// file's bytes, written between `quote`s), or written out by `MarkerParser`.
  private enum Marker {
    case none
    case comparison(name: StaticString, op: StaticString, value: Range<Int>, quote: UInt8)
    case written([UInt8])
  }

  /// The requirement line: `requirement`, then "; " and the marker, if any.
  private static func text(_ requirement: UnsafeBufferPointer<UInt8>, _ marker: Marker, _ bytes: UnsafeBufferPointer<UInt8>) -> String {
    let count = textCount(requirement, marker)
    guard count > 0 else { return "" }
    return String(unsafeUninitializedCapacity: count) { buffer in
      write(requirement, marker, bytes, to: buffer.baseAddress!)
      return count
    }
  }

  /// The length of `text(requirement, marker, _)`.
  private static func textCount(_ requirement: UnsafeBufferPointer<UInt8>, _ marker: Marker) -> Int {
    switch marker {
    case .none: return requirement.count
    case .written(let written): return requirement.count + 2 + written.count
    case .comparison(let name, let op, let value, _):
      return requirement.count + 2 + name.utf8CodeUnitCount + 1 + op.utf8CodeUnitCount + 1 + value.count + 2
    }
  }

  /// Writes the bytes of `text(requirement, marker, bytes)` at `to` (`textCount` of them).
  private static func write(
    _ requirement: UnsafeBufferPointer<UInt8>, _ marker: Marker, _ bytes: UnsafeBufferPointer<UInt8>,
    to base: UnsafeMutablePointer<UInt8>
  ) {
    var o = 0
    @inline(__always) func put(_ piece: UnsafeBufferPointer<UInt8>) {
      if let from = piece.baseAddress { (base + o).initialize(from: from, count: piece.count) }
      o += piece.count
    }
    @inline(__always) func put(_ piece: StaticString) { put(UnsafeBufferPointer(start: piece.utf8Start, count: piece.utf8CodeUnitCount)) }
    @inline(__always) func put(_ byte: UInt8) {
      base[o] = byte
      o += 1
    }
    put(requirement)
    switch marker {
    case .none:
      break
    case .written(let written):
      put("; ")
      written.withUnsafeBufferPointer { put($0) }
    case .comparison(let name, let op, let value, let quote):
      put("; ")
      put(name)
      put(0x20)
      put(op)
      put(0x20)
      put(quote)
      put(UnsafeBufferPointer(rebasing: bytes[value]))
      put(quote)
    }
  }

  /// The first of `MarkerParser.parseOperator`'s symbolic operators, in its order ("===",
  /// "==", "~=", "!=", "<=", ">=", "<", ">"), that `bytes[i..<end]` starts with.
  @inline(__always)
  private static func markerOperator(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> StaticString? {
    let equals = UInt8(ascii: "=")
    let secondIsEquals = i + 1 < end && bytes[i + 1] == equals
    switch bytes[i] {
    case equals:
      guard secondIsEquals else { return nil }
      return i + 2 < end && bytes[i + 2] == equals ? "===" : "=="
    case UInt8(ascii: "~"): return secondIsEquals ? "~=" : nil
    case UInt8(ascii: "!"): return secondIsEquals ? "!=" : nil
    case UInt8(ascii: "<"): return secondIsEquals ? "<=" : "<"
    case UInt8(ascii: ">"): return secondIsEquals ? ">=" : ">"
    default: return nil
    }
  }

  /// A marker (plain text, see `isPlain`) that is one comparison `variable op 'string'`, as
  /// `MarkerParser` writes it: the variable's PEP 508 name, the operator, the string in double
  /// quotes (single ones when it holds a double quote). Nil for anything else, `extra`
  /// (its value is normalized), `in` and `not in` included.
  private static func simpleMarker(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Marker? {
    let end = range.upperBound
    let marker = UnsafeBufferPointer(rebasing: bytes[range])
    func isWord(_ word: StaticString, at i: Int) -> Bool {
      let n = word.utf8CodeUnitCount
      guard i + n <= end else { return false }
      for k in 0..<n where bytes[i + k] != word.utf8Start[k] { return false }
      return i + n == end || !PEP508Bytes.isWord(bytes[i + n])
    }
    // The marker starts with a letter (`MarkerParser.parseOperand`: the first variable of its
    // list that is a whole word here).
    var i = range.lowerBound
    guard let first = marker.first, PEP508Bytes.isLetter(first) else { return nil }
    guard let variable = MarkerParser.variables.first(where: { isWord($0.spelling, at: i) }) else { return nil }
    if variable.name.utf8CodeUnitCount == 5 && isWord("extra", at: i) { return nil }
    i += variable.spelling.utf8CodeUnitCount
    while i < end, bytes[i] == 0x20 { i += 1 }
    // `MarkerParser.parseOperator`, less `in` and `not in`.
    guard i < end, bytes[i] != UInt8(ascii: "i"), bytes[i] != UInt8(ascii: "n") else { return nil }
    guard let op = markerOperator(bytes, at: i, end: end) else { return nil }
    i += op.utf8CodeUnitCount
    while i < end, bytes[i] == 0x20 { i += 1 }
    guard i < end, bytes[i] == 0x22 || bytes[i] == 0x27 else { return nil }
    let quote = bytes[i]
    var close = i + 1
    var hasDoubleQuote = false
    while close < end, bytes[close] != quote {
      if bytes[close] == 0x22 { hasDoubleQuote = true }
      close += 1
    }
    guard close < end else { return nil }
    var after = close + 1
    while after < end, bytes[after] == 0x20 { after += 1 }
    // One comparison and nothing after it (`and`, `or`, or an error: `MarkerParser`'s).
    guard after == end else { return nil }
    return .comparison(name: variable.name, op: op, value: (i + 1)..<close, quote: hasDoubleQuote ? 0x27 : 0x22)
  }

  /// Whether `bytes[range]` is printable ASCII (the one whitespace left is the space, on which
  /// `str.strip`, `break_args_options` and packaging's `WS` agree; tabs and Unicode spaces
  /// differ) without ":", "@", "/", "$", "\\" (a URL scheme or `name @ url`, a path, `${VAR}`:
  /// the general path decides) or an option word (`break_args_options`: "-" after a space).
  private static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
    var previous: UInt8 = 0
    for i in range {
      let b = bytes[i]
      // Letters and `[]_^\`{|}~`: only the backslash and DEL need a look.
      if b > 0x40 {
        guard b < 0x7F, b != UInt8(ascii: "\\") else { return false }
        previous = b
        continue
      }
      guard b >= 0x20 else { return false }
      switch b {
      case UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "/"), UInt8(ascii: "$"):
        return false
      case UInt8(ascii: "-") where previous == 0x20:
        return false
      default:
        break
      }
      previous = b
    }
    return true
  }
}

/// What the logical lines of one part of a file mean, in file order: the requirements the fast
/// path read (`PipFastLine`), and the meanings of the other lines, each placed after the fast
/// requirements that precede it.
struct PipPartMeanings {
  /// The requirements of the lines read by the fast path, in file order, as bytes.
  var store: PipRequirementStore
  /// Where each of them starts (reported only when a constraints file has extras; empty unless
  /// `positions` was asked for).
  var positions: [PipLineMeaning.Position] = []
  /// The other lines' meanings, each with the number of fast requirements before it in the part.
  var others: [(before: Int, meaning: PipLineMeaning)] = []

  /// The fast requirements as `PipRequirement`s (for tests).
  var requirements: [PipRequirement] { store.requirements }

  /// Classifies the logical lines of `bytes[range]` (`bytes` is all of `text`'s UTF-8; the range
  /// starts at line `firstLine` and ends a logical line): the fast path where it applies, the
  /// general one (`PipLineMeaning`) for the rest. Pure, so parts run on several threads.
  ///
  /// Without `text` (`bytes` are then ASCII text read in place, issue #8: no copy of the file as
  /// a String), a String of the part's bytes is made only if a line needs the general path.
  init(_ text: String?, _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, firstLine: Int, file: String, positions keepPositions: Bool = true) {
    var positions: [PipLineMeaning.Position] = []
    var others: [(before: Int, meaning: PipLineMeaning)] = []
    // The canonical texts are about as long as the lines (comments and spaces go).
    let store = PipRequirementStore(byteCapacity: range.count, recordCapacity: range.count / 24)
    let writer = SimpleRequirementWriter()
    var partText: String?
    func content() -> (text: String, start: Int) {
      if let text { return (text, 0) }
      if let partText { return (partText, range.lowerBound) }
      let made = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
      partText = made
      return (made, range.lowerBound)
    }
    LogicalLine.forEach(bytes, in: range, firstLine: firstLine, content: content) { physical, kept, line in
      if PipFastLine.append(bytes, kept, writer: writer, to: store) {
        // The general path's `position(line.text.startIndex)`.
        if keepPositions { positions.append(PipLineMeaning.Position(line: line, column: kept.lowerBound - physical.lowerBound + 1)) }
      } else {
        let (text, start) = content()
        others.append((store.count, PipLineMeaning(LogicalLine.single(text, physical, kept, line: line, contentStart: start), file: file)))
      }
    } joined: { line in
      others.append((store.count, PipLineMeaning(line, file: file)))
    }
    self.store = store
    self.positions = positions
    self.others = others
  }
}
