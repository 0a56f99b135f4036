import Foundation
import Testing

@testable import DeptagKit

/// No entity is ever expanded beyond the predefined five, no external entity is ever read, and
/// hostile nesting or expansion is refused quickly without a crash.
@Suite struct MavenSecurityTests {
  /// A reader that records every path the library asks for.
  final class SpyReader: SourceReader, @unchecked Sendable {
    let files: [String: [UInt8]]
    private(set) var requested: [String] = []
    init(_ files: [String: String]) { self.files = files.mapValues { Array($0.utf8) } }
    func read(path: String) throws(DeptagError) -> SourceFile {
      requested.append(path)
      guard let bytes = files[path] else { throw DeptagError("\(path): no such file") }
      return SourceFile(path: path, bytes: bytes)
    }
    func entryType(at path: String) -> FileEntryType {
      requested.append("stat:" + path)
      return files[path] != nil ? .regularFile : .missing
    }
    func absolutePath(_ path: String) -> String { "/work/" + path }
    func readStandardInput() throws(DeptagError) -> SourceFile { SourceFile(path: "<stdin>", bytes: []) }
  }

  static let secret = "deptag-secret-4f1c9e-never-read"

  static let external: [String] = [
    "<!DOCTYPE project [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<project><name>&xxe;</name></project>",
    "<!DOCTYPE project [<!ENTITY xxe SYSTEM \"secret.txt\">]>\n<project><name>&xxe;</name></project>",
    "<!DOCTYPE project [<!ENTITY % p SYSTEM \"secret.txt\"> %p;]>\n<project/>",
    "<!DOCTYPE project SYSTEM \"secret.txt\">\n<project><name>&fromExternalDtd;</name></project>",
    "<!DOCTYPE project [<!ENTITY xxe SYSTEM \"http://127.0.0.1:9/x\">]>\n<project><name>&xxe;</name></project>",
  ]

  @Test(arguments: external) func externalEntitiesAreNeverRead(_ pom: String) {
    let reader = SpyReader(["pom.xml": pom, "secret.txt": Self.secret])
    let error = Self.loadError(reader)
    #expect(error != nil, "accepted: \(pom)")
    let text = error?.description ?? ""
    #expect(text.contains(Self.secret) == false)
    #expect(reader.requested.allSatisfy { $0 == "pom.xml" || $0 == "stat:pom.xml" }, "\(reader.requested)")
  }

  static func loadError(_ reader: SpyReader) -> DeptagError? {
    do {
      _ = try ManifestLoader(reader: reader).load(paths: ["pom.xml"], type: nil)
      return nil
    } catch {
      return error
    }
  }

  static let billionLaughs: String = {
    var text = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
    for level in 1...9 {
      let previous = level == 1 ? "lol" : "lol\(level - 1)"
      text += " <!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
    }
    return text + "]>\n<project><name>&lol9;</name></project>\n"
  }()

  @Test func billionLaughsIsRefusedAtTheFirstDeclaration() throws {
    let start = ContinuousClock.now
    let error = try #require(Maven.error(Self.billionLaughs))
    #expect(ContinuousClock.now - start < .milliseconds(200))
    #expect(error.position == "3:2")
    #expect(error.message.contains("entity declarations are refused"))
  }

  /// The same attack through `<properties>`: each level doubles the one before; the length cap
  /// stops it long before memory grows (2^40 bytes otherwise).
  @Test func propertyExpansionIsBounded() throws {
    var properties = "<p0>xxxxxxxxxxxxxxxx</p0>"
    for level in 1...40 { properties += "<p\(level)>${p\(level - 1)}${p\(level - 1)}</p\(level)>" }
    let pom = Maven.pom("<properties>\(properties)</properties>")
    let start = ContinuousClock.now
    let error = try #require(Maven.error(pom))
    #expect(ContinuousClock.now - start < .seconds(2))
    #expect(error.message.contains("longer than 65536 bytes"))
  }

  @Test func deepNestingIsRefusedWithoutACrash() throws {
    let depth = 200_000
    var bytes = Array("<project><build><plugins><plugin><artifactId>x</artifactId><configuration>".utf8)
    bytes.reserveCapacity(bytes.count + depth * 7)
    for _ in 0..<depth { bytes += Array("<a>".utf8) }
    for _ in 0..<depth { bytes += Array("</a>".utf8) }
    bytes += Array("</configuration></plugin></plugins></build></project>".utf8)
    let start = ContinuousClock.now
    let error = try #require(Maven.error(bytes: bytes))
    #expect(ContinuousClock.now - start < .seconds(2))
    #expect(error.message.contains("nested deeper than 1000"))
    // Just under the limit is fine.
    var ok = Array("<project><build><plugins><plugin><artifactId>x</artifactId><configuration>".utf8)
    for _ in 0..<990 { ok += Array("<a>".utf8) }
    for _ in 0..<990 { ok += Array("</a>".utf8) }
    ok += Array("</configuration></plugin></plugins></build></project>".utf8)
    #expect(Maven.error(bytes: ok) == nil)
  }

  /// Linear time: a large POM (20,000 dependencies, long comment and text runs) reads quickly.
  @Test func largeInputIsLinear() throws {
    var body = "<!--" + String(repeating: "-x", count: 200_000) + "--><dependencies>"
    for i in 0..<20_000 { body += Maven.dependency("g", "a\(i)", "1.\(i)") }
    body += "</dependencies>"
    let start = ContinuousClock.now
    let manifest = try Maven.load(Maven.pom(body)).manifests[0]
    #expect(manifest.entries.count == 20_000)
    #expect(ContinuousClock.now - start < .seconds(10))
  }

  /// Each property of a chain refers to the next: resolution recurses, so the chain is bounded
  /// (a 200,000-long chain overflowed the stack). Just under the limit resolves.
  @Test func propertyChainsAreBounded() throws {
    func chain(_ length: Int) -> String {
      var properties = ""
      for i in 0..<length { properties += "<p\(i)>${p\(i + 1)}</p\(i)>" }
      properties += "<p\(length)>2.0</p\(length)>"
      return Maven.pom("<properties>\(properties)</properties><dependencies>\(Maven.dependency("g", "a", "${p0}"))</dependencies>")
    }
    let limit = PomInterpolator.maximumDepth
    #expect(try Maven.digest(chain(limit - 1)) == Maven.digest(Maven.pom("<dependencies>\(Maven.dependency("g", "a", "2.0"))</dependencies>")))
    let error = try #require(Maven.error(chain(limit + 1)))
    #expect(error.message.contains("more than \(limit) levels deep"))
    let start = ContinuousClock.now
    #expect(Maven.error(chain(200_000))?.message.contains("levels deep") == true)
    #expect(ContinuousClock.now - start < .seconds(30))
  }
}
