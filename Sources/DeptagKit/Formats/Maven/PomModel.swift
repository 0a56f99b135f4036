/// The parts of a POM that can change what Maven downloads, read from the XML tree as Maven 3.8.7
/// reads the project's own POM: strictly. An element Maven's model does not know, inside a part
/// deptag reads, is an error ("Malformed POM … Unrecognised tag", reference 2.10), and so is a
/// singular element given twice ("Duplicated tag"). Parts that are never semantic (scm,
/// developers, plugin configuration, …) are skipped whole, their content unchecked.
/// Values are kept raw (trimmed, as Maven trims them, reference 2.4); interpolation happens when
/// the canonical POM is written (`PomCanonicalizer`).
struct PomText: Sendable, Hashable {
  private var storage: Storage
  /// Known to hold no `$`, so nothing to interpolate (issue #8: found while trimming).
  var plain = false
  /// `offset`, in 4 bytes (issue #8: a smaller record; inputs are at most
  /// `InputLimits.maximumBytes`, far below 2 GiB).
  private var storedOffset: Int32

  /// Byte offset of the value (or of its element when empty), for error positions.
  var offset: Int {
    get { Int(storedOffset) }
    set { storedOffset = Int32(clamping: newValue) }
  }

  /// The value as a String, or (issue #8: no String per value) as its bytes in the XML
  /// document's text, when they are ASCII and hold no `$` (so the String would hold the same
  /// bytes, and interpolating it changes nothing).
  private enum Storage: Sendable {
    case string(String)
    case bytes(PomTextSource, start: Int32, end: Int32)
  }

  init(value: String, offset: Int, plain: Bool = false) {
    storage = .string(value)
    storedOffset = Int32(clamping: offset)
    self.plain = plain
  }

  /// A value kept as `source.bytes[range]`: ASCII without a `$`, `range` below 2 GiB (the
  /// caller checked).
  init(source: PomTextSource, range: Range<Int>, offset: Int) {
    storage = .bytes(source, start: Int32(range.lowerBound), end: Int32(range.upperBound))
    storedOffset = Int32(clamping: offset)
    plain = true
  }

  var value: String {
    get {
      switch storage {
      case .string(let value): value
      case .bytes(let source, let start, let end): String(decoding: source.bytes[Int(start)..<Int(end)], as: UTF8.self)
      }
    }
    set { storage = .string(newValue) }
  }

  /// Where the value's bytes are in `source` when it is kept as bytes (ASCII, no `$`).
  func byteRange(in source: PomTextSource) -> Range<Int>? {
    guard case .bytes(let own, let start, let end) = storage, own === source else { return nil }
    return Int(start)..<Int(end)
  }

  /// The source of a value kept as bytes.
  var byteSource: PomTextSource? {
    guard case .bytes(let source, _, _) = storage else { return nil }
    return source
  }

  static func == (a: PomText, b: PomText) -> Bool {
    a.value == b.value && a.offset == b.offset && a.plain == b.plain
  }

  func hash(into hasher: inout Hasher) {
    hasher.combine(value)
    hasher.combine(offset)
    hasher.combine(plain)
  }
}

/// The XML document's text bytes, shared by the values kept as bytes (`PomText`).
final class PomTextSource: Sendable {
  let bytes: [UInt8]

  init(bytes: [UInt8]) { self.bytes = bytes }
}

struct PomDependency: Sendable {
  /// A dependency's values as texts.
  struct Texts: Sendable {
    var groupId: PomText?
    var artifactId: PomText?
    var version: PomText?
    var type: PomText?
    var classifier: PomText?
    var scope: PomText?
    var optional: PomText?
    var systemPath: PomText?
    var exclusions: [(groupId: PomText?, artifactId: PomText?, offset: Int)] = []
  }

