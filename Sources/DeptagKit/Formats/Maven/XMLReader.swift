/// A small reader of well-formed XML 1.0, written for POMs.
///
/// Why not FoundationXML: it links full Foundation, libxml2 and ICU into the executable (measured:
/// the static binary grows from 14 to 56 MiB, start-up takes about 6 ms longer, and the binary then
/// needs the system's libxml2 at run time), and libxml2 is a parser whose entity handling has to
/// be switched off correctly to be safe. This reader is safe by construction instead:
///
/// - it refuses every DTD entity declaration and parameter-entity reference, and expands no entity
///   but the five predefined ones and character references, so "billion laughs" and external
///   entities (XXE) cannot happen: nothing is ever fetched or read but the input's own bytes
///   (reference/npm-and-maven.md 2.10: Maven itself rejects internal entities as "Non-parseable");
/// - nesting depth is bounded (`maximumDepth`), the tree is built without recursion, and every
///   step is linear in the input.
///
/// What it reads: elements, attributes, namespaces as written (prefixes are kept in names, never
/// resolved, as Maven's non-namespace-aware MXParser does), text, CDATA, comments, processing
/// instructions, and a DOCTYPE without entity declarations (an external DTD is never read). The
/// XML declaration is accepted only at the very start (after an optional BOM). Encodings: UTF-8,
/// US-ASCII, ISO-8859-1 and windows-1252 per the declaration, UTF-16 with a BOM.
///
/// Malformed input is a `DeptagError` at FILE:LINE:COL (1-based; columns in UTF-8 bytes of the
/// decoded text, which for UTF-8 input are the file's own bytes).
struct XMLReader {
  /// Deepest element nesting accepted (real POMs stay under 20).
  static let maximumDepth = 1_000

  /// Parses `source` into its elements, as flat records (issue #8: no tree of Strings).
  static func parse(_ source: SourceFile) throws(DeptagError) -> XMLDocument {
    let decoded = try XMLDecoding.decode(source)
    // (every offset, count and record position then fits an `XMLNode` field: see there)
    precondition(decoded.bytes.count <= Int(Int32.max) / 4, "XMLReader: input too large")
    // The reader scans the decoded bytes in place (issue #8): every access is guarded by an
    // explicit `< bytes.count` check, as it was when the bytes were an array. The line starts
    // are found by the same pass that validates the characters (issue #8: one pass, not two).
    let (nodes, text, attributes, lines) = try decoded.bytes.withUnsafeBufferPointer {
      (buffer) throws(DeptagError) -> ([XMLNode], [UInt8], [XMLAttribute], LineMap) in
      var reader = XMLReader(path: source.path, bytes: buffer, start: decoded.start)
      let (nodes, text) = try reader.document()
      return (nodes, text, reader.attributes, reader.lines)
    }
    return XMLDocument(bytes: decoded.bytes, nodes: nodes, textBytes: text, allAttributes: attributes, lines: lines)
  }

  let path: String
  /// The decoded input, valid for the reader's lifetime (`parse`).
  let bytes: UnsafeBufferPointer<UInt8>
  var index: Int
  /// Complete once `validateCharacters` has run (`error` makes its own before).
  private(set) var lines = LineMap(starts: [0])
  private var linesComplete = false
  /// Every element's attributes, in document order (`XMLNode.firstAttribute`).
  var attributes: [XMLAttribute] = []

  /// `byteClasses` (256 entries).
  private let classes: UnsafePointer<UInt8>

  private init(path: String, bytes: UnsafeBufferPointer<UInt8>, start: Int) {
    self.path = path
    self.bytes = bytes
    self.index = start
    self.classes = Self.byteClasses
  }

  // MARK: Document structure

  private mutating func document() throws(DeptagError) -> ([XMLNode], [UInt8]) {
    try validateCharacters()
    let start = index
    if startsWith("<?xml"), index + 5 < bytes.count, Self.isSpace(bytes[index + 5]) {
      try declaration()
    }
    var sawDoctype = false
    // Prolog.
    while true {
      skipSpaces()
      guard index < bytes.count else { throw error("no root element", at: index) }
      if startsWith("<!--") {
        try comment()
      } else if startsWith("<?") {
        try processingInstruction(documentStart: start)
      } else if startsWith("<!DOCTYPE") {
        if sawDoctype { throw error("a second DOCTYPE", at: index) }
        sawDoctype = true
        try doctype()
      } else if bytes[index] == UInt8(ascii: "<") {
        break
      } else {
        throw error("text before the root element", at: index)
      }
    }
    let root = try element()
    // Epilog.
    while true {
      skipSpaces()
      guard index < bytes.count else { break }
      if startsWith("<!--") {
        try comment()
      } else if startsWith("<?") {
        try processingInstruction(documentStart: start)
      } else if bytes[index] == UInt8(ascii: "<") {
        throw error("a second root element", at: index)
      } else {
        throw error("text after the root element", at: index)
      }
    }
    return root
  }

