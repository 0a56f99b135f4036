/// A module path with an optional version (`module.Version`; "" = no version).
struct GoModuleVersion: Sendable, Hashable {
  var path: String
  var version: String

  /// `path version` (or `path`), each part quoted when it must be.
  var written: String {
    version.isEmpty ? GoModText.quoteIfNeeded(path) : GoModText.quoteIfNeeded(path) + " " + GoModText.quoteIfNeeded(version)
  }

  /// The identity used in entry keys: `path` or `path@version`.
  var key: String { version.isEmpty ? path : path + "@" + version }

  static func precedes(_ a: GoModuleVersion, _ b: GoModuleVersion) -> Bool {
    if a.path != b.path { return ByteOrder.precedes(a.path, b.path) }
    return ByteOrder.precedes(a.version, b.version)
  }
}

/// A `replace` directive: old (version "" = every version) → new (version "" = a directory).
struct GoReplacement: Sendable, Hashable {
  var old: GoModuleVersion
  var new: GoModuleVersion
  var location: SourceLocation

  var written: String { "replace \(old.written) => \(new.written)" }
}

/// What a go.mod or go.work says after modfile's strict rules (go-modules.md §2, §3, §10):
/// only what `go mod download` depends on is kept.
struct GoModuleFile: Sendable {
  enum Flavor: Sendable { case goMod, goWork }

  var module: String?
  var go: String?
  var toolchain: String?
  var requires: [GoModuleVersion] = []
  var excludes: [GoModuleVersion] = []
  /// In file order, identical duplicates dropped; a conflicting duplicate is an error.
  var replaces: [GoReplacement] = []
  /// go.work `use` directories, as written (after unquoting).
  var uses: [String] = []
  var warnings: [Diagnostic] = []
}

/// Applies the directive rules of `modfile/rule.go` (`parseToFile`, `add`, `parseReplace`,
/// `parseVersion`) and `modfile/work.go` to the statements of one file.
struct GoModReader {
  let bytes: [UInt8]
  let file: String
  let flavor: GoModuleFile.Flavor
  private var result = GoModuleFile()
  private var firstRetract: SourceLocation?
  private var useLocations: [String: SourceLocation] = [:]

  /// Parses a go.mod (`.goMod`) or go.work (`.goWork`) file, throwing the first error.
  static func read(_ source: SourceFile, flavor: GoModuleFile.Flavor) throws(DeptagError) -> GoModuleFile {
    let tokens = try GoModLexer.tokenize(source.bytes, file: source.path)
    let statements = try GoModSyntax.parse(tokens, file: source.path)
    var reader = GoModReader(bytes: source.bytes, file: source.path, flavor: flavor)
    for statement in statements {
      switch statement {
      case .line(let line):
        try reader.add(verb: line[0], arguments: Array(line.dropFirst()), lineStart: line[0])
      case .block(let head, let lines):
        // §1.4: which verbs may open a block (go.work: work.go's ParseWork).
        let blockVerbs: Set<String> =
          flavor == .goMod
          ? ["module", "godebug", "require", "exclude", "replace", "retract", "tool", "ignore"]
          : ["godebug", "use", "replace"]
        guard head.count == 1, blockVerbs.contains(reader.raw(head[0])) else {
          let name = head.map { reader.raw($0) }.joined(separator: " ")
          throw DeptagError("unknown block type: \(name)", at: reader.location(head[0]))
        }
        for line in lines {
          try reader.add(verb: head[0], arguments: line, lineStart: line[0])
        }
      }
    }
    try reader.finish()
    return reader.result
  }

  private init(bytes: [UInt8], file: String, flavor: GoModuleFile.Flavor) {
    self.bytes = bytes
    self.file = file
    self.flavor = flavor
  }

  func raw(_ token: GoModToken) -> String {
    String(decoding: bytes[token.start..<token.end], as: UTF8.self)
  }

  func location(_ token: GoModToken) -> SourceLocation {
    SourceLocation(file: file, line: token.line, column: token.column)
  }

