import Crypto

/// The digest that names a base image: SHA-256 over a versioned, length-prefixed framing of the
/// canonical texts (PRODUCT.md, "Digest"). Paths are never hashed.
///
/// The byte sequence hashed is, with `\n` a line feed and LENGTH a decimal byte count:
///
///     deptag-canonical-v3\n
///     KIND\n LENGTH\n CANONICAL-TEXT     for each manifest, sorted by (kind, text bytes)
///     with\n LENGTH\n BYTES              for each --with file, sorted by content bytes
///     salt\n LENGTH\n TEXT               for each non-empty --salt, sorted
///
/// (no separator after a payload: the length says where it ends).
public struct DigestInput: Sendable, Hashable {
  /// `(kind, canonical text)` of each manifest.
  public var manifests: [(kind: ManifestKind, text: String)]
  /// Contents of each `--with` file.
  public var withFiles: [[UInt8]]
  /// Each `--salt` text; empty ones are ignored.
  public var salts: [String]

  public init(manifests: [Manifest], withFiles: [[UInt8]] = [], salts: [String] = []) {
    self.manifests = manifests.map { ($0.kind, $0.canonicalText) }
    self.withFiles = withFiles
    self.salts = salts
  }

  public static func == (lhs: DigestInput, rhs: DigestInput) -> Bool {
    lhs.manifests.elementsEqual(rhs.manifests, by: { $0.kind == $1.kind && $0.text == $1.text })
      && lhs.withFiles == rhs.withFiles && lhs.salts == rhs.salts
  }

  public func hash(into hasher: inout Hasher) {
    for m in manifests {
      hasher.combine(m.kind)
      hasher.combine(m.text)
    }
    hasher.combine(withFiles)
    hasher.combine(salts)
  }
}

/// Computes digests; see `DigestInput` for the framing.
public enum DigestFraming {
  /// The version prefix; bumping it is a breaking change with a CHANGELOG entry.
  public static let formatVersion = "deptag-canonical-v3"
  /// Default number of hex characters printed.
  public static let defaultLength = 12
  /// Allowed `--length` values.
  public static let lengthRange = 4...64

  /// The exact bytes that are hashed (exposed for tests and `--explain`-style debugging).
  public static func framedBytes(_ input: DigestInput) -> [UInt8] {
    var out: [UInt8] = []
    frame(input) { out.append(contentsOf: $0) }
    return out
  }

  /// The full lowercase hex SHA-256 of the framing, hashed piece by piece as the framing is
  /// produced (no copy of the canonical texts: issue #8).
  public static func fullDigest(_ input: DigestInput) -> String {
    var hasher = SHA256()
    frame(input) { hasher.update(bufferPointer: $0) }
    let digest = hasher.finalize()
    // Read through `withUnsafeBytes`: iterating the digest (`for byte in digest`) instantiated
    // swift-crypto's generic iterator at run time, 0.2 M instructions per process (issue #8).
    let hex: StaticString = "0123456789abcdef"
    return digest.withUnsafeBytes { bytes in
      String(unsafeUninitializedCapacity: 2 * bytes.count) { chars in
        for (k, byte) in bytes.enumerated() {
          chars[2 * k] = hex.utf8Start[Int(byte >> 4)]
          chars[2 * k + 1] = hex.utf8Start[Int(byte & 0x0F)]
        }
        return 2 * bytes.count
      }
    }
  }

  /// Hands `body` the framing (see `DigestInput`) in consecutive pieces: the one definition of
  /// the bytes both `framedBytes` and `fullDigest` see.
  private static func frame(_ input: DigestInput, _ body: (UnsafeRawBufferPointer) -> Void) {
    func bytes(_ text: String) {
      var text = text
      text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }
    func frame(_ tag: String, _ count: Int) {
      bytes(tag + "\n" + String(count) + "\n")
    }
    bytes(formatVersion + "\n")
    let manifests = input.manifests.sorted { a, b in
      a.kind.rawValue != b.kind.rawValue
        ? ByteOrder.precedes(a.kind.rawValue, b.kind.rawValue) : ByteOrder.precedes(a.text, b.text)
    }
    for manifest in manifests {
      frame(manifest.kind.rawValue, manifest.text.utf8.count)
      bytes(manifest.text)
    }
    for file in input.withFiles.sorted(by: ByteOrder.precedes) {
      frame("with", file.count)
      file.withUnsafeBytes(body)
    }
    let salts = input.salts.filter { !$0.isEmpty }.sorted { ByteOrder.precedes($0, $1) }
    for salt in salts {
      frame("salt", salt.utf8.count)
      bytes(salt)
    }
  }

  /// The first `length` characters of the digest (`length` must be in `lengthRange`).
  public static func digest(_ input: DigestInput, length: Int = defaultLength) -> String {
    String(fullDigest(input).prefix(length))
  }
}
