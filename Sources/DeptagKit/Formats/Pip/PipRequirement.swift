/// One requirement line of a requirements file, canonicalized (pip-requirements.md §4, §7).
struct PipRequirement: Equatable {
  /// Identity for sorting and diffing: the normalized project name, else the URL or path.
  var key: String
  /// The canonical line, per-requirement options included.
  var text: String
  /// Lines of one project whose relative order pip may act on (per-requirement options, an
  /// editable flag, a direct URL or path: pip takes such options from the first line, §5).
  var orderSensitive: Bool
  /// A local path or `file:` URL whose contents are not hashed.
  var localContent: String?
  /// Whether the project has a name pip knows before building (constraints need one).
  var isNamed: Bool
  var hasExtras: Bool
  /// The first 16 bytes of `key`, big-endian, zero-padded: two integers that order as the keys
  /// do where they differ (keys never contain NUL), so sorting seldom reads the strings.
  var keyPrefix: (UInt64, UInt64)

  init(key: String, text: String, orderSensitive: Bool, localContent: String?, isNamed: Bool, hasExtras: Bool) {
    self.key = key
    self.text = text
    self.orderSensitive = orderSensitive
    self.localContent = localContent
    self.isNamed = isNamed
    self.hasExtras = hasExtras
    var key = key
    var prefix: (UInt64, UInt64) = (0, 0)
    key.withUTF8 { bytes in
      // At most the 16 bytes of `prefix`, copied as they are, then read big-endian.
      withUnsafeMutableBytes(of: &prefix) { $0.copyMemory(from: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes.prefix(16)))) }
    }
    keyPrefix = (UInt64(bigEndian: prefix.0), UInt64(bigEndian: prefix.1))
  }

  static func == (a: PipRequirement, b: PipRequirement) -> Bool {
    a.key == b.key && a.text == b.text && a.orderSensitive == b.orderSensitive && a.localContent == b.localContent
      && a.isNamed == b.isNamed && a.hasExtras == b.hasExtras
  }

  /// Whether `key` sorts before `other.key` (`ByteOrder.precedes`).
  func keyPrecedes(_ other: PipRequirement) -> Bool {
    if keyPrefix != other.keyPrefix { return keyPrefix < other.keyPrefix }
    return ByteOrder.precedes(key, other.key)
  }

  /// Whether the keys are equal.
  func hasKey(of other: PipRequirement) -> Bool {
    keyPrefix == other.keyPrefix && key == other.key
  }
}

/// Builds `PipRequirement`s from the requirement part of a line (`parse_req_from_line`,
/// `parse_editable` in pip's `req/constructors.py`).
struct PipRequirementParser {
  let line: LogicalLine
  let file: String

  func error(_ message: String, at index: String.Index) -> DeptagError {
    DeptagError(message, at: line.location(of: index, file: file))
  }

  /// A non-editable requirement: `text` is the part before the first option word.
  func requirement(_ text: Substring, options: [PipOption.Occurrence]) throws(DeptagError) -> PipRequirement {
    var req = try parseTarget(text)
    let suffix = try optionSuffix(options, allowHashes: true)
    if !suffix.isEmpty {  // appending "" still costs a uniqueness check and a copy
      req.text += suffix
      req.orderSensitive = true
    }
    return req
  }