  /// The values: as texts (boxed), or, when every value given is kept as bytes in the project's
  /// `PomTextSource` (`PomProject.textSource`) and there are no exclusions, as where those bytes
  /// are (issue #8: 72 bytes a dependency rather than 280, a 1 MB POM's dependencies took 2.2 MB;
  /// the source is not referred to from each, which took a retain and a release per dependency).
  private enum Values: Sendable {
    indirect case texts(Texts)
    case bytes(DependencyByteFields)
  }

  private var values: Values
  private var storedOffset: Int32

  /// Byte offset of the `<dependency>` element.
  var offset: Int { Int(storedOffset) }

  init(_ texts: Texts, offset: Int) {
    values = .texts(texts)
    storedOffset = Int32(offset)
  }

  /// A dependency whose values are all in the project's text source (ASCII without a `$`),
  /// without exclusions.
  init(fields: DependencyByteFields, offset: Int) {
    values = .bytes(fields)
    storedOffset = Int32(offset)
  }

  /// Where the values are in the project's text source, when kept as bytes; nil when they are
  /// texts.
  var byteFields: DependencyByteFields? {
    guard case .bytes(let fields) = values else { return nil }
    return fields
  }

  /// The values as texts (made from the bytes of `source`, the project's text source, when kept
  /// as bytes, each at the dependency's offset: a value without a `$` is never the subject of an
  /// error).
  func texts(in source: PomTextSource) -> Texts {
    switch values {
    case .texts(let texts): return texts
    case .bytes(let fields):
      func text(_ span: DependencyByteFields.Span) -> PomText? {
        span.range.map { PomText(source: source, range: $0, offset: offset) }
      }
      return Texts(
        groupId: text(fields.groupId), artifactId: text(fields.artifactId), version: text(fields.version),
        type: text(fields.type), classifier: text(fields.classifier), scope: text(fields.scope),
        optional: text(fields.optional), systemPath: text(fields.systemPath))
    }
  }
}

/// Where a dependency's values are in their `PomTextSource` (start -1: absent).
struct DependencyByteFields {
  struct Span {
    var start: Int32 = -1
    var end: Int32 = -1

    var range: Range<Int>? { start < 0 ? nil : Int(start)..<Int(end) }
  }

  var groupId = Span()
  var artifactId = Span()
  var version = Span()
  var type = Span()
  var classifier = Span()
  var scope = Span()
  var optional = Span()
  var systemPath = Span()
}

struct PomPlugin: Sendable {
  var groupId: PomText?
  var artifactId: PomText?
  var version: PomText?
  var extensions: PomText?
  var dependencies: [PomDependency] = []
  var offset: Int
}

struct PomRepositoryPolicy: Sendable {
  var enabled: PomText?
  var updatePolicy: PomText?
  var checksumPolicy: PomText?
}

struct PomRepository: Sendable {
  var id: PomText?
  var url: PomText?
  var layout: PomText?
  var releases: PomRepositoryPolicy?
  var snapshots: PomRepositoryPolicy?
  var offset: Int
}

/// What a project and a profile have in common (Maven's ModelBase plus the build parts).
struct PomSection: Sendable {
  var modules: [PomText] = []
  /// In document order; a repeated name is resolved later (the last wins, reference 2.2).
  var properties: [(name: String, value: PomText)] = []
  var managedDependencies: [PomDependency] = []
  var dependencies: [PomDependency] = []
  var repositories: [PomRepository] = []
  var pluginRepositories: [PomRepository] = []
  var extensions: [PomPlugin] = []
  var managedPlugins: [PomPlugin] = []
  var plugins: [PomPlugin] = []
  var reportingExcludeDefaults: PomText?
  var reportPlugins: [PomPlugin] = []
}

struct PomProfile: Sendable {
  var id: PomText?
  /// `activation` flattened to (path, value) pairs in a fixed order, e.g. ("property/name", x).
  var activation: [(String, PomText)] = []
  var section = PomSection()
  var offset: Int
}

struct PomParent: Sendable {
  var groupId: PomText?
  var artifactId: PomText?
  var version: PomText?
  var relativePath: PomText?
  var offset: Int
}

