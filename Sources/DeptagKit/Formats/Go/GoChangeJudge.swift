/// Go's decision rules (go-modules.md §8): the module cache is additive and keyed by
/// path@version, so new or moved requires download on top of the old base; anything that
/// changes how versions are chosen or verified needs a fresh one.
struct GoChangeJudge: ChangeJudge {
  func judge(_ change: ManifestChange, in diff: ManifestDiff) -> DecisionReason {
    let here = diff.path
    if change.isSetting {
      return DecisionReason(.base, "\(change.key) \(verb(change)) (\(arrow(change))): the toolchain environment changed", manifest: here)
    }
    switch diff.kind {
    case .gosum:
      if change.kind == .changed {
        return DecisionReason(.base, "\(change.key): hash changed (\(arrow(change))): an integrity conflict", manifest: here)
      }
      return DecisionReason(.incremental, "\(change.key) \(verb(change)) in go.sum", manifest: here)
    case .gowork where change.key.hasPrefix("use "):
      if change.kind == .added { return DecisionReason(.incremental, "\(change.key) added", manifest: here) }
      return DecisionReason(.base, "\(change.key) \(verb(change)): a workspace module left", manifest: here)
    default:
      if change.key.hasPrefix("exclude ") || change.key.hasPrefix("replace ") {
        return DecisionReason(.base, "\(change.key) \(verb(change)) (\(arrow(change))): module selection changed", manifest: here)
      }
      switch change.kind {
      case .added: return DecisionReason(.incremental, "require \(change.key) added (\(arrow(change)))", manifest: here)
      case .changed: return DecisionReason(.incremental, "require \(change.key): \(arrow(change))", manifest: here)
      case .removed:
        return DecisionReason(.base, "require \(change.key) removed: an incremental build would keep it in the module cache", manifest: here)
      }
    }
  }

  private func verb(_ change: ManifestChange) -> String {
    switch change.kind {
    case .added: "added"
    case .removed: "removed"
    case .changed: "changed"
    }
  }

  private func arrow(_ change: ManifestChange) -> String {
    switch change.kind {
    case .added: change.new.joined(separator: " | ")
    case .removed: change.old.joined(separator: " | ")
    case .changed: change.old.joined(separator: " | ") + " → " + change.new.joined(separator: " | ")
    }
  }
}