  /// An `-e` requirement: `argument` is the option's value, starting at `start`.
  func editable(_ argument: String, at start: String.Index, options: [PipOption.Occurrence]) throws(DeptagError) -> PipRequirement {
    guard !argument.isEmpty else {
      throw error("'' is not a valid editable requirement: it should be a path to a local project or a VCS URL", at: start)
    }
    // pip 25.3+: `name[extras] @ URL ; marker` first (`_parse_direct_url_editable`).
    if let direct = try? PEP508Requirement.parse(argument), let url = direct.url {
      return PipRequirement(
        key: direct.normalizedName, text: "-e " + ShellWords.quote(compact(direct)) + (try optionSuffix(options, allowHashes: false)),
        orderSensitive: true, localContent: url.lowercased().hasPrefix("file:") ? url : nil,
        isNamed: true, hasExtras: !direct.extras.isEmpty)
    }
    let suffix = try optionSuffix(options, allowHashes: false)
    if let scheme = Self.scheme(of: argument) {
      let vcsURL = Self.vcsSchemes.contains(scheme) || scheme == "file"
      // `_parse_pip_syntax_editable`: `git:` etc. get their `vcs+` prefix.
      guard vcsURL || ["git", "hg", "svn", "bzr"].contains(where: { argument.lowercased().hasPrefix("\($0):") }) else {
        throw error("'\(argument)' is not a valid editable requirement: it should be a path to a local project or a VCS URL (git+…, hg+…, svn+…, bzr+…)", at: start)
      }
      let egg = try eggFragment(argument, at: start)
      if egg == nil && scheme != "file" {
        throw error("could not detect the requirement name of '\(argument)'; name it with name @ URL", at: start)
      }
      return PipRequirement(
        key: egg.map(ProjectName.normalize) ?? argument, text: "-e " + ShellWords.quote(argument) + suffix,
        orderSensitive: true, localContent: scheme == "file" ? argument : nil, isNamed: egg != nil, hasExtras: false)
    }
    // A local project directory, with optional extras.
    let (path, extras) = Self.stripExtras(argument)
    let normalized = Self.normalizedLocalPath(path)
    return PipRequirement(
      key: normalized, text: "-e " + ShellWords.quote(normalized + Self.render(extras: extras)) + suffix,
      orderSensitive: true, localContent: normalized, isNamed: false, hasExtras: !extras.isEmpty)
  }

  /// `name[extras]specs; marker`, or `name[extras]@url` without spaces when there is no marker.
  private func compact(_ r: PEP508Requirement) -> String {
    guard let url = r.url else { return r.canonical }
    let head = ProjectName.spelled(r.normalizedName) + Self.render(extras: r.extras)
    if let marker = r.marker { return PEP508Requirement.joining(head, url: url) + " ; \(marker)" }
    return "\(head)@\(url)"
  }