struct PomProject: Sendable {
  var parent: PomParent?
  /// The project's own simple values (groupId, artifactId, version, packaging, name, …), for
  /// `${project.*}`; not semantic by themselves.
  var own: [String: PomText] = [:]
  var section = PomSection()
  var profiles: [PomProfile] = []
  /// The document's text, which the dependencies kept as bytes refer to.
  var textSource = PomTextSource(bytes: [])
}

/// Reads a `PomProject` out of the XML document's element records (issue #8: by record position,
/// names compared as bytes, texts made only for the values it keeps).
struct PomModelReader {
  let path: String
  let document: XMLDocument

  /// The document's text, for the values kept as bytes.
  let source: PomTextSource

  init(path: String, document: XMLDocument) {
    self.path = path
    self.document = document
    source = PomTextSource(bytes: document.textBytes)
  }

  var lines: LineMap { document.lines }

  func read() throws(DeptagError) -> PomProject {
    let root = document.rootIndex
    guard document.hasName(root, "project") else {
      throw error("the root element must be <project>, not <\(name(root))>", at: offset(root))
    }
    var project = PomProject()
    project.textSource = source
    let fields = try self.fields(of: root, allowed: Self.projectFields)
    for name in ["modelVersion", "groupId", "artifactId", "version", "packaging", "name", "description", "url", "inceptionYear"] {
      if let element = fields[name] { project.own[name] = try text(element) }
    }
    if let parent = fields["parent"] {
      let p = try self.fields(of: parent, allowed: ["groupId", "artifactId", "version", "relativePath"])
      project.parent = PomParent(
        groupId: try text(p, "groupId"), artifactId: try text(p, "artifactId"),
        version: try text(p, "version"), relativePath: try text(p, "relativePath"), offset: offset(parent))
    }
    project.section = try section(fields, build: Self.buildFields)
    if let profiles = fields["profiles"] {
      for element in try items(of: profiles, named: "profile") {
        project.profiles.append(try profile(element))
      }
    }
    return project
  }

  private func name(_ element: Int) -> String { document.name(element) }
  private func offset(_ element: Int) -> Int { document.nodes[element].offset }

  private func profile(_ element: Int) throws(DeptagError) -> PomProfile {
    let fields = try self.fields(of: element, allowed: Self.profileFields)
    var profile = PomProfile(offset: offset(element))
    profile.id = try text(fields, "id")
    if let activation = fields["activation"] {
      let a = try self.fields(of: activation, allowed: ["activeByDefault", "jdk", "os", "property", "file"])
      for name in ["activeByDefault", "jdk"] {
        if let e = a[name] { profile.activation.append((name, try text(e))) }
      }
      let groups: [(String, [String], [String])] = [
        ("os", ["name", "family", "arch", "version"], ["name", "family", "arch", "version"]),
        ("property", ["name", "value"], ["name", "value"]),
        ("file", ["missing", "exists"], ["missing", "exists"]),
      ]
      for (group, allowed, order) in groups {
        guard let e = a[group] else { continue }
        let g = try self.fields(of: e, allowed: allowed)
        for name in order {
          if let v = g[name] { profile.activation.append(("\(group)/\(name)", try text(v))) }
        }
      }
    }
    profile.section = try section(fields, build: Self.profileBuildFields)
    return profile
  }

