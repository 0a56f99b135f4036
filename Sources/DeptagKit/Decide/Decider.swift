/// One side of a decision: manifests keyed by where they sit relative to the input root (so
/// `old/requirements.txt` and `new/requirements.txt` match), and the digest of its extra inputs.
public struct DecisionSide: Sendable, Hashable {
  public var manifests: [String: Manifest]
  /// Digest of the `--with`/`--salt` inputs (nil when unknown, e.g. an old state without snapshot).
  public var extrasDigest: String?
  /// The incremental chain of the image this side describes (only a snapshot knows it).
  public var chain: Int?

  public init(manifests: [String: Manifest], extrasDigest: String? = nil, chain: Int? = nil) {
    self.manifests = manifests
    self.extrasDigest = extrasDigest
    self.chain = chain
  }

  /// The digest of the manifests alone (no extras).
  public var manifestDigest: String {
    DigestFraming.digest(DigestInput(manifests: Array(manifests.values)))
  }
}

/// A decision with everything that led to it.
public struct Decision: Sendable, Hashable {
  public var action: RebuildAction
  /// Reasons, most severe first; empty for `none`.
  public var reasons: [DecisionReason]
  public var diffs: [ManifestDiff]
  /// The chain of the image the new base will be: 0 for a fresh base, c + 1 for an incremental
  /// build on chain c, c for `none`; nil when the old chain is unknown.
  public var chain: Int?
}

/// Compares two states and decides (PRODUCT.md, "The decider").
public enum Decider {
  /// The default `--max-chain`.
  public static let defaultMaxChain = 5

  public static func decide(old: DecisionSide, new: DecisionSide, maxChain: Int = defaultMaxChain) -> Decision {
    var reasons: [DecisionReason] = []
    var diffs: [ManifestDiff] = []
    let keys = Set(old.manifests.keys).union(new.manifests.keys).sorted { ByteOrder.precedes($0, $1) }
    for key in keys {
      let before = old.manifests[key], after = new.manifests[key]
      if let before, let after, before.kind != after.kind {
        let judge = ChangeJudges.judge(for: before.kind)
        reasons.append(judge.judgeManifest(before, appeared: false))
        reasons.append(ChangeJudges.judge(for: after.kind).judgeManifest(after, appeared: true))
        continue
      }
      let diff = ManifestDiff(old: before, new: after)
      let judge = ChangeJudges.judge(for: diff.kind)
      if before == nil || after == nil {
        reasons.append(judge.judgeManifest((after ?? before)!, appeared: after != nil))
      } else {
        for change in diff.changes { reasons.append(judge.judge(change, in: diff)) }
      }
      if !diff.changes.isEmpty || before == nil || after == nil { diffs.append(diff) }
    }
    if let oldExtras = old.extrasDigest, let newExtras = new.extrasDigest, oldExtras != newExtras {
      reasons.append(DecisionReason(.base, "the --with/--salt inputs changed"))
    }
    var action = reasons.map(\.action).max() ?? .none
    var chain: Int? = nil
    if let oldChain = old.chain {
      switch action {
      case .none: chain = oldChain
      case .incremental:
        if oldChain + 1 > maxChain {
          reasons.append(DecisionReason(.base, "the incremental chain would reach \(oldChain + 1), over --max-chain \(maxChain): stacked layers only grow"))
          action = .base
          chain = 0
        } else {
          chain = oldChain + 1
        }
      case .base: chain = 0
      }
    } else if action == .base {
      chain = 0
    }
    reasons.sort { $0.action > $1.action }
    return Decision(action: action, reasons: reasons, diffs: diffs, chain: chain)
  }
}