  /// `parseString`: a `"…"` token is unquoted; any other token may not contain a quote
  /// character (so backquoted strings and `'v1'` are errors, §1.3).
  private func string(_ token: GoModToken) throws(DeptagError) -> String {
    let slice = bytes[token.start..<token.end]
    if slice.first == UInt8(ascii: "\"") {
      do throws(GoModText.UnquoteError) {
        return try GoModText.unquote(slice)
      } catch {
        throw DeptagError("invalid quoted string: invalid syntax", at: location(token))
      }
    }
    if slice.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") || $0 == UInt8(ascii: "`") }) {
      throw DeptagError("invalid quoted string: unquoted string cannot contain quote", at: location(token))
    }
    return raw(token)
  }

  /// `parseVersion` without a network fixer: any valid semantic version, kept verbatim (§4.4,
  /// §7.1); a non-canonical one (`v1.2`, `v1.2.3+meta`) gets a warning, since the go command
  /// resolves it over the network and rewrites go.mod.
  private mutating func version(_ token: GoModToken, verb: String, path: String, warn: Bool = true) throws(DeptagError) -> String {
    let v = try string(token)
    guard GoVersions.isValid(v) else {
      throw DeptagError("\(verb) \(path): version \"\(v)\" invalid: must be of the form v1.2.3", at: location(token))
    }
    let canonical = GoVersions.canonical(v)
    if warn && canonical != v {
      result.warnings.append(
        Diagnostic(
          .warning,
          "\(verb) \(path): version '\(v)' is not canonical (the go command would look up what it means over the network and rewrite it, e.g. to '\(canonical)' or a later patch); it is hashed as written",
          at: location(token)))
    }
    return v
  }

  /// `modulePathMajor` + `module.CheckPathMajor`.
  private func checkMajor(_ version: String, path: String, verb: String, pathToken: GoModToken, at token: GoModToken) throws(DeptagError) {
    guard let major = GoVersions.pathMajor(path) else {
      throw DeptagError("\(verb) \(path): invalid module path", at: location(pathToken))
    }
    if let reason = GoVersions.checkPathMajor(version, major) {
      throw DeptagError("\(verb) \(path): version \"\(version)\" invalid: \(reason)", at: location(token))
    }
  }

  private mutating func add(verb verbToken: GoModToken, arguments args: [GoModToken], lineStart: GoModToken) throws(DeptagError) {
    let verb = raw(verbToken)
    let here = location(lineStart)
    switch (verb, flavor) {
    case ("go", _):
      // The go version is not unquoted: `go "1.21"` is an error (rule.go `add`, case "go").
      guard result.go == nil else { throw DeptagError("repeated go statement", at: here) }
      guard args.count == 1 else { throw DeptagError("go directive expects exactly one argument", at: here) }
      let value = raw(args[0])
      guard GoVersions.isGoVersion(value) else {
        throw DeptagError("invalid go version '\(value)': must match format 1.23.0", at: location(args[0]))
      }
      result.go = value

    case ("toolchain", _):
      guard result.toolchain == nil else { throw DeptagError("repeated toolchain statement", at: here) }
      guard args.count == 1 else { throw DeptagError("toolchain directive expects exactly one argument", at: here) }
      let value = raw(args[0])
      guard GoVersions.isToolchain(value) else {
        throw DeptagError("invalid toolchain version '\(value)': must match format go1.23.0 or default", at: location(args[0]))
      }
      result.toolchain = value

    case ("module", .goMod):
      guard result.module == nil else { throw DeptagError("repeated module statement", at: here) }
      guard args.count == 1 else { throw DeptagError("usage: module module/path", at: here) }
      result.module = try string(args[0])

    case ("godebug", _):
      // One raw token `key=value` without quotes or commas (§3.4); not download-relevant.
      guard args.count == 1 else { throw DeptagError("usage: godebug key=value", at: here) }
      let value = raw(args[0])
      guard !value.contains(where: { "\"`',".contains($0) }), value.contains("=") else {
        throw DeptagError("usage: godebug key=value", at: location(args[0]))
      }

    case ("require", .goMod), ("exclude", .goMod):
      guard args.count == 2 else { throw DeptagError("usage: \(verb) module/path v1.2.3", at: here) }
      let path = try string(args[0])
      let v = try version(args[1], verb: verb, path: path)
      try checkMajor(v, path: path, verb: verb, pathToken: args[0], at: args[1])
      let entry = GoModuleVersion(path: path, version: v)
      if verb == "require" { result.requires.append(entry) } else { result.excludes.append(entry) }

    case ("replace", _):
      try replace(args, lineStart: lineStart)

    case ("retract", .goMod):
      // §3.8: `retract v` or `retract [lo, hi]`; nothing may follow. Versions must be valid
      // semantic versions (cmd/go checks them against the module path).
      if firstRetract == nil { firstRetract = here }
      var rest = args[...]
      guard let first = rest.first, first.kind != .leftParen else {
        throw DeptagError("expected '[' or version", at: here)
      }
      if first.kind == .leftBracket {
        rest = rest.dropFirst()
        guard let low = rest.first else { throw DeptagError("expected version after '['", at: location(first)) }
        _ = try version(low, verb: verb, path: result.module ?? "", warn: false)
        rest = rest.dropFirst()
        guard let comma = rest.first, comma.kind == .comma else {
          throw DeptagError("expected ',' after version", at: location(rest.first ?? low))
        }
        rest = rest.dropFirst()
        guard let high = rest.first else { throw DeptagError("expected version after ','", at: location(comma)) }
        _ = try version(high, verb: verb, path: result.module ?? "", warn: false)
        rest = rest.dropFirst()
        guard let close = rest.first, close.kind == .rightBracket else {
          throw DeptagError("expected ']' after version", at: location(rest.first ?? high))
        }
        _ = close
        rest = rest.dropFirst()
      } else {
        _ = try version(first, verb: verb, path: result.module ?? "", warn: false)
        rest = rest.dropFirst()
      }
      if let extra = rest.first {
        throw DeptagError("unexpected token after version: \"\(raw(extra))\"", at: location(extra))
      }

