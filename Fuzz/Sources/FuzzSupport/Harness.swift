import DeptagKit

#if canImport(Glibc)
  import Glibc  // getenv
#elseif canImport(Darwin)
  import Darwin
#endif

/// What the harnesses share: the `deptag digest` path from raw bytes, and the invariant the
/// fuzzer checks beyond "no crash".
public enum Harness {
  /// The file name each kind is read under (the name `deptag digest` detects the kind from).
  public static func fileName(for kind: ManifestKind) -> String {
    switch kind {
    case .pip, .pipConstraints: "requirements.txt"
    case .gomod: "go.mod"
    case .gosum: "go.sum"
    case .gowork: "go.work"
    case .maven: "pom.xml"
    case .npm: "package.json"
    case .npmLock: "package-lock.json"
    }
  }

  /// Copies libFuzzer's buffer (which may be a null pointer when empty).
  public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
  }

  /// Loads `bytes` as a file of `kind` the way `deptag digest FILE` does (kind detection by
  /// name, decode → parse → canonicalize), or nil when deptag rejects it with a `DeptagError`
  /// (a rejection is a correct outcome; only crashes, hangs and memory blow-ups are findings).
  public static func load(_ bytes: [UInt8], as kind: ManifestKind) -> LoadedManifests? {
    let path = fileName(for: kind)
    let loader = ManifestLoader(reader: FuzzReader(path: path, bytes: bytes))
    return try? loader.load(paths: [path], type: nil)
  }

  /// The whole digest path for one input: load, then the digest framing and SHA-256.
  /// With `checkIdempotence`, also PRODUCT.md principle 2: the canonical text is itself a valid
  /// manifest of the same kind, and reading it back yields the same canonical text.
  @discardableResult
  public static func digest(_ bytes: [UInt8], as kind: ManifestKind, checkIdempotence: Bool) -> Int32 {
    guard let loaded = load(bytes, as: kind) else { return 0 }
    _ = DigestFraming.digest(DigestInput(manifests: loaded.manifests))
    guard checkIdempotence, let first = loaded.manifests.first else { return 0 }
    let canonical = first.canonicalText
    guard let again = load(Array(canonical.utf8), as: kind), let second = again.manifests.first else {
      fatalError("canonical text of a valid \(kind.rawValue) input is rejected:\n\(canonical)")
    }
    if second.canonicalText != canonical {
      fatalError("canonical text is not a fixed point:\n--- first\n\(canonical)\n--- second\n\(second.canonicalText)")
    }
    return 0
  }

  /// Whether the idempotence check is on: `DEPTAG_FUZZ_IDEMPOTENCE=1` in the environment
  /// (scripts/fuzz --idempotence sets it).
  public static let idempotenceRequested: Bool = {
    guard let value = getenv("DEPTAG_FUZZ_IDEMPOTENCE") else { return false }
    return String(cString: value) == "1"
  }()
}
