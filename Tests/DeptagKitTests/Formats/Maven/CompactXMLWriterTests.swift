import Testing

@testable import DeptagKit

/// `CompactXMLWriter` (issue #8) writes exactly what an `XMLOut` tree writes: the same one-line
/// text, and, read back by `writeIndented`, the same indented lines at every depth.
@Suite struct CompactXMLWriterTests {
  /// A small deterministic generator (no Foundation randomness: the cases are the same each run).
  struct Generator {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
  }

  static let names: [StaticString] = ["dependency", "groupId", "artifactId", "exclusions", "exclusion", "plugin", "v"]
  static let values = [
    "", "g", "1.0", "a&b", "<x>", "a&\u{301}b", "<\u{301}/x>", ">\u{301}", "<\u{301}", "é 1", "x\ny", " </ ", "&lt;",
  ]

  /// A generated element; `written` ones are given to the writer already written (as the
  /// canonicalizer nests dependencies in a plugin).
  indirect enum Tree {
    case leaf(StaticString, String)
    case node(StaticString, [Tree])
    case written(Tree)

    static func random(_ g: inout Generator, depth: Int) -> Tree {
      let name = names[g.next(names.count)]
      if depth > 3 || g.next(3) == 0 { return .leaf(name, values[g.next(values.count)]) }
      var children: [Tree] = []
      for _ in 0..<g.next(4) {
        let child = random(&g, depth: depth + 1)
        children.append(g.next(4) == 0 ? .written(child) : child)
      }
      return .node(name, children)
    }

    /// As an `XMLOut` tree, `written` elements as plain trees.
    var plain: XMLOut {
      switch self {
      case .leaf(let name, let value): .leaf("\(name)", value)
      case .node(let name, let children): .node("\(name)", children.map(\.plain))
      case .written(let tree): tree.plain
      }
    }

    /// As an `XMLOut` tree, `written` elements as `.compact`.
    var mixed: XMLOut {
      switch self {
      case .leaf(let name, let value): .leaf("\(name)", value)
      case .node(let name, let children): .node("\(name)", children.map(\.mixed))
      case .written(let tree): tree.element
      }
    }

    var compact: String { CompactXMLWriter.string(in: ByteScratch()) { write(into: &$0) } }

    /// As written by the writer, with its shape.
    var element: XMLOut { CompactXMLWriter.element(in: ByteScratch()) { write(into: &$0) } }

    func write(into writer: inout CompactXMLWriter) {
      switch self {
      case .leaf(let name, let value): writer.leaf(name, value)
      case .node(let name, let children):
        if children.isEmpty { return writer.empty(name) }
        writer.open(name)
        for child in children { child.write(into: &writer) }
        writer.close(name)
      case .written(let tree): writer.element(tree.element)
      }
    }
  }

  static func written(_ out: XMLOut, depth: Int?) -> [UInt8] {
    var bytes: [UInt8] = []
    out.write(into: &bytes, depth: depth)
    return bytes
  }

  @Test(arguments: 0..<400) func writerAgreesWithTree(_ seed: Int) {
    var g = Generator(state: UInt64(seed) &+ 17)
    let tree = Tree.random(&g, depth: 0)
    let compact = tree.compact
    #expect(compact == tree.plain.compact)
    guard case .compact(let text, let shape) = tree.element else {
      Issue.record("not a compact element")
      return
    }
    #expect(text == compact)
    #expect(shape == CompactShape(measuring: compact))
    #expect(tree.mixed.compact == tree.plain.compact)
    for depth in [0, 1, 2, 5, 20] {
      var indented: [UInt8] = []
      CompactXMLWriter.writeIndented(compact, depth: depth, into: &indented)
      #expect(indented == Self.written(tree.plain, depth: depth), "depth \(depth): \(compact)")
      #expect(Self.written(tree.element, depth: depth) == indented)
      #expect(Self.written(tree.mixed, depth: depth) == Self.written(tree.plain, depth: depth))
    }
  }