  private func section(_ fields: PomFields, build buildFields: [String]) throws(DeptagError) -> PomSection {
    var section = PomSection()
    if let modules = fields["modules"] {
      section.modules = try items(of: modules, named: "module").map { (e) throws(DeptagError) in try text(e) }
    }
    if let properties = fields["properties"] {
      for child in document.children(properties) {
        section.properties.append((name(child), try text(child)))
      }
      try noText(in: properties)
    }
    if let management = fields["dependencyManagement"] {
      let m = try self.fields(of: management, allowed: ["dependencies"])
      if let list = m["dependencies"] { section.managedDependencies = try dependencies(list) }
    }
    if let list = fields["dependencies"] { section.dependencies = try dependencies(list) }
    if let list = fields["repositories"] { section.repositories = try repositories(list, item: "repository") }
    if let list = fields["pluginRepositories"] {
      section.pluginRepositories = try repositories(list, item: "pluginRepository")
    }
    if let build = fields["build"] {
      let b = try self.fields(of: build, allowed: buildFields)
      if let list = b["extensions"] {
        for e in try items(of: list, named: "extension") {
          let x = try self.fields(of: e, allowed: ["groupId", "artifactId", "version"])
          section.extensions.append(
            PomPlugin(
              groupId: try text(x, "groupId"), artifactId: try text(x, "artifactId"),
              version: try text(x, "version"), offset: offset(e)))
        }
      }
      if let management = b["pluginManagement"] {
        let m = try self.fields(of: management, allowed: ["plugins"])
        if let list = m["plugins"] { section.managedPlugins = try plugins(list) }
      }
      if let list = b["plugins"] { section.plugins = try plugins(list) }
    }
    if let reporting = fields["reporting"] {
      let r = try self.fields(of: reporting, allowed: ["excludeDefaults", "outputDirectory", "plugins"])
      section.reportingExcludeDefaults = try text(r, "excludeDefaults")
      if let list = r["plugins"] {
        for e in try items(of: list, named: "plugin") {
          let p = try self.fields(
            of: e, allowed: ["groupId", "artifactId", "version", "reportSets", "inherited", "configuration"])
          section.reportPlugins.append(
            PomPlugin(
              groupId: try text(p, "groupId"), artifactId: try text(p, "artifactId"),
              version: try text(p, "version"), offset: offset(e)))
        }
      }
    }
    return section
  }

  private func dependencies(_ list: Int) throws(DeptagError) -> [PomDependency] {
    var result: [PomDependency] = []
    // The items' names are all checked first (the same first error as `items(of:named:)`), then
    // the items are read, walking the siblings (issue #8: no array of positions).
    result.reserveCapacity(try checkItems(of: list, named: "dependency"))
    var next = document.nodes[list].firstChild
    while next >= 0 {
      let element = next
      next = document.nodes[element].nextSibling
      // `fields(of:allowed: dependencyFields)` with each child's name matched once (issue #8):
      // the same checks in the same order, so the same first error.
      var slots = DependencySlots()
      var child = document.nodes[element].firstChild
      while child >= 0 {
        guard let slot = DependencySlots.slot(of: child, in: document) else {
          throw error(
            "unrecognised tag <\(name(child))> in <\(name(element))> (Maven rejects it too)", at: offset(child))
        }
        guard slots[slot] < 0 else {
          throw error("duplicated tag <\(name(child))> in <\(name(element))> (Maven rejects it too)", at: offset(child))
        }
        slots[slot] = child
        child = document.nodes[child].nextSibling
      }
      try noText(in: element)
      // The usual dependency first (issue #8): every value given is ASCII without a `$` and there
      // are no exclusions; it is kept as where its values' bytes are, no `PomText` made. The
      // values are checked in the same order as below, with the same error.
      var values = DependencyByteFields()
      var plain = slots[DependencySlots.exclusions] < 0
      func span(_ slot: Int) throws(DeptagError) -> DependencyByteFields.Span {
        let position = slots[slot]
        guard position >= 0 else { return DependencyByteFields.Span() }
        let node = document.nodes[position]
        if node.firstChild >= 0 { try holdsText(position) }  // (throws)
        guard plain, node.textEnd <= Int(Int32.max), let range = Self.plainRange(source.bytes, node.textStart, node.textEnd)
        else {
          plain = false
          return DependencyByteFields.Span()
        }
        return DependencyByteFields.Span(start: Int32(range.lowerBound), end: Int32(range.upperBound))
      }
      values.groupId = try span(DependencySlots.groupId)
      values.artifactId = try span(DependencySlots.artifactId)
      values.version = try span(DependencySlots.version)
      values.type = try span(DependencySlots.type)
      values.classifier = try span(DependencySlots.classifier)
      values.scope = try span(DependencySlots.scope)
      values.optional = try span(DependencySlots.optional)
      values.systemPath = try span(DependencySlots.systemPath)
      if plain && (values.groupId.start >= 0 || values.artifactId.start >= 0) {
        result.append(PomDependency(fields: values, offset: offset(element)))
        continue
      }
      // Otherwise as texts, read in the same order (the same first error).
      func field(_ slot: Int) throws(DeptagError) -> PomText? {
        let position = slots[slot]
        return position >= 0 ? try text(position) : nil
      }
      let groupId = try field(DependencySlots.groupId)
      let artifactId = try field(DependencySlots.artifactId)
      let version = try field(DependencySlots.version)
      let type = try field(DependencySlots.type)
      let classifier = try field(DependencySlots.classifier)
      let scope = try field(DependencySlots.scope)
      let optional = try field(DependencySlots.optional)
      let systemPath = try field(DependencySlots.systemPath)
      var exclusionList: [(groupId: PomText?, artifactId: PomText?, offset: Int)] = []
      if slots[DependencySlots.exclusions] >= 0 {
        let exclusions = slots[DependencySlots.exclusions]
        for e in try items(of: exclusions, named: "exclusion") {
          let x = try fields(of: e, allowed: ["groupId", "artifactId"])
          exclusionList.append((try text(x, "groupId"), try text(x, "artifactId"), offset(e)))
        }
      }
      let texts = PomDependency.Texts(
        groupId: groupId, artifactId: artifactId, version: version, type: type, classifier: classifier,
        scope: scope, optional: optional, systemPath: systemPath, exclusions: exclusionList)
      result.append(PomDependency(texts, offset: offset(element)))
    }
    return result
  }