  /// The root element and everything inside it, built with an explicit stack (no recursion), as
  /// records in document order (the root first) linked to their first child and next sibling,
  /// and every element's text in one buffer (issue #8).
  ///
  /// The records and the open-element stack are unsafe buffers (issue #8: no array uniqueness or
  /// bounds check per access): every record position used is one this function made (below
  /// `nodes.count`), and the stack holds at most `maximumDepth` entries (checked before a push).
  private mutating func element() throws(DeptagError) -> ([XMLNode], [UInt8]) {
    // (a POM element takes 24 bytes or more: one growth or none for most inputs; pages reserved
    // but never written are never touched)
    var nodes = NodeBuffer(capacity: bytes.count / 24 + 16)
    defer { nodes.deallocate() }
    // Open elements, outermost first (their records), and for each whether a child of it has
    // text in its span (issue #8: the children are walked only then).
    let stack = UnsafeMutablePointer<Int32>.allocate(capacity: Self.maximumDepth + 1)
    defer { stack.deallocate() }
    let childHasText = UnsafeMutablePointer<Bool>.allocate(capacity: Self.maximumDepth + 1)
    defer { childHasText.deallocate() }
    var depth = 0
    // Every element's text, in one buffer (issue #8: no copy per element): text is appended as it
    // is read, so an element's span (`spanStart..<spanEnd`) holds its own text and its
    // descendants'. An element without text in its children's spans has its span as its text;
    // otherwise its own pieces, between its children's spans, are copied to the end when it closes.
    // (a `TextBuffer`, made an array at the end: an append costs no array bookkeeping, issue #8)
    var text = TextBuffer(capacity: bytes.count / 3 + 16)
    defer { text.deallocate() }
    let count = bytes.count
    while true {
      guard index < count else {
        // (in bounds: `depth - 1` is a pushed entry, a record position below `nodes.count`)
        let open = depth > 0 ? "<\(name(of: nodes[Int(stack[depth - 1])].pointee))>" : "element"
        throw error("the input ends inside \(open)", at: index)
      }
      let byte = bytes[index]
      if byte != UInt8(ascii: "<") {
        guard depth > 0 else { throw error("text after the root element", at: index) }
        let open = nodes[Int(stack[depth - 1])]
        if open.pointee.textOffset < 0 {
          // Blanks before an element's first non-blank character data are not kept
          // (`characterDataLoop`): the usual indentation between two tags is skipped here, a line's
          // leading spaces eight at a time (issue #8).
          var at = index
          while at < count {
            let blank = bytes[at]
            if blank == 0x20 || blank == 0x09 {
              at += 1
            } else if blank == 0x0A {
              at += 1
              while at + 8 <= count && ByteWord.load(bytes, at) == 0x2020_2020_2020_2020 { at += 8 }
            } else {
              break
            }
          }
          index = at
          if at < count && bytes[at] == UInt8(ascii: "<") { continue }
        }
        // Character data: the usual run of plain bytes up to `<` is read here (issue #8: no call
        // per value), anything else by `characterDataLoop`.
        let (runStart, at) = Self.plainRun(bytes, classes, from: index, node: open)
        index = at
        if at > runStart { text.append(UnsafeBufferPointer(rebasing: bytes[runStart..<at])) }
        if at < count && bytes[at] != UInt8(ascii: "<") { try characterDataLoop(into: &text, node: open) }
        continue
      }
      // Dispatch on the byte after `<` (issue #8: no literal comparison per tag).
      let next = index + 1 < count ? bytes[index + 1] : 0
      if next == UInt8(ascii: "/") {
        let at = index
        index += 2
        let nameStart = index
        // The name of the element it closes, if it is that (issue #8: compared, not scanned);
        // otherwise scanned, and compared below.
        var matched = false
        if depth > 0 {
          let open = nodes[Int(stack[depth - 1])]
          let nameCount = open.pointee.nameCount
          // (in bounds: the open tag's name is before `nameStart`, and `nameStart + nameCount` is
          // checked)
          if nameStart + nameCount < count,
            XMLDocument.equalBytes(
              bytes.baseAddress! + open.pointee.offset + 1, bytes.baseAddress! + nameStart, nameCount),
            bytes[nameStart + nameCount] == UInt8(ascii: ">") || !Self.isNameByteFast(bytes[nameStart + nameCount])
          {
            index = nameStart + nameCount
            matched = true
          }
        }
        if !matched { try skipName() }
        let nameEnd = index
        if index < count && bytes[index] != UInt8(ascii: ">") { skipSpaces() }
        guard index < count, bytes[index] == UInt8(ascii: ">") else {
          throw error("expected '>' to end the closing tag", at: index)
        }
        index += 1
        guard depth > 0 else {
          throw error("unexpected closing tag </\(string(nameStart, nameEnd))>", at: at)
        }
        depth -= 1
        let done = nodes[Int(stack[depth])]
        // The open tag's name is the same bytes of the input, at `offset + 1`.
        // (Bytes first; the String comparison, canonical equivalence included, decides otherwise.)
        if !matched {
          let node = done.pointee
          guard sameBytes(node.offset + 1, node.nameCount, nameStart, nameEnd - nameStart)
            || name(of: node) == string(nameStart, nameEnd)
          else {
            throw error(
              "closing tag </\(string(nameStart, nameEnd))> does not match <\(name(of: node))> at line \(lines.line(of: node.offset))",
              at: at)
          }
        }
        let spanStart = done.pointee.spanStart
        let spanEnd = text.count
        if !childHasText[depth] {
          done.pointee.close(text: spanStart..<spanEnd, spanEnd: spanEnd)
        } else if done.pointee.textOffset < 0 {
          // Some child has text, but the element has none of its own: nothing is appended to the
          // buffer while an element's `textOffset` is -1 (blanks before its first non-blank
          // character data are dropped, and CDATA sets it first), so every gap between its
          // children's spans is empty and its text is the empty range at the end (issue #8: a
          // container such as `<dependency>` needs no walk over its children).
          done.pointee.close(text: spanEnd..<spanEnd, spanEnd: spanEnd)
        } else {
          // Some child has text: the element's own pieces are the gaps between its children's spans.
          var from = spanStart
          var child = done.pointee.firstChild
          while true {
            let to = child >= 0 ? nodes[child].pointee.spanStart : spanEnd
            while from < to {
              text.append(text[from])
              from += 1
            }
            guard child >= 0 else { break }
            from = nodes[child].pointee.spanEnd
            child = nodes[child].pointee.nextSibling
          }
          done.pointee.close(text: spanEnd..<text.count, spanEnd: text.count)
        }
        if depth == 0 { return (nodes.array(), text.array()) }
        if done.pointee.spanEnd != spanStart { childHasText[depth - 1] = true }
      } else if next == UInt8(ascii: "!") && startsWith("<!--") {
        try comment()
      } else if next == UInt8(ascii: "!") && startsWith("<![CDATA[") {
        guard depth > 0 else { throw error("CDATA outside the root element", at: index) }
        let open = nodes[Int(stack[depth - 1])]
        let at = index
        index += 9
        guard let end = find("]]>") else { throw error("unterminated CDATA section", at: at) }
        if open.pointee.textOffset < 0 { open.pointee.textOffset = index }
        text.append(UnsafeBufferPointer(rebasing: bytes[index..<end]))
        index = end + 3
      } else if next == UInt8(ascii: "?") {
        try processingInstruction(documentStart: -1)
      } else if next == UInt8(ascii: "!") {
        throw error("markup declaration inside an element", at: index)
      } else {
        if depth >= Self.maximumDepth {
          throw error("elements nested deeper than \(Self.maximumDepth) levels", at: index)
        }
        nodes.reserveOne()
        let position = nodes.count
        let empty = try startTag(into: nodes.end, span: text.count)
        nodes.count += 1
        if depth > 0 {
          let previous = nodes[Int(stack[depth - 1])].pointee.adopt(position)
          if previous >= 0 { nodes[previous].pointee.nextSibling = position }
        }
        if empty {
          if depth == 0 { return (nodes.array(), text.array()) }
        } else {
          stack[depth] = Int32(truncatingIfNeeded: position)
          childHasText[depth] = false
          depth += 1
        }
      }
    }
  }