  /// `pooled` (issue #8): the lines written into the pool as the element is written are the
  /// lines `writeIndented` makes of its one-line text, with or without that text kept.
  @Test(arguments: 0..<200) func pooledAgreesWithIndented(_ seed: Int) {
    var g = Generator(state: UInt64(seed) &+ 91)
    let tree = Tree.random(&g, depth: 0)
    func write(_ tree: Tree, into writer: inout CompactXMLWriter) {
      switch tree {
      case .leaf(let name, let value): writer.leaf(name, value)
      case .node(let name, let children):
        if children.isEmpty { return writer.empty(name) }
        writer.open(name)
        for child in children { write(child, into: &writer) }
        writer.close(name)
      case .written(let inner): write(inner, into: &writer)
      }
    }
    let compact = CompactXMLWriter.string(in: ByteScratch()) { write(tree, into: &$0) }
    for depth in [0, 1, 2, 5] {
      var indented: [UInt8] = []
      CompactXMLWriter.writeIndented(compact, depth: depth, into: &indented)
      for keepText in [true, false] {
        let pool = BytePool(capacity: 8)
        pool.appendLine(indent: 1, [UInt8(ascii: "x")], count: 1)
        let element = CompactXMLWriter.pooled(in: ByteScratch(capacity: 4), pool: pool, depth: depth, keepText: keepText) {
          write(tree, into: &$0)
        }
        guard case .pooled(let text, let shape, let range, let at) = element else {
          Issue.record("not a pooled element")
          continue
        }
        #expect(at == depth)
        #expect(range.lowerBound == 3 && range.upperBound == pool.count)
        #expect(Array(pool.bytes(range)) == indented, "depth \(depth): \(compact)")
        #expect(shape == CompactShape(measuring: compact))
        #expect(text == (keepText ? compact : ""))
        var out: [UInt8] = []
        element.write(into: &out, depth: depth, pool: pool)
        #expect(out == indented)
        if keepText {
          var other: [UInt8] = []
          element.write(into: &other, depth: depth + 1)
          var expected: [UInt8] = []
          CompactXMLWriter.writeIndented(compact, depth: depth + 1, into: &expected)
          #expect(other == expected)
          #expect(element.compact == compact)
        }
      }
    }
  }

  /// `pooledLeaves` writes the bytes and shape the general writer writes for the same leaves
  /// (issue #8), at every depth and with empty values.
  @Test(arguments: 0..<100) func pooledLeavesAgreeWithTheWriter(_ seed: Int) {
    var random = Generator(state: UInt64(seed) &+ 7)
    let names: [StaticString] = ["groupId", "artifactId", "version", "type", "classifier", "scope", "optional", "systemPath"]
    let values = (0..<random.next(9)).map { _ in
      (names[random.next(names.count)], Array(String(repeating: "v", count: random.next(30)).utf8))
    }
    let depth = random.next(5)
    let general = BytePool(capacity: 8)
    let fast = BytePool(capacity: 8)
    // (both pools start with the same line, so the ranges start past it)
    for pool in [general, fast] { pool.appendLine(indent: 3, [UInt8(ascii: "x")], count: 1) }
    let bytes = values.flatMap { $0.1 }
    let written = bytes.withUnsafeBufferPointer { all in
      var offset = 0
      let pointers = values.map { value -> UnsafeBufferPointer<UInt8> in
        defer { offset += value.1.count }
        return UnsafeBufferPointer(rebasing: all[offset..<(offset + value.1.count)])
      }
      let expected = CompactXMLWriter.pooled(in: ByteScratch(), pool: general, depth: depth, keepText: false) {
        $0.open("dependency")
        for (k, value) in values.enumerated() { $0.leaf(value.0, bytes: pointers[k]) }
        $0.close("dependency")
      }
      let leaves = values.indices.map { CompactXMLWriter.Leaf(name: values[$0].0, value: pointers[$0]) }
      let element = leaves.withUnsafeBufferPointer {
        CompactXMLWriter.pooledLeaves(pool: fast, depth: depth, "dependency", $0)
      }
      return (expected, element)
    }
    guard case .pooled(_, let expectedShape, let expectedRange, _) = written.0,
      case .pooled(let text, let shape, let range, let at) = written.1
    else {
      Issue.record("not pooled")
      return
    }
    #expect(text.isEmpty && at == depth)
    #expect(shape == expectedShape)
    #expect(range == expectedRange)
    #expect(Array(fast.bytes(range)) == Array(general.bytes(expectedRange)), "seed \(seed)")
  }

  @Test func indentedLeafWithCombiningMarks() {
    let compact = CompactXMLWriter.string(in: ByteScratch()) { writer in
      writer.open("dependency")
      writer.leaf("groupId", "<\u{301}/x>&\u{301}")
      writer.leaf("artifactId", "")
      writer.close("dependency")
    }
    var out: [UInt8] = []
    CompactXMLWriter.writeIndented(compact, depth: 1, into: &out)
    #expect(
      String(decoding: out, as: UTF8.self)
        == "  <dependency>\n    <groupId>&lt;\u{301}/x&gt;&amp;\u{301}</groupId>\n    <artifactId/>\n  </dependency>\n")
  }
}
