import Foundation
import Testing

/// `deptag digest` and `deptag normalize` as users run them: stdout, stderr, exit status.
@Suite struct DigestCommandTests {
  static let example = ["requirements.txt": "-r base.txt\nDjango==4.2\n", "base.txt": "requests>=2\n"]

  @Test func digestPrintsTwelveHexCharactersAndExitsZero() throws {
    let dir = try CLIRunner.directory(Self.example)
    let out = try CLIRunner.run(["digest", "requirements.txt"], in: dir)
    #expect(out.status == 0)
    #expect(out.stderr == "")
    #expect(out.stdout.count == 13 && out.stdout.hasSuffix("\n"))
    #expect(out.stdout.dropLast().allSatisfy { "0123456789abcdef".contains($0) })
  }

  @Test func noPathMeansTheCurrentDirectoryAndPathsAreNotHashed() throws {
    let dir = try CLIRunner.directory(Self.example)
    let byName = try CLIRunner.run(["digest", "requirements.txt"], in: dir)
    let byDirectory = try CLIRunner.run(["digest"], in: dir)
    let byAbsolute = try CLIRunner.run(["digest", dir.appendingPathComponent("requirements.txt").path])
    let moved = try CLIRunner.directory(["x/requirements-dev.txt": "-r ../base.txt\ndjango == 4.2.0\n", "base.txt": "Requests >= 2\n"])
    let renamed = try CLIRunner.run(["digest", "x/requirements-dev.txt"], in: moved)
    #expect(byName.stdout == byDirectory.stdout)
    #expect(byName.stdout == byAbsolute.stdout)
    #expect(byName.stdout == renamed.stdout)
  }

  @Test func stdinNeedsTypeAndThenMatchesTheFile() throws {
    let dir = try CLIRunner.directory(["requirements.txt": "a==1\n"])
    let file = try CLIRunner.run(["digest", "requirements.txt"], in: dir)
    let piped = try CLIRunner.run(["digest", "--type", "pip", "-"], in: dir, stdin: "a==1.0\n")
    #expect(piped.status == 0)
    #expect(piped.stdout == file.stdout)
    let untyped = try CLIRunner.run(["digest", "-"], in: dir, stdin: "a\n")
    #expect(untyped.status == 64)
    #expect(untyped.stderr.contains("--type"))
  }

  @Test func lengthWithAndSalt() throws {
    let dir = try CLIRunner.directory(["requirements.txt": "a\n", "Dockerfile.base": "FROM python:3.12\n"])
    let short = try CLIRunner.run(["digest", "--length", "4"], in: dir)
    let long = try CLIRunner.run(["digest", "--length", "64"], in: dir)
    #expect(short.stdout.count == 5)
    #expect(long.stdout.hasPrefix(short.stdout.dropLast()))
    #expect(try CLIRunner.run(["digest", "--length", "3"], in: dir).status == 64)
    #expect(try CLIRunner.run(["digest", "--length", "65"], in: dir).status == 64)
    let plain = try CLIRunner.run(["digest"], in: dir).stdout
    let with = try CLIRunner.run(["digest", "--with", "Dockerfile.base"], in: dir).stdout
    let salted = try CLIRunner.run(["digest", "--salt", "linux/arm64"], in: dir).stdout
    #expect(Set([plain, with, salted]).count == 3)
  }

  /// `--salt "$GOFLAGS"`: a salt is taken as text even when it starts with `-`, spelled either
  /// way; an empty one (an unset variable) hashes nothing, and a flag after a salt still parses.
  @Test func saltsThatLookLikeOptions() throws {
    let dir = try CLIRunner.directory(["requirements.txt": "a\n"])
    let plain = try CLIRunner.run(["digest"], in: dir)
    let separate = try CLIRunner.run(["digest", "--salt", "-mod=mod", "--salt", "linux/arm64"], in: dir)
    let attached = try CLIRunner.run(["digest", "--salt=-mod=mod", "--salt=linux/arm64"], in: dir)
    let other = try CLIRunner.run(["digest", "--salt", "-mod=vendor", "--salt", "linux/arm64"], in: dir)
    let empty = try CLIRunner.run(["digest", "--salt", ""], in: dir)
    let thenLength = try CLIRunner.run(["digest", "--salt", "-trimpath", "--length", "4"], in: dir)
    #expect(separate.status == 0)
    #expect(separate.stderr == "")
    #expect(separate.stdout == attached.stdout)
    #expect(separate.stdout != plain.stdout)
    #expect(separate.stdout != other.stdout)
    #expect(empty.stdout == plain.stdout)
    #expect(thenLength.status == 0)
    #expect(thenLength.stdout.count == 5)
    #expect(try CLIRunner.run(["digest", "--salt"], in: dir).status == 64)
  }

