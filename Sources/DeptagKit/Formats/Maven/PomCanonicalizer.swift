/// Writes the canonical POM (reference 2.12, PRODUCT.md principle 2): a valid POM with fixed
/// placeholder coordinates for the project itself, holding only what can change what Maven
/// downloads, interpolated, with defaults dropped and sets sorted; plus its settings and entries.
struct PomCanonicalizer {
  /// `true`, as bytes (`<optional>true</optional>`).
  private static var trueBytes: UnsafeBufferPointer<UInt8> {
    let text: StaticString = "true"
    return UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
  }

  /// The project's own coordinates in every canonical POM: they are not semantic (reference 2.5).
  static let placeholderGroupId = "deptag.placeholder"
  static let placeholderArtifactId = "project"
  static let placeholderVersion = "0"
  static let defaultPluginGroupId = "org.apache.maven.plugins"
  /// Properties of a jar/war POM with a parent that never name an artifact: dropped like any
  /// unreferenced property (README, "How pom.xml is read").
  static let buildOnlyProperties: Set<String> = [
    "project.build.sourceEncoding", "project.reporting.outputEncoding", "maven.compiler.source",
    "maven.compiler.target", "maven.compiler.release", "maven.compiler.encoding", "java.version",
  ]

  let path: String
  let lines: LineMap
  var settings: [Entry] = []
  var entries: [Entry] = []
  var warnings: [Diagnostic] = []
  /// Where entries are written before they become strings (issue #8).
  private let scratch = ByteScratch()
  /// Dependencies written indented where the canonical POM holds them (issue #8).
  private let pool: BytePool
  /// `.canonicalText`: only the canonical text is made; `entries` stay empty (issue #8).
  let textOnly: Bool
  /// The project's text, which dependencies kept as bytes refer to (`PomProject.textSource`).
  private var textSource = PomTextSource(bytes: [])

  /// (`inputSize`: the POM's size, to size the pool once: indented dependencies take about as
  /// many bytes as they were given in; pages never written are never touched.)
  init(path: String, lines: LineMap, detail: ManifestDetail = .full, inputSize: Int = 0) {
    self.path = path
    self.lines = lines
    textOnly = detail == .canonicalText
    pool = BytePool(capacity: max(4096, inputSize + inputSize / 2))
  }

