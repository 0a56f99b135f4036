/// What the base image needs (PRODUCT.md, "The decider"), ordered by severity.
public enum RebuildAction: String, Sendable, Hashable, Comparable, CaseIterable {
  /// The canonical forms are equal.
  case none
  /// Nothing leaves the installed set: build the new base `FROM` the previous one.
  case incremental
  /// Something could be left behind or the environment changed: build from scratch.
  case base

  private var severity: Int {
    switch self {
    case .none: 0
    case .incremental: 1
    case .base: 2
    }
  }

  public static func < (lhs: RebuildAction, rhs: RebuildAction) -> Bool { lhs.severity < rhs.severity }
}

/// One reason for a decision: the action it calls for, where, and why, in words a person can act on.
public struct DecisionReason: Sendable, Hashable, CustomStringConvertible {
  public var action: RebuildAction
  /// The manifest it is about (its path), or nil for reasons about the whole input.
  public var manifest: String?
  public var message: String

  public init(_ action: RebuildAction, _ message: String, manifest: String? = nil) {
    self.action = action
    self.message = message
    self.manifest = manifest
  }

  /// `base: requirements.txt: flask removed (…)`.
  public var description: String {
    "\(action.rawValue): " + (manifest.map { "\($0): " } ?? "") + message
  }
}
