import Foundation
import Testing

/// `deptag decide`, `diff` and `snapshot` as CI scripts use them.
@Suite struct DecideCommandTests {
  /// The typed shape of `decide --json`, decoded to check the document.
  struct DecisionDocument: Decodable {
    struct Reason: Decodable {
      var action: String
      var manifest: String?
      var message: String
    }
    struct Change: Decodable {
      var manifest: String
      var kind: String
      var change: String
      var setting: Bool
      var key: String
      var old: [String]
      var new: [String]
    }
    var deptag: String
    var version: Int
    var action: String
    var digests: [String: String?]
    var chain: Int?
    var reasons: [Reason]
    var added: [Change]
    var removed: [Change]
    var changed: [Change]
  }

  static func workspace(old: String, new: String) throws -> URL {
    try CLIRunner.directory(["old/requirements.txt": old, "new/requirements.txt": new])
  }

  @Test(arguments: [
    ("a\n", "a\n", "none", Int32(0)), ("a\n", "a\nb\n", "incremental", 10), ("a\nb\n", "a\n", "base", 11),
  ])
  func exitCodesCarryTheAnswer(_ c: (String, String, String, Int32)) throws {
    let dir = try Self.workspace(old: c.0, new: c.1)
    let plain = try CLIRunner.run(["decide", "old", "new"], in: dir)
    #expect(plain.status == 0)
    #expect(plain.stdout == c.2 + "\n")
    let coded = try CLIRunner.run(["decide", "--exit-code", "old", "new"], in: dir)
    #expect(coded.status == c.3)
    #expect(coded.stdout == c.2 + "\n")
  }

