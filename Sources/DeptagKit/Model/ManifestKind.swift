/// The kinds of manifest deptag reads. The raw value is the name hashed into the digest framing
/// and accepted by `--type`; it never changes without a canonical-format version bump.
public enum ManifestKind: String, Sendable, Hashable, CaseIterable, Comparable {
  /// A pip requirements file.
  case pip
  /// A pip constraints file reached through `-c`; never named by `--type`.
  case pipConstraints = "pip-constraints"

  /// Kinds a user may name with `--type`.
  public static var selectable: [ManifestKind] { [.pip] }

  public static func < (lhs: ManifestKind, rhs: ManifestKind) -> Bool {
    lhs.rawValue.utf8.lexicographicallyPrecedes(rhs.rawValue.utf8)
  }
}
