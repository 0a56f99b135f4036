import Foundation
import Testing

@testable import DeptagKit

/// Each canonicalization rule of reference/npm-and-maven.md Part 2, in both directions: pairs
/// that must hash equal, and pairs that must differ.
@Suite struct MavenEquivalenceTests {
  typealias Pair = (label: String, a: String, b: String)
  static func d(_ g: String, _ a: String, _ v: String? = nil, extra: String = "") -> String {
    Maven.dependency(g, a, v, extra: extra)
  }
  static func deps(_ items: String...) -> String { "<dependencies>\(items.joined())</dependencies>" }
  static func managed(_ items: String...) -> String {
    "<dependencyManagement><dependencies>\(items.joined())</dependencies></dependencyManagement>"
  }
  static func plugins(_ items: String...) -> String { "<build><plugins>\(items.joined())</plugins></build>" }
  static func plugin(_ a: String, _ v: String, extra: String = "") -> String {
    "<plugin><artifactId>\(a)</artifactId><version>\(v)</version>\(extra)</plugin>"
  }
  static func bom(_ g: String, _ a: String, _ v: String) -> String {
    d(g, a, v, extra: "<type>pom</type><scope>import</scope>")
  }
  static func repo(_ id: String, _ url: String, name: String = "") -> String {
    "<repository><id>\(id)</id>\(name.isEmpty ? "" : "<name>\(name)</name>")<url>\(url)</url></repository>"
  }
  static func props(_ items: (String, String)...) -> String {
    "<properties>" + items.map { "<\($0.0)>\($0.1)</\($0.0)>" }.joined() + "</properties>"
  }
  static func profile(_ id: String, _ body: String) -> String { "<profile><id>\(id)</id>\(body)</profile>" }
  static let pomPackaging = "<packaging>pom</packaging>"
  static let parent = "<parent><groupId>p</groupId><artifactId>parent</artifactId><version>1</version></parent>"

