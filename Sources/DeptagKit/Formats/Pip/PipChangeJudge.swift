/// pip's decision rules (PRODUCT.md "The decider"; pip-requirements.md §5, §6.3): additions and
/// version moves install on top of the old base; anything that pip would leave behind or could not
/// re-check on an installed version needs a fresh base.
struct PipChangeJudge: ChangeJudge {
  func judge(_ change: ManifestChange, in diff: ManifestDiff) -> DecisionReason {
    let here = diff.path
    if diff.kind == .pipConstraints || change.key == "-c" {
      // Constraints add no packages, and removing one uninstalls nothing.
      return DecisionReason(.incremental, "constraint \(describe(change)); constraints install nothing by themselves", manifest: here)
    }
    if change.isSetting {
      return DecisionReason(.base, "option \(describe(change)); pip options shape every install", manifest: here)
    }
    switch change.kind {
    case .added:
      return DecisionReason(.incremental, "\(change.new.joined(separator: " | ")) added", manifest: here)
    case .removed:
      return DecisionReason(.base, "\(change.key) removed: an incremental build would leave it installed", manifest: here)
    case .changed:
      return judgeChanged(change, at: here)
    }
  }

  func judgeManifest(_ manifest: Manifest, appeared: Bool) -> DecisionReason {
    if manifest.kind == .pipConstraints {
      return DecisionReason(.incremental, "constraints file \(appeared ? "added" : "removed"); constraints install nothing by themselves", manifest: manifest.path)
    }
    return DecisionReason(.base, "pip manifest \(appeared ? "appeared" : "disappeared")", manifest: manifest.path)
  }

  private func describe(_ change: ManifestChange) -> String {
    switch change.kind {
    case .added: "\(change.new.joined(separator: " | ")) added"
    case .removed: "\(change.old.joined(separator: " | ")) removed"
    case .changed: "\(change.old.joined(separator: " | ")) → \(change.new.joined(separator: " | "))"
    }
  }

  private func judgeChanged(_ change: ManifestChange, at here: String) -> DecisionReason {
    let arrow = "\(change.old.joined(separator: " | ")) → \(change.new.joined(separator: " | "))"
    guard change.old.count == 1, change.new.count == 1,
      let before = Line(change.old[0]), let after = Line(change.new[0])
    else {
      return DecisionReason(.base, "\(change.key): \(arrow) (a URL, path, editable or multi-line requirement changed)", manifest: here)
    }
    if !Set(before.requirement.extras).isSubset(of: after.requirement.extras) {
      return DecisionReason(.base, "\(change.key): extra removed (\(arrow)); its packages would stay installed", manifest: here)
    }
    if before.requirement.marker != after.requirement.marker {
      return DecisionReason(.base, "\(change.key): marker changed (\(arrow))", manifest: here)
    }
    if before.configSettings != after.configSettings {
      return DecisionReason(.base, "\(change.key): --config-settings changed (\(arrow)); pip keeps an installed build", manifest: here)
    }
    if before.requirement.specifiers == after.requirement.specifiers && before.hashes != after.hashes {
      return DecisionReason(.base, "\(change.key): hashes changed for an unchanged version (\(arrow)); pip would keep the installed version and never check them", manifest: here)
    }
    return DecisionReason(.incremental, "\(change.key): \(arrow)", manifest: here)
  }

  /// A canonical named requirement line split into its parts; nil for URLs, paths and editables.
  private struct Line {
    var requirement: PEP508Requirement
    var hashes: [Substring] = []
    var configSettings: [Substring] = []

    init?(_ text: String) {
      // Canonical lines put per-requirement options after the first " --".
      let head = text.firstRange(of: " --").map { text[..<$0.lowerBound] } ?? text[...]
      let withoutMarker = head.firstRange(of: "; ").map { head[..<$0.lowerBound] } ?? head
      guard let parsed = try? PEP508Requirement.parse(withoutMarker), parsed.url == nil else { return nil }
      requirement = parsed
      requirement.marker = head.firstRange(of: "; ").map { String(head[$0.upperBound...]) }
      for word in text[head.endIndex...].split(separator: " ") where !word.hasPrefix("--") {
        configSettings.append(word)
      }
      for word in text[head.endIndex...].split(separator: " ") where word.hasPrefix("--hash=") {
        hashes.append(word)
      }
    }
  }
}