  mutating func canonicalize(_ project: PomProject) throws(DeptagError) -> String {
    textSource = project.textSource
    let (path, lines) = (self.path, self.lines)
    let fail = { (message: String, offset: Int) in DeptagError(message, at: lines.location(file: path, offset: offset)) }
    let model = PomInterpolator.modelValues(project)
    let projectProperties = PomInterpolator.propertyMap(project.section.properties)
    let interpolator = PomInterpolator(properties: projectProperties, model: model, fail: fail)
    // Maven interpolates every property, used or not: a cycle anywhere is an error (2.4).
    for (_, value) in project.section.properties { _ = try interpolator.interpolate(value) }

    var body: [XMLOut] = [.leaf("modelVersion", "4.0.0")]
    if let parent = project.parent {
      // 2.5: the parent's coordinates are semantic; relativePath is kept as given (2.3).
      var fields: [XMLOut] = []
      fields.append(optional: try interpolator.interpolate(parent.groupId).map { .leaf("groupId", $0) })
      fields.append(optional: try interpolator.interpolate(parent.artifactId).map { .leaf("artifactId", $0) })
      fields.append(optional: try interpolator.interpolate(parent.version).map { .leaf("version", $0) })
      fields.append(optional: parent.relativePath.map { .leaf("relativePath", $0.value) })
      let element = XMLOut.node("parent", fields)
      settings.append(Entry(key: "parent", text: element.compact))
      body.append(element)
    }
    body += [
      .leaf("groupId", Self.placeholderGroupId), .leaf("artifactId", Self.placeholderArtifactId),
      .leaf("version", Self.placeholderVersion),
    ]
    // 2.3: packaging defaults to jar; it selects the lifecycle plugins (2.7).
    var packaging = try interpolator.interpolate(project.own["packaging"]) ?? ""
    if packaging.isEmpty { packaging = "jar" }
    settings.append(Entry(key: "packaging", text: "<packaging>\(XMLOut.escape(packaging))</packaging>"))
    body.append(.leaf("packaging", packaging))

    // 2.4: a pom-packaged POM keeps all its properties (child modules inherit them). A jar/war
    // POM with a parent keeps them too, except build-only ones: the parent's own
    // dependencyManagement and plugin versions may refer to them (Spring Boot's
    // `<jackson.version>` override). Otherwise they are not semantic after interpolation.
    let keepProperties: (String) -> Bool =
      packaging == "pom" ? { _ in true }
      : project.parent != nil ? { !Self.buildOnlyProperties.contains($0) } : { _ in false }
    body += try section(
      project.section, interpolator: interpolator, keepProperty: keepProperties, prefix: "", allowExtensions: true)

    var profiles: [XMLOut] = []
    for profile in project.profiles {
      profiles.append(try self.profile(profile, project: project, model: model, projectProperties: projectProperties))
    }
    if !profiles.isEmpty { body.append(.node("profiles", profiles)) }

    // Everything but the pooled elements is written to `text`; the pooled ones (most of a large
    // POM) are copied from the pool straight into the String (issue #8: no second copy of the
    // whole text, a 1 MB POM's 300 pages).
    var text: [UInt8] = []
    var splices: [XMLOut.Splice]? = []
    text.append(contentsOf: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".utf8)
    text.append(contentsOf: "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n".utf8)
    for element in body { element.write(into: &text, depth: 1, pool: pool, splices: &splices) }
    text.append(contentsOf: "</project>\n".utf8)
    return XMLOut.joined(text, splices: splices!, pool: pool)
  }

  /// 2.6: every profile is semantic (activation depends on the build command), kept in
  /// declaration order (active profiles are injected in that order, 2.2); its content follows the
  /// top-level rules, interpolated with its own properties over the project's.
  private mutating func profile(
    _ profile: PomProfile, project: PomProject, model: [String: PomText], projectProperties: [String: PomText]
  ) throws(DeptagError) -> XMLOut {
    var properties = projectProperties
    for (name, value) in PomInterpolator.propertyMap(profile.section.properties) { properties[name] = value }
    let (path, lines) = (self.path, self.lines)
    let interpolator = PomInterpolator(properties: properties, model: model) {
      DeptagError($0, at: lines.location(file: path, offset: $1))
    }
    for (_, value) in profile.section.properties { _ = try interpolator.interpolate(value) }
    let id = profile.id?.value ?? "default"
    var fields: [XMLOut] = [.leaf("id", id)]
    var activation: [XMLOut] = []
    var groups: [(String, [XMLOut])] = []
    for (path, value) in profile.activation {
      let parts = path.split(separator: "/").map(String.init)
      if parts.count == 1 {
        if parts[0] == "activeByDefault" {
          // Maven reads the boolean as Boolean.valueOf: only "true" (any case) is true.
          if value.value.lowercased() == "true" { activation.append(.leaf("activeByDefault", "true")) }
        } else {
          activation.append(.leaf(parts[0], value.value))
        }
      } else if let index = groups.firstIndex(where: { $0.0 == parts[0] }) {
        groups[index].1.append(.leaf(parts[1], value.value))
      } else {
        groups.append((parts[0], [.leaf(parts[1], value.value)]))
      }
    }
    activation += groups.map { .node($0.0, $0.1) }
    if !activation.isEmpty { fields.append(.node("activation", activation)) }
    let head = XMLOut.node("profile", fields)
    settings.append(Entry(key: "profile \(id)", text: head.compact))
    fields += try section(
      profile.section, interpolator: interpolator, keepProperty: { _ in true }, prefix: "profile \(id) ",
      allowExtensions: false)
    return .node("profile", fields)
  }

  /// The parts a project and a profile share, in canonical order.
  private mutating func section(
    _ section: PomSection, interpolator: PomInterpolator, keepProperty: (String) -> Bool, prefix: String,
    allowExtensions: Bool
  ) throws(DeptagError) -> [XMLOut] {
    var out: [XMLOut] = []
    // Where this section's elements sit in the canonical POM: the project's at 1, a profile's
    // (`<profiles><profile>`) at 3.
    let depth = prefix.isEmpty ? 1 : 3

    // 2.9: modules are a set of relative paths; their POMs are not read (principle 7).
    var modules: [String] = []
    var seenModules = Set<String>()
    for module in section.modules {
      let path = Self.modulePath(try interpolator.interpolate(module))
      warnings.append(
        Diagnostic(
          .warning,
          "module '\(path)' is not hashed: its POM counts only when given too (deptag digest pom.xml \(path == "." ? "" : path + "/")pom.xml), or with --with",
          at: location(module.offset)))
      if seenModules.insert(path).inserted { modules.append(path) }
    }
    modules.sort(by: Self.byteOrder)
    for module in modules where !textOnly { entries.append(Entry(key: "\(prefix)module \(module)", text: "<module>\(XMLOut.escape(Self.writtenModule(module)))</module>")) }
    if !modules.isEmpty { out.append(.node("modules", modules.map { .leaf("module", Self.writtenModule($0)) })) }

    // 2.2: properties are a map (the last repeated name wins); kept raw for the children.
    let properties = PomInterpolator.propertyMap(section.properties).filter { keepProperty($0.key) }
    let names = properties.keys.sorted(by: Self.byteOrder)
    for name in names {
      settings.append(
        Entry(key: "\(prefix)property \(name)", text: "<\(name)>\(XMLOut.escape(properties[name]!.value))</\(name)>"))
    }
    if !names.isEmpty { out.append(.node("properties", names.map { .leaf($0, properties[$0]!.value) })) }

    // 2.2: managed entries: the first of a repeated key wins; BOM imports keep their order (the
    // first import managing an artifact wins), ordinary entries are a set.
    var managed: [(key: String, element: XMLOut, isImport: Bool)] = []
    var managedKeys = Set<String>()  // (a BOM manages thousands: no linear search per entry)
    let managedList = section.managedDependencies
    for index in managedList.indices {  // (by index: read in place, not copied)
      var noTable: DependencyKeyTable? = nil
      let (key, _, _, element, isImport) = try self.dependency(
        managedList, at: index, interpolator: interpolator, depth: depth + 2, keys: &noTable)!
      guard managedKeys.insert(key).inserted else {
        warnings.append(
          Diagnostic(
            .warning, "managed dependency \(key) is declared twice; Maven uses the first declaration",
            at: location(managedList[index].offset)))
        continue
      }
      managed.append((key, element, isImport))
    }
    let ordinary = managed.filter { !$0.isImport }.sorted { Self.byteOrder($0.key, $1.key) }
    let imports = managed.filter(\.isImport)
    if !textOnly {
      for item in ordinary { entries.append(Entry(key: "\(prefix)managed \(item.key)", text: item.element.compact)) }
      for item in imports { entries.append(Entry(key: "\(prefix)import \(item.key)", text: item.element.compact)) }
    }
    if !managed.isEmpty {
      out.append(.node("dependencyManagement", [.node("dependencies", (ordinary + imports).map(\.element))]))
    }

    // 2.2: dependencies keep declaration order; a repeated key: the last declaration wins at the
    // first one's position.
    let dependencies = try dependencyList(
      section.dependencies, interpolator: interpolator, what: "dependency", depth: depth + 1)
    if !textOnly {
      for (key, element) in dependencies { entries.append(Entry(key: prefix.isEmpty ? key : prefix + key, text: element.compact)) }
    }
    if !dependencies.isEmpty { out.append(.node("dependencies", dependencies.map(\.1))) }

    // 2.8: repositories are semantic and ordered.
    for (list, item) in [(section.repositories, "repository"), (section.pluginRepositories, "pluginRepository")] {
      var elements: [XMLOut] = []
      for repository in list {
        let element = try self.repository(repository, name: item, interpolator: interpolator)
        settings.append(
          Entry(key: "\(prefix)\(item) \(try interpolator.interpolate(repository.id) ?? "")", text: element.compact))
        elements.append(element)
      }
      if !elements.isEmpty { out.append(.node(item == "repository" ? "repositories" : "pluginRepositories", elements)) }
    }

    // 2.7: plugins, managed plugins, extensions and report plugins are sets keyed by
    // groupId:artifactId; a repeated key: the last declaration wins.
    var build: [XMLOut] = []
    if allowExtensions {
      let extensions = try pluginSet(
        section.extensions, interpolator: interpolator, defaultGroup: nil, element: "extension")
      for (key, element) in extensions where !textOnly { entries.append(Entry(key: "\(prefix)extension \(key)", text: element.compact)) }
      if !extensions.isEmpty { build.append(.node("extensions", extensions.map(\.1))) }
    }
    let managedPlugins = try pluginSet(section.managedPlugins, interpolator: interpolator, defaultGroup: Self.defaultPluginGroupId)
    for (key, element) in managedPlugins where !textOnly {
      entries.append(Entry(key: "\(prefix)plugin-management \(key)", text: element.compact))
    }
    if !managedPlugins.isEmpty { build.append(.node("pluginManagement", [.node("plugins", managedPlugins.map(\.1))])) }
    let plugins = try pluginSet(section.plugins, interpolator: interpolator, defaultGroup: Self.defaultPluginGroupId)
    for (key, element) in plugins where !textOnly { entries.append(Entry(key: "\(prefix)plugin \(key)", text: element.compact)) }
    if !plugins.isEmpty { build.append(.node("plugins", plugins.map(\.1))) }
    if !build.isEmpty { out.append(.node("build", build)) }

    var reporting: [XMLOut] = []
    if let exclude = section.reportingExcludeDefaults, exclude.value.lowercased() == "true" {
      reporting.append(.leaf("excludeDefaults", "true"))
      settings.append(Entry(key: "\(prefix)reporting excludeDefaults", text: "<excludeDefaults>true</excludeDefaults>"))
    }
    let reportPlugins = try pluginSet(section.reportPlugins, interpolator: interpolator, defaultGroup: Self.defaultPluginGroupId)
    for (key, element) in reportPlugins where !textOnly { entries.append(Entry(key: "\(prefix)report-plugin \(key)", text: element.compact)) }
    if !reportPlugins.isEmpty { reporting.append(.node("plugins", reportPlugins.map(\.1))) }
    if !reporting.isEmpty { out.append(.node("reporting", reporting)) }
    return out
  }

  /// A dependency list in declaration order, a repeated key collapsed into the first position
  /// with the last declaration's value (Maven's model normalizer, reference 2.2).
  /// (`depth`: where the elements will be written, if known: see `CompactXMLWriter.pooled`.)
  private mutating func dependencyList(
    _ list: [PomDependency], interpolator: PomInterpolator, what: String, depth: Int? = nil
  ) throws(DeptagError) -> [(String, XMLOut)] {
    if textOnly, let items = try dependencyListByBytes(list, interpolator: interpolator, what: what, depth: depth) {
      return items
    }
    var items: [(String, XMLOut)] = []
    var position: [String: Int] = [:]  // key → index in `items` (one hash per dependency)
    items.reserveCapacity(list.count)
    position.reserveCapacity(list.count)
    // By index: the element is read in place, not copied out (a copy retained each field).
    var noTable: DependencyKeyTable? = nil
    for index in list.indices {
      let (key, _, _, element, _) = try self.dependency(
        list, at: index, interpolator: interpolator, depth: depth, keys: &noTable)!
      if let first = position.updateValue(items.count, forKey: key) {
        position[key] = first
        warnings.append(
          Diagnostic(
            .warning, "\(what) \(key) is declared twice; Maven uses the last declaration, at the first one's place",
            at: location(list[index].offset)))
        items[first].1 = element
      } else {
        items.append((key, element))
      }
    }
    return items
  }

  /// `dependencyList` for `.canonicalText`: the same elements and warnings, the keys found by
  /// their bytes (`DependencyKeyTable`) and not returned; nil (and no warnings added) when a
  /// key is not ASCII. Elements that follow each other in the pool are returned as one
  /// (`XMLOut.coalescingPooled`).
  private mutating func dependencyListByBytes(
    _ list: [PomDependency], interpolator: PomInterpolator, what: String, depth: Int?
  ) throws(DeptagError) -> [(String, XMLOut)]? {
    let warningCount = warnings.count
    var items: [XMLOut] = []
    items.reserveCapacity(list.count)
    var table: DependencyKeyTable? = DependencyKeyTable(capacity: list.count)
    for index in list.indices {
      guard
        let (_, id, inserted, element, _) = try self.dependency(
          list, at: index, interpolator: interpolator, depth: depth, keys: &table)
      else {
        warnings.removeSubrange(warningCount...)
        return nil
      }
      if inserted {
        items.append(element)
      } else {
        warnings.append(
          Diagnostic(
            .warning,
            "\(what) \(table!.key(id)) is declared twice; Maven uses the last declaration, at the first one's place",
            at: location(list[index].offset)))
        items[id] = element
      }
    }
    return XMLOut.coalescingPooled(items).map { ("", $0) }
  }

  /// One dependency: its identity key `groupId:artifactId[:type[:classifier]]`, its canonical
  /// element (defaults dropped: type jar, scope compile, optional false, empty classifier,
  /// reference 2.3; exclusions a sorted set), and whether it is a BOM import.
  /// (Given as its list and index: each field is read in place; the element passed by value
  /// was copied whole, every field retained, per dependency.)
  /// With a `keys` table, the key is not made: it is added to the table (its id and whether it
  /// is new are returned; nil when the table refuses it); otherwise the id is -1.
  private func dependency(
    _ list: [PomDependency], at index: Int, interpolator: PomInterpolator, depth: Int?,
    keys: inout DependencyKeyTable?
  ) throws(DeptagError) -> (key: String, id: Int, inserted: Bool, element: XMLOut, isImport: Bool)? {
    if let fields = list[index].byteFields {
      return try dependencyFromBytes(textSource, fields, offset: list[index].offset, depth: depth, keys: &keys)
    }
    let dependency = list[index].texts(in: textSource)
    guard let groupId = try interpolator.interpolate(dependency.groupId), !groupId.isEmpty else {
      throw error("dependency without a <groupId> (Maven rejects it too)", at: list[index].offset)
    }
    guard let artifactId = try interpolator.interpolate(dependency.artifactId), !artifactId.isEmpty else {
      throw error("dependency without an <artifactId> (Maven rejects it too)", at: list[index].offset)
    }
    var type = try interpolator.interpolate(dependency.type) ?? ""
    if type.isEmpty { type = "jar" }
    let classifier = try interpolator.interpolate(dependency.classifier) ?? ""
    var scope = try interpolator.interpolate(dependency.scope) ?? ""
    if scope == "compile" { scope = "" }
    let optional = (try interpolator.interpolate(dependency.optional))?.lowercased() == "true"
    // `joined([groupId, artifactId, type?, classifier?])`, written without the array.
    let writeKey = { (out: inout CompactXMLWriter) in
      out.raw(groupId)
      out.raw(ascii: ":")
      out.raw(artifactId)
      if type != "jar" || !classifier.isEmpty {
        out.raw(ascii: ":")
        out.raw(type)
      }
      if !classifier.isEmpty {
        out.raw(ascii: ":")
        out.raw(classifier)
      }
    }
    var key = ""
    var found: (id: Int, inserted: Bool) = (-1, true)
    if keys != nil {
      guard let inserted = CompactXMLWriter.withBytes(in: scratch, writeKey, { keys!.insert($0) }) else { return nil }
      found = inserted
    } else {
      key = CompactXMLWriter.string(in: scratch, writeKey)
    }

    let version = try interpolator.interpolate(dependency.version)
    let systemPath = try interpolator.interpolate(dependency.systemPath)
    // A set: repeats found by hashing (String hashing agrees with String equality), not by a
    // linear search per exclusion, which made thousands of exclusions quadratic (issue #8).
    var exclusions: [(String?, String?)] = []
    if !dependency.exclusions.isEmpty {
      var seenExclusions = Set<ExclusionPair>()
      for exclusion in dependency.exclusions {
        let pair = (try interpolator.interpolate(exclusion.groupId), try interpolator.interpolate(exclusion.artifactId))
        if seenExclusions.insert(ExclusionPair(groupId: pair.0, artifactId: pair.1)).inserted { exclusions.append(pair) }
      }
    }
    if exclusions.count > 1 {
      // Sorted by `groupId:artifactId`, each key made once rather than once per comparison.
      var keyed = exclusions.map { (key: "\($0.0 ?? ""):\($0.1 ?? "")", pair: $0) }
      keyed.sort { Self.byteOrder($0.key, $1.key) }
      exclusions = keyed.map(\.pair)
    }
    // Written straight as its one-line text (issue #8), in the order of `XMLOut` fields before.
    let write = { (out: inout CompactXMLWriter) in
      out.open("dependency")
      out.leaf("groupId", groupId)
      out.leaf("artifactId", artifactId)
      if let version { out.leaf("version", version) }
      if type != "jar" { out.leaf("type", type) }
      if !classifier.isEmpty { out.leaf("classifier", classifier) }
      if !scope.isEmpty { out.leaf("scope", scope) }
      if optional { out.leaf("optional", "true") }
      if let systemPath { out.leaf("systemPath", systemPath) }
      if !exclusions.isEmpty {
        out.open("exclusions")
        for (groupId, artifactId) in exclusions {
          if groupId == nil && artifactId == nil {
            out.empty("exclusion")
            continue
          }
          out.open("exclusion")
          if let groupId { out.leaf("groupId", groupId) }
          if let artifactId { out.leaf("artifactId", artifactId) }
          out.close("exclusion")
        }
        out.close("exclusions")
      }
      out.close("dependency")
    }
    return (key, found.id, found.inserted, written(at: depth, write), scope == "import" && type == "pom")
  }

  /// `dependency` for one whose values are all kept as bytes in `source` (ASCII, no `$`, so
  /// each interpolates to itself) and that has no exclusions: the same key and element, written
  /// from the bytes (issue #8: no String per value). The table never refuses an ASCII key.
  private func dependencyFromBytes(
    _ source: PomTextSource, _ dependency: DependencyByteFields, offset: Int, depth: Int?,
    keys: inout DependencyKeyTable?
  ) throws(DeptagError) -> (key: String, id: Int, inserted: Bool, element: XMLOut, isImport: Bool)? {
    guard let groupIdRange = dependency.groupId.range, !groupIdRange.isEmpty else {
      throw error("dependency without a <groupId> (Maven rejects it too)", at: offset)
    }
    guard let artifactIdRange = dependency.artifactId.range, !artifactIdRange.isEmpty else {
      throw error("dependency without an <artifactId> (Maven rejects it too)", at: offset)
    }
    return source.bytes.withUnsafeBufferPointer { all in
      let none = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
      func field(_ span: DependencyByteFields.Span) -> UnsafeBufferPointer<UInt8>? {
        guard let range = span.range else { return nil }
        // (in bounds: the range is the value's, in these bytes)
        return UnsafeBufferPointer(rebasing: all[range])
      }
      func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ text: StaticString, foldingCase: Bool = false) -> Bool {
        guard bytes.count == text.utf8CodeUnitCount else { return false }
        for k in 0..<bytes.count {
          var byte = bytes[k]
          if foldingCase && byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte += 0x20 }
          if byte != text.utf8Start[k] { return false }
        }
        return true
      }
      let jar: StaticString = "jar"
      let groupId = UnsafeBufferPointer(rebasing: all[groupIdRange])
      let artifactId = UnsafeBufferPointer(rebasing: all[artifactIdRange])
      var type = field(dependency.type) ?? none
      if type.isEmpty { type = UnsafeBufferPointer(start: jar.utf8Start, count: jar.utf8CodeUnitCount) }
      let isJar = equal(type, "jar")
      let classifier = field(dependency.classifier) ?? none
      var scope = field(dependency.scope) ?? none
      if equal(scope, "compile") { scope = none }
      // (`lowercased() == "true"`: the bytes are ASCII)
      let optional = field(dependency.optional).map { equal($0, "true", foldingCase: true) } ?? false
      let writeKey = { (out: inout CompactXMLWriter) in
        out.raw(bytes: groupId)
        out.raw(ascii: ":")
        out.raw(bytes: artifactId)
        if !isJar || !classifier.isEmpty {
          out.raw(ascii: ":")
          out.raw(bytes: type)
        }
        if !classifier.isEmpty {
          out.raw(ascii: ":")
          out.raw(bytes: classifier)
        }
      }
      var key = ""
      var found: (id: Int, inserted: Bool) = (-1, true)
      if keys != nil {
        found = CompactXMLWriter.withBytes(in: scratch, writeKey, { keys!.insert($0) })!
      } else {
        key = CompactXMLWriter.string(in: scratch, writeKey)
      }
      let version = field(dependency.version)
      let systemPath = field(dependency.systemPath)
      let isImport = equal(scope, "import") && equal(type, "pom")
      // The element's leaves, in the order `XMLOut` fields have always had.
      return withUnsafeTemporaryAllocation(of: CompactXMLWriter.Leaf.self, capacity: 8) { buffer in
        var count = 0
        func add(_ name: StaticString, _ value: UnsafeBufferPointer<UInt8>?) {
          guard let value else { return }
          // (in bounds: at most the eight leaves below)
          (buffer.baseAddress! + count).initialize(to: CompactXMLWriter.Leaf(name: name, value: value))
          count += 1
        }
        add("groupId", groupId)
        add("artifactId", artifactId)
        add("version", version)
        if !isJar { add("type", type) }
        if !classifier.isEmpty { add("classifier", classifier) }
        if !scope.isEmpty { add("scope", scope) }
        if optional { add("optional", Self.trueBytes) }
        add("systemPath", systemPath)
        let leaves = UnsafeBufferPointer(rebasing: buffer[..<count])
        // The usual case, no one-line text kept and nothing to escape: the leaves straight into
        // the pool (issue #8).
        if textOnly, let depth, !leaves.contains(where: { CompactXMLWriter.needsEscaping($0.value) }) {
          let element = CompactXMLWriter.pooledLeaves(pool: pool, depth: depth, "dependency", leaves)
          return (key, found.id, found.inserted, element, isImport)
        }
        let element = written(at: depth) { out in
          out.open("dependency")
          for leaf in leaves { out.leaf(leaf.name, bytes: leaf.value) }
          out.close("dependency")
        }
        return (key, found.id, found.inserted, element, isImport)
      }
    }
  }

  /// Plugins (or extensions) as a sorted set keyed by groupId:artifactId, the last of a repeated
  /// key winning; configuration, executions and inherited are not semantic (2.7).
  private mutating func pluginSet(
    _ list: [PomPlugin], interpolator: PomInterpolator, defaultGroup: String?, element: StaticString = "plugin"
  ) throws(DeptagError) -> [(String, XMLOut)] {
    var byKey: [String: XMLOut] = [:]
    for plugin in list {
      var groupId = try interpolator.interpolate(plugin.groupId) ?? ""
      if groupId.isEmpty, let defaultGroup { groupId = defaultGroup }
      guard let artifactId = try interpolator.interpolate(plugin.artifactId), !artifactId.isEmpty else {
        throw error("\(element) without an <artifactId> (Maven rejects it too)", at: plugin.offset)
      }
      let key = "\(groupId):\(artifactId)"
      let version = try interpolator.interpolate(plugin.version)
      let extensions = (try interpolator.interpolate(plugin.extensions))?.lowercased() == "true"
      // Plugin-level dependencies keep their order: they form the plugin's class path (2.2).
      let dependencies = try dependencyList(plugin.dependencies, interpolator: interpolator, what: "plugin dependency")
      let written = CompactXMLWriter.element(in: scratch) { out in
        out.open(element)
        if !groupId.isEmpty { out.leaf("groupId", groupId) }
        out.leaf("artifactId", artifactId)
        if let version { out.leaf("version", version) }
        if extensions { out.leaf("extensions", "true") }
        if !dependencies.isEmpty {
          out.open("dependencies")
          for (_, dependency) in dependencies { out.element(dependency) }
          out.close("dependencies")
        }
        out.close(element)
      }
      if byKey[key] != nil {
        warnings.append(
          Diagnostic(.warning, "\(element) \(key) is declared twice; Maven uses the last declaration", at: location(plugin.offset)))
      }
      byKey[key] = written
    }
    return byKey.keys.sorted(by: Self.byteOrder).map { ($0, byKey[$0]!) }
  }

  /// 2.8: id, url, layout and the release/snapshot policies; `name` is not semantic; defaults
  /// (layout `default`, `enabled` true) are dropped.
  private func repository(
    _ r: PomRepository, name: String, interpolator: PomInterpolator
  ) throws(DeptagError) -> XMLOut {
    var fields: [XMLOut] = []
    fields.append(optional: try interpolator.interpolate(r.id).map { .leaf("id", $0) })
    fields.append(optional: try interpolator.interpolate(r.url).map { .leaf("url", $0) })
    if let layout = try interpolator.interpolate(r.layout), !layout.isEmpty, layout != "default" {
      fields.append(.leaf("layout", layout))
    }
    for (label, policy) in [("releases", r.releases), ("snapshots", r.snapshots)] {
      guard let policy else { continue }
      var p: [XMLOut] = []
      if let enabled = try interpolator.interpolate(policy.enabled), enabled.lowercased() != "true" {
        p.append(.leaf("enabled", "false"))
      }
      p.append(optional: try interpolator.interpolate(policy.updatePolicy).map { .leaf("updatePolicy", $0) })
      p.append(optional: try interpolator.interpolate(policy.checksumPolicy).map { .leaf("checksumPolicy", $0) })
      if !p.isEmpty { fields.append(.node(label, p)) }
    }
    return .node(name, fields)
  }

  /// `parts` joined with `:`, made in one allocation (issue #8).
  static func joined(_ parts: [String]) -> String {
    var count = parts.count - 1
    for part in parts { count += part.utf8.count }
    return String(unsafeUninitializedCapacity: max(count, 0)) { buffer in
      var at = 0
      for (position, part) in parts.enumerated() {
        if position > 0 {
          buffer[at] = UInt8(ascii: ":")
          at += 1
        }
        var part = part
        part.withUTF8 { utf8 in
          _ = UnsafeMutableBufferPointer(rebasing: buffer[at..<(at + utf8.count)]).initialize(from: utf8)
          at += utf8.count
        }
      }
      return at
    }
  }

  /// A dependency written by `write`: straight into the pool, indented for `depth`, when it is
  /// known where the element goes (`CompactXMLWriter.pooled`), else as a one-line element.
  private func written(at depth: Int?, _ write: (inout CompactXMLWriter) -> Void) -> XMLOut {
    if let depth { return CompactXMLWriter.pooled(in: scratch, pool: pool, depth: depth, keepText: !textOnly, write) }
    return CompactXMLWriter.element(in: scratch, write)
  }

  /// 2.9: `./x` → `x`, `x/pom.xml` → `x`, `x/` → `x`, `pom.xml` → `.` (one `pom.xml` is the
  /// file: `x/pom.xml/pom.xml` is the module folder `x/pom.xml`).
  static func modulePath(_ raw: String) -> String {
    var path = LexicalPath.normalize(raw)
    if path == "pom.xml" { return "." }
    if path.hasSuffix("/pom.xml") { path = String(path.dropLast("/pom.xml".count)) }
    while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
    return path.isEmpty ? "/" : path  // `/pom.xml`: the root folder
  }

  /// A module folder as written, so that it reads back as the same folder (`modulePath`; found
  /// by the POM fuzz harness): a folder named `pom.xml`, or ending in blanks (which reading
  /// trims), gets its file named after it; one starting with blanks gets `./` before it.
  static func writtenModule(_ path: String) -> String {
    let blank: (Character?) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
    var written = blank(path.first) ? "./" + path : path
    if path == "pom.xml" || path.hasSuffix("/pom.xml") || blank(path.last) { written += "/pom.xml" }
    return written
  }

  static func byteOrder(_ a: String, _ b: String) -> Bool { ByteOrder.precedes(a, b) }

  private func location(_ offset: Int) -> SourceLocation { lines.location(file: path, offset: offset) }

  private func error(_ message: String, at offset: Int) -> DeptagError {
    DeptagError(message, at: location(offset))
  }
}

