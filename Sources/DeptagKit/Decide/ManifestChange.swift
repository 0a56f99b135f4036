/// One difference between two versions of a manifest, per identity key: the canonical lines of
/// that key on each side (a key may have several lines, e.g. two pip lines of one project).
public struct ManifestChange: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable {
    case added, removed, changed
  }

  public var kind: Kind
  /// Whether it is a manifest-level setting (an option, `go`, an index) rather than an entry.
  public var isSetting: Bool
  public var key: String
  public var old: [String]
  public var new: [String]

  /// `+ text`, `- text` or `~ key: old → new`, one line for a person.
  public var summary: String {
    switch kind {
    case .added: "+ " + new.joined(separator: " | ")
    case .removed: "- " + old.joined(separator: " | ")
    case .changed: "~ \(key): " + old.joined(separator: " | ") + " → " + new.joined(separator: " | ")
    }
  }
}

/// The semantic difference between two manifests of one kind: entries and settings compared by
/// identity key, in canonical order (settings first).
public struct ManifestDiff: Sendable, Hashable {
  public var kind: ManifestKind
  /// Where the manifest is (the new side's path, or the old one's when it disappeared).
  public var path: String
  /// nil when the manifest is new; its changes are then all additions.
  public var old: Manifest?
  /// nil when the manifest disappeared.
  public var new: Manifest?
  public var changes: [ManifestChange]

  public init(old: Manifest?, new: Manifest?) {
    self.old = old
    self.new = new
    kind = (new ?? old)!.kind
    path = (new ?? old)!.path
    changes = Self.compare(old?.settings ?? [], new?.settings ?? [], isSetting: true)
      + Self.compare(old?.entries ?? [], new?.entries ?? [], isSetting: false)
    if let old, let new, old.canonicalText != new.canonicalText, changes.isEmpty {
      // Same entries, another canonical text: the order of entries changed, which only
      // ecosystems that keep declaration order (Maven) write into the canonical form.
      changes.append(ManifestChange(
        kind: .changed, isSetting: false, key: Self.orderKey,
        old: old.entries.map(\.key), new: new.entries.map(\.key)))
    }
  }

  /// The key of the change that says the entries kept their values but not their order.
  public static let orderKey = "(order)"

  private static func compare(_ old: [Entry], _ new: [Entry], isSetting: Bool) -> [ManifestChange] {
    var keys: [String] = []
    var oldTexts: [String: [String]] = [:]
    var newTexts: [String: [String]] = [:]
    for entry in old {
      if oldTexts[entry.key] == nil && newTexts[entry.key] == nil { keys.append(entry.key) }
      oldTexts[entry.key, default: []].append(entry.text)
    }
    for entry in new {
      if oldTexts[entry.key] == nil && newTexts[entry.key] == nil { keys.append(entry.key) }
      newTexts[entry.key, default: []].append(entry.text)
    }
    if !isSetting { keys.sort { ByteOrder.precedes($0, $1) } }
    return keys.compactMap { key in
      let before = oldTexts[key] ?? [], after = newTexts[key] ?? []
      if before == after { return nil }
      let kind: ManifestChange.Kind = before.isEmpty ? .added : after.isEmpty ? .removed : .changed
      return ManifestChange(kind: kind, isSetting: isSetting, key: key, old: before, new: after)
    }
  }
}
