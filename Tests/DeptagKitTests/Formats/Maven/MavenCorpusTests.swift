import Foundation
import FoundationXML
import Testing

@testable import DeptagKit

/// Every POM of the shared corpus (`../shared/corpus/maven`, `../shared/corpus/real/maven`) with
/// deptag's recorded outcome: "ok", or the error's "LINE:COL", and what Maven 3.8.7 says of it
/// (several fixtures are fragments Maven itself refuses; see the notes). A change here is a change
/// of behaviour to review, not a number to re-record.
@Suite(.enabled(if: MavenCorpus.available, "../shared/corpus/maven is absent"))
struct MavenCorpusTests {
  static var corpus: URL { MavenCorpus.root }

  static let expected: [String: (outcome: String, note: String)] = [
    "maven/dependabot-basic.pom.xml": ("ok", ""),
    "maven/dependabot-comment-cdata.pom.xml": ("ok", "markup-like text in a comment and in CDATA is text"),
    "maven/dependabot-multimodule.pom.xml": ("ok", "three module warnings; legacy/pom.xml and ./business-app normalized"),
    "maven/dependabot-project-version.pom.xml": ("ok", "${project.version} resolves to 0.0.2-RELEASE"),
    "maven/dependabot-property-duplicate-tags.pom.xml": ("17:20", "Maven: recursive expression cycle (the last <dozer.version> is ${dozer.version})"),
    "maven/dependabot-repeated.pom.xml": ("ok", ""),
    "maven/dependabot-some-spring-project.pom.xml": ("ok", "${spring.version} comes from the unseen parent: kept literal"),
    "maven/dependabot-version-with-comment.pom.xml": ("ok", "comment inside <version> ignored"),
    "maven/scalibr-interpolate-drop.pom.xml": ("8:5", "Maven: dependencies.dependency.groupId is missing (and modelVersion is missing)"),
    "maven/scalibr-multi-version.pom.xml": ("ok", "Maven refuses it: modelVersion, groupId, artifactId, version missing; deptag hashes fragments"),
    "maven/scalibr-parent.pom.xml": ("ok", "Maven refuses it: modelVersion missing"),
    "maven/scalibr-plugin-dependency.pom.xml": ("ok", ""),
    "maven/scalibr-profiles.pom.xml": ("ok", "Maven refuses it: modelVersion and artifactId missing"),
    "maven/scalibr-with-multiple-classifiers.pom.xml": ("ok", "Maven refuses it: coordinates missing"),
    "maven/scalibr-with-type-classifier.pom.xml": ("ok", "Maven refuses it: coordinates missing"),
    "maven/spring-guides-gs-rest-service.pom.xml": ("ok", ""),
    "maven/syft-child-one-1.3.6.pom.xml": ("ok", "encoding ISO-8859-1"),
    "maven/syft-example-java-app-maven.pom.xml": ("ok", ""),
    "real/maven/spring-projects__spring-boot/pom.xml": ("ok", "modules only inside profiles"),
    "real/maven/spring-projects__spring-boot/spring-boot-project/pom.xml": ("ok", ""),
    "real/maven/spring-projects__spring-boot/spring-boot-project/spring-boot-dependencies/pom.xml": ("ok", "551 managed entries, 17 BOM imports"),
    "real/maven/spring-projects__spring-boot/spring-boot-project/spring-boot-starters/spring-boot-starter-parent/pom.xml": ("ok", ""),
  ]

  static let files: [String] = {
    var result: [String] = []
    for top in ["maven", "real/maven"] {
      guard let walker = FileManager.default.enumerator(atPath: corpus.appendingPathComponent(top).path) else { continue }
      while let relative = walker.nextObject() as? String {
        if relative.hasSuffix(".xml") { result.append("\(top)/\(relative)") }
      }
    }
    return result.sorted()
  }()

  static func bytes(_ relative: String) throws -> [UInt8] {
    Array(try Data(contentsOf: corpus.appendingPathComponent(relative)))
  }

  @Test func everyFileHasARecordedOutcome() {
    #expect(Set(Self.files) == Set(Self.expected.keys))
  }

  @Test(arguments: files) func outcome(_ relative: String) throws {
    let expected = try #require(Self.expected[relative], "no recorded outcome for \(relative)")
    var actual = ""
    do {
      let loaded = try Maven.load(bytes: try Self.bytes(relative))
      actual = "ok"
      let text = loaded.manifests[0].canonicalText
      // Principle 2: the canonical form reads back to itself.
      #expect(try Maven.normalize(text) == text, "\(relative)")
    } catch let error as DeptagError {
      actual = error.position
    }
    #expect(actual == expected.outcome, "\(relative): \(expected.note)")
  }

  /// FoundationXML (libxml2) as an oracle of well-formedness: every corpus file is well-formed
  /// XML, and the reader agrees.
  @Test(arguments: files) func wellFormednessAgreesWithLibxml2(_ relative: String) throws {
    let bytes = try Self.bytes(relative)
    let parser = XMLParser(data: Data(bytes))
    parser.shouldResolveExternalEntities = false
    let oracle = parser.parse()
    let ours = Maven.xmlError(bytes) == nil
    #expect(ours == oracle, "\(relative): deptag \(ours), libxml2 \(oracle)")
  }

  /// Inputs that are not well-formed XML: libxml2 rejects them as the reader does. (FoundationXML's
  /// XMLParser on Linux returns success for four more that XML 1.0 and Maven's MXParser refuse,
  /// and that MavenErrorTests covers: an input ending inside an element, an unquoted attribute
  /// value, a second root element and text after the root.)
  static let malformed: [String] = [
    "<project>\n  <name>x</nam>\n</project>", "<project><!-- a -- b --></project>",
    "<project a=\"1\" a=\"2\"/>", "<project a=\"<\"/>", "<project><name>a & b</name></project>",
    "<project><name>&#0;</name></project>", "hello<project/>",
    "<project><name>a]]>b</name></project>", "\n\n<?xml version=\"1.0\"?>\n<project/>\n", "<project><name>&v;</name></project>",
  ]

  @Test(arguments: malformed) func malformedAgreesWithLibxml2(_ input: String) {
    let parser = XMLParser(data: Data(input.utf8))
    parser.shouldResolveExternalEntities = false
    #expect(parser.parse() == false, "libxml2 accepts \(input)")
    #expect(Maven.xmlError(Array(input.utf8)) != nil, "deptag accepts \(input)")
  }

  @Test func springBootDependenciesKeepsBomImportOrder() throws {
    let relative = "real/maven/spring-projects__spring-boot/spring-boot-project/spring-boot-dependencies/pom.xml"
    let manifest = try Maven.load(bytes: try Self.bytes(relative)).manifests[0]
    let imports = manifest.entries.filter { $0.key.hasPrefix("import ") }
    let managed = manifest.entries.filter { $0.key.hasPrefix("managed ") }
    #expect(imports.count == 17)
    #expect(managed.count + imports.count <= 551)
    #expect(managed.map(\.key) == managed.map(\.key).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    // Every version property resolves inside the BOM; only the CI-friendly ${revision} (defined
    // in the unseen root POM) stays literal.
    let unresolved = manifest.entries.filter { $0.text.replacingOccurrences(of: "${revision}", with: "").contains("${") }
    #expect(unresolved.isEmpty, "\(unresolved.map(\.key))")
  }
}

/// `../shared/corpus`, found from this file's path.
enum MavenCorpus {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("../shared/corpus").standardized
  static var available: Bool { FileManager.default.fileExists(atPath: root.appendingPathComponent("maven").path) }
}