    case ("tool", .goMod), ("ignore", .goMod):
      guard args.count == 1 else { throw DeptagError("\(verb) directive expects exactly one argument", at: here) }
      _ = try string(args[0])

    case ("use", .goWork):
      guard args.count == 1 else { throw DeptagError("usage: use local/dir", at: here) }
      let directory = try string(args[0])
      // cmd/go: "path … appears multiple times in workspace" (paths joined and cleaned).
      let cleaned = LexicalPath.normalize(directory)
      if useLocations[cleaned] != nil {
        throw DeptagError("path \(directory) appears multiple times in workspace", at: location(args[0]))
      }
      useLocations[cleaned] = location(args[0])
      result.uses.append(directory)
      result.warnings.append(
        Diagnostic(
          .warning, "the module in '\(directory)' is not hashed; add files that matter (its go.mod, go.sum) with --with",
          at: location(args[0])))

    default:
      throw DeptagError("unknown directive: \(verb)", at: location(verbToken))
    }
  }

  /// `parseReplace` (§3.7): `old [v] => new v` or `old [v] => directory`.
  private mutating func replace(_ args: [GoModToken], lineStart: GoModToken) throws(DeptagError) {
    let verb = "replace"
    let arrow = args.count >= 2 && raw(args[1]) == "=>" ? 1 : 2
    guard args.count >= arrow + 2, args.count <= arrow + 3, raw(args[arrow]) == "=>" else {
      throw DeptagError(
        "usage: replace module/path [v1.2.3] => other/module v1.4, or replace module/path [v1.2.3] => ../local/directory",
        at: location(lineStart))
    }
    let oldPath = try string(args[0])
    guard let major = GoVersions.pathMajor(oldPath) else {
      throw DeptagError("\(verb) \(oldPath): invalid module path", at: location(args[0]))
    }
    var oldVersion = ""
    if arrow == 2 {
      oldVersion = try version(args[1], verb: verb, path: oldPath)
      if let reason = GoVersions.checkPathMajor(oldVersion, major) {
        throw DeptagError("\(verb) \(oldPath): version \"\(oldVersion)\" invalid: \(reason)", at: location(args[1]))
      }
    }
    let target = args[arrow + 1]
    let newPath = try string(target)
    var newVersion = ""
    if args.count == arrow + 2 {
      guard GoVersions.isDirectoryPath(newPath) else {
        if newPath.contains("@") {
          throw DeptagError("replacement module must match format 'path version', not 'path@version'", at: location(target))
        }
        throw DeptagError(
          "replacement module without version must be directory path (rooted or starting with . or ..)",
          at: location(target))
      }
      guard !newPath.contains("\\") else {
        throw DeptagError("replacement directory appears to be Windows path (on a non-windows system)", at: location(target))
      }
      result.warnings.append(
        Diagnostic(
          .warning,
          "the directory '\(newPath)' replacing \(GoModuleVersion(path: oldPath, version: oldVersion).key) is not hashed (its go.mod joins the module graph); add files that matter with --with",
          at: location(target)))
    } else {
      newVersion = try version(args[arrow + 2], verb: verb, path: newPath)
      if GoVersions.isDirectoryPath(newPath) {
        throw DeptagError("replacement module directory path \"\(newPath)\" cannot have version", at: location(target))
      }
    }
    result.replaces.append(
      GoReplacement(
        old: GoModuleVersion(path: oldPath, version: oldVersion),
        new: GoModuleVersion(path: newPath, version: newVersion), location: location(lineStart)))
  }

  /// Checks that need the whole file: retract needs a module line (`fixRetract`), and two
  /// replaces of one left side must agree (cmd/go `toReplaceMap`: "conflicting replacements").
  private mutating func finish() throws(DeptagError) {
    if let firstRetract, result.module == nil {
      throw DeptagError("no module directive found, so retract cannot be used", at: firstRetract)
    }
    var seen: [GoModuleVersion: GoReplacement] = [:]
    var unique: [GoReplacement] = []
    for replacement in result.replaces {
      if let previous = seen[replacement.old] {
        guard previous.new == replacement.new else {
          throw DeptagError(
            "conflicting replacements for \(replacement.old.key): \(previous.new.written) (line \(previous.location.line)) and \(replacement.new.written)",
            at: replacement.location)
        }
        continue
      }
      seen[replacement.old] = replacement
      unique.append(replacement)
    }
    result.replaces = unique
  }
}
