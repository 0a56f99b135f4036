/// The global options of a requirements file folded into the state pip ends up with
/// (pip-requirements.md §2, §8): the index list after every `-i`/`--extra-index-url`/`--no-index`,
/// the binary and release-control sets after their mutual exclusions, and the set-like options.
/// Options pip applies in order are applied in order here; the rendering writes them back so
/// that pip reading the canonical file reaches the same state.
struct PipSettings: Equatable {
  /// `--no-index` was seen (sticky: later index options are ignored).
  var noIndex = false
  /// The index list still starts with the implicit PyPI (no `--index-url` yet).
  var usesDefaultIndex = true
  /// Explicit index URLs: with `usesDefaultIndex == false` the first is the `--index-url`.
  var indexURLs: [String] = []
  /// `--find-links`, in order (pip takes only the first on each line).
  var findLinks: [String] = []
  var noBinary: Set<String> = []
  var onlyBinary: Set<String> = []
  var allReleases: Set<String> = []
  var onlyFinal: Set<String> = []
  var pre = false
  var preferBinary = false
  var requireHashes = false
  var noRequireHashes = false
  var trustedHosts: Set<String> = []
  var features: Set<String> = []

  /// `handle_option_line` for one option-only line, in pip's order within a line.
  mutating func applyOptionLine(_ options: [PipOption.Occurrence]) {
    func values(_ option: PipOption) -> [String] { options.filter { $0.option == option }.map(\.value) }
    if options.contains(where: { $0.option == .requireHashes }) { requireHashes = true }
    if options.contains(where: { $0.option == .noRequireHashes }) { noRequireHashes = true }
    features.formUnion(values(.useFeature))
    if options.contains(where: { $0.option == .noIndex }) {
      noIndex = true
      usesDefaultIndex = false
      indexURLs = []
    }
    if !noIndex, let index = values(.indexURL).last {  // optparse "store": the last one wins
      usesDefaultIndex = false
      indexURLs = [index]
    }
    if !noIndex { indexURLs += values(.extraIndexURL) }
    if let link = values(.findLinks).first { findLinks.append(link) }
    if options.contains(where: { $0.option == .pre }) { pre = true }
    if options.contains(where: { $0.option == .preferBinary }) { preferBinary = true }
    trustedHosts.formUnion(values(.trustedHost))
  }

  /// `FormatControl.handle_mutual_excludes` / `ReleaseControl.handle_mutual_excludes`: these run
  /// as optparse callbacks on the finder's shared object while a line is parsed, so they apply on
  /// requirement lines too, in file order.
  mutating func applyCallback(_ occurrence: PipOption.Occurrence) {
    switch occurrence.option {
    case .noBinary: Self.mutualExclude(occurrence.value, target: &noBinary, other: &onlyBinary)
    case .onlyBinary: Self.mutualExclude(occurrence.value, target: &onlyBinary, other: &noBinary)
    case .allReleases: Self.mutualExclude(occurrence.value, target: &allReleases, other: &onlyFinal)
    case .onlyFinal: Self.mutualExclude(occurrence.value, target: &onlyFinal, other: &allReleases)
    default: break
    }
  }

  static func isCallback(_ option: PipOption) -> Bool {
    [.noBinary, .onlyBinary, .allReleases, .onlyFinal].contains(option)
  }

  private static func mutualExclude(_ value: String, target: inout Set<String>, other: inout Set<String>) {
    var new = value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    while let all = new.firstIndex(of: ":all:") {
      other.removeAll()
      target = [":all:"]
      new.removeSubrange(...all)
      if !new.contains(":none:") { return }
    }
    for name in new {
      if name == ":none:" {
        target.removeAll()
        continue
      }
      let normalized = ProjectName.normalize(name)
      other.remove(normalized)
      // pip keeps "" and a ":NONE:" spelled otherwise (normalized ":none:") as names, but no
      // project has those names, so they change nothing; kept, ":none:" would clear the set and
      // "" would lead a written value on reading back (deptag-canonical-v3).
      if normalized.isEmpty || normalized == ":none:" { continue }
      target.insert(normalized)
    }
  }

  /// The canonical option lines, each an entry keyed by its option name.
  var entries: [Entry] {
    var out: [Entry] = []
    func add(_ option: String, _ value: String? = nil) {
      out.append(Entry(key: option, text: value.map { "\(option) \(ShellWords.quote($0))" } ?? option))
    }
    if noIndex {
      add("--no-index")
    } else {
      for (i, url) in indexURLs.enumerated() {
        add(i == 0 && !usesDefaultIndex ? "--index-url" : "--extra-index-url", url)
      }
    }
    for link in findLinks { add("--find-links", link) }
    for host in trustedHosts.sorted(by: Self.bytewise) { add("--trusted-host", host) }
    Self.renderPair("--no-binary", noBinary, "--only-binary", onlyBinary, into: add)
    Self.renderPair("--all-releases", allReleases, "--only-final", onlyFinal, into: add)
    if pre { add("--pre") }
    if preferBinary { add("--prefer-binary") }
    if requireHashes { add("--require-hashes") }
    if noRequireHashes { add("--no-require-hashes") }
    for feature in features.sorted(by: Self.bytewise) { add("--use-feature", feature) }
    return out
  }

  /// Writes two mutually exclusive sets so that reading them back in order rebuilds them:
  /// the side holding `:all:` first (it clears both), then the names. A value starting with `-`
  /// is refused by pip (`handle_mutual_excludes`: "requires 1 argument"), so such a list starts
  /// with an empty name (`,-x,a`), which pip reads and deptag drops (found by the pip fuzz harness).
  private static func renderPair(
    _ firstName: String, _ first: Set<String>, _ secondName: String, _ second: Set<String>,
    into add: (String, String?) -> Void
  ) {
    let ordered = second.contains(":all:") ? [(secondName, second), (firstName, first)] : [(firstName, first), (secondName, second)]
    for (name, set) in ordered where set.contains(":all:") { add(name, ":all:") }
    for (name, set) in ordered {
      let names = set.subtracting([":all:"]).sorted(by: bytewise)
      if !names.isEmpty { add(name, (names[0].hasPrefix("-") ? "," : "") + names.joined(separator: ",")) }
    }
  }

  /// `PipSession.add_trusted_host` via `parse_netloc`: a host part is required, a port is a
  /// number from 0 to 65535.
  static func trustedHostProblem(_ value: String) -> String? {
    var netloc = Substring(value)
    if let at = netloc.lastIndex(of: "@") { netloc = netloc[netloc.index(after: at)...] }
    var host: Substring
    var port: Substring?
    if netloc.hasPrefix("["), let close = netloc.firstIndex(of: "]") {
      host = netloc[netloc.index(after: netloc.startIndex)..<close]
      let rest = netloc[netloc.index(after: close)...]
      if rest.hasPrefix(":") { port = rest.dropFirst() }
    } else if let colon = netloc.lastIndex(of: ":") {
      host = netloc[..<colon]
      port = netloc[netloc.index(after: colon)...]
    } else {
      host = netloc
    }
    if host.isEmpty { return "trusted host '\(value)' must include a host part" }
    if let port, !port.isEmpty, Int(port).map({ !(0...65535).contains($0) }) ?? true {
      return "trusted host '\(value)' has an invalid port"
    }
    return nil
  }

  static func bytewise(_ a: String, _ b: String) -> Bool { ByteOrder.precedes(a, b) }
}
