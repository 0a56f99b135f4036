/// How one ecosystem judges each change of its manifests (the per-ecosystem decision sections:
/// pip-requirements.md, go-modules.md §8, npm-and-maven.md §1.8 and §2.11).
public protocol ChangeJudge: Sendable {
  /// The action one change calls for, with a reason a person can act on.
  func judge(_ change: ManifestChange, in diff: ManifestDiff) -> DecisionReason
  /// The action a whole manifest appearing (`appeared`) or disappearing calls for.
  func judgeManifest(_ manifest: Manifest, appeared: Bool) -> DecisionReason
}

extension ChangeJudge {
  public func judgeManifest(_ manifest: Manifest, appeared: Bool) -> DecisionReason {
    DecisionReason(
      .base, "\(manifest.kind.rawValue) manifest \(appeared ? "appeared" : "disappeared")", manifest: manifest.path)
  }
}

/// The judge for changes no ecosystem rule covers: additions are incremental, anything else
/// rebuilds the base (when unsure, a spurious rebuild is cheaper than a missed one).
public struct ConservativeJudge: ChangeJudge {
  public init() {}

  public func judge(_ change: ManifestChange, in diff: ManifestDiff) -> DecisionReason {
    let what = change.isSetting ? "setting \(change.key)" : change.key
    switch change.kind {
    case .added where !change.isSetting:
      return DecisionReason(.incremental, "\(what) added: \(change.new.joined(separator: " | "))", manifest: diff.path)
    case .added, .changed:
      return DecisionReason(.base, "\(what) changed: \(change.summary)", manifest: diff.path)
    case .removed:
      return DecisionReason(.base, "\(what) removed: an incremental build would leave it behind", manifest: diff.path)
    }
  }
}

/// The judge for each kind.
public enum ChangeJudges {
  public static func judge(for kind: ManifestKind) -> any ChangeJudge {
    switch kind {
    case .pip, .pipConstraints: PipChangeJudge()
    case .gomod, .gosum, .gowork: GoChangeJudge()
    case .npm, .npmLock: NPMChangeJudge()
    case .maven: MavenChangeJudge()
    }
  }
}