  /// `<name attr="value" …>` or `<name …/>`, its record made at `node` (uninitialized memory);
  /// returns whether it was empty. (`span`: where the element's text would start.)
  @inline(__always)
  private mutating func startTag(into node: UnsafeMutablePointer<XMLNode>, span: Int) throws(DeptagError) -> Bool {
    let at = index
    index += 1
    try skipName()
    node.initialize(to: XMLNode(offset: at, nameCount: index - at - 1, firstAttribute: attributes.count, span: span))
    // The usual `<name>`, straight through (issue #8).
    if index < bytes.count && bytes[index] == UInt8(ascii: ">") {
      index += 1
      return false
    }
    return try restOfStartTag(node)
  }

  /// Everything of a start tag after its name: attributes, then `>` or `/>`.
  private mutating func restOfStartTag(_ node: UnsafeMutablePointer<XMLNode>) throws(DeptagError) -> Bool {
    let at = node.pointee.offset
    let nameCount = node.pointee.nameCount
    let firstAttribute = node.pointee.firstAttribute
    // Repeats are found by a linear search while an element has few attributes (issue #8: the
    // first `Set<String>` of a process costs 0.25 M instructions of run-time type set-up), by a
    // set past 16 (no quadratic time on hostile input).
    var seen: Set<String>? = nil
    while true {
      let hadSpace = skipSpaces()
      guard index < bytes.count else {
        throw error("the input ends inside the tag <\(string(at + 1, at + 1 + nameCount))>", at: index)
      }
      if bytes[index] == UInt8(ascii: ">") {
        index += 1
        return false
      }
      if bytes[index] == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ">") {
        index += 2
        return true
      }
      guard hadSpace else {
        throw error(
          "expected whitespace, '>' or '/>' in the tag <\(string(at + 1, at + 1 + nameCount))>", at: index)
      }
      let attributeAt = index
      let attribute = try self.name()
      skipSpaces()
      try expect("=", "'=' after the attribute name '\(attribute)'")
      skipSpaces()
      let value = try quotedValue(attribute: true)
      let duplicate: Bool
      if seen == nil && node.pointee.attributeCount < 16 {
        duplicate = attributes[firstAttribute...].contains { $0.name == attribute }
      } else {
        if seen == nil { seen = Set(attributes[firstAttribute...].map(\.name)) }
        duplicate = !seen!.insert(attribute).inserted
      }
      guard !duplicate else {
        throw error("duplicate attribute '\(attribute)'", at: attributeAt)
      }
      attributes.append(XMLAttribute(name: attribute, value: value))
      node.pointee.attributeCount += 1
    }
  }

  private func name(of node: XMLNode) -> String { string(node.offset + 1, node.offset + 1 + node.nameCount) }

  /// The run of plain character data at `start` (up to the first `<`, `&`, `]` or CR): where its
  /// kept part starts and where it ends. Until the element's first non-blank byte is found, each
  /// byte is checked for it too (and `textOffset` set); the blanks before it are not kept: every
  /// use of an element's text trims it or asks whether it is blank, so they never count (issue
  /// #8: a pretty-printed POM's indentation was most of the text buffer). Bytes are classified by
  /// one table load (`byteClasses`), and scanned eight at a time while eight can be read.
  @inline(__always)
  private static func plainRun(
    _ bytes: UnsafeBufferPointer<UInt8>, _ classes: UnsafePointer<UInt8>, from start: Int,
    node: UnsafeMutablePointer<XMLNode>
  ) -> (runStart: Int, end: Int) {
    let count = bytes.count
    // (in bounds: every `bytes[at]` below has `at < count`; a class index is a byte, < 256)
    var at = start
    if node.pointee.textOffset < 0 {
      while at < count {
        let kind = classes[Int(bytes[at])]
        if kind & textStop != 0 { break }
        if kind & space == 0 {
          node.pointee.textOffset = at
          break
        }
        at += 1
      }
    }
    let runStart = at
    while at &+ 8 <= count {
      let stops = textStops(ByteWord.load(bytes, at))
      if stops != 0 {
        at &+= (stops.trailingZeroBitCount &>> 3)
        break
      }
      at &+= 8
    }
    while at < count && classes[Int(bytes[at])] & textStop == 0 { at += 1 }
    return (runStart, at)
  }

  /// Text up to the next `<`, with references decoded, appended to `text`; `node` is the open
  /// element's record (its `textOffset` is set at the first non-blank byte). (`element` reads the
  /// usual text, one run of plain bytes up to `<`, itself, and calls this for anything else: its
  /// first round then finds nothing more to skip or append before the byte `element` stopped at.)
  @inline(never)
  private mutating func characterDataLoop(into text: inout TextBuffer, node: UnsafeMutablePointer<XMLNode>) throws(DeptagError) {
    let count = bytes.count
    let classes = self.classes
    while index < count {
      // A run of plain bytes is appended at once (issue #8).
      let (runStart, at) = Self.plainRun(bytes, classes, from: index, node: node)
      index = at
      if index > runStart { text.append(UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
      guard index < count else { return }
      let byte = bytes[index]
      if byte == UInt8(ascii: "<") { return }
      if node.pointee.textOffset < 0 && !Self.isSpace(byte) { node.pointee.textOffset = index }
      if byte == UInt8(ascii: "&") {
        var decoded: [UInt8] = []
        try reference(into: &decoded)
        decoded.withUnsafeBufferPointer { text.append($0) }
        continue
      }
      if byte == UInt8(ascii: "]") && startsWith("]]>") {
        throw error("']]>' is not allowed in text", at: index)
      }
      if byte == 0x0D {
        // XML end-of-line handling: CR LF and lone CR become LF (not kept while leading blanks).
        if node.pointee.textOffset >= 0 { text.append(0x0A) }
        index += 1
        if index < count && bytes[index] == 0x0A { index += 1 }
        continue
      }
      text.append(byte)
      index += 1
    }
  }

  /// Nonzero when a byte of `word` (loaded little-endian) is `<`, `&`, `]` or CR, and then its
  /// lowest set bit is the high bit of the first such byte. (A subtraction's borrow can mark a
  /// byte above one that really matches, never one below it, so only the lowest mark is exact.)
  @inline(__always)
  static func textStops(_ loaded: UInt64) -> UInt64 {
    let word = UInt64(littleEndian: loaded)
    let ones: UInt64 = 0x0101_0101_0101_0101
    @inline(__always) func zeros(_ x: UInt64) -> UInt64 { (x &- ones) & ~x }
    return (zeros(word ^ (ones &* 0x3C)) | zeros(word ^ (ones &* 0x26)) | zeros(word ^ (ones &* 0x5D))
      | zeros(word ^ (ones &* 0x0D))) & 0x8080_8080_8080_8080
  }

  /// `&lt;`, `&gt;`, `&amp;`, `&apos;`, `&quot;`, `&#N;`, `&#xH;`. Every other entity is refused:
  /// entities can only be declared in a DTD, and this reader accepts no entity declarations.
  private mutating func reference(into out: inout [UInt8]) throws(DeptagError) {
    let at = index
    index += 1
    guard let semicolon = findByte(UInt8(ascii: ";"), limit: 40) else {
      throw error("'&' must start an entity or character reference (write '&amp;')", at: at)
    }
    let body = Array(bytes[index..<semicolon])
    index = semicolon + 1
    switch String(decoding: body, as: UTF8.self) {
    case "lt": out.append(UInt8(ascii: "<"))
    case "gt": out.append(UInt8(ascii: ">"))
    case "amp": out.append(UInt8(ascii: "&"))
    case "apos": out.append(UInt8(ascii: "'"))
    case "quot": out.append(UInt8(ascii: "\""))
    case let name where name.hasPrefix("#"):
      var digits = name.dropFirst()
      var radix = 10
      if digits.hasPrefix("x") {
        radix = 16
        digits = digits.dropFirst()
      }
      guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isHexDigit && (radix == 16 || $0.isNumber) }),
        let value = UInt32(digits, radix: radix), Self.isXMLCharacter(value), let scalar = Unicode.Scalar(value)
      else { throw error("invalid character reference '&\(name);'", at: at) }
      out += Array(String(Character(scalar)).utf8)
    case let name:
      throw error(
        "undefined entity '&\(name);' (only the five predefined entities and character references are read; DTD entities are never expanded)",
        at: at)
    }
  }

  private mutating func quotedValue(attribute: Bool) throws(DeptagError) -> String {
    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
      throw error("expected a quoted value", at: index)
    }
    let quote = bytes[index]
    let at = index
    index += 1
    var out: [UInt8] = []
    while true {
      guard index < bytes.count else { throw error("unterminated quoted value", at: at) }
      let byte = bytes[index]
      if byte == quote {
        index += 1
        return String(decoding: out, as: UTF8.self)
      }
      if byte == UInt8(ascii: "<") { throw error("'<' is not allowed in an attribute value", at: index) }
      if byte == UInt8(ascii: "&") {
        try reference(into: &out)
        continue
      }
      if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
      out.append(byte == 0x09 || byte == 0x0A || byte == 0x0D ? 0x20 : byte)
      index += 1
    }
  }

  // MARK: Comments, processing instructions, declarations

  private mutating func comment() throws(DeptagError) {
    let at = index
    index += 4
    guard let end = find("--") else { throw error("unterminated comment", at: at) }
    guard end + 2 < bytes.count, bytes[end + 2] == UInt8(ascii: ">") else {
      throw error("'--' is not allowed inside a comment", at: end)
    }
    index = end + 3
  }

  /// `<?target …?>`. A target spelled `xml` in any case is reserved: the XML declaration is
  /// accepted only at the very start (reference 2.10: Maven rejects it elsewhere).
  private mutating func processingInstruction(documentStart: Int) throws(DeptagError) {
    let at = index
    index += 2
    let target = try name()
    if target.lowercased() == "xml" {
      throw error("the XML declaration is allowed only at the very start of the file", at: at)
    }
    guard let end = find("?>") else { throw error("unterminated processing instruction", at: at) }
    if end > index && !Self.isSpace(bytes[index]) {
      throw error("expected whitespace after the processing-instruction target", at: index)
    }
    index = end + 2
  }

  /// `<?xml version="1.x" encoding="…" standalone="…"?>` (the encoding was applied by `XMLDecoding`).
  private mutating func declaration() throws(DeptagError) {
    let at = index
    index += 5
    var names: [String] = []
    while true {
      let hadSpace = skipSpaces()
      guard index < bytes.count else { throw error("unterminated XML declaration", at: at) }
      if startsWith("?>") {
        index += 2
        break
      }
      guard hadSpace else { throw error("expected whitespace in the XML declaration", at: index) }
      let nameAt = index
      let name = try self.name()
      skipSpaces()
      try expect("=", "'=' in the XML declaration")
      skipSpaces()
      let valueAt = index + 1
      let value = try quotedValue(attribute: true)
      let expected = ["version", "encoding", "standalone"]
      guard let position = expected.firstIndex(of: name),
        names.allSatisfy({ expected.firstIndex(of: $0)! < position })
      else { throw error("unexpected '\(name)' in the XML declaration", at: nameAt) }
      if names.isEmpty && name != "version" { throw error("the XML declaration must start with version", at: nameAt) }
      names.append(name)
      if name == "version" && !(value.hasPrefix("1.") && value.count > 2 && value.dropFirst(2).allSatisfy(\.isNumber)) {
        throw error("unsupported XML version '\(value)'", at: valueAt)
      }
      if name == "standalone" && value != "yes" && value != "no" {
        throw error("standalone must be 'yes' or 'no'", at: valueAt)
      }
    }
    if names.isEmpty { throw error("the XML declaration must give a version", at: at) }
  }

  /// `<!DOCTYPE name [external id] [internal subset]>`. The external DTD is never read; the
  /// internal subset may hold element, attribute-list and notation declarations, comments and
  /// processing instructions, but no entity declaration and no parameter-entity reference.
  private mutating func doctype() throws(DeptagError) {
    let at = index
    index += 9
    guard skipSpaces() else { throw error("expected whitespace after <!DOCTYPE", at: index) }
    _ = try name()
    skipSpaces()
    if startsWith("SYSTEM") {
      index += 6
      skipSpaces()
      _ = try literal()
    } else if startsWith("PUBLIC") {
      index += 6
      skipSpaces()
      _ = try literal()
      skipSpaces()
      _ = try literal()
    }
    skipSpaces()
    if index < bytes.count && bytes[index] == UInt8(ascii: "[") {
      index += 1
      while true {
        skipSpaces()
        guard index < bytes.count else { throw error("unterminated DOCTYPE", at: at) }
        if bytes[index] == UInt8(ascii: "]") {
          index += 1
          break
        }
        if startsWith("<!ENTITY") {
          throw error(
            "DTD entity declarations are refused (Maven cannot read them either; deptag never expands or fetches entities)",
            at: index)
        }
        if bytes[index] == UInt8(ascii: "%") {
          throw error("parameter-entity references are refused (deptag never reads an external DTD)", at: index)
        }
        if startsWith("<!--") {
          try comment()
        } else if startsWith("<?") {
          try processingInstruction(documentStart: -1)
        } else if startsWith("<!ELEMENT") || startsWith("<!ATTLIST") || startsWith("<!NOTATION") {
          try skipMarkupDeclaration()
        } else {
          throw error("unexpected content in the DOCTYPE's internal subset", at: index)
        }
      }
      skipSpaces()
    }
    try expect(">", "'>' to end the DOCTYPE")
  }

  private mutating func skipMarkupDeclaration() throws(DeptagError) {
    let at = index
    index += 2
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: ">") {
        index += 1
        return
      }
      if byte == UInt8(ascii: "%") {
        throw error("parameter-entity references are refused (deptag never reads an external DTD)", at: index)
      }
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        _ = try literal()
        continue
      }
      index += 1
    }
    throw error("unterminated markup declaration", at: at)
  }

  /// A quoted literal with no reference decoding (system and public identifiers).
  private mutating func literal() throws(DeptagError) -> String {
    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
      throw error("expected a quoted literal", at: index)
    }
    let quote = bytes[index]
    let at = index
    index += 1
    let start = index
    while index < bytes.count && bytes[index] != quote { index += 1 }
    guard index < bytes.count else { throw error("unterminated literal", at: at) }
    index += 1
    return String(decoding: bytes[start..<(index - 1)], as: UTF8.self)
  }

  // MARK: Lexical helpers

  private mutating func name() throws(DeptagError) -> String {
    let start = index
    try skipName()
    // (in bounds: `start < index <= bytes.count`)
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
  }

  /// Moves past a name without making a `String` of it (same rule and error as `name()`).
  @inline(__always)
  private mutating func skipName() throws(DeptagError) {
    let classes = self.classes
    // (in bounds: a class index is a byte, < 256)
    guard index < bytes.count, classes[Int(bytes[index])] & Self.nameStart != 0 else {
      throw error("expected a name", at: index)
    }
    // (a local position and count: the loop keeps them in registers, issue #8)
    var at = index + 1
    let count = bytes.count
    // One table load per byte (issue #8), from the reader's own pointer (no `static let` access
    // per call), four bytes a round while four are left.
    // (in bounds: `at + 3 < count` for the four reads of a round)
    while at &+ 4 <= count {
      if classes[Int(bytes[at])] & Self.nameByte == 0 { break }
      if classes[Int(bytes[at &+ 1])] & Self.nameByte == 0 {
        at &+= 1
        break
      }
      if classes[Int(bytes[at &+ 2])] & Self.nameByte == 0 {
        at &+= 2
        break
      }
      if classes[Int(bytes[at &+ 3])] & Self.nameByte == 0 {
        at &+= 3
        break
      }
      at &+= 4
    }
    while at < count && classes[Int(bytes[at])] & Self.nameByte != 0 { at += 1 }
    index = at
  }

  private func string(_ start: Int, _ end: Int) -> String { String(decoding: bytes[start..<end], as: UTF8.self) }

  /// Whether the `aCount` bytes at `a` equal the `bCount` bytes at `b`.
  private func sameBytes(_ a: Int, _ aCount: Int, _ b: Int, _ bCount: Int) -> Bool {
    guard aCount == bCount, a >= 0, a + aCount <= bytes.count, b >= 0, b + bCount <= bytes.count else { return false }
    // Eight bytes at a time (issue #8): a name of up to eight bytes is one masked comparison when
    // eight bytes can be read at both places; longer ones compare whole words, the last one
    // overlapping.
    let count = bytes.count
    if aCount <= 8 && a + 8 <= count && b + 8 <= count {
      let mask: UInt64 = aCount == 8 ? ~0 : (1 << UInt64(8 * aCount)) &- 1
      return (UInt64(littleEndian: ByteWord.load(bytes, a)) ^ UInt64(littleEndian: ByteWord.load(bytes, b))) & mask == 0
    }
    if aCount > 8 {
      var k = 0
      while k + 8 < aCount {
        if ByteWord.load(bytes, a + k) != ByteWord.load(bytes, b + k) { return false }
        k += 8
      }
      return ByteWord.load(bytes, a + aCount - 8) == ByteWord.load(bytes, b + aCount - 8)
    }
    var k = 0
    while k < aCount {
      if bytes[a + k] != bytes[b + k] { return false }
      k += 1
    }
    return true
  }

  @discardableResult
  private mutating func skipSpaces() -> Bool {
    let start = index
    var at = start
    let count = bytes.count
    while at < count && Self.isSpace(bytes[at]) { at += 1 }
    index = at
    return at > start
  }

  private mutating func expect(_ literal: String, _ what: String) throws(DeptagError) {
    guard startsWith(literal) else { throw error("expected \(what)", at: index) }
    index += literal.utf8.count
  }

  private func startsWith(_ literal: String) -> Bool {
    var at = index
    for byte in literal.utf8 {
      guard at < bytes.count, bytes[at] == byte else { return false }
      at += 1
    }
    return true
  }

  /// The offset of the next occurrence of `literal` at or after `index`.
  private func find(_ literal: String) -> Int? {
    let pattern = Array(literal.utf8)
    var at = index
    let last = bytes.count - pattern.count
    while at <= last {
      if bytes[at] == pattern[0] {
        var k = 1
        while k < pattern.count && bytes[at + k] == pattern[k] { k += 1 }
        if k == pattern.count { return at }
      }
      at += 1
    }
    return nil
  }

  private func findByte(_ byte: UInt8, limit: Int) -> Int? {
    var at = index
    while at < bytes.count && at - index <= limit {
      if bytes[at] == byte { return at }
      if bytes[at] == UInt8(ascii: "<") || bytes[at] == UInt8(ascii: "&") || Self.isSpace(bytes[at]) { return nil }
      at += 1
    }
    return nil
  }

  /// One pass over the decoded bytes: valid UTF-8, and only characters XML 1.0 allows.
  private mutating func validateCharacters() throws(DeptagError) {
    var at = 0
    let count = bytes.count
    // Line starts as `LineMap(_:)` finds them: after LF, after CR LF, after a lone CR.
    var starts: [Int] = [0]
    // (in bounds: every word read below lies in `at..<at + 8` or `at..<at + 16` with that end at
    // most `count`; no word is read when `count` is 0)
    let base = UnsafeRawPointer(bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!)
    let highs: UInt64 = 0x8080_8080_8080_8080
    let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    let sixties: UInt64 = 0x6060_6060_6060_6060
    while at < count {
      // Printable ASCII sixteen bytes at a time (issue #8): no high bit, and adding 0x60 to each
      // byte (no carry out of a byte below 0x80) sets every high bit.
      while at &+ 16 <= count {
        let a = base.loadUnaligned(fromByteOffset: at, as: UInt64.self)
        let b = base.loadUnaligned(fromByteOffset: at &+ 8, as: UInt64.self)
        if (a | b) & highs != 0 || (a &+ sixties) & (b &+ sixties) & highs != highs { break }
        at &+= 16
      }
      // Then a word of printable ASCII, tabs and LFs, its LFs' line starts taken from its bits
      // (exact per byte: every byte is below 0x80, so no carry crosses a byte).
      if at &+ 8 <= count {
        let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt64.self))
        if word & highs == 0 {
          let controls = ~(word &+ sixties) & highs
          let x = word ^ 0x0A0A_0A0A_0A0A_0A0A
          let lineFeeds = ~((x &+ lows) | x) & highs
          let y = word ^ 0x0909_0909_0909_0909
          let tabs = ~((y &+ lows) | y) & highs
          if controls & ~(lineFeeds | tabs) == 0 {
            var marks = lineFeeds
            while marks != 0 {
              starts.append(at &+ (marks.trailingZeroBitCount &>> 3) &+ 1)
              marks &= marks &- 1
            }
            at &+= 8
            continue
          }
        }
      }
      // Anything else (CR, another control, non-ASCII, the last bytes): byte by byte, up to
      // eight; non-ASCII below.
      let end = min(at + 8, count)
      while at < end {
        let byte = bytes[at]
        if byte < 0x20 {
          if byte == 0x0A {
            starts.append(at + 1)
          } else if byte == 0x0D {
            if at + 1 < count && bytes[at + 1] == 0x0A { at += 1 }
            starts.append(at + 1)
          } else if byte != 0x09 {
            break
          }
        } else if byte >= 0x80 {
          break
        }
        at += 1
      }
      guard at < end else { continue }
      let byte = bytes[at]
      if byte < 0x80 {
        if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D {
          throw error("control character U+\(hex(UInt32(byte))) is not allowed in XML", at: at)
        }
        at += 1
        continue
      }
      let length: Int
      var scalar: UInt32
      switch byte {
      case 0xC2...0xDF: length = 2; scalar = UInt32(byte & 0x1F)
      case 0xE0...0xEF: length = 3; scalar = UInt32(byte & 0x0F)
      case 0xF0...0xF4: length = 4; scalar = UInt32(byte & 0x07)
      default: throw error("invalid UTF-8", at: at)
      }
      guard at + length <= count else { throw error("invalid UTF-8", at: at) }
      for k in 1..<length {
        let next = bytes[at + k]
        guard next & 0xC0 == 0x80 else { throw error("invalid UTF-8", at: at) }
        scalar = scalar << 6 | UInt32(next & 0x3F)
      }
      let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
      guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else {
        throw error("invalid UTF-8", at: at)
      }
      guard Self.isXMLCharacter(scalar) else { throw error("character U+\(hex(scalar)) is not allowed in XML", at: at) }
      at += length
    }
    lines = LineMap(starts: starts)
    linesComplete = true
  }

  private func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }

  static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

  static func isNameStart(_ byte: UInt8) -> Bool {
    (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == UInt8(ascii: "_")
      || byte == UInt8(ascii: ":") || byte >= 0x80
  }

  /// Bits of `byteClasses`: `isSpace`, a byte that ends a run of plain text (`<`, `&`, `]`, CR),
  /// `isNameByte`, `isNameStart`.
  static let space: UInt8 = 1
  static let textStop: UInt8 = 2
  static let nameByte: UInt8 = 4
  static let nameStart: UInt8 = 8

  /// The class bits of every byte value (256 entries, never freed; read through the reader's
  /// `classes`, issue #8).
  nonisolated(unsafe) static let byteClasses: UnsafePointer<UInt8> = {
    let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
    for value in 0...255 {
      let byte = UInt8(value)
      var bits: UInt8 = 0
      if isSpace(byte) { bits |= space }
      if byte == UInt8(ascii: "<") || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "]") || byte == 0x0D {
        bits |= textStop
      }
      if isNameByte(byte) { bits |= nameByte }
      if isNameStart(byte) { bits |= nameStart }
      table[value] = bits
    }
    return UnsafePointer(table)
  }()

  /// `isNameByte` by two bit masks (issue #8: one test per byte, not seven).
  @inline(__always)
  static func isNameByteFast(_ byte: UInt8) -> Bool {
    // Bits for 0x00–0x3F (`-`, `.`, `0`–`9`, `:`) and 0x40–0x7F (`A`–`Z`, `_`, `a`–`z`).
    let low: UInt64 = 0x07FF_6000_0000_0000
    let high: UInt64 = 0x07FF_FFFE_87FF_FFFE
    return byte >= 0x80 || ((byte < 0x40 ? low : high) >> UInt64(byte & 0x3F)) & 1 != 0
  }

  static func isNameByte(_ byte: UInt8) -> Bool {
    isNameStart(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
  }

  static func isXMLCharacter(_ value: UInt32) -> Bool {
    value == 0x09 || value == 0x0A || value == 0x0D || (0x20...0xD7FF).contains(value)
      || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
  }

  func error(_ message: String, at offset: Int) -> DeptagError {
    let lines = linesComplete ? lines : LineMap(Array(bytes))
    return DeptagError(message, at: lines.location(file: path, offset: offset))
  }
}

