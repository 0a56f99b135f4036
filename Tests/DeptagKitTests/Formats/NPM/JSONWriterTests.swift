import Testing

@testable import DeptagKit

/// The JSON writer: `JSON.stringify` escaping, and the direct node writer the lock file uses
/// (`writeObject` / `writeSorted`), which must write exactly what `Value.sorted` + `pretty` /
/// `compact` write.
@Suite struct JSONWriterTests {
  static func node(_ text: String) throws -> JSONNode {
    try NPM.parse(Array(text.utf8)).get()
  }

  static func direct(_ node: JSONNode, pretty: Bool) -> String {
    var writer = JSONWriter()
    writer.writeSorted(node, indent: 0, pretty: pretty)
    if pretty { writer.raw("\n") }
    return writer.text
  }

  @Test(arguments: [
    #"{"b": 1, "a": {"d": [1, {"z": null, "y": []}], "c": {}}, "e": "x"}"#,
    #"{"s": "q\"\\\/\b\f\n\r\t\u0001\u001f\u007f é 😀", "lone": "\ud800", "pair": "\ud83d\ude00", "n": -0.5e+2}"#,
    #"[true, false, null, 0, "", [], {}]"#,
    #"{"é": 1, "e": 2, "E": 3, "": 4, "10": 5, "9": 6}"#,
    #""just a string""#,
  ])
  func directWriterMatchesTheValueTree(_ text: String) throws {
    let node = try Self.node(text)
    let value = JSONWriter.Value.sorted(node)
    #expect(Self.direct(node, pretty: true) == JSONWriter.pretty(value))
    #expect(Self.direct(node, pretty: false) == JSONWriter.compact(value))
  }

  /// Indentation past the 32 levels written from the ready-made line start.
  @Test func deepNestingIsIndentedLikeTheValueTree() throws {
    let text = String(repeating: "[{\"k\": ", count: 20) + "1" + String(repeating: "}]", count: 20)
    let node = try Self.node(text)
    let pretty = Self.direct(node, pretty: true)
    #expect(pretty == JSONWriter.pretty(JSONWriter.Value.sorted(node)))
    #expect(pretty.contains("\n" + String(repeating: " ", count: 80) + "\"k\": 1\n"))
  }

  @Test func writeObjectKeepsTheGivenMemberOrder() throws {
    let object = try #require(try Self.node(#"{"b": {"y": 1, "x": 2}, "a": true}"#).object)
    var writer = JSONWriter()
    writer.writeObject(object.members, indent: 0, pretty: false)
    #expect(writer.text == #"{"b":{"x":2,"y":1},"a":true}"#)
    writer.reset()
    writer.writeObject([], indent: 3, pretty: true)
    #expect(writer.text == "{}")
  }

  @Test func stringsAreEscapedAsJSONStringifyEscapesThem() throws {
    // Escaped: quote, backslash, control characters, lone surrogates.
    let escaped = try #require(try Self.node(#""a\"b\\c\nd\u0001e\ud800f\udfff""#).string)
    #expect(JSONWriter.quoted(escaped) == #""a\"b\\c\nd\u0001e\ud800f\udfff""#)
    // Not escaped: '/', DEL, non-ASCII text, a surrogate pair (one astral character).
    let plain = try #require(try Self.node(#""\/\u007f é 😀 \ud83d\ude00 \u00ed""#).string)
    #expect(JSONWriter.quoted(plain) == "\"/\u{7F} é 😀 😀 í\"")
    #expect(JSONWriter.quoted(JSONString("")) == "\"\"")
  }
}
