import Testing

@testable import DeptagKit

/// The flat JSON tape the lock file is read from (issue #8): it accepts exactly what
/// `JSONReader` accepts, and writes every value exactly as the parsed tree is written.
@Suite struct JSONTapeTests {
  /// Pieces that random JSON is built from: escapes, repeated keys, non-ASCII, bad UTF-8.
  static let keys: [[UInt8]] = [
    "a", "b", "", "version", "packages", "node_modules/x", "n\\u0061me", "\\/", "\\\"q", "é", "e\\u0301",
    "\\ud800", "\\udbff", "\\ud83d\\ude00", "😀", "10", "9",
  ].map { Array($0.utf8) } + [[0xFF], [0x61, 0xC3], [0xED, 0xA0, 0x80], [0xE2, 0x80, 0xA8]]
  static let scalars: [[UInt8]] = [
    "true", "false", "null", "0", "-0", "1.5e+3", "-12.25E-2", "123456789012345678901234567890",
    "\"\"", "\"plain\"", "\"tab\\t\\n\\u0000\"", "\"\\ud800x\"", "\"\\u00e9\"", "\"é\u{2028}\"",
  ].map { Array($0.utf8) } + [[0x22, 0xC0, 0xAF, 0x22], [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22]]
  static let spaces: [[UInt8]] = ["", " ", "\n  ", "\r\n\t"].map { Array($0.utf8) }

  static func value(_ rng: inout SeededGenerator, depth: Int) -> [UInt8] {
    let space = { (rng: inout SeededGenerator) in spaces.randomElement(using: &rng)! }
    switch depth > 3 ? 0 : Int.random(in: 0..<5, using: &rng) {
    case 0, 1: return scalars.randomElement(using: &rng)!
    case 2:
      var out: [UInt8] = Array("[".utf8) + space(&rng)
      for i in 0..<Int.random(in: 0...3, using: &rng) {
        if i > 0 { out += Array(",".utf8) + space(&rng) }
        out += value(&rng, depth: depth + 1) + space(&rng)
      }
      return out + Array("]".utf8)
    default:
      var out: [UInt8] = Array("{".utf8) + space(&rng)
      for i in 0..<Int.random(in: 0...6, using: &rng) {
        if i > 0 { out += Array(",".utf8) + space(&rng) }
        out += [0x22] + keys.randomElement(using: &rng)! + [0x22] + space(&rng) + Array(":".utf8) + space(&rng)
        out += value(&rng, depth: depth + 1)
      }
      return out + space(&rng) + Array("}".utf8)
    }
  }

  /// `bytes` with one random byte replaced, removed or inserted, or cut short.
  static func mutated(_ bytes: [UInt8], _ rng: inout SeededGenerator) -> [UInt8] {
    var out = bytes
    let replacements = Array("{}[],:\"\\ 0-.eEtnu\u{1}".utf8) + [0x80, 0xEF, 0xBB, 0xBF]
    let at = Int.random(in: 0...out.count, using: &rng)
    switch Int.random(in: 0..<4, using: &rng) {
    case 0 where at < out.count: out[at] = replacements.randomElement(using: &rng)!
    case 1 where at < out.count: out.remove(at: at)
    case 2: out.insert(replacements.randomElement(using: &rng)!, at: at)
    default: out.removeLast(out.count - at)
    }
    return out
  }

  /// Whether the tape and the tree agree on `bytes`: both reject, or both accept and write
  /// every value (the root) the same, pretty and compact.
  static func agree(_ bytes: [UInt8]) -> Bool {
    let tape = JSONTape.scan(bytes)
    guard case .success(let node) = NPM.parse(bytes) else { return tape == nil }
    guard let tape else { return false }
    for pretty in [true, false] {
      var fromTree = JSONWriter()
      fromTree.writeSorted(node, indent: 0, pretty: pretty)
      var fromTape = JSONWriter()
      var scratch: [Int] = []
      fromTape.writeSorted(tape, 0, indent: 0, pretty: pretty, scratch: &scratch)
      if fromTree.bytes != fromTape.bytes || !scratch.isEmpty { return false }
    }
    return true
  }

  @Test func randomDocumentsAndTheirMutationsAgreeWithTheReader() {
    var rng = SeededGenerator(seed: 8)
    var accepted = 0
    var rejected = 0
    for _ in 0..<1500 {
      let document = (Bool.random(using: &rng) ? [0xEF, 0xBB, 0xBF] : []) + Self.value(&rng, depth: 0)
      #expect(Self.agree(document), "\(String(decoding: document, as: UTF8.self))")
      let variant = Self.mutated(document, &rng)
      #expect(Self.agree(variant), "\(String(decoding: variant, as: UTF8.self))")
      if JSONTape.scan(variant) == nil { rejected += 1 } else { accepted += 1 }
    }
    #expect(accepted > 100 && rejected > 100)  // both directions exercised
  }