/// A growable byte buffer for the reader's text (issue #8): appends without an array's
/// uniqueness and capacity bookkeeping; `deallocate` when done.
struct TextBuffer {
  private var base: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  private(set) var count = 0

  init(capacity: Int) {
    self.capacity = max(capacity, 16)
    base = .allocate(capacity: self.capacity)
  }

  private mutating func grow(toAtLeast minimum: Int) {
    let newCapacity = max(minimum, 2 * capacity)
    let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    newBase.initialize(from: base, count: count)
    base.deallocate()
    base = newBase
    capacity = newCapacity
  }

  @inline(__always)
  mutating func append(_ byte: UInt8) {
    if count == capacity { grow(toAtLeast: count + 1) }
    // In bounds: `count < capacity` after the check above.
    base[count] = byte
    count += 1
  }

  @inline(__always)
  mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let source = bytes.baseAddress, bytes.count > 0 else { return }
    if count + bytes.count > capacity { grow(toAtLeast: count + bytes.count) }
    // In bounds: `count + bytes.count <= capacity` after the check above.
    ByteWord.copy(from: source, to: base + count, count: bytes.count)
    count += bytes.count
  }

  subscript(offset: Int) -> UInt8 {
    precondition(offset >= 0 && offset < count, "TextBuffer: offset out of bounds")
    return base[offset]
  }

  /// The bytes, as an array.
  func array() -> [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

  func deallocate() { base.deallocate() }
}

