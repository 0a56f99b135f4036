import Foundation
import Testing

/// `deptag digest PATH…` without options skips ArgumentParser (start-up time); `digest -- PATH…`
/// is the same request through ArgumentParser. Both must print and exit the same for every input.
@Suite struct DigestFastPathTests {
  static let tree = [
    "requirements.txt": "-r base.txt\nDjango==4.2  # web\n",
    "base.txt": "requests>=2\n",
    "bad/requirements.txt": "ok\nfoo==1 --global-option=x\n",
    "warn/requirements.txt": "./local/project\n",
    "go/go.mod": "module example.com/m\n\ngo 1.22\n\nrequire golang.org/x/mod v0.20.0\n",
    "node/package.json": #"{"name": "a", "dependencies": {"left-pad": "^1.3.0"}}"#,
    "maven/pom.xml": "<project><modelVersion>4.0.0</modelVersion><groupId>g</groupId><artifactId>a</artifactId><version>1</version></project>",
    "notes.txt": "x\n",
  ]

  static let invocations: [[String]] = [
    [], ["requirements.txt"], ["base.txt", "requirements.txt"], ["."], ["go", "node", "maven"],
    ["bad/requirements.txt"], ["warn/requirements.txt"], ["nope.txt"], ["notes.txt"], ["go/go.mod", "go"],
    ["help"], ["version"],
  ]

  @Test(arguments: invocations) func plainPathsMatchTheArgumentParserPath(_ paths: [String]) throws {
    let dir = try CLIRunner.directory(Self.tree)
    let fast = try CLIRunner.run(["digest"] + paths, in: dir)
    let parsed = try CLIRunner.run(["digest", "--"] + paths, in: dir)
    #expect(fast.status == parsed.status)
    #expect(fast.stdout == parsed.stdout)
    #expect(fast.stderr == parsed.stderr)
  }

  @Test func optionsAndStandardInputStillGoThroughArgumentParser() throws {
    let dir = try CLIRunner.directory(Self.tree)
    let stdin = try CLIRunner.run(["digest", "-"], in: dir)
    #expect(stdin.status == 64)
    #expect(stdin.stderr.contains("needs --type"))
    let help = try CLIRunner.run(["digest", "requirements.txt", "--help"], in: dir)
    #expect(help.status == 0)
    #expect(help.stdout.contains("USAGE: deptag digest"))
    let length = try CLIRunner.run(["digest", "requirements.txt", "--length", "8"], in: dir)
    #expect(length.stdout.count == 9)
  }
}