  private func plugins(_ list: Int) throws(DeptagError) -> [PomPlugin] {
    var result: [PomPlugin] = []
    for element in try items(of: list, named: "plugin") {
      let f = try fields(of: element, allowed: Self.pluginFields)
      var p = PomPlugin(offset: offset(element))
      p.groupId = try text(f, "groupId")
      p.artifactId = try text(f, "artifactId")
      p.version = try text(f, "version")
      p.extensions = try text(f, "extensions")
      if let list = f["dependencies"] { p.dependencies = try dependencies(list) }
      result.append(p)
    }
    return result
  }

  private func repositories(_ list: Int, item: String) throws(DeptagError) -> [PomRepository] {
    var result: [PomRepository] = []
    for element in try items(of: list, named: item) {
      let f = try fields(of: element, allowed: ["id", "name", "url", "layout", "releases", "snapshots"])
      var r = PomRepository(offset: offset(element))
      r.id = try text(f, "id")
      r.url = try text(f, "url")
      r.layout = try text(f, "layout")
      r.releases = try f["releases"].map(policy)
      r.snapshots = try f["snapshots"].map(policy)
      result.append(r)
    }
    return result
  }

  private func policy(_ element: Int) throws(DeptagError) -> PomRepositoryPolicy {
    let f = try fields(of: element, allowed: ["enabled", "updatePolicy", "checksumPolicy"])
    return PomRepositoryPolicy(
      enabled: try text(f, "enabled"), updatePolicy: try text(f, "updatePolicy"),
      checksumPolicy: try text(f, "checksumPolicy"))
  }

  // MARK: Strict access

