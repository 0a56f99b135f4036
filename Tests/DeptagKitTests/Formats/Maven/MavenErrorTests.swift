import Testing

@testable import DeptagKit

/// Malformed XML and POMs Maven refuses: an error at FILE:LINE:COL (1-based, UTF-8 byte columns).
@Suite struct MavenErrorTests {
  typealias Case = (label: String, input: String, position: String, message: String)

  static let project = "<project><modelVersion>4.0.0</modelVersion>"

  static let cases: [Case] = [
    ("internal DTD entity", "<!DOCTYPE project [\n  <!ENTITY v \"2.0\">\n]>\n<project/>\n", "2:3", "DTD entity declarations are refused"),
    ("parameter entity", "<!DOCTYPE project [ %x; ]>\n<project/>\n", "1:21", "parameter-entity"),
    ("undefined entity", "\(project)<version>&v;</version></project>", "1:53", "undefined entity '&v;'"),
    ("XML declaration after blank lines", "\n\n<?xml version=\"1.0\"?>\n<project/>\n", "3:1", "only at the very start"),
    ("XML declaration after a comment", "<!--c--><?xml version=\"1.0\"?><project/>", "1:9", "only at the very start"),
    ("unknown element under project", "\(project)\n  <unknownThing/>\n</project>", "2:3", "unrecognised tag <unknownThing> in <project>"),
    ("unknown element in a dependency", "\(project)<dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId>\n<verison>1</verison></dependency></dependencies></project>", "2:1", "unrecognised tag <verison>"),
    ("wrong item in a list", "\(project)<dependencies><plugin/></dependencies></project>", "1:58", "expected <dependency>"),
    ("duplicated tag", "\(project)<dependencies><dependency><groupId>g</groupId><groupId>h</groupId></dependency></dependencies></project>", "1:90", "duplicated tag <groupId>"),
    ("element inside a value", "\(project)<version><x/></version></project>", "1:53", "must hold text"),
    ("mismatched closing tag", "<project>\n  <name>x</nam>\n</project>", "2:10", "does not match <name>"),
    ("input ends inside an element", "<project>\n  <name>x", "2:10", "ends inside <name>"),
    ("'--' in a comment", "<project><!-- a -- b --></project>", "1:17", "'--' is not allowed"),
    ("duplicate attribute", "<project a=\"1\" a=\"2\"/>", "1:16", "duplicate attribute 'a'"),
    ("unquoted attribute", "<project a=1/>", "1:12", "quoted value"),
    ("'<' in an attribute", "<project a=\"<\"/>", "1:13", "'<' is not allowed"),
    ("bare ampersand", "\(project)<name>a & b</name></project>", "1:52", "'&' must start"),
    ("invalid character reference", "\(project)<name>&#0;</name></project>", "1:50", "invalid character reference"),
    ("invalid UTF-8", "<project><name>\u{FF}</name></project>", "-", ""),
    ("control character", "<project>\n<name>\u{01}</name></project>", "2:7", "control character U+0001"),
    ("text before the root", "hello<project/>", "1:1", "text before the root element"),
    ("second root", "<project/>\n<project/>", "2:1", "a second root element"),
    ("text after the root", "<project/>x", "1:11", "text after the root element"),
    ("no root", "<!-- only -->\n", "2:1", "no root element"),
    ("wrong root", "<pom/>", "1:1", "root element must be <project>"),
    ("']]>' in text", "\(project)<name>a]]>b</name></project>", "1:51", "']]>'"),
    ("unterminated CDATA", "\(project)<name><![CDATA[x</name></project>", "1:50", "unterminated CDATA"),
    ("unsupported encoding", "<?xml version=\"1.0\" encoding=\"EBCDIC\"?><project/>", "1:31", "unsupported encoding 'EBCDIC'"),
    ("ASCII declared, not ASCII", "<?xml version=\"1.0\" encoding=\"US-ASCII\"?>\n<project><name>é</name></project>", "2:16", "not US-ASCII"),
    ("bad XML version", "<?xml version=\"2.0\"?><project/>", "1:16", "unsupported XML version"),
    ("cyclic property", "\(project)<properties>\n<a>${b}</a>\n<b>${a}</b></properties></project>", "2:4", "recursive expression cycle"),
    ("self-referencing property", "\(project)<properties><a>x</a>\n<a>${a}</a></properties></project>", "2:4", "recursive expression cycle"),
    ("dependency without groupId", "\(project)<dependencies>\n  <dependency><artifactId>a</artifactId></dependency></dependencies></project>", "2:3", "without a <groupId>"),
    ("plugin without artifactId", "\(project)<build><plugins>\n<plugin><version>1</version></plugin></plugins></build></project>", "2:1", "without an <artifactId>"),
    ("unknown element in a profile", "\(project)<profiles><profile><id>p</id>\n<activation><os><nme>x</nme></os></activation></profile></profiles></project>", "2:17", "unrecognised tag <nme>"),
    ("text in a list", "\(project)<dependencies>oops</dependencies></project>", "1:58", "unexpected text"),
  ]

  @Test(arguments: cases) func errorPosition(_ c: Case) throws {
    var bytes = Array(c.input.utf8)
    if c.label == "invalid UTF-8" {
      bytes = Array("<project><name>".utf8) + [0xC3, 0x28] + Array("</name></project>".utf8)
    }
    let error = try #require(Maven.error(bytes: bytes), "\(c.label): accepted")
    if c.label == "invalid UTF-8" {
      #expect(error.position == "1:16" && error.message == "invalid UTF-8")
      return
    }
    #expect(error.position == c.position, "\(c.label): \(error)")
    #expect(error.message.contains(c.message), "\(c.label): \(error)")
    #expect(error.location?.file == "pom.xml")
  }

  /// Well-formed constructs the reader must accept (and Maven accepts).
  static let accepted: [(String, String)] = [
    ("processing instruction", "<?xml version=\"1.0\"?><?pi data?>\(project)<?x?></project><!--after-->\n"),
    ("DOCTYPE without entities", "<!DOCTYPE project SYSTEM \"http://unused.example/never-fetched.dtd\">\(project)</project>"),
    ("DOCTYPE with an element declaration", "<!DOCTYPE project [<!ELEMENT project ANY> <!-- c --> <!ATTLIST project a CDATA \"x>\">]>\(project)</project>"),
    ("attributes in both quotes", "<project xmlns='http://maven.apache.org/POM/4.0.0' a=\"'\" b='\"'><modelVersion>4.0.0</modelVersion></project>"),
    ("prefixed attributes", "<project xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"a b\"/>"),
    ("empty project", "<project/>"),
    ("UTF-8 names and text", "<project><name>Zürich 東京 🎉</name><properties><ü>x</ü></properties></project>"),
    ("standalone", "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?><project/>"),
  ]

  @Test(arguments: accepted) func wellFormed(_ c: (String, String)) {
    #expect(Maven.error(c.1) == nil, "\(c.0): \(Maven.error(c.1).map { "\($0)" } ?? "")")
  }

  @Test func xmlDecodesReferencesCdataAndComments() throws {
    let document = try XMLReader.parse(
      SourceFile(path: "x", bytes: Array("<a x='1 &amp;&#9;2'>&lt;&gt;&amp;&apos;&quot;&#x41;&#66;<![CDATA[<&>]]><!--no--><?pi?>z\r\nw</a>".utf8)))
    #expect(document.text(document.rootIndex) == "<>&'\"AB<&>z\nw")
    #expect(Array(document.attributes(document.rootIndex)) == [XMLAttribute(name: "x", value: "1 &\t2")])
  }
}
