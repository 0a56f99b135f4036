import Testing

@testable import DeptagKit

/// The canonical POM writer (`XMLOut`): indentation, empty elements, escaping.
@Suite struct XMLOutTests {
  static let tree = XMLOut.node("dependency", [
    .leaf("groupId", "g"), .leaf("artifactId", "a&b<c>"), .leaf("classifier", ""),
    .node("exclusions", [.node("exclusion", [.leaf("groupId", "x")])]), .node("empty", []),
  ])

  /// Pooled elements that follow each other in the pool at one depth are written as one, with
  /// the same bytes; any other neighbour keeps them apart (issue #8).
  @Test func pooledNeighboursAreCoalesced() {
    let pool = BytePool(capacity: 8)
    func pooled(_ name: StaticString, depth: Int, keepText: Bool = false) -> XMLOut {
      CompactXMLWriter.pooled(in: ByteScratch(), pool: pool, depth: depth, keepText: keepText) {
        $0.open("dependency")
        $0.leaf("groupId", "\(name)")
        $0.close("dependency")
      }
    }
    let a = pooled("a", depth: 2)
    let b = pooled("b", depth: 2)
    let c = pooled("c", depth: 3, keepText: true)
    let d = pooled("d", depth: 2, keepText: true)
    let e = pooled("e", depth: 2)
    let f = pooled("f", depth: 2)
    let elements: [XMLOut] = [a, b, .leaf("x", "1"), c, d, e, f, a]
    let coalesced = XMLOut.coalescingPooled(elements)
    // a+b one piece; the leaf; c (another depth); d (keeps its text); e+f; a again (not after f).
    #expect(coalesced.count == 6)
    guard case .pooled(_, let shape, let range, 2) = coalesced[0] else {
      Issue.record("not coalesced: \(coalesced[0])")
      return
    }
    #expect(shape.lines == 6)
    guard case .pooled(_, _, let aRange, _) = a, case .pooled(_, _, let bRange, _) = b else { return }
    #expect(range == aRange.lowerBound..<bRange.upperBound)
    var expected: [UInt8] = []
    var written: [UInt8] = []
    for element in elements { element.write(into: &expected, depth: 2, pool: pool) }
    for element in coalesced { element.write(into: &written, depth: 2, pool: pool) }
    #expect(written == expected)
  }

  @Test func renderIsIndentedOneElementPerLine() {
    var text = "<!-- start -->\n"
    Self.tree.render(into: &text, depth: 1)
    #expect(text == """
      <!-- start -->
        <dependency>
          <groupId>g</groupId>
          <artifactId>a&amp;b&lt;c&gt;</artifactId>
          <classifier/>
          <exclusions>
            <exclusion>
              <groupId>x</groupId>
            </exclusion>
          </exclusions>
          <empty/>
        </dependency>

      """)
  }

  @Test func compactIsOneLine() {
    #expect(Self.tree.compact == "<dependency><groupId>g</groupId><artifactId>a&amp;b&lt;c&gt;</artifactId><classifier/><exclusions><exclusion><groupId>x</groupId></exclusion></exclusions><empty/></dependency>")
    #expect(XMLOut.leaf("v", "é 1.0").compact == "<v>é 1.0</v>")
  }

  /// Escaping goes by byte: a `&` or `<` that carries a combining mark is still escaped (as
  /// Character it is another character, and was left raw before deptag-canonical-v3: the
  /// canonical POM was not XML); text without `&`, `<` or `>` is unchanged.
  @Test func escapingIsByByte() {
    #expect(XMLOut.escape("1 & 2 < 3 > 0") == "1 &amp; 2 &lt; 3 &gt; 0")
    #expect(XMLOut.escape("a&\u{301}b") == "a&amp;\u{301}b")
    #expect(XMLOut.escape("a&\u{301}b&c") == "a&amp;\u{301}b&amp;c")
    #expect(XMLOut.escape("\u{600}<x>") == "\u{600}&lt;x&gt;")  // U+0600 prepends to `<`
    #expect(XMLOut.escape("plain é") == "plain é")
    var bytes: [UInt8] = []
    XMLOut.escape("x&\u{301}<y", into: &bytes)
    #expect(String(decoding: bytes, as: UTF8.self) == "x&amp;\u{301}&lt;y")
  }
}

/// Dependency keys: `groupId:artifactId[:type[:classifier]]` joined in one allocation.
@Suite struct PomKeyTests {
  @Test func partsJoinedWithColons() {
    #expect(PomCanonicalizer.joined(["g", "a"]) == "g:a")
    #expect(PomCanonicalizer.joined(["org.example.group", "artifact-name", "test-jar", "tests"]) == "org.example.group:artifact-name:test-jar:tests")
    #expect(PomCanonicalizer.joined(["Zürich", "東京", "🎉"]) == "Zürich:東京:🎉")
    #expect(PomCanonicalizer.joined(["", ""]) == ":")
    #expect(PomCanonicalizer.joined(["x"]) == "x")
    #expect(PomCanonicalizer.joined(["g", "a"]) != "g:a:")
  }

  @Test func dependencyKeysCarryTypeAndClassifierOnlyWhenNotDefault() throws {
    let loaded = try Maven.load(
      Maven.pom(
        "<dependencies>" + Maven.dependency("g", "a", "1") + Maven.dependency("g", "b", "1", extra: "<type>pom</type>")
          + Maven.dependency("g", "c", "1", extra: "<classifier>tests</classifier>") + "</dependencies>"))
    #expect(loaded.manifests[0].entries.map(\.key) == ["g:a", "g:b:pom", "g:c:jar:tests"])
  }
}
