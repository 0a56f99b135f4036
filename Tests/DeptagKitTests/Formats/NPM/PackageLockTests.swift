import Testing

@testable import DeptagKit

/// package-lock.json, lockfileVersion 1–3 (reference §1.7).
@Suite struct PackageLockTests {
  static let entryA = #""node_modules/a": {"version": "1.0.0", "resolved": "https://registry.npmjs.org/a/-/a-1.0.0.tgz", "integrity": "sha512-AAAA", "license": "MIT"}"#

  static func v3(name: String = "app", version: String = "1.0.0", entries: String = entryA, root: String = "") -> String {
    #"{"name": "\#(name)", "version": "\#(version)", "lockfileVersion": 3, "requires": true, "packages": {"": {"name": "\#(name)", "version": "\#(version)", "license": "ISC"\#(root), "dependencies": {"a": "^1.0.0"}}, \#(entries)}}"#
  }

  static func lock(_ text: String) throws -> String { try NPM.digest(text, kind: .npmLock) }

  @Test func rootNameAndVersionAreNotSemantic() throws {
    #expect(try Self.lock(Self.v3()) == Self.lock(Self.v3(name: "renamed", version: "2.0.0")))
  }

  @Test func v2AndV3WithTheSamePackagesAreEqual() throws {
    let v2 = #"{"name": "app", "lockfileVersion": 2, "requires": true, "packages": {"": {"name": "app", "dependencies": {"a": "^1.0.0"}}, \#(Self.entryA)}, "dependencies": {"a": {"version": "1.0.0"}}}"#
    #expect(try Self.lock(v2) == Self.lock(Self.v3()))
    #expect(try NPM.normalize(v2, kind: .npmLock).hasPrefix("{\n  \"lockfileVersion\": 3,"))
  }

  @Test func metadataIsNotSemantic() throws {
    let other = Self.entryA.replacingOccurrences(of: "\"license\": \"MIT\"", with: "\"license\": \"ISC\", \"funding\": {\"url\": \"x\"}, \"deprecated\": \"old\"")
    #expect(try Self.lock(Self.v3()) == Self.lock(Self.v3(entries: other)))
  }

  @Test(arguments: [
    ("a version", #""version": "1.0.0""#, #""version": "1.0.1""#),
    ("resolved", #""resolved": "https://registry.npmjs.org/"#, #""resolved": "https://mirror.example/"#),
    ("integrity", "sha512-AAAA", "sha512-BBBB"),
    ("a dev flag", #""license": "MIT""#, #""dev": true"#),
    ("an optional flag", #""license": "MIT""#, #""optional": true"#),
    ("an alias's real name", #""license": "MIT""#, #""name": "b""#),
  ])
  func entryChangesAreSemantic(_ change: (String, String, String)) throws {
    let changed = Self.entryA.replacingOccurrences(of: change.1, with: change.2)
    #expect(changed != Self.entryA)
    #expect(try Self.lock(Self.v3()) != Self.lock(Self.v3(entries: changed)), "\(change.0)")
  }

  @Test func rootEntryDependencySpecsAndInstallScriptsCount() throws {
    #expect(try Self.lock(Self.v3()) != Self.lock(Self.v3(root: #", "hasInstallScript": true"#)))
    #expect(try Self.lock(Self.v3()) != Self.lock(Self.v3().replacingOccurrences(of: "\"a\": \"^1.0.0\"", with: "\"a\": \"^1.0.1\"")))
    #expect(try Self.lock(Self.v3()) != Self.lock(Self.v3(entries: Self.entryA + #", "node_modules/b": {"version": "1.0.0"}"#)))
  }

  @Test func v1IsReadAsANestedTree() throws {
    let v1 = #"{"name": "app", "version": "1.0.0", "lockfileVersion": 1, "requires": true, "dependencies": {"b": {"version": "2.0.0", "dev": true, "requires": {"c": "^1"}, "dependencies": {"c": {"version": "1.0.0"}}}, "a": {"version": "1.0.0"}}}"#
    let renamed = v1.replacingOccurrences(of: "\"name\": \"app\", \"version\": \"1.0.0\"", with: "\"name\": \"x\", \"version\": \"9.0.0\"")
    #expect(try Self.lock(v1) == Self.lock(renamed))
    let manifest = try NPM.load(v1, kind: .npmLock).manifests[0]
    #expect(manifest.entries.map(\.key) == ["node_modules/a", "node_modules/b", "node_modules/b/node_modules/c"])
    #expect(manifest.canonicalText.contains("\"lockfileVersion\": 1"))
    #expect(try Self.lock(v1) != Self.lock(v1.replacingOccurrences(of: "\"version\": \"1.0.0\"}}}", with: "\"version\": \"1.0.1\"}}}")))
    #expect(try Self.lock(v1) != Self.lock(Self.v3()))
  }

  @Test func normalizeIsIdempotentAndErrorsHavePositions() throws {
    let text = try NPM.normalize(Self.v3(), kind: .npmLock)
    #expect(try NPM.normalize(text, kind: .npmLock) == text)
    #expect(NPM.error(#"{"packages": {"node_modules/a": "1.0.0"}}"#, kind: .npmLock)?.position == "1:33")
    #expect(NPM.error(#"{"packages": []}"#, kind: .npmLock)?.position == "1:14")
    #expect(NPM.error("3", kind: .npmLock)?.position == "1:1")
  }
}