/// A growable buffer of element records for the reader (issue #8): no array uniqueness or bounds
/// check per access; `deallocate` when done. Positions passed to the subscript are below `count`
/// (the reader's own record positions).
struct NodeBuffer {
  private var base: UnsafeMutablePointer<XMLNode>
  private var capacity: Int
  var count = 0

  init(capacity: Int) {
    self.capacity = max(capacity, 16)
    base = .allocate(capacity: self.capacity)
  }

  /// Makes room for one more record at `end`.
  @inline(__always)
  mutating func reserveOne() {
    if count == capacity { grow() }
  }

  private mutating func grow() {
    let newCapacity = 2 * capacity
    let newBase = UnsafeMutablePointer<XMLNode>.allocate(capacity: newCapacity)
    newBase.moveInitialize(from: base, count: count)
    base.deallocate()
    base = newBase
    capacity = newCapacity
  }

  /// Where the next record goes (room made by `reserveOne`).
  var end: UnsafeMutablePointer<XMLNode> { base + count }

  /// Record `position` (below `count`).
  @inline(__always)
  subscript(position: Int) -> UnsafeMutablePointer<XMLNode> { base + position }

  /// The records, as an array.
  func array() -> [XMLNode] {
    Array(unsafeUninitializedCapacity: count) { buffer, initialized in
      if let target = buffer.baseAddress, count > 0 { target.initialize(from: base, count: count) }
      initialized = count
    }
  }

