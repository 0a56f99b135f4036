import Testing

@testable import DeptagKit

/// The JSON reader: `JSON.parse` semantics after npm's BOM strip (reference §1.1, §1.9).
@Suite struct JSONReaderTests {
  static func value(_ text: String) -> String? {
    guard case .success(let node) = NPM.parse(Array(text.utf8)) else { return nil }
    return NPM.comparable(node)
  }

  static func position(_ text: String) -> String? {
    guard case .failure(let error) = NPM.parse(Array(text.utf8)) else { return nil }
    return error.position
  }

  @Test(arguments: [
    ("{\"a\": 1, \"a\": 2}", "{\"a\":n:4000000000000000}"),
    ("{\"a\": {\"x\": 1}, \"a\": {\"y\": true}}", "{\"a\":{\"y\":true}}"),  // replaced whole, no merge
    ("\"\\u0041\\/\\\\\"", "\"A/\\\\\""),
    ("\"\\ud83d\\ude00\"", "\"😀\""),
    ("\"\\ud800\"", "\"\\ud800\""),  // a lone surrogate is kept, as JavaScript keeps it
    ("\"\\udc00\\ud800\"", "\"\\udc00\\ud800\""),
    ("\"\u{7F}é\"", "\"\u{7F}é\""),
    (" \r\n\t[1, -0.5e+2, 0, true, false, null] \n", "[n:3ff0000000000000,n:c049000000000000,n:0000000000000000,true,false,null]"),
    ("{}", "{}"),
    ("[]", "[]"),
  ])
  func accepts(_ input: String, _ expected: String) {
    #expect(Self.value(input) == expected, "\(input)")
  }

  /// Past eight members an object is indexed; a repeated key still keeps its first position and
  /// takes its last value, and distinct keys stay distinct.
  @Test func repeatedKeysInALargeObject() throws {
    let keys = (0..<12).map { "\"k\($0)\": \($0)" }.joined(separator: ", ")
    let node = try NPM.parse(Array("{\(keys), \"k3\": \"last\", \"k11\": \"end\", \"new\": 0}".utf8)).get()
    let object = try #require(node.object)
    #expect(object.members.map(\.key.string) == (0..<12).map { "k\($0)" } + ["new"])
    #expect(object["k3"]?.string?.string == "last")
    #expect(object["k11"]?.string?.string == "end")
    #expect(object["k4"]?.value == .number("4"))
  }

  @Test func bomIsStrippedOnceAndInvalidUTF8InStringsBecomesReplacement() {
    let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    guard case .success = NPM.parse(bom + Array("{}".utf8)) else { Issue.record("BOM refused"); return }
    guard case .failure(let twice) = NPM.parse(bom + bom + Array("{}".utf8)) else { Issue.record("two BOMs accepted"); return }
    #expect(twice.position == "1:4")
    guard case .success(let node) = NPM.parse(Array("\"a".utf8) + [0xFF, 0xE2, 0x82] + Array("b\"".utf8)) else {
      Issue.record("invalid UTF-8 in a string refused (Node decodes it to U+FFFD)")
      return
    }
    #expect(NPM.comparable(node) == "\"a\u{FFFD}\u{FFFD}b\"")
    guard case .failure(let outside) = NPM.parse([0x5B, 0xFF, 0x5D]) else { Issue.record("invalid byte accepted"); return }
    #expect(outside.position == "1:2")
  }

  /// Rejections with the position of the offending text (line, UTF-8 byte column).
  @Test(arguments: [
    ("", "1:1"),
    ("{\"a\": 1,}", "1:8"),  // trailing comma
    ("[1,]", "1:3"),
    ("{\"a\": 1 // c\n}", "1:9"),  // comment
    ("/* c */ {}", "1:1"),
    ("{'a': 1}", "1:2"),  // single quotes
    ("{a: 1}", "1:2"),  // unquoted key
    ("{\n  \"a\": tru\n}", "2:11"),
    ("{\"a\": 01}", "1:8"),
    ("{\"a\": 1.}", "1:9"),
    ("{\"a\": .5}", "1:7"),
    ("{\"a\": +1}", "1:7"),
    ("{\"a\": NaN}", "1:7"),
    ("{\"a\": \"x\ty\"}", "1:9"),  // raw control character
    ("{\"a\": \"\\x\"}", "1:8"),
    ("{\"a\": \"\\u12\"}", "1:8"),
    ("{\"a\": \"abc", "1:7"),  // unterminated
    ("{\"é\": 1 \"b\": 2}", "1:10"),  // byte columns
    ("{} {}", "1:4"),
    ("{\"a\" 1}", "1:6"),
    ("[1 2]", "1:4"),
    ("\u{FEFF}", "1:4"),
  ])
  func rejects(_ input: String, _ position: String) {
    #expect(Self.position(input) == position, "\(input)")
  }

  @Test func deepNestingIsAnErrorNotACrash() {
    let deep = Array(repeating: UInt8(ascii: "["), count: 200_000) + Array(repeating: UInt8(ascii: "]"), count: 200_000)
    guard case .failure(let error) = NPM.parse(deep) else { Issue.record("accepted"); return }
    #expect(error.position == "1:\(JSONReader.maximumDepth + 1)")
    #expect(error.message.contains("nested deeper"))
    let fine = Array(repeating: UInt8(ascii: "["), count: JSONReader.maximumDepth) + Array(repeating: UInt8(ascii: "]"), count: JSONReader.maximumDepth)
    guard case .success = NPM.parse(fine) else { Issue.record("\(JSONReader.maximumDepth) levels refused"); return }
    let unclosed = Array(repeating: UInt8(ascii: "{"), count: 200_000)
    #expect(NPM.error(bytes: unclosed) != nil)
  }

  @Test func largeLockIsReadInLinearTime() throws {
    var text = "{\"lockfileVersion\": 3, \"packages\": {\"\": {\"name\": \"x\"}"
    for i in 0..<15_000 {
      text += ",\n\"node_modules/p\(i)\": {\"version\": \"1.\(i).0\", \"resolved\": \"https://registry.npmjs.org/p\(i)/-/p\(i)-1.\(i).0.tgz\", \"integrity\": \"sha512-\(String(repeating: "A", count: 86))==\", \"dev\": true}"
    }
    text += "}}"
    let clock = ContinuousClock()
    let elapsed = try clock.measure { _ = try NPM.normalize(text, kind: .npmLock) }
    #expect(text.utf8.count > 3_000_000)
    #expect(elapsed < .seconds(10), "\(elapsed) for \(text.utf8.count) bytes")
  }
}
