/// Maven's decision rules (npm-and-maven.md §2.11): added artifacts and moved versions download
/// on top of the old `~/.m2`; a removed artifact, an added exclusion, another parent, other
/// repositories or packaging need a fresh base.
struct MavenChangeJudge: ChangeJudge {
  func judge(_ change: ManifestChange, in diff: ManifestDiff) -> DecisionReason {
    let here = diff.path
    let arrow = describe(change)
    if change.key == ManifestDiff.orderKey {
      return DecisionReason(.incremental, "declaration order changed: Maven mediates by first declaration, nothing declared disappears", manifest: here)
    }
    if change.isSetting {
      if change.key == "parent", change.kind == .changed, coordinates(change.old) == coordinates(change.new) {
        return DecisionReason(.incremental, "parent version moved (\(arrow))", manifest: here)
      }
      return DecisionReason(.base, "\(change.key) \(arrow)", manifest: here)
    }
    let key = change.key
    if key.contains("repository ") || key.contains("Repository ") {
      return DecisionReason(.base, "repository \(arrow): like an index URL, it changes where everything comes from", manifest: here)
    }
    switch change.kind {
    case .added:
      return DecisionReason(.incremental, "\(key) added", manifest: here)
    case .removed:
      return DecisionReason(.base, "\(key) removed: an incremental build would leave it behind", manifest: here)
    case .changed:
      if !exclusions(change.new).isSubset(of: exclusions(change.old)) {
        return DecisionReason(.base, "\(key): exclusion added (\(arrow)): a transitive artifact leaves the set", manifest: here)
      }
      return DecisionReason(.incremental, "\(key): \(arrow)", manifest: here)
    }
  }

  private func describe(_ change: ManifestChange) -> String {
    switch change.kind {
    case .added: "added: " + change.new.joined(separator: " | ")
    case .removed: "removed: " + change.old.joined(separator: " | ")
    case .changed: change.old.joined(separator: " | ") + " → " + change.new.joined(separator: " | ")
    }
  }

  /// `groupId` and `artifactId` of a canonical `<parent>` element.
  private func coordinates(_ texts: [String]) -> [Substring] {
    guard let text = texts.first else { return [] }
    return ["groupId", "artifactId"].map { element(text, $0) ?? "" }
  }

  private func element(_ text: String, _ name: String) -> Substring? {
    guard let open = text.firstRange(of: "<\(name)>"), let close = text[open.upperBound...].firstRange(of: "</\(name)>") else { return nil }
    return text[open.upperBound..<close.lowerBound]
  }

  /// The `<exclusion>…</exclusion>` elements of canonical entries.
  private func exclusions(_ texts: [String]) -> Set<Substring> {
    var found = Set<Substring>()
    for text in texts {
      var rest = text[...]
      while let open = rest.firstRange(of: "<exclusion>"), let close = rest[open.upperBound...].firstRange(of: "</exclusion>") {
        found.insert(rest[open.upperBound..<close.lowerBound])
        rest = rest[close.upperBound...]
      }
    }
    return found
  }
}
