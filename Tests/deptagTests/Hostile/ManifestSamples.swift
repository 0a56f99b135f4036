import Foundation

/// One small valid manifest of each kind, with names whose case folds differently under Turkish
/// rules (`I`/`i`), and the ways hostile tests mangle them.
struct ManifestSample: Sendable, CustomStringConvertible {
  /// The `--type` name.
  var kind: String
  /// The exact file name deptag detects the kind by.
  var fileName: String
  var text: String
  /// A cut point (the text up to and including this) that leaves the file invalid.
  var truncatedAfter: String
  /// Text inside a name, where an invalid byte is inserted after its first character.
  var nameInside: String
  /// A line that deptag ignores (a comment or a non-semantic field), `%` standing for its
  /// 40 MB filler; inserted after `longLineAfter`.
  var longLine: String
  var longLineAfter: String

  var description: String { kind }

  static let pip = ManifestSample(
    kind: "pip", fileName: "requirements.txt",
    text: """
      # the Turkish dotless i must not matter: Importlib-Metadata, PyYAML, pillow
      Importlib-Metadata==7.0.1
      PyYAML>=6.0 ; python_version >= "3.8"
      pillow[jpeg]~=10.2
      requests==2.31.0 --hash=sha256:58cd2187c01e70e6e26505bca751777aa9f2ee0b7f4300988b709f44e013003f

      """,
    truncatedAfter: "python_version >= \"3.", nameInside: "PyYAML",
    longLine: "# %\n", longLineAfter: "PyYAML>=6.0 ; python_version >= \"3.8\"\n")

  static let goMod = ManifestSample(
    kind: "gomod", fileName: "go.mod",
    text: """
      module example.com/Imports

      go 1.22

      require (
      \tgithub.com/Ianlancetaylor/demangle v0.0.0-20240312041847-bd984b5ce465
      \tgopkg.in/yaml.v3 v3.0.1
      )

      exclude gopkg.in/yaml.v3 v3.0.0

      """,
    truncatedAfter: "gopkg.in/yaml.v3 v3.0.1\n", nameInside: "Ianlancetaylor",
    longLine: "// %\n", longLineAfter: "go 1.22\n")

  static let goSum = ManifestSample(
    kind: "gosum", fileName: "go.sum",
    text: """
      github.com/Ianlancetaylor/demangle v0.0.0-20240312041847-bd984b5ce465 h1:KwWnWVWCNtNq/ewIX7HIKnELmEx2nDP42yskD/pi7QE=
      github.com/Ianlancetaylor/demangle v0.0.0-20240312041847-bd984b5ce465/go.mod h1:gx7rwoVhcfuVKG5uya9Hs3Sxj7EIvldVofAWIUtGouw=
      gopkg.in/yaml.v3 v3.0.1 h1:fxVm/GzAzEWqLHuvctI91KS9hhNmmWOoWu0XTYJS7CA=
      gopkg.in/yaml.v3 v3.0.1/go.mod h1:K4uyk7z7BCEPqu6E+C64Yfv1cQ7kz7rIZviUmN+EgEM=

      """,
    truncatedAfter: "gopkg.in/yaml.v3 v3.0.1", nameInside: "Ianlancetaylor",
    longLine: "example.com/long v1.0.0 h1:%=\n", longLineAfter: "h1:KwWnWVWCNtNq/ewIX7HIKnELmEx2nDP42yskD/pi7QE=\n")

  static let goWork = ManifestSample(
    kind: "gowork", fileName: "go.work",
    text: """
      go 1.22

      toolchain go1.22.5

      replace example.com/Imports v1.0.0 => example.com/imports v1.0.1

      """,
    truncatedAfter: "replace example.com/Imports v1.0.0 =>", nameInside: "Imports",
    longLine: "// %\n", longLineAfter: "go 1.22\n")

  static let npm = ManifestSample(
    kind: "npm", fileName: "package.json",
    text: """
      {
        "name": "imports-app",
        "version": "1.0.0",
        "description": "Importlib and pillow, Turkish I",
        "dependencies": {"Inherits": "^2.0.4", "pillow-js": "~1.2.0"},
        "devDependencies": {"typescript": "5.4.5"}
      }

      """,
    truncatedAfter: "\"dependencies\": {\"Inherits\": \"^2.0.4\",", nameInside: "Inherits",
    longLine: "  \"readme\": \"%\",\n", longLineAfter: "\"version\": \"1.0.0\",\n")

  static let npmLock = ManifestSample(
    kind: "npm-lock", fileName: "package-lock.json",
    text: """
      {
        "name": "imports-app",
        "version": "1.0.0",
        "lockfileVersion": 3,
        "requires": true,
        "packages": {
          "": {"name": "imports-app", "version": "1.0.0", "dependencies": {"Inherits": "^2.0.4"}},
          "node_modules/Inherits": {"version": "2.0.4", "resolved": "https://registry.npmjs.org/Inherits/-/Inherits-2.0.4.tgz", "integrity": "sha512-k/vGaX4/Yla3WzyMCvTQOXYeIHvqOKtnqBduzTHpzpQZzAskKMhZ2K+EnBiSM9zGSoIFeMpXKxa4dYeZIQqewQ=="}
        }
      }

      """,
    truncatedAfter: "\"node_modules/Inherits\": {\"version\": \"2.0", nameInside: "Inherits",
    longLine: "  \"note\": \"%\",\n", longLineAfter: "\"version\": \"1.0.0\",\n")