  func deallocate() { base.deallocate() }
}

/// One element, as the reader records it (issue #8: no String per name or text, no array per
/// element): its name as written (prefix included) is the `nameCount` bytes after its `<`, its
/// direct character data (text and CDATA, references decoded, comments and processing
/// instructions dropped: `<version>1.0<!--x--></version>` reads as `1.0`; blanks before the first
/// non-blank character data left out) is `XMLDocument.text[textStart..<textEnd]`, its children are linked from `firstChild` by
/// `nextSibling` (record positions, -1: none), its attributes are `attributeCount` entries of
/// `XMLDocument.attributes` from `firstAttribute`.
struct XMLNode: Sendable {
  // Every field is kept in 4 bytes, 52 bytes a record rather than 104 (issue #8: a 1 MB POM has
  // 40,000 elements; half the pages to fault in). Offsets and counts stay far below 2 GiB: the
  // input is at most `InputLimits.maximumBytes` (64 MiB), at most doubled by decoding, and the
  // text buffer holds each text byte at most twice; `XMLReader.parse` checks the decoded input
  // is below 512 MiB, so every value fits and is stored without a check of its own (issue #8).
  private var storedOffset: Int32
  private var storedNameCount: Int32
  private var storedFirstAttribute: Int32
  private var storedAttributeCount: Int32 = 0
  private var storedFirstChild: Int32 = -1
  private var storedNextSibling: Int32 = -1
  private var storedChildCount: Int32 = 0
  private var storedTextStart: Int32 = 0
  private var storedTextEnd: Int32 = 0
  private var storedSpanStart: Int32 = 0
  private var storedSpanEnd: Int32 = 0
  private var storedLastChild: Int32 = -1
  private var storedTextOffset: Int32 = -1

