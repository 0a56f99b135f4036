@testable import DeptagKit

/// Helpers over `MavenFormat` for tests.
enum Maven {
  /// A POM with fixed coordinates around `body` (elements under `<project>`).
  static func pom(_ body: String, version: String = "1.0.0", head: String = "") -> String {
    """
    \(head)<project xmlns="http://maven.apache.org/POM/4.0.0">
      <modelVersion>4.0.0</modelVersion>
      <groupId>com.example</groupId>
      <artifactId>app</artifactId>
      <version>\(version)</version>
    \(body)
    </project>

    """
  }

  /// A `<dependency>` element.
  static func dependency(_ g: String, _ a: String, _ v: String? = nil, extra: String = "") -> String {
    "<dependency><groupId>\(g)</groupId><artifactId>\(a)</artifactId>\(v.map { "<version>\($0)</version>" } ?? "")\(extra)</dependency>"
  }

  static func load(_ text: String) throws -> LoadedManifests {
    try load(bytes: Array(text.utf8))
  }

  static func load(bytes: [UInt8]) throws -> LoadedManifests {
    let reader = MemoryReader(bytes: ["pom.xml": bytes])
    return try ManifestLoader(reader: reader).load(paths: ["pom.xml"], type: nil)
  }

  static func normalize(_ text: String) throws -> String { try load(text).manifests[0].canonicalText }

  static func digest(_ text: String) throws -> String {
    DigestFraming.digest(DigestInput(manifests: try load(text).manifests))
  }

  static func digest(bytes: [UInt8]) throws -> String {
    DigestFraming.digest(DigestInput(manifests: try load(bytes: bytes).manifests))
  }

  /// The error `text` gives, or nil.
  static func error(_ text: String) -> DeptagError? { error(bytes: Array(text.utf8)) }

  static func error(bytes: [UInt8]) -> DeptagError? {
    do {
      _ = try load(bytes: bytes)
      return nil
    } catch let error as DeptagError {
      return error
    } catch {
      return nil
    }
  }

  /// Parses XML alone (no POM rules): nil when well-formed, else the error.
  static func xmlError(_ bytes: [UInt8]) -> DeptagError? {
    do {
      _ = try XMLReader.parse(SourceFile(path: "x.xml", bytes: bytes))
      return nil
    } catch {
      return error
    }
  }
}
