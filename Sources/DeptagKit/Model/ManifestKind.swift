/// The kinds of manifest deptag reads. The raw value is the name hashed into the digest framing
/// and accepted by `--type`; it never changes without a canonical-format version bump.
public enum ManifestKind: String, Sendable, Hashable, CaseIterable, Comparable {
  /// A pip requirements file.
  case pip
  /// A pip constraints file reached through `-c`; never named by `--type`.
  case pipConstraints = "pip-constraints"
  /// A go.mod file.
  case gomod
  /// A go.sum file.
  case gosum
  /// A go.work file.
  case gowork
  /// A Maven pom.xml.
  case maven
  /// A package.json.
  case npm
  /// A package-lock.json.
  case npmLock = "npm-lock"

  /// Kinds a user may name with `--type`.
  public static var selectable: [ManifestKind] { [.pip, .gomod, .gosum, .gowork, .maven, .npm, .npmLock] }

  public static func < (lhs: ManifestKind, rhs: ManifestKind) -> Bool {
    ByteOrder.precedes(lhs.rawValue, rhs.rawValue)
  }
}