  static let equal: [Pair] = [
    ("whitespace and indentation", deps(d("g", "a", "1")), "\n  <dependencies>\n    <dependency>\n      <groupId> g </groupId>\n\t<artifactId>a</artifactId>\n      <version>\n 1\n</version>\n    </dependency>\n  </dependencies>\n"),
    ("comments anywhere", deps(d("g", "a", "1")), "<!-- c --><dependencies><!-- x --><dependency><groupId>g</groupId><artifactId>a<!--y--></artifactId><version>1<!--updateme--></version></dependency></dependencies>"),
    ("CDATA and references", deps(d("g", "a", "2.0")), deps(d("g", "<![CDATA[a]]>", "&#50;.&#x30;"))),
    ("element order inside a dependency", deps(d("g", "a", "1", extra: "<scope>test</scope>")), "<dependencies><dependency><scope>test</scope><version>1</version><artifactId>a</artifactId><groupId>g</groupId></dependency></dependencies>"),
    ("type jar spelled out", deps(d("g", "a", "1")), deps(d("g", "a", "1", extra: "<type>jar</type>"))),
    ("scope compile spelled out", deps(d("g", "a", "1")), deps(d("g", "a", "1", extra: "<scope>compile</scope>"))),
    ("optional false spelled out", deps(d("g", "a", "1")), deps(d("g", "a", "1", extra: "<optional>false</optional>"))),
    ("empty classifier", deps(d("g", "a", "1")), deps(d("g", "a", "1", extra: "<classifier></classifier>"))),
    ("optional TRUE is true", deps(d("g", "a", "1", extra: "<optional>true</optional>")), deps(d("g", "a", "1", extra: "<optional>TRUE</optional>"))),
    ("exclusions are a set", deps(d("g", "a", "1", extra: "<exclusions><exclusion><groupId>x</groupId><artifactId>1</artifactId></exclusion><exclusion><groupId>x</groupId><artifactId>2</artifactId></exclusion></exclusions>")),
      deps(d("g", "a", "1", extra: "<exclusions><exclusion><artifactId>2</artifactId><groupId>x</groupId></exclusion><exclusion><groupId>x</groupId><artifactId>1</artifactId></exclusion><exclusion><groupId>x</groupId><artifactId>2</artifactId></exclusion></exclusions>"))),
    ("ordinary managed entries are a set", managed(d("g", "a", "1"), d("g", "b", "2")), managed(d("g", "b", "2"), d("g", "a", "1"))),
    ("managed: imports keep their place relative to ordinary entries only", managed(d("g", "a", "1"), bom("b", "bom1", "1"), bom("b", "bom2", "1")), managed(bom("b", "bom1", "1"), d("g", "a", "1"), bom("b", "bom2", "1"))),
    ("repeated managed entry: the first wins", managed(d("g", "a", "1")), managed(d("g", "a", "1"), d("g", "a", "2"))),
    ("repeated dependency: last value at the first place", deps(d("g", "x", "2"), d("g", "y", "1")), deps(d("g", "x", "1"), d("g", "y", "1"), d("g", "x", "2"))),
    ("plugins are a set", plugins(plugin("a", "1"), plugin("b", "1")), plugins(plugin("b", "1"), plugin("a", "1"))),
    ("plugin groupId default", plugins(plugin("a", "1")), plugins("<plugin><groupId>org.apache.maven.plugins</groupId><artifactId>a</artifactId><version>1</version></plugin>")),
    ("plugin configuration and executions", plugins(plugin("a", "1")), plugins(plugin("a", "1", extra: "<configuration><source>17</source></configuration><executions><execution><id>x</id><goals><goal>y</goal></goals></execution></executions><inherited>false</inherited>"))),
    ("repeated plugin: the last wins", plugins(plugin("a", "2")), plugins(plugin("a", "1"), plugin("a", "2"))),
    ("plugin extensions false", plugins(plugin("a", "1")), plugins(plugin("a", "1", extra: "<extensions>false</extensions>"))),
    ("managed plugins are a set", "<build><pluginManagement><plugins>\(plugin("a", "1"))\(plugin("b", "1"))</plugins></pluginManagement></build>", "<build><pluginManagement><plugins>\(plugin("b", "1"))\(plugin("a", "1"))</plugins></pluginManagement></build>"),
    ("modules are a set of normalized paths", pomPackaging + "<modules><module>a</module><module>b</module><module>c</module></modules>", pomPackaging + "<modules><module>c/pom.xml</module><module>./b</module><module>a/</module></modules>"),
    ("project metadata", deps(d("g", "a", "1")), "<name>App</name><description>d</description><url>https://x</url><inceptionYear>2020</inceptionYear><organization><name>o</name></organization><licenses><license><name>MIT</name></license></licenses><developers><developer><id>me</id></developer></developers><scm><url>https://scm</url></scm><issueManagement><url>u</url></issueManagement><distributionManagement><repository><id>r</id><url>https://dist</url></repository></distributionManagement>" + deps(d("g", "a", "1"))),
    ("build settings that download nothing", plugins(plugin("a", "1")), "<build><finalName>x</finalName><directory>t</directory><sourceDirectory>s</sourceDirectory><resources><resource><directory>r</directory></resource></resources><plugins>\(plugin("a", "1"))</plugins></build>"),
    ("a property resolves to its value", deps(d("g", "a", "1.2")), props(("v", "1.2")) + deps(d("g", "a", "${v}"))),
    ("a property through another", deps(d("g", "a", "1.2")), props(("w", "${v}"), ("v", "1.2")) + deps(d("g", "a", "${w}"))),
    ("unused property of a jar POM", deps(d("g", "a", "1")), props(("project.build.sourceEncoding", "UTF-8"), ("unused", "x")) + deps(d("g", "a", "1"))),
    ("repeated property: the last wins", props(("v", "2")) + deps(d("g", "a", "${v}")), props(("v", "1"), ("v", "2")) + deps(d("g", "a", "${v}"))),
    ("pom packaging: property order", pomPackaging + props(("a", "1"), ("b", "2")), pomPackaging + props(("b", "2"), ("a", "1"))),
    ("${project.version} resolves to the version", deps(d("g", "a", "1.0.0")), deps(d("g", "a", "${project.version}"))),
    ("${pom.groupId} and ${project.artifactId}", deps(d("com.example", "app-core", "1")), deps(d("${pom.groupId}", "${project.artifactId}-core", "1"))),
    ("parent coordinates", parent + deps(d("g", "a", "1")), parent + deps(d("g", "a", "${project.parent.version}"))),
    ("build-only property of a POM with a parent", parent + deps(d("g", "a", "1")), parent + props(("maven.compiler.release", "17"), ("project.build.sourceEncoding", "UTF-8")) + deps(d("g", "a", "1"))),
    ("repository name", "<repositories>\(repo("r", "https://r"))</repositories>", "<repositories>\(repo("r", "https://r", name: "Our repo"))</repositories>"),
    ("repository defaults", "<repositories>\(repo("r", "https://r"))</repositories>", "<repositories><repository><id>r</id><url>https://r</url><layout>default</layout><releases><enabled>true</enabled></releases></repository></repositories>"),
    ("activeByDefault false", "<profiles>\(profile("p", deps(d("g", "a", "1"))))</profiles>", "<profiles>\(profile("p", "<activation><activeByDefault>false</activeByDefault></activation>" + deps(d("g", "a", "1"))))</profiles>"),
    ("profile dependencies follow the same rules", "<profiles>\(profile("p", deps(d("g", "a", "1"))))</profiles>", "<profiles>\(profile("p", props(("v", "1")) .replacingOccurrences(of: "<properties><v>1</v></properties>", with: "") + deps(d("g", "a", "1", extra: "<scope>compile</scope>"))))</profiles>"),
    ("empty sections", deps(), "<dependencies/><dependencyManagement/><build><plugins></plugins></build><repositories/>"),
    ("reporting: plugin set and configuration", "<reporting><plugins>\(plugin("a", "1"))\(plugin("b", "1"))</plugins></reporting>", "<reporting><plugins>\(plugin("b", "1", extra: "<configuration><x/></configuration>"))\(plugin("a", "1"))</plugins></reporting>"),
  ]

  static let differ: [Pair] = [
    ("dependency order (first declaration wins)", deps(d("g", "a", "1"), d("g", "b", "1")), deps(d("g", "b", "1"), d("g", "a", "1"))),
    ("BOM import order (first import wins)", managed(bom("b", "bom1", "1"), bom("b", "bom2", "1")), managed(bom("b", "bom2", "1"), bom("b", "bom1", "1"))),
    ("dependency version", deps(d("g", "a", "1")), deps(d("g", "a", "1.0"))),
    ("version range kept verbatim", deps(d("g", "a", "[1.0,2.0)")), deps(d("g", "a", "[1.0,2.0]"))),
    ("coordinates are case-sensitive", deps(d("g", "a", "1")), deps(d("G", "a", "1"))),
    ("scope", deps(d("g", "a", "1")), deps(d("g", "a", "1", extra: "<scope>test</scope>"))),
    ("optional", deps(d("g", "a", "1")), deps(d("g", "a", "1", extra: "<optional>true</optional>"))),
    ("classifier", deps(d("g", "a", "1")), deps(d("g", "a", "1", extra: "<classifier>tests</classifier>"))),
    ("type", deps(d("g", "a", "1")), deps(d("g", "a", "1", extra: "<type>pom</type>"))),
    ("exclusion added", deps(d("g", "a", "1")), deps(d("g", "a", "1", extra: "<exclusions><exclusion><groupId>x</groupId><artifactId>*</artifactId></exclusion></exclusions>"))),
    ("managed version", managed(d("g", "a", "1")), managed(d("g", "a", "2"))),
    ("repeated managed entry: the first wins, not the last", managed(d("g", "a", "1"), d("g", "a", "2")), managed(d("g", "a", "2"))),
    ("repeated dependency: the last wins, not the first", deps(d("g", "a", "1"), d("g", "a", "2")), deps(d("g", "a", "1"))),
    ("same key with another classifier is another dependency", deps(d("g", "a", "1")), deps(d("g", "a", "1"), d("g", "a", "1", extra: "<classifier>sources</classifier>"))),
    ("plugin version", plugins(plugin("a", "1")), plugins(plugin("a", "2"))),
    ("plugin dependency", plugins(plugin("a", "1")), plugins(plugin("a", "1", extra: deps(d("g", "x", "1"))))),
    ("plugin dependency order", plugins(plugin("a", "1", extra: deps(d("g", "x", "1"), d("g", "y", "1")))), plugins(plugin("a", "1", extra: deps(d("g", "y", "1"), d("g", "x", "1"))))),
    ("plugin extensions", plugins(plugin("a", "1")), plugins(plugin("a", "1", extra: "<extensions>true</extensions>"))),
    ("managed plugin version", "<build><pluginManagement><plugins>\(plugin("a", "1"))</plugins></pluginManagement></build>", "<build><pluginManagement><plugins>\(plugin("a", "2"))</plugins></pluginManagement></build>"),
    ("build extension", "", "<build><extensions><extension><groupId>kr.motd.maven</groupId><artifactId>os-maven-plugin</artifactId><version>1.7.1</version></extension></extensions></build>"),
    ("report plugin", "", "<reporting><plugins>\(plugin("a", "1"))</plugins></reporting>"),
    ("repository order", "<repositories>\(repo("a", "https://a"))\(repo("b", "https://b"))</repositories>", "<repositories>\(repo("b", "https://b"))\(repo("a", "https://a"))</repositories>"),
    ("repository url", "<repositories>\(repo("a", "https://a"))</repositories>", "<repositories>\(repo("a", "https://a2"))</repositories>"),
    ("repository snapshots disabled", "<repositories>\(repo("a", "https://a"))</repositories>", "<repositories><repository><id>a</id><url>https://a</url><snapshots><enabled>false</enabled></snapshots></repository></repositories>"),
    ("plugin repository", "", "<pluginRepositories><pluginRepository><id>a</id><url>https://a</url></pluginRepository></pluginRepositories>"),
    ("repository vs plugin repository", "<repositories>\(repo("a", "https://a"))</repositories>", "<pluginRepositories><pluginRepository><id>a</id><url>https://a</url></pluginRepository></pluginRepositories>"),
    ("profile added", "", "<profiles>\(profile("p", ""))</profiles>"),
    ("profile activation", "<profiles>\(profile("p", ""))</profiles>", "<profiles>\(profile("p", "<activation><activeByDefault>true</activeByDefault></activation>"))</profiles>"),
    ("profile property activation", "<profiles>\(profile("p", "<activation><property><name>ci</name></property></activation>"))</profiles>", "<profiles>\(profile("p", "<activation><property><name>!ci</name></property></activation>"))</profiles>"),
    ("profile dependency", "<profiles>\(profile("p", deps(d("g", "a", "1"))))</profiles>", "<profiles>\(profile("p", deps(d("g", "a", "2"))))</profiles>"),
    ("profile order", "<profiles>\(profile("p", ""))\(profile("q", ""))</profiles>", "<profiles>\(profile("q", ""))\(profile("p", ""))</profiles>"),
    ("profile property (it overrides when active)", "<profiles>\(profile("p", props(("v", "1"))))</profiles>", "<profiles>\(profile("p", props(("v", "2"))))</profiles>"),
    ("profile dependency vs top-level dependency", deps(d("g", "a", "1")), "<profiles>\(profile("p", deps(d("g", "a", "1"))))</profiles>"),
    ("packaging", "<packaging>jar</packaging>", "<packaging>war</packaging>"),
    ("module added", pomPackaging + "<modules><module>a</module></modules>", pomPackaging + "<modules><module>a</module><module>b</module></modules>"),
    ("parent version", parent, parent.replacingOccurrences(of: "<version>1</version>", with: "<version>2</version>")),
    ("parent artifact", parent, parent.replacingOccurrences(of: "<artifactId>parent</artifactId>", with: "<artifactId>other</artifactId>")),
    ("parent added", "", parent),
    ("used property bumped", props(("v", "1")) + deps(d("g", "a", "${v}")), props(("v", "2")) + deps(d("g", "a", "${v}"))),
    ("pom packaging keeps unused properties", pomPackaging + props(("spring.version", "5")), pomPackaging + props(("spring.version", "6"))),
    ("a POM with a parent keeps its properties (parent may use them)", parent + props(("jackson.version", "2.15.0")), parent + props(("jackson.version", "2.16.0"))),
    ("unresolved reference kept literal", deps(d("g", "a", "${revision}")), deps(d("g", "a", "${sha1}"))),
    ("env reference kept literal, not dropped", deps(d("g", "a", "1")), deps(d("g", "a", "${env.V}"))),
  ]

  @Test(arguments: equal) func equalMeaningEqualDigest(_ pair: Pair) throws {
    let a = try Maven.normalize(Maven.pom(pair.a)), b = try Maven.normalize(Maven.pom(pair.b))
    #expect(a == b, "\(pair.label)")
  }

  @Test(arguments: differ) func differentMeaningDifferentDigest(_ pair: Pair) throws {
    #expect(try Maven.digest(Maven.pom(pair.a)) != Maven.digest(Maven.pom(pair.b)), "\(pair.label)")
  }

  /// The project's own version is not semantic (a release bump is no change) unless a
  /// coordinate refers to it (README: `${project.version}` resolves to the version itself).
  @Test func releaseBump() throws {
    let plain = Self.deps(Self.d("g", "a", "1"))
    #expect(try Maven.digest(Maven.pom(plain, version: "1.0.0")) == Maven.digest(Maven.pom(plain, version: "1.0.1")))
    let referring = Self.deps(Self.d("g", "a", "${project.version}"))
    #expect(try Maven.digest(Maven.pom(referring, version: "1.0.0")) != Maven.digest(Maven.pom(referring, version: "1.0.1")))
    // Inherited from the parent when the project has no version of its own.
    let child = "<project><modelVersion>4.0.0</modelVersion>\(Self.parent)<artifactId>c</artifactId>\(Self.deps(Self.d("g", "a", "${project.version}")))</project>"
    let entry = try Maven.load(child).manifests[0].entries.first { $0.key == "g:a" }
    #expect(entry?.text == "<dependency><groupId>g</groupId><artifactId>a</artifactId><version>1</version></dependency>")
  }

  /// The XML declaration, BOM, CRLF, and namespaces do not matter.
  @Test func encodingLevelSpellings() throws {
    let body = Self.deps(Self.d("g", "a", "1"))
    let plain = try Maven.digest(Maven.pom(body))
    #expect(try Maven.digest(Maven.pom(body, head: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")) == plain)
    #expect(try Maven.digest(bytes: [0xEF, 0xBB, 0xBF] + Array(Maven.pom(body).utf8)) == plain)
    #expect(try Maven.digest(Maven.pom(body).replacingOccurrences(of: "\n", with: "\r\n")) == plain)
    let latin = Maven.pom(body, head: "<?xml version='1.0' encoding='ISO-8859-1'?>")
    #expect(try Maven.digest(latin) == plain)
    let noNamespace = Maven.pom(body).replacingOccurrences(of: " xmlns=\"http://maven.apache.org/POM/4.0.0\"", with: "")
    #expect(try Maven.digest(noNamespace) == plain)
    var utf16: [UInt8] = [0xFF, 0xFE]
    for unit in Maven.pom(body).utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    #expect(try Maven.digest(bytes: utf16) == plain)
  }

  /// normalize is a fixed point: digest(normalize(x)) == digest(x) (PRODUCT.md principle 2).
  @Test(arguments: equal.map(\.b) + differ.map(\.b)) func normalizeIsIdempotent(_ body: String) throws {
    let once = try Maven.normalize(Maven.pom(body))
    #expect(try Maven.normalize(once) == once)
  }

  @Test func canonicalTextOfASmallPom() throws {
    let text = try Maven.normalize(
      Maven.pom(
        Self.parent + Self.props(("v", "2")) + Self.deps(Self.d("g", "b", "${v}"), Self.d("g", "a", "1", extra: "<scope>test</scope>"))
          + "<repositories>\(Self.repo("r", "https://r"))</repositories>"))
    #expect(text == """
      <?xml version="1.0" encoding="UTF-8"?>
      <project xmlns="http://maven.apache.org/POM/4.0.0">
        <modelVersion>4.0.0</modelVersion>
        <parent>
          <groupId>p</groupId>
          <artifactId>parent</artifactId>
          <version>1</version>
        </parent>
        <groupId>deptag.placeholder</groupId>
        <artifactId>project</artifactId>
        <version>0</version>
        <packaging>jar</packaging>
        <properties>
          <v>2</v>
        </properties>
        <dependencies>
          <dependency>
            <groupId>g</groupId>
            <artifactId>b</artifactId>
            <version>2</version>
          </dependency>
          <dependency>
            <groupId>g</groupId>
            <artifactId>a</artifactId>
            <version>1</version>
            <scope>test</scope>
          </dependency>
        </dependencies>
        <repositories>
          <repository>
            <id>r</id>
            <url>https://r</url>
          </repository>
        </repositories>
      </project>

      """)
  }

  @Test func entriesAndSettings() throws {
    let loaded = try Maven.load(
      Maven.pom(
        Self.parent + Self.managed(Self.bom("b", "bom", "1"), Self.d("g", "m", "1"))
          + Self.deps(Self.d("g", "a", "1"), Self.d("g", "a", "1", extra: "<type>test-jar</type>"), Self.d("g", "a", "1", extra: "<classifier>x</classifier>"))
          + Self.plugins(Self.plugin("p", "1")) + "<profiles>\(Self.profile("ci", Self.deps(Self.d("g", "c", "1"))))</profiles>"))
    let manifest = loaded.manifests[0]
    #expect(manifest.kind == .maven)
    #expect(manifest.settings.map(\.key) == ["parent", "packaging", "profile ci"])
    #expect(manifest.entries.map(\.key) == [
      "managed g:m", "import b:bom:pom", "g:a", "g:a:test-jar", "g:a:jar:x",
      "plugin org.apache.maven.plugins:p", "profile ci g:c",
    ])
    #expect(manifest.entries[2].text == "<dependency><groupId>g</groupId><artifactId>a</artifactId><version>1</version></dependency>")
  }

  /// Managed entries: the first of a repeated key wins (with a warning); modules are a set of
  /// normalized paths. (Both are looked up in sets: a BOM manages thousands of entries.)
  @Test func repeatedManagedEntriesAndModulesCollapse() throws {
    let managed = "<dependencyManagement>" + Self.deps(Self.d("g", "m", "1"), Self.d("g", "n", "1"), Self.d("g", "m", "2")) + "</dependencyManagement>"
    let loaded = try Maven.load(
      Maven.pom("<packaging>pom</packaging><modules><module>core</module><module>./core/</module><module>core/pom.xml</module><module>api</module></modules>" + managed))
    let manifest = loaded.manifests[0]
    #expect(manifest.entries.map(\.key) == ["module api", "module core", "managed g:m", "managed g:n"])
    #expect(manifest.entries[2].text.contains("<version>1</version>"))
    #expect(loaded.warnings.map(\.description).contains { $0.contains("managed dependency g:m is declared twice; Maven uses the first") })
    #expect(!loaded.warnings.map(\.description).contains { $0.contains("g:n is declared twice") })
  }

  @Test func warningsForModulesAndDuplicates() throws {
    let loaded = try Maven.load(
      Maven.pom("<packaging>pom</packaging><modules><module>core</module></modules>" + Self.deps(Self.d("g", "a", "1"), Self.d("g", "a", "2"))))
    let messages = loaded.warnings.map(\.description)
    #expect(messages.contains { $0.contains("module 'core' is not hashed") && $0.contains("core/pom.xml") })
    #expect(messages.contains { $0.contains("g:a is declared twice") })
  }
}