  private func parseTarget(_ raw: Substring) throws(DeptagError) -> PipRequirement {
    // One pass over the bytes finds what the usual line needs: no ":" means no URL scheme.
    let (colon, semicolon) = raw.withBytes { bytes -> (Int?, Int?) in
      (bytes.firstIndex(of: UInt8(ascii: ":")), bytes.firstIndex(of: UInt8(ascii: ";")))
    }
    let isURL = colon != nil && (Self.scheme(of: raw).map { Self.urlSchemes.contains($0) || Self.vcsSchemes.contains($0) } ?? false)
    // pip splits the marker off itself: at the first ";" for named lines, at "; " for bare URLs.
    let markerSplit: Range<String.Index>? =
      isURL ? Self.firstRange(of: "; ", in: raw) : semicolon.map { offset in
        let at = raw.utf8.index(raw.startIndex, offsetBy: offset)
        return at..<raw.utf8.index(after: at)
      }
    var body = raw
    var marker: [UInt8]?
    if let range = markerSplit {
      body = raw[..<range.lowerBound]
      let markerText = Self.strip(raw[range.upperBound...])
      if !markerText.isEmpty {
        do {
          marker = try MarkerExpression.canonicalBytes(markerText)
        } catch {
          throw self.error("invalid marker: \(error.message)", at: index(markerText, error.offset))
        }
      }
    }
    body = Self.strip(body)
    // Spelled out only for the path and URL forms; the PEP 508 form appends the bytes.
    var markerSuffix: String { marker.map { " ; " + String(decoding: $0, as: UTF8.self) } ?? "" }
    if isURL {
      let url = String(body)
      if let wheel = try wheelName(url, at: body.startIndex) {
        return PipRequirement(key: wheel, text: url + markerSuffix, orderSensitive: true,
          localContent: url.lowercased().hasPrefix("file:") ? url : nil, isNamed: true, hasExtras: false)
      }
      let egg = try eggFragment(url, at: body.startIndex)
      return PipRequirement(
        key: egg.map(ProjectName.normalize) ?? url, text: url + markerSuffix, orderSensitive: true,
        localContent: url.lowercased().hasPrefix("file:") ? url : nil, isNamed: egg != nil, hasExtras: false)
    }
    // What the rest needs to know about the text, read in one pass over its bytes (which the
    // PEP 508 parser then reads from a copy).
    let (bytes, looksLikePath, endsWithBracket) = body.withBytes { b in
      (Array(b), b.contains(UInt8(ascii: "/")) || b.first == UInt8(ascii: "."), b.last == UInt8(ascii: "]"))
    }
    // `_strip_extras` changes only a text ending in "]": split once here, and the plain text is
    // copied only where the line turns out to be a path (an archive or a local project).
    let bracketed = endsWithBracket ? Self.stripExtras(String(body)) : nil
    var pathAndExtras: (String, [String]) { bracketed ?? (String(body), []) }
    let archive = bracketed.map { Self.isArchive($0.0[...]) } ?? Self.isArchive(bytes)
    if archive {
      let (pathPart, extras) = pathAndExtras
      // `_get_url_from_path`: "name @ …whl" whose part before "@" is no path is a PEP 508 line.
      let parts = body.split(separator: "@", maxSplits: 1)
      let pep508 = parts.count == 2 && !(parts[0].contains("/") || parts[0].hasPrefix("."))
      if !pep508 {
        let path = Self.normalizedLocalPath(pathPart)
        let wheel = try wheelName(pathPart, at: body.startIndex)
        return PipRequirement(
          key: wheel ?? path, text: path + Self.render(extras: extras) + markerSuffix, orderSensitive: true,
          localContent: path, isNamed: wheel != nil, hasExtras: !extras.isEmpty)
      }
    }
    do {
      // The canonical text is written straight into bytes; the marker goes after it.
      var parser = RequirementParser(bytes: bytes)
      let parsed = try parser.parse()
      var text = parsed.bytes
      if let marker {
        // A URL needs a space before ";" (packaging ends a URL only at whitespace).
        PEP508Bytes.append(parsed.url == nil ? "; " : " ; ", to: &text)
        text.append(contentsOf: marker)
      }
      let url = parsed.url.map { String(decoding: parsed.bytes[$0], as: UTF8.self) }
      return PipRequirement(
        key: parsed.normalizedName, text: String(decoding: text, as: UTF8.self), orderSensitive: url != nil,
        localContent: url.flatMap { $0.lowercased().hasPrefix("file:") ? $0 : nil },
        isNamed: true, hasExtras: parsed.extras != nil)
    } catch {
      // Only something that can be a file-system path: pip would otherwise fail on it too (a URL of
      // another scheme, text with spaces).
      if looksLikePath && !archive && !body.contains("://") && !body.unicodeScalars.contains(where: PythonText.isSpace) {
        // A local project directory (pip checks the disk; deptag never does, see README).
        let (pathPart, extras) = pathAndExtras
        let path = Self.normalizedLocalPath(pathPart)
        return PipRequirement(
          key: path, text: path + Self.render(extras: extras) + markerSuffix, orderSensitive: true,
          localContent: path, isNamed: false, hasExtras: !extras.isEmpty)
      }
      if Self.containsEnvironmentVariable(body) {
        // `${VAR}` is expanded by pip at install time; the line cannot be parsed before that,
        // so it is hashed verbatim.
        let name = body.prefix(while: { $0.isLetter || $0.isNumber || "._-".contains($0) })
        return PipRequirement(
          key: ProjectName.normalize(name), text: String(body) + markerSuffix, orderSensitive: true,
          localContent: nil, isNamed: !name.isEmpty, hasExtras: false)
      }
      throw self.error("invalid requirement '\(body)': \(error.message)", at: index(body, error.offset))
    }
  }

  private func index(_ text: Substring, _ offset: Int) -> String.Index {
    text.utf8.index(text.startIndex, offsetBy: min(max(offset, 0), text.utf8.count))
  }

