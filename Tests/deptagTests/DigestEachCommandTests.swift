import Foundation
import Testing

/// `deptag digest --each [DIR]` as a monorepo's CI runs it: one line per directory, JSON,
/// errors, and the flags it refuses.
@Suite struct DigestEachCommandTests {
  static let monorepo = [
    "requirements.txt": "Django==4.2\n",
    "services/api/requirements.txt": "-c constraints.txt\nrequests>=2\n",
    "services/api/constraints.txt": "requests<3\n",
    "services/worker/go.mod": "module example.com/worker\n\ngo 1.22\n",
    "web/package.json": #"{"dependencies": {"left-pad": "^1.3.0"}}"#,
    "web/package-lock.json": #"{"name": "web", "lockfileVersion": 3, "packages": {"": {"dependencies": {"left-pad": "^1.3.0"}}}}"#,
    "web/node_modules/left-pad/package.json": #"{"name": "left-pad"}"#,
    "tools/requirements-dev.txt": "pytest\n",
  ]

  static func lines(_ text: String) -> [[String]] {
    text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
  }

  @Test func oneTabSeparatedLinePerDirectorySortedAndEqualToDigestDir() throws {
    let dir = try CLIRunner.directory(Self.monorepo)
    let out = try CLIRunner.run(["digest", "--each"], in: dir)
    #expect(out.status == 0)
    #expect(out.stderr == "")
    let rows = Self.lines(out.stdout)
    #expect(rows.map { $0[0] } == [".", "services/api", "services/worker", "web"])
    #expect(rows.map { $0[2] } == ["pip", "pip,pip-constraints", "gomod", "npm,npm-lock"])
    for row in rows {
      #expect(row.count == 3)
      let alone = try CLIRunner.run(["digest", row[0]], in: dir)
      #expect(alone.stdout == row[1] + "\n", "\(row[0])")
    }
    // Named DIR: paths relative to it; the same digests as from inside it.
    let sub = try CLIRunner.run(["digest", "--each", "services"], in: dir)
    #expect(Self.lines(sub.stdout) == rows.filter { $0[0].hasPrefix("services/") }.map { [String($0[0].dropFirst("services/".count)), $0[1], $0[2]] })
    let absolute = try CLIRunner.run(["digest", "--each", dir.path], in: CLIRunner.packageRoot)
    #expect(absolute.stdout == out.stdout)
  }

  @Test func theRepositorysExamplesAreAMonorepo() throws {
    let out = try CLIRunner.run(["digest", "--each", "Examples"])
    #expect(out.status == 0)
    let rows = Self.lines(out.stdout)
    #expect(rows.map { $0[0] } == ["go", "maven", "node", "python"])
    #expect(rows.map { $0[2] } == ["gomod,gosum", "maven", "npm,npm-lock", "pip,pip-constraints"])
    for row in rows {
      #expect(try CLIRunner.run(["digest", "Examples/" + row[0]]).stdout == row[1] + "\n")
    }
  }

  @Test func lengthWithAndSaltApplyToEveryLine() throws {
    let dir = try CLIRunner.directory(Self.monorepo.merging(["Dockerfile.base": "FROM scratch\n"]) { $1 })
    let out = try CLIRunner.run(["digest", "--each", "--length", "16", "--with", "Dockerfile.base", "--salt", "arm64"], in: dir)
    #expect(out.status == 0)
    for row in Self.lines(out.stdout) {
      #expect(row[1].count == 16)
      let alone = try CLIRunner.run(["digest", row[0], "--length", "16", "--with", "Dockerfile.base", "--salt", "arm64"], in: dir)
      #expect(alone.stdout == row[1] + "\n")
    }
  }

  @Test func jsonIsOneDeptagObject() throws {
    let dir = try CLIRunner.directory(Self.monorepo)
    let out = try CLIRunner.run(["digest", "--each", "--json"], in: dir)
    #expect(out.status == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
    #expect(object["deptag"] as? String == "digests")
    #expect(object["version"] as? Int == 1)
    let directories = try #require(object["directories"] as? [[String: Any]])
    let lines = Self.lines(try CLIRunner.run(["digest", "--each"], in: dir).stdout)
    #expect(directories.map { $0["path"] as? String } == lines.map { $0[0] })
    #expect(directories.map { $0["digest"] as? String } == lines.map { $0[1] })
    #expect(directories.map { ($0["kinds"] as? [String])?.joined(separator: ",") } == lines.map { $0[2] })
    #expect((object["errors"] as? [Any])?.isEmpty == true)
  }

