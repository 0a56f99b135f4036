import Testing

@testable import DeptagKit

/// `ManifestDetail`: `digest` and `normalize` build only canonical texts; what they hash and
/// print must be exactly what a full load (the one `diff`, `decide` and `snapshot` use) gives.
@Suite struct ManifestDetailTests {
  static let files = [
    "requirements.txt": "-c constraints.txt\nDjango==4.2  # web\nrequests[socks]>=2 ; python_version >= '3.9'\n",
    "constraints.txt": "django<5\n",
    "go.mod": "module example.com/x\n\ngo 1.22\n\nrequire golang.org/x/text v0.14.0\n",
    "go.sum": """
      golang.org/x/text v0.14.0 h1:ScX5w1eTa3QqT8oi6+ziP7dTV1S2+ALU0bI+0zXKWiQ=
      golang.org/x/text v0.14.0/go.mod h1:18ZOQIKpY8NJVqYksKHtTdi31H5itFRjB5/qKTNYzSU=
      golang.org/x/mod   v0.14.0\th1:18ZOQIKpY8NJVqYksKHtTdi31H5itFRjB5/qKTNYzSU=\r
      golang.org/x/text v0.14.0 h1:ScX5w1eTa3QqT8oi6+ziP7dTV1S2+ALU0bI+0zXKWiQ=

      """,
    "package.json": #"{"dependencies": {"left-pad": "^1.3.0"}}"#,
    "package-lock.json": #"""
      {"name": "app", "lockfileVersion": 3, "requires": true, "packages": {
        "": {"name": "app", "dependencies": {"left-pad": "^1.3.0"}},
        "node_modules/left-pad": {"version": "1.3.0", "license": "WTFPL", "resolved": "https://r/left-pad-1.3.0.tgz"},
        "node_modules/a\u00e9": {"version": "1.0.0"}}}
      """#,
    "v1/package-lock.json": #"{"lockfileVersion": 1, "dependencies": {"x": {"version": "1.0.0"}}}"#,
    "pom.xml": "<project><modelVersion>4.0.0</modelVersion><groupId>g</groupId><artifactId>a</artifactId><version>1</version><dependencies><dependency><groupId>x</groupId><artifactId>y</artifactId><version>2</version></dependency></dependencies></project>",
    // Repeated dependencies (warnings), a key that is not ASCII but equal to an ASCII one as a
    // String (U+212A KELVIN SIGN is K), managed ones, a profile, a plugin's own dependencies.
    "dup/pom.xml": """
      <project><modelVersion>4.0.0</modelVersion><groupId>g</groupId><artifactId>a</artifactId><version>1</version>
      <properties><v>3</v></properties>
      <dependencyManagement><dependencies>
        <dependency><groupId>m</groupId><artifactId>b</artifactId><version>1</version></dependency>
        <dependency><groupId>m</groupId><artifactId>b</artifactId><version>2</version></dependency>
      </dependencies></dependencyManagement>
      <dependencies>
        <dependency><groupId>x</groupId><artifactId>y</artifactId><version>1</version></dependency>
        <dependency><groupId>x</groupId><artifactId>z</artifactId><type>pom</type><version>${v}</version></dependency>
        <dependency><groupId>x</groupId><artifactId>y</artifactId><version>2</version><scope>test</scope></dependency>
        <dependency><groupId>K</groupId><artifactId>k</artifactId><version>1</version></dependency>
        <dependency><groupId>\u{212A}</groupId><artifactId>k</artifactId><version>2</version></dependency>
      </dependencies>
      <build><plugins><plugin><artifactId>p</artifactId><dependencies>
        <dependency><groupId>d</groupId><artifactId>e</artifactId><version>1</version></dependency>
        <dependency><groupId>d</groupId><artifactId>e</artifactId><version>2</version></dependency>
      </dependencies></plugin></plugins></build>
      <profiles><profile><id>p</id><dependencies>
        <dependency><groupId>q</groupId><artifactId>r</artifactId><version>1</version></dependency>
        <dependency><groupId>q</groupId><artifactId>r</artifactId><classifier>c</classifier><version>1</version></dependency>
        <dependency><groupId>q</groupId><artifactId>r</artifactId><version>&amp;2</version></dependency>
      </dependencies></profile></profiles>
      </project>
      """,
  ]

  static let paths = ["requirements.txt", "go.mod", "go.sum", "package.json", "package-lock.json", "v1/package-lock.json", "pom.xml", "dup/pom.xml"]

  @Test(arguments: paths) func canonicalTextIsTheFullLoadsText(path: String) throws {
    let reader = MemoryReader(Self.files)
    let full = try ManifestLoader(reader: reader).load(path: path, type: nil)
    let textOnly = try ManifestLoader(reader: reader, detail: .canonicalText).load(path: path, type: nil)
    #expect(full.manifests.map(\.canonicalText) == textOnly.manifests.map(\.canonicalText))
    #expect(full.manifests.map(\.kind) == textOnly.manifests.map(\.kind))
    #expect(full.manifests.map(\.path) == textOnly.manifests.map(\.path))
    #expect(full.inputs == textOnly.inputs)
    #expect(full.warnings == textOnly.warnings)
    #expect(full.manifests.allSatisfy { !$0.entries.isEmpty })
  }

  /// The repeated dependencies of `dup/pom.xml` are found in both loads (the Kelvin sign too).
  @Test func pomRepeatsWarnedInBothLoads() throws {
    let reader = MemoryReader(Self.files)
    let textOnly = try ManifestLoader(reader: reader, detail: .canonicalText).load(path: "dup/pom.xml", type: nil)
    let messages = textOnly.warnings.map(\.message)
    for key in ["x:y", "\u{212A}:k", "q:r", "d:e"] {
      #expect(messages.contains { $0.contains(" \(key) is declared twice") }, "\(key): \(messages)")
    }
    #expect(messages.contains { $0.contains("managed dependency m:b is declared twice") })
  }

  /// The formats that skip their entries really do (the point of `.canonicalText`), and the
  /// digest is the same as from the full load.
  @Test(arguments: ["go.sum", "package-lock.json", "pom.xml", "dup/pom.xml"]) func largeFormatsSkipTheirEntries(path: String) throws {
    let reader = MemoryReader(Self.files)
    let textOnly = try ManifestLoader(reader: reader, detail: .canonicalText).load(path: path, type: nil)
    #expect(textOnly.manifests.count == 1)
    #expect(textOnly.manifests[0].entries.isEmpty)
    let full = try ManifestLoader(reader: reader).load(path: path, type: nil)
    #expect(
      DigestFraming.digest(DigestInput(manifests: full.manifests), length: 64)
        == (try ManifestLoader(reader: reader).digest(DigestRequest(paths: [path], length: 64))).digest)
  }

  /// pip skips its requirement entries too (the root and each constraints file), keeping its
  /// few settings; the digest is the full load's.
  @Test func pipSkipsItsRequirementEntries() throws {
    let reader = MemoryReader(Self.files)
    let textOnly = try ManifestLoader(reader: reader, detail: .canonicalText).load(path: "requirements.txt", type: nil)
    let full = try ManifestLoader(reader: reader).load(path: "requirements.txt", type: nil)
    #expect(textOnly.manifests.map(\.kind) == [.pip, .pipConstraints])
    #expect(textOnly.manifests.allSatisfy { $0.entries.isEmpty })
    #expect(textOnly.manifests.map(\.settings) == full.manifests.map(\.settings))
    #expect(full.manifests.map { $0.entries.map(\.key) } == [["django", "requests"], ["django"]])
    #expect(
      DigestFraming.digest(DigestInput(manifests: full.manifests), length: 64)
        == (try ManifestLoader(reader: reader).digest(DigestRequest(paths: ["requirements.txt"], length: 64))).digest)
  }

  @Test func digestAndNormalizeLoadOnlyCanonicalText() throws {
    let reader = MemoryReader(Self.files)
    let loader = ManifestLoader(reader: reader)
    let result = try loader.digest(DigestRequest(paths: ["go.sum"]))
    #expect(result.loaded.manifests[0].entries.isEmpty)
    let full = try loader.load(path: "go.sum", type: nil)
    #expect(try loader.normalize(path: "go.sum", type: nil).text == full.manifests[0].canonicalText)
    #expect(full.manifests[0].entries.map(\.key) == ["golang.org/x/mod@v0.14.0", "golang.org/x/text@v0.14.0", "golang.org/x/text@v0.14.0/go.mod"])
  }
}