  /// Byte offset of the element's `<`.
  var offset: Int { Int(storedOffset) }
  var nameCount: Int { Int(storedNameCount) }
  var firstAttribute: Int { Int(storedFirstAttribute) }
  var attributeCount: Int {
    get { Int(storedAttributeCount) }
    set { storedAttributeCount = Int32(truncatingIfNeeded: newValue) }
  }
  var firstChild: Int { Int(storedFirstChild) }
  var nextSibling: Int {
    get { Int(storedNextSibling) }
    set { storedNextSibling = Int32(truncatingIfNeeded: newValue) }
  }
  var childCount: Int { Int(storedChildCount) }
  var textStart: Int { Int(storedTextStart) }
  var textEnd: Int { Int(storedTextEnd) }
  /// The element's own text and its descendants' in `XMLDocument.textBytes` (the reader's
  /// bookkeeping; `textStart..<textEnd` lies inside it).
  var spanStart: Int {
    get { Int(storedSpanStart) }
    set { storedSpanStart = Int32(truncatingIfNeeded: newValue) }
  }
  var spanEnd: Int {
    get { Int(storedSpanEnd) }
    set { storedSpanEnd = Int32(truncatingIfNeeded: newValue) }
  }
  /// Byte offset of the first non-blank character data, -1 if none.
  var textOffset: Int {
    get { Int(storedTextOffset) }
    set { storedTextOffset = Int32(truncatingIfNeeded: newValue) }
  }

  @inline(__always)
  init(offset: Int, nameCount: Int, firstAttribute: Int) {
    storedOffset = Int32(truncatingIfNeeded: offset)
    storedNameCount = Int32(truncatingIfNeeded: nameCount)
    storedFirstAttribute = Int32(truncatingIfNeeded: firstAttribute)
  }

  /// A record whose span (empty) starts at `span`.
  @inline(__always)
  init(offset: Int, nameCount: Int, firstAttribute: Int, span: Int) {
    storedOffset = Int32(truncatingIfNeeded: offset)
    storedNameCount = Int32(truncatingIfNeeded: nameCount)
    storedFirstAttribute = Int32(truncatingIfNeeded: firstAttribute)
    storedSpanStart = Int32(truncatingIfNeeded: span)
    storedSpanEnd = Int32(truncatingIfNeeded: span)
  }

  /// Makes record `child` the last child; returns the child before it (-1: none), whose
  /// `nextSibling` the caller sets. (One access to the parent's record, issue #8.)
  @inline(__always)
  mutating func adopt(_ child: Int) -> Int {
    let previous = Int(storedLastChild)
    if previous < 0 { storedFirstChild = Int32(truncatingIfNeeded: child) }
    storedLastChild = Int32(truncatingIfNeeded: child)
    storedChildCount += 1
    return previous
  }

  /// Records the element's text and the end of its span when it closes.
  @inline(__always)
  mutating func close(text: Range<Int>, spanEnd: Int) {
    storedTextStart = Int32(truncatingIfNeeded: text.lowerBound)
    storedTextEnd = Int32(truncatingIfNeeded: text.upperBound)
    storedSpanEnd = Int32(truncatingIfNeeded: spanEnd)
  }
}

struct XMLAttribute: Sendable, Hashable {
  var name: String
  var value: String
}

/// The parsed document: the decoded input, its elements in document order (the root first), and
/// the means to turn byte offsets into positions.
struct XMLDocument: Sendable {
  /// The decoded input (element names are read from it).
  var bytes: [UInt8]
  var nodes: [XMLNode]
  /// Every element's text (`XMLNode.textStart..<textEnd`).
  var textBytes: [UInt8]
  var allAttributes: [XMLAttribute]
  var lines: LineMap

  /// The root element's record.
  var rootIndex: Int { 0 }

  /// The name of element `index` as written.
  func name(_ index: Int) -> String {
    let node = nodes[index]
    return String(decoding: bytes[(node.offset + 1)..<(node.offset + 1 + node.nameCount)], as: UTF8.self)
  }

