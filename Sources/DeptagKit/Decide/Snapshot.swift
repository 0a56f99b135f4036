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
  /// Parsed with the same `JSON.parse`-exact reader as package.json.
  public static func read(_ source: SourceFile) throws(DeptagError) -> Snapshot? {
    guard let root = try? JSONReader.parse(source), let object = root.object,
      object["deptag"]?.string?.string == "snapshot"
    else { return nil }
    func bad(_ what: String) -> DeptagError { DeptagError("\(source.path): not a valid deptag snapshot: \(what)") }
    func text(_ node: JSONNode?) -> String? { node?.string?.string }
    func integer(_ node: JSONNode?) -> Int? {
      guard case .number(let spelled)? = node?.value else { return nil }
      return Int(spelled)
    }
    guard integer(object["version"]) == 1 else { throw bad("unsupported version") }
    guard let digest = text(object["digest"]), let extras = text(object["extras"]),
      let chain = integer(object["chain"]), chain >= 0, let list = object["manifests"]?.array
    else { throw bad("missing digest, extras, chain or manifests") }
    func entries(_ node: JSONNode?) throws(DeptagError) -> [Entry] {
      guard let items = node?.array else { throw bad("a manifest record lacks its settings or entries") }
      var out: [Entry] = []
      for item in items {
        guard let key = text(item.object?["key"]), let value = text(item.object?["text"]) else {
          throw bad("an entry lacks key or text")
        }
        out.append(Entry(key: key, text: value))
      }
      return out
    }
    var manifests: [String: Manifest] = [:]
    for item in list {
      guard let record = item.object, let key = text(record["key"]), let kind = text(record["kind"]).flatMap(ManifestKind.init(rawValue:)),
        let path = text(record["path"]), let canonical = text(record["canonical"])
      else { throw bad("a manifest record is incomplete or of an unknown kind") }
      manifests[key] = Manifest(
        kind: kind, path: path, settings: try entries(record["settings"]), entries: try entries(record["entries"]),
        canonicalText: canonical)
    }
    return Snapshot(digest: digest, extrasDigest: extras, chain: chain, manifests: manifests)
  }
}