  @Test func badInputIsACompilerStyleErrorAndExitOne() throws {
    let dir = try CLIRunner.directory(["requirements.txt": "ok\n-r inc.txt\n", "inc.txt": "a\nfoo==1 --global-option=x\n"])
    let out = try CLIRunner.run(["digest"], in: dir)
    #expect(out.status == 1)
    #expect(out.stdout == "")
    #expect(out.stderr == """
      inc.txt:2:8: error: no such option: --global-option (removed in pip 25.3)
      requirements.txt:2:1: note: included from here

      """)
  }

  @Test func missingFilesDirectoriesWithoutManifestsAndUnknownNames() throws {
    let dir = try CLIRunner.directory(["notes.txt": "x\n", "sub/readme": "x"])
    let missing = try CLIRunner.run(["digest", "nope.txt"], in: dir)
    #expect(missing.status == 1)
    #expect(missing.stderr.hasPrefix("deptag: error: nope.txt:"))
    let empty = try CLIRunner.run(["digest", "sub"], in: dir)
    #expect(empty.status == 1)
    #expect(empty.stderr.contains("no manifest found"))
    let unknown = try CLIRunner.run(["digest", "notes.txt"], in: dir)
    #expect(unknown.status == 1)
    #expect(unknown.stderr.contains("--type"))
    #expect(try CLIRunner.run(["digest", "--type", "pip", "notes.txt"], in: dir).status == 0)
    #expect(try CLIRunner.run(["digest", "/dev/null"], in: dir).status == 1)
  }

  @Test func aDirectoryContributesOnlyExactNames() throws {
    let dir = try CLIRunner.directory(["requirements.txt": "a\n", "requirements-dev.txt": "pytest\n", "sub/requirements.txt": "b\n"])
    let all = try CLIRunner.run(["digest", "."], in: dir)
    let only = try CLIRunner.run(["digest", "requirements.txt"], in: dir)
    #expect(all.stdout == only.stdout)
  }

  @Test func normalizePrintsAValidManifestWithTheSameDigest() throws {
    let dir = try CLIRunner.directory(["requirements.txt": "B>=1 # x\nA==1.0\n--index-url https://x/simple\n"])
    let out = try CLIRunner.run(["normalize", "requirements.txt"], in: dir)
    #expect(out.status == 0)
    #expect(out.stdout == "--index-url https://x/simple\na==1\nb>=1\n")
    let again = try CLIRunner.run(["digest", "--type", "pip", "-"], in: dir, stdin: out.stdout)
    #expect(again.stdout == (try CLIRunner.run(["digest"], in: dir)).stdout)
  }

  @Test func warningsGoToStderrAndDoNotFail() throws {
    let dir = try CLIRunner.directory(["requirements.txt": "-e ./lib\n"])
    let out = try CLIRunner.run(["digest"], in: dir)
    #expect(out.status == 0)
    #expect(out.stderr.hasPrefix("requirements.txt:1:1: warning: the contents of './lib' are not hashed"))
  }

  @Test func helpAndVersion() throws {
    let help = try CLIRunner.run(["--help"])
    #expect(help.status == 0)
    #expect(help.stdout.contains("digest") && help.stdout.contains("normalize"))
    #expect(try CLIRunner.run(["--version"]).status == 0)
  }
}

/// The same file named twice, or reached twice, counts once; argument order does not matter.
@Suite struct RepeatedInputTests {
  @Test func repeatsAndOrderDoNotChangeTheDigest() throws {
    let dir = try CLIRunner.directory([
      "requirements.txt": "-c pins.txt\na\n", "pins.txt": "a<2\n", "other/requirements.txt": "-c ../pins.txt\nb\n",
    ])
    let one = try CLIRunner.run(["digest", ".", "other"], in: dir).stdout
    #expect(try CLIRunner.run(["digest", "other", "."], in: dir).stdout == one)
    #expect(try CLIRunner.run(["digest", ".", "requirements.txt", "./other/requirements.txt", "other"], in: dir).stdout == one)
    #expect(try CLIRunner.run(["digest", "."], in: dir).stdout != one)
  }
}