  /// The children of `element` by name; an unknown or repeated name is an error, as in Maven's
  /// strict reader. (A linear search over at most `allowed.count` distinct children: cheaper than
  /// hashing for the handful a POM element has, issue #8.)
  private func fields(of element: Int, allowed: [String]) throws(DeptagError) -> PomFields {
    let children = document.children(element)
    for (position, child) in children.enumerated() {
      guard allowed.contains(where: { document.hasName(child, $0) }) else {
        throw error("unrecognised tag <\(name(child))> in <\(name(element))> (Maven rejects it too)", at: offset(child))
      }
      // (both names are allowed ones, so comparing their bytes is comparing them as Strings)
      guard !children[..<position].contains(where: { sameName($0, child) }) else {
        throw error("duplicated tag <\(name(child))> in <\(name(element))> (Maven rejects it too)", at: offset(child))
      }
    }
    try noText(in: element)
    return PomFields(document: document, children: children)
  }

  private func sameName(_ a: Int, _ b: Int) -> Bool {
    let x = document.nodes[a]
    let y = document.nodes[b]
    guard x.nameCount == y.nameCount else { return false }
    var k = 1
    while k <= x.nameCount {
      if document.bytes[x.offset + k] != document.bytes[y.offset + k] { return false }
      k += 1
    }
    return true
  }

  /// The children of a list element, all of which must be named `item`.
  private func items(of list: Int, named item: String) throws(DeptagError) -> [Int] {
    let children = document.children(list)
    for child in children where !document.hasName(child, item) {
      throw error("unrecognised tag <\(name(child))> in <\(name(list))>; expected <\(item)>", at: offset(child))
    }
    try noText(in: list)
    return children
  }

  /// `items(of:named:)` for a literal name, without the array: how many items there are.
  private func checkItems(of list: Int, named item: StaticString) throws(DeptagError) -> Int {
    var count = 0
    var child = document.nodes[list].firstChild
    while child >= 0 {
      guard document.hasName(child, item) else {
        throw error("unrecognised tag <\(name(child))> in <\(name(list))>; expected <\(item)>", at: offset(child))
      }
      count += 1
      child = document.nodes[child].nextSibling
    }
    try noText(in: list)
    return count
  }

  private func noText(in element: Int) throws(DeptagError) {
    let node = document.nodes[element]
    if node.textOffset >= 0, !Self.isBlank(document.textBytes[node.textStart..<node.textEnd]) {
      throw error("unexpected text in <\(name(element))>", at: node.textOffset)
    }
  }

  /// `text.allSatisfy(\.isWhitespace)`, decided on the bytes when they are ASCII (issue #8).
  static func isBlank(_ text: String) -> Bool { isBlank(Array(text.utf8)[...]) }

