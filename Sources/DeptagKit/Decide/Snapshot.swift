/// The record deptag stores in an image to decide the next build (`deptag snapshot`): the
/// digest, the chain, a digest of the `--with`/`--salt` inputs, and each manifest's kind, path and
/// canonical entries. `"deptag": "snapshot"` tells it apart from any manifest.
public struct Snapshot: Sendable, Hashable {
  public var digest: String
  public var extrasDigest: String
  public var chain: Int
  /// Manifests keyed by path as given.
  public var manifests: [String: Manifest]

  public init(digest: String, extrasDigest: String, chain: Int, manifests: [String: Manifest]) {
    self.digest = digest
    self.extrasDigest = extrasDigest
    self.chain = chain
    self.manifests = manifests
  }

  /// The side of a decision this snapshot describes.
  public var side: DecisionSide {
    DecisionSide(manifests: manifests, extrasDigest: extrasDigest, chain: chain)
  }

  public var json: JSONDocument {
    let ordered = manifests.sorted { ByteOrder.precedes($0.key, $1.key) }
    func entries(_ list: [Entry]) -> JSONDocument {
      .array(list.map { .object([("key", .string($0.key)), ("text", .string($0.text))]) })
    }
    return .object([
      ("deptag", .string("snapshot")), ("version", .number(1)),
      ("digest", .string(digest)), ("extras", .string(extrasDigest)), ("chain", .number(chain)),
      ("manifests", .array(ordered.map { key, manifest in
        .object([
          ("key", .string(key)), ("kind", .string(manifest.kind.rawValue)), ("path", .string(manifest.path)),
          ("settings", entries(manifest.settings)), ("entries", entries(manifest.entries)),
          ("canonical", .string(manifest.canonicalText)),
        ])
      })),
    ])
  }

  /// Reads a snapshot; nil when `bytes` are not a deptag snapshot at all (e.g. a package.json).
  public static func read(_ source: SourceFile) throws(DeptagError) -> Snapshot? {
    guard let value = try? JSONDocumentParser.parse(source.bytes), value["deptag"]?.stringValue == "snapshot" else {
      return nil
    }
    func bad(_ what: String) -> DeptagError { DeptagError("\(source.path): not a valid deptag snapshot: \(what)") }
    guard value["version"]?.intValue == 1 else { throw bad("unsupported version") }
    guard let digest = value["digest"]?.stringValue, let extras = value["extras"]?.stringValue,
      let chain = value["chain"]?.intValue, chain >= 0, let list = value["manifests"]?.arrayValue
    else { throw bad("missing digest, extras, chain or manifests") }
    var manifests: [String: Manifest] = [:]
    for item in list {
      guard let key = item["key"]?.stringValue, let kindName = item["kind"]?.stringValue,
        let kind = ManifestKind(rawValue: kindName), let path = item["path"]?.stringValue,
        let settings = item["settings"]?.arrayValue, let entries = item["entries"]?.arrayValue,
        let canonical = item["canonical"]?.stringValue
      else { throw bad("a manifest record is incomplete or of an unknown kind") }
      func decode(_ values: [JSONDocument]) throws(DeptagError) -> [Entry] {
        var out: [Entry] = []
        for v in values {
          guard let k = v["key"]?.stringValue, let t = v["text"]?.stringValue else { throw bad("an entry lacks key or text") }
          out.append(Entry(key: k, text: t))
        }
        return out
      }
      manifests[key] = Manifest(kind: kind, path: path, settings: try decode(settings), entries: try decode(entries), canonicalText: canonical)
    }
    return Snapshot(digest: digest, extrasDigest: extras, chain: chain, manifests: manifests)
  }
}