  /// `--hash` (a lower-cased set per line; pip ignores it on `-e` lines) and `--config-settings`
  /// (sorted by key, repeated values of one key in order), as a canonical suffix.
  private func optionSuffix(_ options: [PipOption.Occurrence], allowHashes: Bool) throws(DeptagError) -> String {
    guard !options.isEmpty else { return "" }  // most lines: no Set, no Dictionary
    var out = ""
    if allowHashes {
      var hashes = Set<String>()
      for o in options where o.option == .hash { hashes.insert(o.value.lowercased()) }
      for h in hashes.sorted(by: PipSettings.bytewise) { out += " --hash=" + ShellWords.quote(h) }
    }
    var settings: [String: [String]] = [:]
    for o in options where o.option == .configSettings {
      let eq = o.value.firstIndex(of: "=")!
      settings[String(o.value[..<eq]), default: []].append(String(o.value[o.value.index(after: eq)...]))
    }
    for key in settings.keys.sorted(by: PipSettings.bytewise) {
      for value in settings[key]! { out += " --config-settings " + ShellWords.quote("\(key)=\(value)") }
    }
    return out
  }

  /// The `#egg=` project name (pip 26: it must be a bare project name).
  private func eggFragment(_ url: String, at start: String.Index) throws(DeptagError) -> String? {
    guard let range = url.firstRange(of: "#egg=") ?? url.firstRange(of: "&egg=") else { return nil }
    let value = url[range.upperBound...].prefix(while: { $0 != "&" })
    guard ProjectName.isValid(value) else {
      throw error("invalid '#egg=\(value)' fragment: pip 26 requires a bare project name (write 'name @ URL' for extras or versions)", at: start)
    }
    return String(value)
  }

  /// The normalized project name of a wheel file name, nil when `url` names no wheel.
  private func wheelName(_ url: String, at start: String.Index) throws(DeptagError) -> String? {
    var path = url[...]
    if let cut = path.firstIndex(where: { $0 == "#" || $0 == "?" }) { path = path[..<cut] }
    let fileName = path.split(separator: "/").last ?? path
    guard fileName.lowercased().hasSuffix(".whl") else { return nil }
    let parts = fileName.dropLast(4).split(separator: "-")
    guard parts.count == 5 || parts.count == 6, ProjectName.isValid(parts[0]) else {
      throw error("invalid wheel file name '\(fileName)'", at: start)
    }
    return ProjectName.normalize(parts[0])
  }

  static let urlSchemes: Set<String> = ["http", "https", "file", "ftp"]
  /// `vcs.all_schemes` of pip 26.3 (plain `git:`/`svn:` are not among them: pip only rewrites
  /// them for `-e`).
  static let vcsSchemes: Set<String> = [
    "git+http", "git+https", "git+ssh", "git+git", "git+file",
    "hg+file", "hg+http", "hg+https", "hg+ssh", "hg+static-http",
    "svn+ssh", "svn+http", "svn+https", "svn+svn", "svn+file",
    "bzr+http", "bzr+https", "bzr+ssh", "bzr+sftp", "bzr+ftp", "bzr+lp", "bzr+file",
  ]