  @Test func aBrokenManifestFailsTheRunButEveryOtherDirectoryIsPrinted() throws {
    let dir = try CLIRunner.directory(Self.monorepo.merging([
      "services/bad/requirements.txt": "ok\n-r inc.txt\n", "services/bad/inc.txt": "foo==1 --global-option=x\n",
      "services/broken/go.mod": "module x\nrequire (\n",
    ]) { $1 })
    let out = try CLIRunner.run(["digest", "--each", "services"], in: dir)
    #expect(out.status == 1)
    #expect(Self.lines(out.stdout).map { $0[0] } == ["api", "worker"])
    let errors = out.stderr.split(separator: "\n").map(String.init)
    #expect(errors.count == 3)
    #expect(errors[0] == "services/bad/inc.txt:1:8: error: no such option: --global-option (removed in pip 25.3)")
    #expect(errors[1] == "services/bad/requirements.txt:2:1: note: included from here")
    #expect(errors[2].hasPrefix("services/broken/go.mod:"))
    #expect(errors[2].contains(": error: "))
    let json = try CLIRunner.run(["digest", "--each", "services", "--json"], in: dir)
    #expect(json.status == 1)
    #expect(json.stderr == out.stderr)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let failed = try #require(object["errors"] as? [[String: Any]])
    #expect(failed.map { $0["path"] as? String } == ["bad", "broken"])
    #expect((failed[0]["message"] as? String) == errors[0] + "\n" + errors[1])
  }

  @Test func noManifestUnderDirIsAnError() throws {
    let dir = try CLIRunner.directory(["src/main.go": "package main\n", "vendor/x/go.mod": "module x\n"])
    let out = try CLIRunner.run(["digest", "--each"], in: dir)
    #expect(out.status == 1)
    #expect(out.stdout == "")
    #expect(out.stderr.hasPrefix("deptag: error: .: no manifest found in it or below"))
    let file = try CLIRunner.run(["digest", "--each", "src/main.go"], in: dir)
    #expect(file.status == 1)
    #expect(file.stderr.contains("not a directory"))
  }

  @Test func gitIgnoredDirectoriesAreSkippedInsideARepository() throws {
    let dir = try CLIRunner.directory(Self.monorepo.merging([".gitignore": "dist/\n", "dist/web/package.json": "{}"]) { $1 })
    let plain = try CLIRunner.run(["digest", "--each"], in: dir)
    #expect(Self.lines(plain.stdout).map { $0[0] }.contains("dist/web"))
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/git") else { return }
    let initialised = Process()
    initialised.executableURL = URL(fileURLWithPath: "/usr/bin/git")
    initialised.arguments = ["init", "-q", dir.path]
    try initialised.run()
    initialised.waitUntilExit()
    let out = try CLIRunner.run(["digest", "--each"], in: dir)
    #expect(out.status == 0)
    #expect(Self.lines(out.stdout).map { $0[0] } == [".", "services/api", "services/worker", "web"])
  }

  @Test func flagsThatDoNotCombineAreUsageErrors() throws {
    let dir = try CLIRunner.directory(Self.monorepo)
    let cases: [([String], String)] = [
      (["--each", "--write", "tag"], "--write and --check do not combine with --each"),
      (["--each", "--check", "tag"], "--write and --check do not combine with --each"),
      (["--each", "--type", "pip"], "--type does not combine with --each"),
      (["--each", "services", "web"], "--each takes one directory"),
      (["--each", "-"], "--each walks a directory"),
      (["--json"], "--json goes with --each"),
    ]
    for (arguments, message) in cases {
      let out = try CLIRunner.run(["digest"] + arguments, in: dir)
      #expect(out.status == 64, "\(arguments)")
      #expect(out.stderr.contains(message), "\(arguments): \(out.stderr)")
      #expect(out.stdout == "")
    }
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("tag").path))
    let help = try CLIRunner.run(["digest", "--help"], in: dir)
    #expect(help.stdout.contains("--each"))
    #expect(help.stdout.contains("the others are still printed"))
  }
}