/// An exclusion's identity, for finding repeats.
private struct ExclusionPair: Hashable {
  var groupId: String?
  var artifactId: String?
}

/// The canonical POM as a tree: a leaf holds text, a node holds elements. (Not `indirect`: the
/// children array already breaks the recursion, and a box per element cost an allocation.)
enum XMLOut: Sendable, Hashable {
  case leaf(String, String)
  case node(String, [XMLOut])
  /// An element already written on one line by `CompactXMLWriter` (issue #8).
  case compact(String, CompactShape)
  /// As `compact`, also written indented for `depth` in a `BytePool` (its `range`) by
  /// `CompactXMLWriter.pooled`; the one-line text is empty when it was not kept.
  case pooled(String, CompactShape, Range<Int>, Int)

  /// Two-space indented, one element per line.
  func render(into text: inout String, depth: Int) {
    var bytes: [UInt8] = []
    write(into: &bytes, depth: depth)
    text += String(decoding: bytes, as: UTF8.self)
  }

  /// On one line, as an entry's text.
  var compact: String {
    if case .compact(let text, _) = self { return text }
    if case .pooled(let text, _, _, _) = self {
      precondition(!text.isEmpty, "XMLOut: a pooled element's one-line text was not kept")
      return text
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(256)  // (an entry's element: one allocation, not one per doubling)
    write(into: &bytes, depth: nil)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Where a pooled element's bytes go in a text written without them: `range` of the pool,
  /// before `out[at]`.
  struct Splice {
    var at: Int
    var range: Range<Int>
  }

  /// Writes the element as bytes (issue #8: no per-element strings): indented at `depth` and
  /// one element per line, or on one line when `depth` is nil.
  func write(into out: inout [UInt8], depth: Int?, pool: BytePool? = nil) {
    var splices: [Splice]? = nil
    write(into: &out, depth: depth, pool: pool, splices: &splices)
  }

  /// `elements` with each run of pooled elements without one-line text that follow each other
  /// in the pool, at the same depth, made one element (issue #8: a list of 8,000 dependencies is
  /// usually one piece of the pool, not 8,000 elements to copy and splice). Written at that
  /// depth, the result is the same bytes.
  static func coalescingPooled(_ elements: [XMLOut]) -> [XMLOut] {
    var result: [XMLOut] = []
    for element in elements {
      if case .pooled(let text, let shape, let range, let at) = element, text.isEmpty,
        case .pooled(let lastText, let lastShape, let lastRange, let lastAt)? = result.last, lastText.isEmpty,
        lastAt == at, lastRange.upperBound == range.lowerBound
      {
        var merged = lastShape
        merged.lines += shape.lines
        merged.indent += shape.indent
        result[result.count - 1] = .pooled("", merged, lastRange.lowerBound..<range.upperBound, at)
      } else {
        result.append(element)
      }
    }
    return result
  }

  /// `out` with the pool's bytes put in where `splices` say, as a String.
  static func joined(_ out: [UInt8], splices: [Splice], pool: BytePool) -> String {
    let total = splices.reduce(out.count) { $0 + $1.range.count }
    return out.withUnsafeBufferPointer { out in
      String(unsafeUninitializedCapacity: total) { target in
        var from = 0
        var to = 0
        func copy(_ bytes: UnsafeBufferPointer<UInt8>) {
          // (in bounds: the pieces add up to `total`)
          guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
          UnsafeMutableRawPointer(target.baseAddress! + to).copyMemory(from: base, byteCount: bytes.count)
          to += bytes.count
        }
        for splice in splices {
          copy(UnsafeBufferPointer(rebasing: out[from..<splice.at]))
          copy(pool.bytes(splice.range))
          from = splice.at
        }
        copy(UnsafeBufferPointer(rebasing: out[from...]))
        return to
      }
    }
  }

  /// `write`; with `splices` given, the elements written in `pool` at this depth are left out
  /// and where they go is listed in it (`joined` puts them in).
  func write(into out: inout [UInt8], depth: Int?, pool: BytePool?, splices: inout [Splice]?) {
    if case .pooled(let text, let shape, let range, let at) = self {
      if let depth, depth == at, let pool {
        if splices != nil {
          splices!.append(Splice(at: out.count, range: range))
        } else {
          out.append(contentsOf: pool.bytes(range))
        }
        return
      }
      precondition(!text.isEmpty, "XMLOut: a pooled element's one-line text was not kept")
      return XMLOut.compact(text, shape).write(into: &out, depth: depth)
    }
    if case .compact(let text, let shape) = self {
      if let depth {
        CompactXMLWriter.writeIndented(text, shape: shape, depth: depth, into: &out)
      } else {
        Self.append(text, to: &out)
      }
      return
    }
    if let depth { Self.indent(depth, into: &out) }
    switch self {
    case .compact, .pooled: break
    case .leaf(let name, let value):
      out.append(UInt8(ascii: "<"))
      Self.append(name, to: &out)
      if value.isEmpty {
        out.append(UInt8(ascii: "/"))
        out.append(UInt8(ascii: ">"))
      } else {
        out.append(UInt8(ascii: ">"))
        Self.escape(value, into: &out)
        out.append(UInt8(ascii: "<"))
        out.append(UInt8(ascii: "/"))
        Self.append(name, to: &out)
        out.append(UInt8(ascii: ">"))
      }
    case .node(let name, let children):
      out.append(UInt8(ascii: "<"))
      Self.append(name, to: &out)
      if children.isEmpty {
        out.append(UInt8(ascii: "/"))
        out.append(UInt8(ascii: ">"))
        break
      }
      out.append(UInt8(ascii: ">"))
      if depth != nil { out.append(0x0A) }
      for child in children { child.write(into: &out, depth: depth.map { $0 + 1 }, pool: pool, splices: &splices) }
      if let depth { Self.indent(depth, into: &out) }
      out.append(UInt8(ascii: "<"))
      out.append(UInt8(ascii: "/"))
      Self.append(name, to: &out)
      out.append(UInt8(ascii: ">"))
    }
    if depth != nil { out.append(0x0A) }
  }

  /// Two spaces per level.
  static func indent(_ depth: Int, into out: inout [UInt8]) {
    let count = 2 * depth
    if count <= spaces.count {
      spaces.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<count])) }
    } else {
      out.append(contentsOf: repeatElement(0x20, count: count))
    }
  }

  static let spaces = [UInt8](repeating: 0x20, count: 32)

  /// The UTF-8 of `text`, copied from its contiguous storage.
  private static func append(_ text: String, to out: inout [UInt8]) {
    var text = text
    text.withUTF8 { out.append(contentsOf: $0) }
  }

  /// `text` with `&`, `<` and `>` escaped, appended to `out`.
  static func escape(_ text: String, into out: inout [UInt8]) {
    var text = text
    let plain = text.withUTF8 { utf8 in
      for byte in utf8 where byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") {
        return false
      }
      out.append(contentsOf: utf8)
      return true
    }
    if !plain { append(escape(text), to: &out) }
  }

  /// `text` with every `&`, `<` and `>` byte escaped. By byte, not by Character: `&` followed
  /// by a combining mark is one Character that is not "&", yet still a raw `&` to an XML reader
  /// (found by the POM fuzz harness; fixed in deptag-canonical-v3).
  static func escape(_ text: String) -> String {
    guard text.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") })
    else { return text }
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count + 16)
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "&"): out += "&amp;".utf8
      case UInt8(ascii: "<"): out += "&lt;".utf8
      case UInt8(ascii: ">"): out += "&gt;".utf8
      default: out.append(byte)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}

extension Array where Element == XMLOut {
  mutating func append(optional element: XMLOut?) {
    if let element { append(element) }
  }
}
