/// One canonical entry of a manifest: what it is about (its identity key, e.g. a normalized
/// project name) and its canonical text (e.g. one canonical requirement line).
public struct Entry: Sendable, Hashable {
  /// Identity used to match entries across two versions of a manifest.
  public var key: String
  /// The canonical text of the entry, as it appears in the canonical manifest.
  public var text: String

  public init(key: String, text: String) {
    self.key = key
    self.text = text
  }
}

/// A manifest reduced to its meaning: manifest-level settings, ordered entries, and the canonical
/// text they print as (itself a valid manifest of the same format).
public struct Manifest: Sendable, Hashable {
  public var kind: ManifestKind
  /// The path as the user named it; never hashed.
  public var path: String
  /// Manifest-level settings (options, indexes, …), in canonical order.
  public var settings: [Entry]
  /// Entries in canonical order.
  public var entries: [Entry]
  /// The canonical text: what `deptag normalize` prints and what the digest hashes.
  public var canonicalText: String

  public init(
    kind: ManifestKind, path: String, settings: [Entry], entries: [Entry], canonicalText: String
  ) {
    self.kind = kind
    self.path = path
    self.settings = settings
    self.entries = entries
    self.canonicalText = canonicalText
  }
}
