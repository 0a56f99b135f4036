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
  static func requirement(_ bytes: UnsafeBufferPointer<UInt8>, _ kept: Range<Int>) -> PipRequirement? {
    // A name first: no option (`-…`), path (`.`, `/`) or URL at the start.
    guard !kept.isEmpty, PEP508Bytes.isAlphanumeric(bytes[kept.lowerBound]) else { return nil }
    var semicolon: Int?
    var previous: UInt8 = 0
    for i in kept {
      let b = bytes[i]
      // Printable ASCII only: the one whitespace left is the space, on which `str.strip`,
      // `break_args_options` and packaging's `WS` agree (tabs and Unicode spaces differ).
      guard b >= 0x20, b < 0x7F else { return nil }
      switch b {
      case UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "/"), UInt8(ascii: "$"), UInt8(ascii: "\\"):
        // A URL scheme or `name @ url`, a path, `${VAR}`: the general path decides.
        return nil
      case UInt8(ascii: "-") where previous == 0x20:
        // `break_args_options`: an option word starts here.
        return nil
      case UInt8(ascii: ";"):
        // pip splits the marker off at the first ";" of a named line.
        if semicolon == nil { semicolon = i }
      default:
        break
      }
      previous = b
    }
    // `str.strip()` of the part before ";" (it starts with the name) and of the marker.
    var bodyEnd = semicolon ?? kept.upperBound
    while bodyEnd > kept.lowerBound, bytes[bodyEnd - 1] == 0x20 { bodyEnd -= 1 }
    var markerStart = semicolon.map { $0 + 1 } ?? kept.upperBound
    while markerStart < kept.upperBound, bytes[markerStart] == 0x20 { markerStart += 1 }
    let body = UnsafeBufferPointer(rebasing: bytes[kept.lowerBound..<bodyEnd])
    // A text ending in "]" may be a path with extras, and an archive name a local file: both
    // are the general path's (`_strip_extras`, `is_archive_file`).
    guard body.last != UInt8(ascii: "]"), !PipRequirementParser.isArchive(body) else { return nil }

    // One copy of the line: the requirement is parsed from its start, the marker from its place.
    let line = Array(UnsafeBufferPointer(rebasing: bytes[kept]))
    let markerLength = kept.upperBound - markerStart
    var parser = RequirementParser(bytes: line, end: body.count, extra: markerLength > 0 ? 2 * markerLength + 16 : 0)
    guard let parsed = try? parser.parse() else { return nil }
    let hasExtras = parsed.extras != nil
    let key = parsed.normalizedName
    var text = parsed.bytes
    if markerLength > 0 {
      // `MarkerExpression.canonicalBytes` of the marker text, written after "; ". The marker
      // parser looks one byte back for a word boundary: here that is ";" or a space, as good
      // as the start of a text.
      PEP508Bytes.append("; ", to: &text)
      var marker = MarkerParser(bytes: line, end: line.count, pos: markerStart - kept.lowerBound)
      swap(&marker.out, &text)
      do {
        try marker.writeMarker()
      } catch {
        return nil
      }
      guard marker.pos == line.count else { return nil }
      swap(&marker.out, &text)
    }
    return PipRequirement(
      key: key, text: String(decoding: text, as: UTF8.self), orderSensitive: false, localContent: nil,
      isNamed: true, hasExtras: hasExtras)
  }
}

/// What the logical lines of one part of a file mean, in file order: the requirements the fast
/// path read (`PipFastLine`), and the meanings of the other lines, each placed after the fast
/// requirements that precede it.
struct PipPartMeanings {
  /// The requirements of the lines read by the fast path, in file order.
  var requirements: [PipRequirement] = []
  /// Where each of them starts (reported only when a constraints file has extras).
  var positions: [PipLineMeaning.Position] = []
  /// The other lines' meanings, each with the number of fast requirements before it in the part.
  var others: [(before: Int, meaning: PipLineMeaning)] = []

  /// Classifies the logical lines of `bytes[range]` (`bytes` is all of `text`'s UTF-8; the range
  /// starts at line `firstLine` and ends a logical line): the fast path where it applies, the
  /// general one (`PipLineMeaning`) for the rest. Pure, so parts run on several threads.
  init(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, firstLine: Int, file: String) {
    var requirements: [PipRequirement] = []
    var positions: [PipLineMeaning.Position] = []
    var others: [(before: Int, meaning: PipLineMeaning)] = []
    LogicalLine.forEach(text, bytes, in: range, firstLine: firstLine) { physical, kept, line in
      if let requirement = PipFastLine.requirement(bytes, kept) {
        requirements.append(requirement)
        // The general path's `position(line.text.startIndex)`.
        positions.append(PipLineMeaning.Position(line: line, column: kept.lowerBound - physical.lowerBound + 1))
      } else {
        others.append((requirements.count, PipLineMeaning(LogicalLine.single(text, physical, kept, line: line), file: file)))
      }
    } joined: { line in
      others.append((requirements.count, PipLineMeaning(line, file: file)))
    }
    self.requirements = requirements
    self.positions = positions
    self.others = others
  }
}