  static let maven = ManifestSample(
    kind: "maven", fileName: "pom.xml",
    text: """
      <?xml version="1.0" encoding="UTF-8"?>
      <project>
        <modelVersion>4.0.0</modelVersion>
        <groupId>io.github.Importer</groupId>
        <artifactId>imports</artifactId>
        <version>1.0.0</version>
        <description>Turkish I</description>
        <dependencies>
          <dependency>
            <groupId>io.github.Importer</groupId>
            <artifactId>Pillow-Image</artifactId>
            <version>2.1</version>
          </dependency>
        </dependencies>
      </project>

      """,
    truncatedAfter: "<artifactId>Pillow-Image</artifactId>", nameInside: "Pillow-Image",
    longLine: "  <!-- % -->\n", longLineAfter: "<version>1.0.0</version>\n")

  static let all = [pip, goMod, goSum, goWork, npm, npmLock, maven]

  static func named(_ kind: String) -> ManifestSample { all.first { $0.kind == kind }! }

  var bytes: [UInt8] { Array(text.utf8) }

  /// The text cut right after `truncatedAfter`.
  var truncated: [UInt8] {
    let range = text.range(of: truncatedAfter)!
    return Array(text[..<range.upperBound].utf8)
  }

  /// The text with `bytes` inserted after the first character of `nameInside`.
  func inserting(_ bad: [UInt8]) -> [UInt8] {
    let range = text.range(of: nameInside)!
    let cut = text.index(after: range.lowerBound)
    return Array(text[..<cut].utf8) + bad + Array(text[cut...].utf8)
  }

  /// The text with `longLine` (its `%` replaced by `count` filler bytes) inserted.
  func withLongLine(count: Int) -> [UInt8] {
    let range = text.range(of: longLineAfter)!
    let parts = longLine.split(separator: "%", omittingEmptySubsequences: false)
    var out = Array(text[..<range.upperBound].utf8) + Array(parts[0].utf8)
    out.append(contentsOf: [UInt8](repeating: UInt8(ascii: "A"), count: count))  // memset, fast in debug too
    out += Array(parts[1].utf8) + Array(text[range.upperBound...].utf8)
    return out
  }
}

/// The Unicode encodings a file may arrive in, with and without a byte-order mark.
enum TextEncoding: String, CaseIterable, Sendable, CustomStringConvertible {
  case utf8BOM, utf16LEBOM, utf16BEBOM, utf32LEBOM, utf32BEBOM, utf16LE, utf16BE, utf32LE, utf32BE

  var description: String { rawValue }

  var hasBOM: Bool { rawValue.hasSuffix("BOM") }
  var isUTF16: Bool { rawValue.hasPrefix("utf16") }

  func encode(_ text: String) -> [UInt8] {
    switch self {
    case .utf8BOM: return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
    case .utf16LEBOM: return [0xFF, 0xFE] + Self.utf16(text, bigEndian: false)
    case .utf16BEBOM: return [0xFE, 0xFF] + Self.utf16(text, bigEndian: true)
    case .utf32LEBOM: return [0xFF, 0xFE, 0, 0] + Self.utf32(text, bigEndian: false)
    case .utf32BEBOM: return [0, 0, 0xFE, 0xFF] + Self.utf32(text, bigEndian: true)
    case .utf16LE: return Self.utf16(text, bigEndian: false)
    case .utf16BE: return Self.utf16(text, bigEndian: true)
    case .utf32LE: return Self.utf32(text, bigEndian: false)
    case .utf32BE: return Self.utf32(text, bigEndian: true)
    }
  }

  static func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
    text.utf16.flatMap { u in bigEndian ? [UInt8(u >> 8), UInt8(u & 0xFF)] : [UInt8(u & 0xFF), UInt8(u >> 8)] }
  }

  static func utf32(_ text: String, bigEndian: Bool) -> [UInt8] {
    text.unicodeScalars.flatMap { s -> [UInt8] in
      let v = s.value
      let be = [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
      return bigEndian ? be : be.reversed()
    }
  }
}

/// SplitMix64, so generated inputs are the same on every run and a failure reproduces.
struct SplitMix: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// A fresh temporary directory for one test.
enum Scratch {
  static func directory() throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("deptag-hostile-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    return root
  }

  static func write(_ bytes: [UInt8], _ name: String, in dir: URL) throws {
    let url = dir.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: url)
  }

  static func write(_ text: String, _ name: String, in dir: URL) throws {
    try write(Array(text.utf8), name, in: dir)
  }
}
