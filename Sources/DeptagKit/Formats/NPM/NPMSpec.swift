/// Dependency specs as npm-package-arg types them (reference §1.5): only registry `range` and
/// `version` specs are rewritten (to node-semver's desugared range, §1.6); tags (`latest`,
/// `V1.2.3`, `1.2.x.x`), aliases, git, URLs, paths and anything semver does not take strictly
/// are kept byte for byte.
enum NPMSpec {
  /// The canonical spelling of `spec`.
  static func canonical(_ spec: String) -> String {
    // A range whose canonical text would read as another kind (`" 1.2.3-a.tgz"` is a version,
    // `1.2.3-a.tgz` a file) stays verbatim, so a range never shares a spelling with a non-range.
    guard isRegistrySpec(spec), let range = SemverRange.canonical(spec), isRegistrySpec(range) else { return spec }
    return range
  }

  /// Whether npm-package-arg would send `spec` to `fromRegistry` (where ranges live). Every other
  /// kind has a `/` or `:` somewhere, starts with `.`, or ends like a tarball file name.
  static func isRegistrySpec(_ spec: String) -> Bool {
    if spec.contains("/") || spec.contains(":") || spec.contains("\\") { return false }
    if spec.hasPrefix(".") { return false }
    return !hasTarballSuffix(spec)
  }

  /// npa's `isFilename`, `/[.](?:tgz|tar.gz|tar)$/i` (its `.` in `tar.gz` is unescaped):
  /// `1.2.3-a.tgz` is a file, not a prerelease version (§1.6 traps).
  static func hasTarballSuffix(_ spec: String) -> Bool {
    let lower = Array(spec.lowercased().utf8)
    func ends(_ suffix: String) -> Bool { lower.count >= suffix.utf8.count && lower.suffix(suffix.utf8.count).elementsEqual(suffix.utf8) }
    if ends(".tgz") || ends(".tar") { return true }
    let n = lower.count
    return n >= 7 && lower[(n - 7)..<(n - 3)].elementsEqual(".tar".utf8) && lower[(n - 2)...].elementsEqual("gz".utf8)
  }

  /// Whether `spec` names local content (`file:`, `link:`, a path, a local tarball), whose
  /// contents deptag does not read (PRODUCT.md principle 7).
  static func isLocal(_ spec: String) -> Bool {
    let lower = spec.lowercased()
    if lower.hasPrefix("file:") || lower.hasPrefix("link:") { return true }
    if spec.hasPrefix(".") || spec.hasPrefix("/") || spec.hasPrefix("~/") { return true }
    return hasTarballSuffix(spec) && !spec.contains(":")
  }

  /// The package name of an `overrides` key (`name`, `name@range`, `@scope/name@range`).
  static func overrideKeyName(_ key: String) -> String {
    let body = key.hasPrefix("@") ? key.dropFirst() : Substring(key)
    guard let at = body.firstIndex(of: "@") else { return key }
    return String(key[..<at])
  }
}
