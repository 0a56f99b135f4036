import Foundation
import Testing

/// `deptag digest` and `deptag normalize` on Go modules, as users run them.
@Suite struct GoCommandTests {
  static let goMod = """
    module example.com/app

    go 1.22

    require (
    \tgithub.com/pkg/errors v0.9.1
    \tgolang.org/x/text v0.14.0 // indirect
    )

    replace example.com/lib => ../lib

    """
  static let goSum = """
    github.com/pkg/errors v0.9.1 h1:FEBLx1zS214owpjy7qsBeixbURkuhQAwrK5UwLGTwt4=
    github.com/pkg/errors v0.9.1/go.mod h1:bwawxfHBFNV+L2hUp1rHADufV3IMtnDRdf1r5NINEl0=
    golang.org/x/text v0.14.0 h1:ScX5w1eTa3QqT8oi6+ziP7dTV1S2+ALU0bI+0zXKWiQ=
    golang.org/x/text v0.14.0/go.mod h1:18ZOQIKpY8NJVqYksKHtTdi31H5itFRjB5/qKTNYzSU=

    """

  @Test func directoryDigestCoversGoModAndGoSum() throws {
    let dir = try CLIRunner.directory(["go.mod": Self.goMod, "go.sum": Self.goSum])
    let both = try CLIRunner.run(["digest"], in: dir)
    #expect(both.status == 0)
    #expect(both.stdout.count == 13)
    let explicit = try CLIRunner.run(["digest", "go.mod", "go.sum"], in: dir)
    #expect(explicit.stdout == both.stdout)
    let modOnly = try CLIRunner.run(["digest", "go.mod"], in: dir)
    let sumOnly = try CLIRunner.run(["digest", "go.sum"], in: dir)
    #expect(Set([both.stdout, modOnly.stdout, sumOnly.stdout]).count == 3)
    // A directory replacement is named in a warning suggesting --with.
    #expect(both.stderr.contains("go.mod:10:28: warning: the directory '../lib'"))
    #expect(both.stderr.contains("--with"))

    // A change in go.sum alone changes the directory digest.
    let edited = try CLIRunner.directory([
      "go.mod": Self.goMod, "go.sum": Self.goSum.replacingOccurrences(of: "h1:ScX5", with: "h1:ScX6"),
    ])
    #expect(try CLIRunner.run(["digest"], in: edited).stdout != both.stdout)

    // Layout, comments, // indirect and the module path do not.
    let respelled = """
      module example.com/renamed // new name
      require golang.org/x/text v0.14.0
      require "github.com/pkg/errors" v0.9.1
      go 1.22
      replace example.com/lib => ../lib
      """
    let same = try CLIRunner.directory(["go.mod": respelled, "go.sum": Self.goSum.split(separator: "\n").reversed().joined(separator: "\r\n")])
    #expect(try CLIRunner.run(["digest"], in: same).stdout == both.stdout)
  }

  @Test func normalizePrintsAValidGoModWithTheSameDigest() throws {
    let dir = try CLIRunner.directory(["go.mod": Self.goMod])
    let out = try CLIRunner.run(["normalize", "go.mod"], in: dir)
    #expect(out.status == 0)
    #expect(out.stdout == """
      module deptag.invalid/placeholder
      go 1.22
      require github.com/pkg/errors v0.9.1
      require golang.org/x/text v0.14.0
      replace example.com/lib => ../lib

      """)
    let piped = try CLIRunner.run(["digest", "--type", "gomod", "-"], in: dir, stdin: out.stdout)
    #expect(piped.stdout == (try CLIRunner.run(["digest", "go.mod"], in: dir)).stdout)
  }

  @Test func badGoModIsACompilerStyleError() throws {
    let dir = try CLIRunner.directory(["go.mod": "module m\n\nrequire (\n\tgithub.com/a/b master\n)\n"])
    let out = try CLIRunner.run(["digest"], in: dir)
    #expect(out.status == 1)
    #expect(out.stdout == "")
    #expect(out.stderr == "go.mod:4:17: error: require github.com/a/b: version \"master\" invalid: must be of the form v1.2.3\n")
    let sum = try CLIRunner.directory(["go.sum": "a v1 h1:x=\nb v1\n"])
    let bad = try CLIRunner.run(["digest", "go.sum"], in: sum)
    #expect(bad.status == 1)
    #expect(bad.stderr.hasPrefix("go.sum:2:1: error: malformed go.sum line: wrong number of fields 2"))
  }

  @Test func goWorkIsDetectedAndTypesAreSelectable() throws {
    let dir = try CLIRunner.directory(["go.work": "go 1.22\nuse ./app\n", "notes.txt": "go 1.22\n"])
    let work = try CLIRunner.run(["digest"], in: dir)
    #expect(work.status == 0)
    #expect(work.stderr.contains("'./app'"))
    #expect(try CLIRunner.run(["digest", "--type", "gomod", "notes.txt"], in: dir).status == 0)
    #expect(try CLIRunner.run(["digest", "--type", "gosum", "notes.txt"], in: dir).status == 1)
  }
}
