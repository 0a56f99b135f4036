/// The `--json` documents of `diff` and `decide` (each one object with `"deptag"` and
/// `"version": 1`; the README shows an example of each).
public enum DecisionJSON {
  public static func diff(_ diffs: [ManifestDiff]) -> JSONDocument {
    .object([
      ("deptag", .string("diff")), ("version", .number(1)),
      ("manifests", .array(diffs.map(manifest))),
    ])
  }

  public static func decision(_ decision: Decision, oldDigest: String?, newDigest: String) -> JSONDocument {
    func changes(_ kind: ManifestChange.Kind) -> JSONDocument {
      .array(decision.diffs.flatMap { diff in
        diff.changes.filter { $0.kind == kind }.map { change(of: diff, $0) }
      })
    }
    return .object([
      ("deptag", .string("decision")), ("version", .number(1)),
      ("action", .string(decision.action.rawValue)),
      ("digests", .object([("old", oldDigest.map(JSONDocument.string) ?? .null), ("new", .string(newDigest))])),
      ("chain", decision.chain.map(JSONDocument.number) ?? .null),
      ("reasons", .array(decision.reasons.map { reason in
        .object([
          ("action", .string(reason.action.rawValue)),
          ("manifest", reason.manifest.map(JSONDocument.string) ?? .null),
          ("message", .string(reason.message)),
        ])
      })),
      ("added", changes(.added)), ("removed", changes(.removed)), ("changed", changes(.changed)),
    ])
  }

  private static func manifest(_ diff: ManifestDiff) -> JSONDocument {
    let status = diff.old == nil ? "added" : diff.new == nil ? "removed" : "changed"
    return .object([
      ("kind", .string(diff.kind.rawValue)), ("path", .string(diff.path)), ("status", .string(status)),
      ("changes", .array(diff.changes.map { change(of: diff, $0) })),
    ])
  }

  private static func change(of diff: ManifestDiff, _ change: ManifestChange) -> JSONDocument {
    .object([
      ("manifest", .string(diff.path)), ("kind", .string(diff.kind.rawValue)),
      ("change", .string(change.kind.rawValue)), ("setting", .bool(change.isSetting)),
      ("key", .string(change.key)),
      ("old", .array(change.old.map(JSONDocument.string))), ("new", .array(change.new.map(JSONDocument.string))),
    ])
  }
}