  /// `name.split(":", 1)[0].lower()` when there is a colon (pip's `is_url` test).
  static func scheme<S: StringProtocol>(of text: S) -> String? {
    Substring(text).withBytes { bytes in
      guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
      return String(decoding: bytes[..<colon].lazy.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
  }


  static func containsEnvironmentVariable<S: StringProtocol>(_ text: S) -> Bool {
    guard let open = text.firstRange(of: "${") else { return false }
    let rest = text[open.upperBound...]
    guard let close = rest.firstIndex(of: "}") else { return false }
    let name = rest[..<close]
    return !name.isEmpty && name.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
  }

  /// `str.strip()` over the bytes (`PythonText.strip` walks Unicode scalars).
  static func strip(_ text: Substring) -> Substring {
    let kept = text.withBytes { bytes -> Range<Int> in
      guard let first = PythonBytes.firstNonSpace(bytes, in: 0..<bytes.count) else { return 0..<0 }
      // The usual end: an ASCII character that is no space (then no scan of the whole text).
      if let last = bytes.last, last < 0x80, !PythonText.isASCIISpace(last) { return first..<bytes.count }
      return first..<PythonBytes.endOfNonSpace(bytes, in: first..<bytes.count)
    }
    if kept.lowerBound == 0 && kept.upperBound == text.utf8.count { return text }
    let start = text.utf8.index(text.startIndex, offsetBy: kept.lowerBound)
    return text[start..<text.utf8.index(start, offsetBy: kept.count)]
  }

  /// pip's `is_archive_file` (with its `.tar.*` aware `splitext`).
  static func isArchive(_ path: Substring) -> Bool {
    path.withBytes { isArchive($0) }
  }

  /// `isArchive` over the path's UTF-8 bytes.
  static func isArchive<Bytes: RandomAccessCollection>(_ bytes: Bytes) -> Bool where Bytes.Element == UInt8 {
    guard let last = bytes.last else { return false }
    let lower = { (byte: UInt8) in byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }  // ASCII only
    // The last letters of the suffixes below: most requirement texts end in a version digit.
    switch lower(last) {
    case UInt8(ascii: "p"), UInt8(ascii: "l"), UInt8(ascii: "2"), UInt8(ascii: "z"), UInt8(ascii: "a"),
      UInt8(ascii: "r"):
      break
    default:
      return false
    }
    // ASCII case-insensitive `endswith`, from the end, without copying the path.
    return archiveSuffixes.contains { suffix in
      suffix.count <= bytes.count && zip(suffix.reversed(), bytes.reversed()).allSatisfy { $0 == lower($1) }
    }
  }

  private static let archiveSuffixes: [[UInt8]] = [
    ".zip", ".whl", ".tar.bz2", ".tbz", ".tar.xz", ".txz", ".tlz", ".tar.lz", ".tar.lzma", ".tar.gz", ".tgz", ".tar",
  ].map { Array($0.utf8) }

  /// The first occurrence of an ASCII `needle` in `text`, searched over UTF-8 bytes.
  static func firstRange(of needle: String, in text: Substring) -> Range<String.Index>? {
    var needle = needle
    let offset = needle.withUTF8 { pattern in
      text.withBytes { bytes -> Int? in
        guard pattern.count <= bytes.count, let first = pattern.first else { return nil }
        var i = 0
        while i + pattern.count <= bytes.count {
          if bytes[i] == first && (1..<pattern.count).allSatisfy({ bytes[i + $0] == pattern[$0] }) { return i }
          i += 1
        }
        return nil
      }
    }
    guard let offset else { return nil }
    let start = text.utf8.index(text.startIndex, offsetBy: offset)
    return start..<text.utf8.index(start, offsetBy: needle.utf8.count)
  }


  /// `_strip_extras`: a trailing `[…]` is the extras of a path.
  static func stripExtras(_ text: String) -> (String, [String]) {
    guard text.hasSuffix("]"), let open = text.lastIndex(of: "["), open > text.startIndex else { return (text, []) }
    let inner = text[text.index(after: open)..<text.index(before: text.endIndex)]
    guard !inner.isEmpty, !inner.contains("]") else { return (text, []) }
    let extras = Set(inner.split(separator: ",").map { ProjectName.normalize(PythonText.strip($0)) }.filter { !$0.isEmpty })
    return (String(text[..<open]), extras.sorted(by: PipSettings.bytewise))
  }

  static func render(extras: [String]) -> String {
    extras.isEmpty ? "" : "[" + extras.map(ProjectName.spelled).joined(separator: ",") + "]"
  }

  /// A local path, lexically normalized, still spelled so that pip sees a path (`./x`), and
  /// never starting with `-` or `#`, which a requirements line reads as an option or a comment
  /// (`./-x/y` stays so; found by the pip fuzz harness). A path ending in `[…]` keeps a final `/`,
  /// or `_strip_extras` would read that `[…]` as extras (`a/[x]/`; found by the fuzz harness).
  static func normalizedLocalPath(_ path: String) -> String {
    let normalized = LexicalPath.normalize(path)
    let optionOrComment = normalized.hasPrefix("-") || normalized.hasPrefix("#")
    let spelled = normalized.hasPrefix(".") || (normalized.contains("/") && !optionOrComment) ? normalized : "./" + normalized
    return Self.stripExtras(spelled).0 != spelled ? spelled + "/" : spelled
  }
}