  /// `isBlank` of the text whose UTF-8 is `utf8`.
  static func isBlank(_ utf8: ArraySlice<UInt8>) -> Bool {
    // ASCII: Character.isWhitespace holds for U+0009…U+000D, U+0020 and CR LF.
    var blank = true
    for byte in utf8 {
      if byte >= 0x80 { return String(decoding: utf8, as: UTF8.self).allSatisfy(\.isWhitespace) }
      if !(byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)) { blank = false }
    }
    return blank
  }

  /// The trimmed text of the field `name`, if given.
  private func text(_ fields: PomFields, _ name: String) throws(DeptagError) -> PomText? {
    guard let element = fields[name] else { return nil }
    return try text(element)
  }

  /// A value element holds text only.
  private func holdsText(_ element: Int) throws(DeptagError) {
    let child = document.nodes[element].firstChild
    if child >= 0 {
      throw error("<\(name(element))> must hold text, not the element <\(name(child))>", at: offset(child))
    }
  }

  /// The trimmed text of a value element (Maven trims values, reference 2.4).
  private func text(_ element: Int) throws(DeptagError) -> PomText {
    try holdsText(element)
    let node = document.nodes[element]
    let (value, plain) = Self.trimmed(document.textBytes[node.textStart..<node.textEnd])
    return PomText(value: value, offset: node.textOffset >= 0 ? node.textOffset : node.offset, plain: plain)
  }

  /// The trimmed part of `bytes[start..<end]` (as `trimmed` trims it) when the bytes are ASCII
  /// and hold no `$`; nil otherwise.
  static func plainRange(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Range<Int>? {
    bytes.withUnsafeBufferPointer { bytes in
      // (every index below is in `start..<end`, as the loop conditions check)
      var at = start
      let ones: UInt64 = 0x0101_0101_0101_0101
      let highs: UInt64 = 0x8080_8080_8080_8080
      while at + 8 <= end {
        let word = ByteWord.load(bytes, at)
        let dollars = word ^ (ones &* 0x24)  // a zero byte where a `$` was
        if word & highs != 0 || (dollars &- ones) & ~dollars & highs != 0 { return nil }
        at += 8
      }
      while at < end {
        if bytes[at] >= 0x80 || bytes[at] == 0x24 { return nil }
        at += 1
      }
      func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
      var low = start
      while low < end && isSpace(bytes[low]) && !(bytes[low] == 0x0D && low + 1 < end && bytes[low + 1] == 0x0A) {
        low += 1
      }
      guard low < end else { return start..<start }
      var high = end
      while high > low && isSpace(bytes[high - 1])
        && !(bytes[high - 1] == 0x0A && high - 2 >= start && bytes[high - 2] == 0x0D)
      {
        high -= 1
      }
      return low..<high
    }
  }

  /// `trim` of the text whose UTF-8 is `utf8`, made into a String once (issue #8).
  static func trim(_ utf8: ArraySlice<UInt8>) -> String { trimmed(utf8).value }

  /// `trim`, and whether the text holds no `$` (then it interpolates to itself).
  static func trimmed(_ utf8: ArraySlice<UInt8>) -> (value: String, plain: Bool) {
    utf8.withUnsafeBufferPointer { bytes in
      let count = bytes.count
      // (every index below is in `0..<count`, as the loop conditions check)
      var at = 0
      var plain = true
      // Eight bytes at a time while they are ASCII, looking for `$` too (issue #8).
      let ones: UInt64 = 0x0101_0101_0101_0101
      let highs: UInt64 = 0x8080_8080_8080_8080
      while at + 8 <= count {
        let word = ByteWord.load(bytes, at)
        if word & highs != 0 { break }
        let dollars = word ^ (ones &* 0x24)  // a zero byte where a `$` was
        if (dollars &- ones) & ~dollars & highs != 0 { plain = false }
        at += 8
      }
      while at < count && bytes[at] < 0x80 {
        if bytes[at] == 0x24 { plain = false }
        at += 1
      }
      if at < count { return (trimByCharacter(String(decoding: bytes, as: UTF8.self)), false) }
      func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
      // ASCII (every byte its own Character but CR LF, which is one and no space): on the bytes.
      var low = 0
      while low < count && isSpace(bytes[low]) && !(bytes[low] == 0x0D && low + 1 < count && bytes[low + 1] == 0x0A) {
        low += 1
      }
      guard low < count else { return ("", true) }
      var high = count
      while high > low && isSpace(bytes[high - 1]) && !(bytes[high - 1] == 0x0A && high - 2 >= 0 && bytes[high - 2] == 0x0D) {
        high -= 1
      }
      return (String(decoding: UnsafeBufferPointer(rebasing: bytes[low..<high]), as: UTF8.self), plain)
    }
  }

  /// `trim` of `text` (the model reader trims byte slices; this form is for callers with a String).
  static func trim(_ text: String) -> String { trim(Array(text.utf8)[...]) }

  static func trimByCharacter(_ text: String) -> String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) })
    else { return "" }
    return String(text[first...last])
  }

  private func error(_ message: String, at offset: Int) -> DeptagError {
    DeptagError(message, at: lines.location(file: path, offset: offset))
  }

  // MARK: The POM 4.0.0 schema (Maven 3.8.7's model)

  static let projectFields: [String] = [
    "modelVersion", "parent", "groupId", "artifactId", "version", "packaging", "name", "description", "url",
    "inceptionYear", "organization", "licenses", "developers", "contributors", "mailingLists", "prerequisites",
    "modules", "scm", "issueManagement", "ciManagement", "distributionManagement", "properties",
    "dependencyManagement", "dependencies", "repositories", "pluginRepositories", "build", "reports", "reporting",
    "profiles",
  ]
  static let profileFields: [String] = [
    "id", "activation", "build", "modules", "distributionManagement", "properties", "dependencyManagement",
    "dependencies", "repositories", "pluginRepositories", "reports", "reporting",
  ]
  static let profileBuildFields: [String] = [
    "defaultGoal", "resources", "testResources", "directory", "finalName", "filters", "pluginManagement", "plugins",
  ]
  static let buildFields: [String] = profileBuildFields + [
    "sourceDirectory", "scriptSourceDirectory", "testSourceDirectory", "outputDirectory", "testOutputDirectory",
    "extensions",
  ]
  static let dependencyFields: [String] = [
    "groupId", "artifactId", "version", "type", "classifier", "scope", "systemPath", "exclusions", "optional",
  ]
  static let pluginFields: [String] = [
    "groupId", "artifactId", "version", "extensions", "executions", "dependencies", "goals", "inherited",
    "configuration",
  ]
}