  /// Whether element `index` is named `name`, compared as bytes: every name compared with this
  /// is an ASCII name of the POM schema without `K` (the one ASCII letter a non-ASCII character,
  /// U+212A, is canonically equivalent to), so String equality would decide the same.
  func hasName(_ index: Int, _ name: String) -> Bool {
    let node = nodes[index]
    let utf8 = name.utf8
    guard node.nameCount == utf8.count else { return false }
    let start = node.offset + 1
    // (in bounds: the reader read `nameCount` name bytes after the `<` at `offset`)
    return utf8.withContiguousStorageIfAvailable { expected in
      guard let pointer = expected.baseAddress else { return true }  // (no bytes: equal)
      return bytes.withUnsafeBufferPointer { input in
        // (in bounds: `nameCount` name bytes after the `<`, and `expected` has as many)
        Self.equalBytes(input.baseAddress! + start, pointer, expected.count)
      }
    } ?? (self.name(index) == name)
  }

  /// `hasName` for a literal name, compared on the bytes' buffers (issue #8).
  func hasName(_ index: Int, _ name: StaticString) -> Bool {
    let node = nodes[index]
    let count = name.utf8CodeUnitCount
    guard node.nameCount == count, name.hasPointerRepresentation else { return false }
    let start = node.offset + 1
    let expected = name.utf8Start
    return bytes.withUnsafeBufferPointer { input in
      // (in bounds: the reader read `nameCount` name bytes after the `<` at `offset`, and
      // `expected` holds `count` bytes)
      Self.equalBytes(input.baseAddress! + start, expected, count)
    }
  }

  /// Whether the `count` bytes at `a` and at `b` are equal: four or eight at a time, the last
  /// word overlapping the one before (issue #8).
  @inline(__always)
  static func equalBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    let x = UnsafeRawPointer(a)
    let y = UnsafeRawPointer(b)
    // (every load below reads bytes in `0..<count` of both)
    if count >= 8 {
      var k = 0
      while k + 8 < count {
        if x.loadUnaligned(fromByteOffset: k, as: UInt64.self) != y.loadUnaligned(fromByteOffset: k, as: UInt64.self) {
          return false
        }
        k += 8
      }
      return x.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        == y.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
    }
    if count >= 4 {
      return x.loadUnaligned(as: UInt32.self) == y.loadUnaligned(as: UInt32.self)
        && x.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
          == y.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
    }
    var k = 0
    while k < count {
      if a[k] != b[k] { return false }
      k += 1
    }
    return true
  }

  /// The children of element `index`, in document order.
  func children(_ index: Int) -> [Int] {
    var result: [Int] = []
    result.reserveCapacity(nodes[index].childCount)
    var child = nodes[index].firstChild
    while child >= 0 {
      result.append(child)
      child = nodes[child].nextSibling
    }
    return result
  }

  /// The text of element `index`, references decoded.
  func text(_ index: Int) -> String {
    String(decoding: textBytes[nodes[index].textStart..<nodes[index].textEnd], as: UTF8.self)
  }

  /// The attributes of element `index`, in document order.
  func attributes(_ index: Int) -> ArraySlice<XMLAttribute> {
    allAttributes[nodes[index].firstAttribute..<(nodes[index].firstAttribute + nodes[index].attributeCount)]
  }
}

/// Byte offset → 1-based line and byte column. A line ends at LF, at CR LF, or at a lone CR.
struct LineMap: Sendable {
  private var starts: [Int] = [0]

  /// Line starts found elsewhere (`XMLReader`), as `init(_:)` finds them.
  init(starts: [Int]) { self.starts = starts }

  init(_ bytes: [UInt8]) {
    var starts: [Int] = [0]
    bytes.withUnsafeBufferPointer { buffer in
      let count = buffer.count
      var at = 0
      while at < count {
        // Eight bytes at a time while none is CR or LF (nor anything below them).
        if at + 8 <= count, !ByteWord.hasByte(below: 0x0E, orAbove7F: false, ByteWord.load(buffer, at)) {
          at += 8
          continue
        }
        let byte = buffer[at]
        if byte <= 0x0D {
          if byte == 0x0A {
            starts.append(at + 1)
          } else if byte == 0x0D {
            if at + 1 < count && buffer[at + 1] == 0x0A { at += 1 }
            starts.append(at + 1)
          }
        }
        at += 1
      }
    }
    self.starts = starts
  }

  func line(of offset: Int) -> Int { lineIndex(of: offset) + 1 }

  func location(file: String, offset: Int) -> SourceLocation {
    let index = lineIndex(of: offset)
    return SourceLocation(file: file, line: index + 1, column: offset - starts[index] + 1)
  }

  private func lineIndex(of offset: Int) -> Int {
    var low = 0
    var high = starts.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if starts[middle] <= offset { low = middle } else { high = middle - 1 }
    }
    return low
  }
}

/// Eight bytes as one word, for scanning runs of plain text (issue #8).
enum ByteWord {
  /// Copies `count` bytes (regions not overlapping): a short run by words, the last one
  /// overlapping the one before, without a call to `memcpy` (issue #8: most runs are short).
  @inline(__always)
  static func copy(from source: UnsafePointer<UInt8>, to target: UnsafeMutablePointer<UInt8>, count: Int) {
    let from = UnsafeRawPointer(source)
    let to = UnsafeMutableRawPointer(target)
    // (every load and store below is in `0..<count` of both)
    if count > 32 {
      target.update(from: source, count: count)
    } else if count >= 8 {
      var k = 0
      while k + 8 < count {
        to.storeBytes(of: from.loadUnaligned(fromByteOffset: k, as: UInt64.self), toByteOffset: k, as: UInt64.self)
        k += 8
      }
      to.storeBytes(of: from.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self), toByteOffset: count - 8, as: UInt64.self)
    } else if count >= 4 {
      to.storeBytes(of: from.loadUnaligned(as: UInt32.self), as: UInt32.self)
      to.storeBytes(of: from.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self), toByteOffset: count - 4, as: UInt32.self)
    } else {
      var k = 0
      while k < count {
        target[k] = source[k]
        k += 1
      }
    }
  }

  static func load(_ buffer: UnsafeBufferPointer<UInt8>, _ offset: Int) -> UInt64 {
    UnsafeRawPointer(buffer.baseAddress! + offset).loadUnaligned(as: UInt64.self)
  }

  /// Whether a byte of `word` is below `limit` (at most 0x80), or, with `orAbove7F`, has its
  /// high bit set. (The subtraction's borrow can only mark bytes above a byte that really is
  /// below the limit, so the answer is exact.)
  static func hasByte(below limit: UInt8, orAbove7F: Bool, _ word: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    if orAbove7F && word & highs != 0 { return true }
    return (word &- ones &* UInt64(limit)) & ~word & highs != 0
  }
}