  @Test(arguments: [
    "", " ", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "[1,]", "[1 2]", "{\"a\":1]", "[1}", "01", "-", "1.", "1e", "+1",
    "tru", "nul", "\"abc", "\"\\x\"", "\"\\u12G4\"", "\"a\u{1}\"", "{a:1}", "{'a':1}", "[] []", "// c\n{}", "\u{FEFF}\u{FEFF}{}",
  ])
  func rejectsWhatTheReaderRejects(_ text: String) {
    #expect(JSONTape.scan(Array(text.utf8)) == nil)
    #expect((try? NPM.parse(Array(text.utf8)).get()) == nil)
  }

  /// Strings are scanned eight bytes at a time: a quote, an escape, a control character or a
  /// non-ASCII byte is found at every position of a word, and at the very end of the input.
  @Test func everyPositionInAWordIsLookedAt() {
    let specials: [[UInt8]] = [[0x22, 0x2C, 0x22], [0x5C, 0x6E], [0x5C, 0x22], [0x01], [0x7F], [0xC3, 0xA9], [0xFF], [0xED, 0xA0, 0x80]]
    for length in 0..<20 {
      for at in 0...length {
        for special in specials {
          let body = Array(repeating: UInt8(ascii: "a"), count: at) + special + Array(repeating: UInt8(ascii: "b"), count: length - at)
          #expect(Self.agree([0x5B, 0x22] + body + [0x22, 0x5D]), "\(body)")
          #expect(Self.agree([0x22] + body), "\(body)")  // unterminated
        }
      }
    }
  }

  /// Whitespace is skipped eight spaces at a time: another byte at every position of the run.
  @Test func everyPositionInARunOfSpacesIsLookedAt() {
    for length in 0..<20 {
      for at in 0...length {
        for other: UInt8 in [0x0A, 0x09, 0x0D, 0x31, 0x2C, 0x78] {
          let run = Array(repeating: UInt8(0x20), count: at) + [other] + Array(repeating: UInt8(0x20), count: length - at)
          #expect(Self.agree([0x5B, 0x30] + run + [0x5D]), "\(run)")
          #expect(Self.agree(run + [0x30] + run), "\(run)")
        }
      }
    }
  }

  /// One level under the reader's limit is read; at the limit both refuse.
  @Test func nestingLimitIsTheReaders() {
    let deep = { (n: Int) in Array((String(repeating: "[", count: n) + String(repeating: "]", count: n)).utf8) }
    #expect(Self.agree(deep(JSONReader.maximumDepth)))
    #expect(JSONTape.scan(deep(JSONReader.maximumDepth)) != nil)
    #expect(JSONTape.scan(deep(JSONReader.maximumDepth + 1)) == nil)
  }

  /// Plain strings are not copied; escaped ones and bad UTF-8 are decoded once, as the reader does.
  @Test func onlyStringsThatDifferFromTheirSourceAreDecoded() throws {
    let tape = try #require(JSONTape.scan(Array(#"["plain", "é", "\u00e9", "a\/b", "\ud800""#.utf8) + [0x2C, 0x22, 0xFF, 0x22, 0x5D]))
    #expect(tape.nodes.map(\.plain) == [false, true, true, false, false, false, false])
    #expect(tape.decoded.map(\.bytes) == [[0xC3, 0xA9], Array("a/b".utf8), [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBD]])
    #expect(tape.string(2, equals: "é") && tape.string(3, equals: "é") && !tape.string(1, equals: "é"))
  }

  /// A repeated key keeps its last value: `member` finds it, `sortedKeys` keeps one per key.
  @Test func repeatedKeysKeepTheLastValue() throws {
    let tape = try #require(JSONTape.scan(Array(#"{"b": 1, "a": 2, "\u0062": 3, "c": 4, "b": 5}"#.utf8)))
    let b = try #require(tape.member("b", of: 0))
    #expect(tape.nodes[b].start == 43)  // the 5
    var scratch: [Int] = [99]
    let keys = tape.sortedKeys(of: 0, into: &scratch)
    #expect(keys == 1..<4)
    #expect(scratch[keys].map { tape.string($0).string } == ["a", "b", "c"])
    #expect(scratch[2] + 1 == b)
    #expect(tape.member("z", of: 0) == nil)
  }
}