  @Test func reasonsGoToStderrOnePerLine() throws {
    let dir = try Self.workspace(old: "a==1\nb\n", new: "a==2\nc\n")
    let out = try CLIRunner.run(["decide", "old", "new"], in: dir)
    #expect(out.stdout == "base\n")
    #expect(out.stderr == """
      base: new/requirements.txt: b removed: an incremental build would leave it installed
      incremental: new/requirements.txt: a: a==1 → a==2
      incremental: new/requirements.txt: c added

      """)
  }

  @Test func jsonDecodesIntoTheDocumentedShape() throws {
    let dir = try Self.workspace(old: "a==1\nb\n", new: "a==2\nc\n")
    let out = try CLIRunner.run(["decide", "--json", "old", "new"], in: dir)
    let document = try JSONDecoder().decode(DecisionDocument.self, from: Data(out.stdout.utf8))
    #expect(document.deptag == "decision" && document.version == 1)
    #expect(document.action == "base")
    #expect(document.added.map(\.key) == ["c"])
    #expect(document.removed.map(\.key) == ["b"])
    #expect(document.changed.map { $0.old + $0.new } == [["a==1", "a==2"]])
    #expect(document.reasons.count == 3)
    #expect(document.digests["old"]! != nil && document.digests["new"]! != nil)
  }

  @Test func aMissingPreviousStateMeansBase() throws {
    let dir = try Self.workspace(old: "a\n", new: "a\n")
    let out = try CLIRunner.run(["decide", "--exit-code", "nothing-here", "new"], in: dir)
    #expect(out.status == 11)
    #expect(out.stderr.hasPrefix("base: previous state unreadable: "))
  }

  @Test func snapshotChainAcrossBuilds() throws {
    let dir = try CLIRunner.directory(["app/requirements.txt": "a\n"])
    #expect(try CLIRunner.run(["snapshot", "app", "--output", "snap0.json"], in: dir).status == 0)
    try Data("a\nb\n".utf8).write(to: dir.appendingPathComponent("app/requirements.txt"))
    let decision = try CLIRunner.run(["decide", "snap0.json", "app"], in: dir)
    #expect(decision.stdout == "incremental\n")
    #expect(try CLIRunner.run(["snapshot", "app", "--previous", "snap0.json", "--output", "snap1.json"], in: dir).status == 0)
    let snap1 = try String(contentsOf: dir.appendingPathComponent("snap1.json"), encoding: .utf8)
    #expect(snap1.contains("\"chain\": 1"))
    #expect(try CLIRunner.run(["decide", "snap1.json", "app"], in: dir).stdout == "none\n")
    let limited = try CLIRunner.run(["decide", "--max-chain", "1", "snap1.json", "app"], in: dir)
    #expect(limited.stdout == "none\n")
    try Data("a\nb\nc\n".utf8).write(to: dir.appendingPathComponent("app/requirements.txt"))
    let over = try CLIRunner.run(["decide", "--max-chain", "1", "snap1.json", "app"], in: dir)
    #expect(over.stdout == "base\n")
    #expect(over.stderr.contains("over --max-chain 1"))
    let salted = try CLIRunner.run(["decide", "--salt", "py3.13", "snap1.json", "app"], in: dir)
    #expect(salted.stdout == "base\n")
    #expect(salted.stderr.contains("--with/--salt inputs changed"))
  }

  @Test func snapshotOutputIsAtomicAndKeepsPermissions() throws {
    let dir = try CLIRunner.directory(["requirements.txt": "a\n", "snap.json": "old"])
    let snap = dir.appendingPathComponent("snap.json").path
    #expect(chmod(snap, 0o640) == 0)
    #expect(try CLIRunner.run(["snapshot", "--output", "snap.json"], in: dir).status == 0)
    var info = stat()
    #expect(stat(snap, &info) == 0)
    #expect(info.st_mode & 0o777 == 0o640)
    // A failing write leaves the original untouched and no temporary file behind.
    try Data("b\n".utf8).write(to: dir.appendingPathComponent("requirements.txt"))
    #expect(chmod(dir.path, 0o555) == 0)
    defer { chmod(dir.path, 0o755) }
    let failed = try CLIRunner.run(["snapshot", "--output", "snap.json"], in: dir)
    if getuid() != 0 {  // root ignores directory permissions
      #expect(failed.status == 1)
      #expect(try String(contentsOfFile: snap, encoding: .utf8).contains("\"a\""))
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("deptag-") }.isEmpty)
  }

  @Test func diffPrintsOneLinePerChange() throws {
    let dir = try Self.workspace(old: "a==1\nb\n--pre\n", new: "a==2\nc\n")
    let out = try CLIRunner.run(["diff", "old", "new"], in: dir)
    #expect(out.status == 0)
    #expect(out.stdout == """
      new/requirements.txt: - --pre
      new/requirements.txt: ~ a: a==1 → a==2
      new/requirements.txt: - b
      new/requirements.txt: + c

      """)
  }
}

/// `deptag decide --since REV` against a temporary git repository.
@Suite struct SinceTests {
  static func git(_ arguments: [String], in dir: URL) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t", "-c", "commit.gpgsign=false"] + arguments
    process.currentDirectoryURL = dir
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "git \(arguments)")
  }

  @Test func comparesWithTheCommittedManifestsIncludesToo() throws {
    let dir = try CLIRunner.directory(["requirements.txt": "-r base.txt\na==1\n", "base.txt": "b\n"])
    try Self.git(["init", "-q"], in: dir)
    try Self.git(["add", "."], in: dir)
    try Self.git(["commit", "-q", "-m", "one"], in: dir)
    #expect(try CLIRunner.run(["decide", "--since", "HEAD"], in: dir).stdout == "none\n")
    try Data("c\n".utf8).write(to: dir.appendingPathComponent("base.txt"))
    let changed = try CLIRunner.run(["decide", "--since", "HEAD"], in: dir)
    #expect(changed.stdout == "base\n")
    #expect(changed.stderr.contains("b removed"))
    try FileManager.default.createDirectory(at: dir.appendingPathComponent("svc"), withIntermediateDirectories: true)
    try Data("x\n".utf8).write(to: dir.appendingPathComponent("svc/requirements.txt"))
    let added = try CLIRunner.run(["decide", "--exit-code", "--since", "HEAD", "svc"], in: dir)
    #expect(added.status == 11)
    #expect(added.stderr.contains("pip manifest appeared"))
  }

  @Test func unknownRevisionsAndNonRepositoriesAreErrors() throws {
    let dir = try CLIRunner.directory(["requirements.txt": "a\n"])
    let outside = try CLIRunner.run(["decide", "--since", "HEAD"], in: dir)
    #expect(outside.status == 1)
    #expect(outside.stderr.contains("git repository"))
    try Self.git(["init", "-q"], in: dir)
    let unknown = try CLIRunner.run(["decide", "--since", "no-such-rev"], in: dir)
    #expect(unknown.status == 1)
    #expect(unknown.stderr.contains("unknown revision"))
    #expect(try CLIRunner.run(["decide", "only-one-path"], in: dir).status == 64)
  }
}
