import Testing

@testable import DeptagKit

/// `LogicalLine`: the word-at-a-time physical line scan, cutting a file into parts, and
/// splitting a part with the whole file's line numbers.
@Suite struct LogicalLinesTests {
  /// `str.splitlines()` one scalar at a time (the reference for the word-at-a-time scan).
  static func referenceLines(_ text: String) -> [Substring] {
    var lines: [Substring] = []
    let scalars = text.unicodeScalars
    var start = scalars.startIndex
    var i = scalars.startIndex
    while i < scalars.endIndex {
      let s = scalars[i]
      if PythonText.isLineBreak(s) {
        var next = scalars.index(after: i)
        if s == "\r", next < scalars.endIndex, scalars[next] == "\n" { next = scalars.index(after: next) }
        lines.append(Substring(scalars[start..<i]))
        i = next
        start = next
      } else {
        i = scalars.index(after: i)
      }
    }
    if start < scalars.endIndex { lines.append(Substring(scalars[start..<scalars.endIndex])) }
    return lines
  }

  /// Boundaries at every alignment within a word, next to non-ASCII text and tabs.
  @Test func physicalLinesMatchSplitlinesAtEveryAlignment() {
    var rng = SeededGenerator(seed: 8)
    let pieces = ["a", "bc", "pkg==1.0", "\t", "é", "\u{A0}", "😀", "\u{2027}", "#", "\\", " ", "xxxxxxxxxxxxxxx"]
    let breaks = ["\n", "\r\n", "\r", "\u{0B}", "\u{0C}", "\u{1C}", "\u{1D}", "\u{1E}", "\u{85}", "\u{2028}", "\u{2029}"]
    for _ in 0..<500 {
      var text = ""
      for _ in 0..<Int.random(in: 0..<30, using: &rng) {
        text += Bool.random(using: &rng) ? pieces.randomElement(using: &rng)! : breaks.randomElement(using: &rng)!
      }
      #expect(LogicalLine.physicalLines(text) == Self.referenceLines(text), "\(text.debugDescription)")
    }
  }

  @Test func cutsEveryNLinesAtLineStarts() {
    let text = (1...10).map { "l\($0)" }.joined(separator: "\n") + "\n"
    let (cuts, lines) = LogicalLine.cuts(text, linesPerPart: 3)
    #expect(lines == 10)
    #expect(cuts.map(\.line) == [1, 4, 7, 10])
    let bytes = Array(text.utf8)
    for cut in cuts.dropFirst() {
      #expect(bytes[cut.offset - 1] == UInt8(ascii: "\n"))
      #expect(bytes[cut.offset] == UInt8(ascii: "l"))
    }
    // No empty last part: a cut is never at the end of the text.
    let (exact, _) = LogicalLine.cuts("a\nb\n", linesPerPart: 1)
    #expect(exact.map(\.offset) == [0, 2])
  }

  @Test func cutsNeverFollowAContinuation() {
    let text = "a\\\nb\\\nc\\\nd\ne\\\nf\ng\n"
    let (cuts, lines) = LogicalLine.cuts(text, linesPerPart: 1)
    #expect(lines == 7)
    #expect(cuts.map(\.line) == [1, 5, 7])
    let bytes = Array(text.utf8)
    for cut in cuts.dropFirst() { #expect(bytes[cut.offset - 2] != UInt8(ascii: "\\")) }
  }

  @Test func cutsCountEveryKindOfBoundary() {
    let text = "a\r\nb\rc\u{0B}d\u{85}e\u{2028}f\ng"
    let (cuts, lines) = LogicalLine.cuts(text, linesPerPart: 2)
    #expect(lines == 7)
    #expect(cuts.map(\.line) == [1, 3, 5, 7])
    let utf8 = Array(text.utf8)
    #expect(cuts.map { String(decoding: utf8[$0.offset...].prefix(1), as: UTF8.self) } == ["a", "c", "e", "g"])
  }

  /// The parts of a cut text, split on their own with `firstLine`, give the same logical lines
  /// (texts and positions) as the whole text split at once.
  @Test func partsSplitLikeTheWhole() {
    var rng = SeededGenerator(seed: 21)
    let lines = ["foo==1", "bar>=2 \\", "  <3", "# c", "", "  baz \\", "# ends it", "qux \\", "\\", "x # y", "é==1\u{A0}", "a\\"]
    let breaks = ["\n", "\r\n", "\r", "\u{2028}"]
    for _ in 0..<200 {
      var text = ""
      for _ in 0..<Int.random(in: 1..<60, using: &rng) {
        text += lines.randomElement(using: &rng)! + breaks.randomElement(using: &rng)!
      }
      let whole = LogicalLine.split(text)
      for perPart in [1, 2, 5] {
        let (cuts, _) = LogicalLine.cuts(text, linesPerPart: perPart)
        let utf8 = Array(text.utf8)
        var parts: [LogicalLine] = []
        for (i, cut) in cuts.enumerated() {
          let end = i + 1 < cuts.count ? cuts[i + 1].offset : utf8.count
          parts += LogicalLine.split(String(decoding: utf8[cut.offset..<end], as: UTF8.self), firstLine: cut.line)
        }
        #expect(parts.map(\.text) == whole.map(\.text))
        #expect(parts.map(\.lineNumber) == whole.map(\.lineNumber))
        #expect(zip(parts, whole).allSatisfy { a, b in
          a.location(of: a.text.endIndex, file: "f") == b.location(of: b.text.endIndex, file: "f")
        })
      }
    }
  }

  @Test func firstLineNumbersThePart() {
    let lines = LogicalLine.split("a\n\nb\\\n c\n", firstLine: 41)
    #expect(lines.map(\.text) == ["a", "b c"])
    #expect(lines.map(\.lineNumber) == [41, 43])
    let c = lines[1].text.firstIndex(of: "c")!
    #expect(lines[1].location(of: c, file: "f").description == "f:44:2")
  }

  @Test func commentsAfterNonASCIIText() {
    #expect(LogicalLine.removeComment("é#x") == "é#x")
    #expect(LogicalLine.removeComment("é\u{3000}#x") == "é\u{3000}")
    #expect(LogicalLine.removeComment("a#b #c") == "a#b ")
    #expect(LogicalLine.split("pkg\u{A0}\u{2003}# c\n").map(\.text) == ["pkg"])
    #expect(LogicalLine.split("  pkg é \t\n").map(\.text) == ["pkg é"])
  }
}
