import Testing

@testable import DeptagKit

/// Dependencies whose values are ASCII without a `$` are written from the document's bytes
/// (issue #8, `PomDependency.byteFields`): the same canonical text, keys, warnings and errors as the
/// String path. (Expected texts from the deptag-canonical-v3 base binary.)
struct PomByteValueTests {
  static let body = [
    "<dependencyManagement><dependencies><dependency><groupId>b</groupId><artifactId>bom</artifactId><version>1</version><type>pom</type><scope>import</scope></dependency><dependency><groupId>m</groupId><artifactId>x</artifactId><version>2</version></dependency></dependencies></dependencyManagement>",
    "<dependencies><dependency><groupId> a&amp;b </groupId><artifactId>&lt;x&gt;</artifactId><version></version><type></type><classifier/><scope>compile</scope><optional> TRUE </optional><systemPath/></dependency><dependency><groupId>g</groupId><artifactId>t</artifactId><type>test-jar</type><classifier>tests</classifier><optional>false</optional><exclusions/></dependency><dependency><groupId>g</groupId><artifactId>t</artifactId><type>test-jar</type><classifier>tests</classifier><version>3</version></dependency></dependencies>",
    "<build><plugins><plugin><artifactId>p</artifactId><dependencies><dependency><groupId>d</groupId><artifactId>e</artifactId><scope>runtime</scope></dependency></dependencies></plugin></plugins></build>",
  ].joined(separator: "\n")

  static let expected = """
      <?xml version="1.0" encoding="UTF-8"?>
      <project xmlns="http://maven.apache.org/POM/4.0.0">
        <modelVersion>4.0.0</modelVersion>
        <groupId>deptag.placeholder</groupId>
        <artifactId>project</artifactId>
        <version>0</version>
        <packaging>jar</packaging>
        <dependencyManagement>
          <dependencies>
            <dependency>
              <groupId>m</groupId>
              <artifactId>x</artifactId>
              <version>2</version>
            </dependency>
            <dependency>
              <groupId>b</groupId>
              <artifactId>bom</artifactId>
              <version>1</version>
              <type>pom</type>
              <scope>import</scope>
            </dependency>
          </dependencies>
        </dependencyManagement>
        <dependencies>
          <dependency>
            <groupId>a&amp;b</groupId>
            <artifactId>&lt;x&gt;</artifactId>
            <version/>
            <optional>true</optional>
            <systemPath/>
          </dependency>
          <dependency>
            <groupId>g</groupId>
            <artifactId>t</artifactId>
            <version>3</version>
            <type>test-jar</type>
            <classifier>tests</classifier>
          </dependency>
        </dependencies>
        <build>
          <plugins>
            <plugin>
              <groupId>org.apache.maven.plugins</groupId>
              <artifactId>p</artifactId>
              <dependencies>
                <dependency>
                  <groupId>d</groupId>
                  <artifactId>e</artifactId>
                  <scope>runtime</scope>
                </dependency>
              </dependencies>
            </plugin>
          </plugins>
        </build>
      </project>

      """

  @Test func canonicalTextFromBytes() throws {
    let text = Maven.pom(Self.body)
    #expect(try Maven.normalize(text) == Self.expected)
    let reader = MemoryReader(bytes: ["pom.xml": Array(text.utf8)])
    let full = try ManifestLoader(reader: reader).load(paths: ["pom.xml"], type: nil)
    let textOnly = try ManifestLoader(reader: reader, detail: .canonicalText).load(path: "pom.xml", type: nil)
    #expect(textOnly.manifests[0].canonicalText == Self.expected)
    #expect(full.warnings == textOnly.warnings)
    #expect(full.warnings.map(\.message) == [
      "dependency g:t:test-jar:tests is declared twice; Maven uses the last declaration, at the first one's place"
    ])
    #expect(full.manifests[0].entries.map(\.key).contains("a&b:<x>"))
  }

  /// The model keeps such values as bytes, and still gives them as Strings.
  @Test func valuesReadBackAsStrings() throws {
    let text = Maven.pom(Self.body)
    let document = try XMLReader.parse(SourceFile(path: "pom.xml", bytes: Array(text.utf8)))
    let project = try PomModelReader(path: "pom.xml", document: document).read()
    let dependency = project.section.dependencies[0]
    #expect(dependency.byteFields != nil)
    let first = dependency.texts(in: project.textSource)
    #expect(first.groupId?.value == "a&b")
    #expect(first.artifactId?.value == "<x>")
    #expect(first.version?.value == "")
    #expect(first.optional?.value == "TRUE")
    #expect(first.groupId?.plain == true)
    #expect(first.groupId == PomText(value: "a&b", offset: first.groupId!.offset, plain: true))
  }

  /// A `$` or a non-ASCII byte keeps the String path; so do exclusions.
  @Test func otherValuesKeepStrings() throws {
    let body = Maven.dependency("g", "a", "${v}") + Maven.dependency("\u{e9}", "b")
      + Maven.dependency("g", "c", extra: "<exclusions><exclusion><groupId>x</groupId></exclusion></exclusions>")
    let text = Maven.pom("<properties><v>1</v></properties><dependencies>\(body)</dependencies>")
    let document = try XMLReader.parse(SourceFile(path: "pom.xml", bytes: Array(text.utf8)))
    let project = try PomModelReader(path: "pom.xml", document: document).read()
    #expect(project.section.dependencies.map { $0.byteFields == nil } == [true, true, true])
    #expect(try Maven.normalize(text).contains("<version>1</version>"))
  }

  /// The records a large POM holds one of per element and per dependency stay small (issue #8).
  @Test func recordSizes() {
    #expect(MemoryLayout<XMLNode>.stride == 52)
    #expect(MemoryLayout<PomDependency>.stride <= 72)
  }

  @Test func blankCoordinatesAreErrors() throws {
    let group = Maven.error(Maven.pom("<dependencies><dependency><groupId> </groupId><artifactId>a</artifactId></dependency></dependencies>"))
    #expect(group?.message == "dependency without a <groupId> (Maven rejects it too)")
    let artifact = Maven.error(Maven.pom("<dependencies><dependency><groupId>g</groupId></dependency></dependencies>"))
    #expect(artifact?.message == "dependency without an <artifactId> (Maven rejects it too)")
  }
}
