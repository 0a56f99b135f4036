/// npm's decision rules (npm-and-maven.md §1.8): added or moved versions install on top of the
/// old node_modules; anything that leaves a set, or that the old base already ran or checked
/// (install scripts, engines, platforms, a registry host), needs a fresh base.
struct NPMChangeJudge: ChangeJudge {
  func judge(_ change: ManifestChange, in diff: ManifestDiff) -> DecisionReason {
    let here = diff.path
    let arrow = describe(change)
    if change.isSetting {
      return DecisionReason(.base, "\(change.key) \(arrow): install scripts, engines and platforms shape the whole install", manifest: here)
    }
    if diff.kind == .npmLock {
      switch change.kind {
      case .added: return DecisionReason(.incremental, "locked \(change.key) \(arrow)", manifest: here)
      case .removed: return DecisionReason(.base, "locked \(change.key) removed: an incremental build would leave it installed", manifest: here)
      case .changed:
        if host(of: change.old) != host(of: change.new) {
          return DecisionReason(.base, "locked \(change.key): resolved host changed (\(arrow))", manifest: here)
        }
        return DecisionReason(.incremental, "locked \(change.key): \(arrow)", manifest: here)
      }
    }
    for prefix in ["overrides ", "resolutions ", "acceptDependencies "] where change.key.hasPrefix(prefix) {
      if change.kind == .removed { return DecisionReason(.base, "\(change.key) removed", manifest: here) }
      return DecisionReason(.incremental, "\(change.key) \(arrow)", manifest: here)
    }
    if change.key.hasPrefix("workspaces ") {
      if change.kind == .added { return DecisionReason(.incremental, "\(change.key) added", manifest: here) }
      return DecisionReason(.base, "\(change.key) removed", manifest: here)
    }
    switch change.kind {
    case .added:
      return DecisionReason(.incremental, "\(change.key) added (\(arrow))", manifest: here)
    case .removed:
      return DecisionReason(.base, "\(change.key) removed: an incremental build would leave it installed", manifest: here)
    case .changed:
      let before = section(change.old), after = section(change.new)
      if before != "devDependencies" && after == "devDependencies" {
        return DecisionReason(.base, "\(change.key) moved to devDependencies (\(arrow)): it leaves the --omit=dev set", manifest: here)
      }
      if !optionalPeer(change.old) && optionalPeer(change.new) {
        return DecisionReason(.base, "\(change.key): peer made optional (\(arrow))", manifest: here)
      }
      return DecisionReason(.incremental, "\(change.key): \(arrow)", manifest: here)
    }
  }

  private func describe(_ change: ManifestChange) -> String {
    switch change.kind {
    case .added: change.new.joined(separator: " | ")
    case .removed: change.old.joined(separator: " | ")
    case .changed: change.old.joined(separator: " | ") + " → " + change.new.joined(separator: " | ")
    }
  }

  /// The dependency section a canonical entry (`{"devDependencies":{…}}`) sits in.
  private func section(_ texts: [String]) -> String? {
    guard let text = texts.first, text.hasPrefix("{\""), let end = text.dropFirst(2).firstIndex(of: "\"") else { return nil }
    return String(text[text.index(text.startIndex, offsetBy: 2)..<end])
  }

  private func optionalPeer(_ texts: [String]) -> Bool {
    texts.contains { $0.contains("\"peerDependenciesMeta\"") }
  }

  /// The host of a lock entry's `resolved` URL.
  private func host(of texts: [String]) -> String? {
    guard let text = texts.first, let range = text.firstRange(of: "\"resolved\":\"") else { return nil }
    let url = text[range.upperBound...].prefix(while: { $0 != "\"" })
    guard let scheme = url.firstRange(of: "://") else { return nil }
    return String(url[scheme.upperBound...].prefix(while: { $0 != "/" }))
  }
}