/// Where each of a dependency's fields is among its children (-1: absent), without an allocation.
struct DependencySlots {
  static let groupId = 0, artifactId = 1, version = 2, type = 3, classifier = 4, scope = 5, systemPath = 6,
    exclusions = 7, optional = 8
  private var positions: (Int, Int, Int, Int, Int, Int, Int, Int, Int) = (-1, -1, -1, -1, -1, -1, -1, -1, -1)

  /// The slot of element `index`, found by its name (as `fields(of:allowed:)` compares names), or
  /// nil when `PomModelReader.dependencyFields` does not hold it.
  static func slot(of index: Int, in document: XMLDocument) -> Int? {
    // One candidate by the name's length and first byte, then compared whole (issue #8).
    let node = document.nodes[index]
    let first = document.bytes[node.offset + 1]
    let candidate: Int
    switch (node.nameCount, first) {
    case (7, UInt8(ascii: "g")): candidate = groupId
    case (7, UInt8(ascii: "v")): candidate = version
    case (10, UInt8(ascii: "a")): candidate = artifactId
    case (10, UInt8(ascii: "c")): candidate = classifier
    case (10, UInt8(ascii: "s")): candidate = systemPath
    case (10, UInt8(ascii: "e")): candidate = exclusions
    case (4, _): candidate = type
    case (5, _): candidate = scope
    case (8, _): candidate = optional
    default: return nil
    }
    return document.hasName(index, names[candidate]) ? candidate : nil
  }

  /// The field names by slot.
  static let names: [StaticString] = [
    "groupId", "artifactId", "version", "type", "classifier", "scope", "systemPath", "exclusions", "optional",
  ]

  subscript(slot: Int) -> Int {
    get {
      switch slot {
      case 0: positions.0
      case 1: positions.1
      case 2: positions.2
      case 3: positions.3
      case 4: positions.4
      case 5: positions.5
      case 6: positions.6
      case 7: positions.7
      default: positions.8
      }
    }
    set {
      switch slot {
      case 0: positions.0 = newValue
      case 1: positions.1 = newValue
      case 2: positions.2 = newValue
      case 3: positions.3 = newValue
      case 4: positions.4 = newValue
      case 5: positions.5 = newValue
      case 6: positions.6 = newValue
      case 7: positions.7 = newValue
      default: positions.8 = newValue
      }
    }
  }
}

/// An element's children by name, as `PomModelReader.fields` checked them (no name repeats).
struct PomFields {
  let document: XMLDocument
  let children: [Int]

  subscript(name: String) -> Int? {
    for child in children where document.hasName(child, name) { return child }
    return nil
  }
}
