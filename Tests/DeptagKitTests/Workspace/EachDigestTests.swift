import Foundation
import Testing

@testable import DeptagKit

/// `ManifestLoader.digestEach`: one digest per directory, each equal to `digest DIR`.
@Suite struct EachDigestTests {
  static let monorepo = [
    "requirements.txt": "-c constraints.txt\nDjango==4.2\n", "constraints.txt": "django<5\n",
    "svc/go/go.mod": "module example.com/x\n\ngo 1.22\n\nrequire golang.org/x/text v0.14.0\n",
    "svc/go/go.sum": "golang.org/x/text v0.14.0 h1:ScX5w1eTa3QqT8oi6+ziP7dTV1S2+ALU0bI+0zXKWiQ=\n",
    "web/package.json": #"{"dependencies": {"left-pad": "^1.3.0"}}"#,
    "java/pom.xml": "<project><modelVersion>4.0.0</modelVersion><groupId>g</groupId><artifactId>a</artifactId><version>1</version></project>",
  ]

  @Test func everyDirectoryDigestIsWhatDigestDirPrints() throws {
    let dir = try makeTree(Self.monorepo)
    defer { dir.remove() }
    let loader = ManifestLoader()
    let result = try loader.digestEach(EachDigestRequest(root: dir.url.path))
    #expect(result.failures.isEmpty)
    #expect(result.digests.map(\.path) == [".", "java", "svc/go", "web"])
    for entry in result.digests {
      let alone = try loader.digest(DigestRequest(paths: [entry.path == "." ? dir.url.path : dir.url.path + "/" + entry.path]))
      #expect(entry.digest == alone.digest, "\(entry.path)")
    }
    #expect(Set(result.digests.map(\.digest)).count == 4)
    #expect(result.digests.map(\.kinds) == [[.pip, .pipConstraints], [.maven], [.gomod, .gosum], [.npm]])
    #expect(result.digests[0].line == ".\t\(result.digests[0].digest)\tpip,pip-constraints")
  }

  @Test func withSaltAndLengthApplyToEveryDirectory() throws {
    let dir = try makeTree(Self.monorepo.merging(["Dockerfile.base": "FROM scratch\n"]) { $1 })
    defer { dir.remove() }
    let loader = ManifestLoader()
    let with = dir.url.appendingPathComponent("Dockerfile.base").path
    let request = EachDigestRequest(root: dir.url.path, length: 20, withFiles: [with], salts: ["linux/arm64"])
    let plain = try loader.digestEach(EachDigestRequest(root: dir.url.path))
    let extra = try loader.digestEach(request)
    for (a, b) in zip(plain.digests, extra.digests) {
      #expect(a.digest != String(b.digest.prefix(12)))
      #expect(b.digest.count == 20)
      let path = b.path == "." ? dir.url.path : dir.url.path + "/" + b.path
      let alone = try loader.digest(DigestRequest(paths: [path], length: 20, withFiles: [with], salts: ["linux/arm64"]))
      #expect(b.digest == alone.digest)
    }
    #expect(throws: DeptagError.self) {
      try loader.digestEach(EachDigestRequest(root: dir.url.path, withFiles: [dir.url.appendingPathComponent("missing").path]))
    }
    #expect(throws: DeptagError.self) { try loader.digestEach(EachDigestRequest(root: dir.url.path, length: 3)) }
  }

  @Test func aBrokenDirectoryIsReportedAndTheOthersStillGetDigests() throws {
    let dir = try makeTree(Self.monorepo.merging([
      "bad/requirements.txt": "ok\n-r inc.txt\n", "bad/inc.txt": "foo==1 --global-option=x\n",
      "worse/package.json": "{\"dependencies\": ",
    ]) { $1 })
    defer { dir.remove() }
    let result = try ManifestLoader().digestEach(EachDigestRequest(root: dir.url.path))
    #expect(result.digests.map(\.path) == [".", "java", "svc/go", "web"])
    #expect(result.failures.map(\.path) == ["bad", "worse"])
    let bad = try #require(result.failures.first?.error)
    #expect(bad.location?.file == dir.url.path + "/bad/inc.txt")
    #expect(bad.position == "1:8")
    #expect(bad.diagnostic.notes.first?.location?.file == dir.url.path + "/bad/requirements.txt")
    // stderr order: by directory path, each error with its notes.
    #expect(result.diagnostics.map(\.severity) == [.error, .error])
  }

  @Test func aWarningAboutASharedIncludeIsPrintedOnce() throws {
    let dir = try makeTree([
      "common/base.txt": "-e ./lib\n",
      "a/requirements.txt": "-r ../common/base.txt\nx\n", "b/requirements.txt": "-r ../common/base.txt\ny\n",
    ])
    defer { dir.remove() }
    let result = try ManifestLoader().digestEach(EachDigestRequest(root: dir.url.path))
    #expect(result.outcomes.map(\.warnings.count) == [1, 1])
    #expect(result.outcomes[0].warnings == result.outcomes[1].warnings)
    #expect(result.diagnostics == result.outcomes[0].warnings)
  }

  @Test func noManifestAnywhereIsAnError() throws {
    let dir = try makeTree(["src/main.go": "package main\n", "node_modules/x/package.json": "{}"])
    defer { dir.remove() }
    let error = #expect(throws: DeptagError.self) {
      try ManifestLoader().digestEach(EachDigestRequest(root: dir.url.path))
    }
    #expect(error?.message.contains("no manifest found in it or below") == true)
  }

  @Test func jsonHasTheDeptagShape() throws {
    let dir = try makeTree(["a/go.mod": "module x\n", "b/package.json": "[", "c/package.json": "{}"])
    defer { dir.remove() }
    let result = try ManifestLoader().digestEach(EachDigestRequest(root: dir.url.path))
    let json = result.json
    #expect(json["deptag"] == .string("digests"))
    #expect(json["version"] == .number(1))
    let directories = try #require(json["directories"]?.arrayValue)
    #expect(directories.map { $0["path"]?.stringValue } == ["a", "c"])
    #expect(directories[0]["kinds"] == .array([.string("gomod")]))
    #expect(directories[0]["digest"]?.stringValue == result.digests[0].digest)
    let errors = try #require(json["errors"]?.arrayValue)
    #expect(errors.map { $0["path"]?.stringValue } == ["b"])
    #expect(errors[0]["message"]?.stringValue?.hasPrefix(dir.url.path + "/b/package.json:1:2: error:") == true)
  }
}
