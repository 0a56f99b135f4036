import Foundation
import Testing

/// `digest --write/--check [--var]` and `inputs`, as Makefiles and pre-commit hooks use them.
@Suite struct TagFileCommandTests {
  static func read(_ dir: URL, _ name: String) throws -> String {
    try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
  }

  @Test func writeOnlyWhenChangedAndCheckIsReadOnly() throws {
    let dir = try CLIRunner.directory(["requirements.txt": "a\n"])
    let first = try CLIRunner.run(["digest", "--write", ".deptag-tag"], in: dir)
    #expect(first.status == 0)
    #expect(try Self.read(dir, ".deptag-tag") == first.stdout)
    let tag = dir.appendingPathComponent(".deptag-tag").path
    let old = Date(timeIntervalSince1970: 1_000_000)
    try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: tag)
    #expect(try CLIRunner.run(["digest", "--write", ".deptag-tag"], in: dir).status == 0)
    let mtime = try FileManager.default.attributesOfItem(atPath: tag)[.modificationDate] as? Date
    #expect(mtime == old, "an unchanged digest must not touch the file (make would rebuild)")
    #expect(try CLIRunner.run(["digest", "--check", ".deptag-tag"], in: dir).status == 0)
    try Data("a\nb\n".utf8).write(to: dir.appendingPathComponent("requirements.txt"))
    let stale = try CLIRunner.run(["digest", "--check", ".deptag-tag"], in: dir)
    #expect(stale.status == 1)
    #expect(stale.stderr.contains(".deptag-tag is stale"))
    #expect(try Self.read(dir, ".deptag-tag") == first.stdout, "--check never writes")
    #expect(try CLIRunner.run(["digest", "--check", "missing-tag"], in: dir).status == 1)
  }

  @Test func varUpdatesOneLineAndKeepsTheRest() throws {
    let env = "# build settings\nexport PYTHON=3.12\nBASE_TAG := old\nOTHER=x\n"
    let dir = try CLIRunner.directory(["requirements.txt": "a\n", "build.env": env])
    let out = try CLIRunner.run(["digest", "--write", "build.env", "--var", "BASE_TAG"], in: dir)
    let digest = out.stdout.dropLast()
    #expect(try Self.read(dir, "build.env") == "# build settings\nexport PYTHON=3.12\nBASE_TAG := \(digest)\nOTHER=x\n")
    #expect(try CLIRunner.run(["digest", "--check", "build.env", "--var", "BASE_TAG"], in: dir).status == 0)
    #expect(try CLIRunner.run(["digest", "--check", "build.env", "--var", "OTHER"], in: dir).status == 1)
    _ = try CLIRunner.run(["digest", "--write", "build.env", "--var", "NEW_TAG"], in: dir)
    #expect(try Self.read(dir, "build.env").hasSuffix("OTHER=x\nNEW_TAG=\(digest)\n"))
    #expect(try CLIRunner.run(["digest", "--var", "X"], in: dir).status == 64)
  }

  @Test func inputsListsEveryFileThatFeedsTheDigest() throws {
    let dir = try CLIRunner.directory([
      "requirements.txt": "-r base.txt\n-c pins.txt\na\n", "base.txt": "b\n", "pins.txt": "a<2\n", "Dockerfile": "FROM x\n",
    ])
    let out = try CLIRunner.run(["inputs", "--with", "Dockerfile"], in: dir)
    #expect(out.status == 0)
    #expect(out.stdout == "requirements.txt\nbase.txt\npins.txt\nDockerfile\n")
  }
}
