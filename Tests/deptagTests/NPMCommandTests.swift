import Foundation
import Testing

/// `deptag digest` and `deptag normalize` on package.json and package-lock.json, end to end.
@Suite struct NPMCommandTests {
  static let manifest = """
    {"name": "app", "version": "1.0.0", "scripts": {"test": "jest"},
     "dependencies": {"a": "^1.0.0"}, "devDependencies": {"b": "~2.0.0"}}
    """
  static let lock = """
    {"name": "app", "version": "1.0.0", "lockfileVersion": 3, "requires": true, "packages": {
      "": {"name": "app", "version": "1.0.0", "dependencies": {"a": "^1.0.0"}, "devDependencies": {"b": "~2.0.0"}},
      "node_modules/a": {"version": "1.0.0", "resolved": "https://registry.npmjs.org/a/-/a-1.0.0.tgz", "integrity": "sha512-AA"},
      "node_modules/b": {"version": "2.0.3", "dev": true}}}
    """

  @Test func aDirectoryWithBothFilesDigestsBoth() throws {
    let both = try CLIRunner.directory(["package.json": Self.manifest, "package-lock.json": Self.lock])
    let onlyManifest = try CLIRunner.directory(["package.json": Self.manifest])
    let onlyLock = try CLIRunner.directory(["package-lock.json": Self.lock])
    let all = try CLIRunner.run(["digest"], in: both)
    #expect(all.status == 0)
    #expect(all.stderr == "")
    let byNames = try CLIRunner.run(["digest", "package.json", "package-lock.json"], in: both)
    #expect(all.stdout == byNames.stdout)
    let m = try CLIRunner.run(["digest"], in: onlyManifest)
    let l = try CLIRunner.run(["digest"], in: onlyLock)
    #expect(Set([all.stdout, m.stdout, l.stdout]).count == 3)
    // A release bump in both files changes nothing.
    let bumped = try CLIRunner.directory([
      "package.json": Self.manifest.replacingOccurrences(of: "1.0.0\", \"scripts", with: "1.0.1\", \"scripts"),
      "package-lock.json": Self.lock.replacingOccurrences(of: "\"version\": \"1.0.0\", \"lockfileVersion\"", with: "\"version\": \"1.0.1\", \"lockfileVersion\"")
        .replacingOccurrences(of: "\"name\": \"app\", \"version\": \"1.0.0\", \"dependencies\"", with: "\"name\": \"app\", \"version\": \"1.0.1\", \"dependencies\""),
    ])
    #expect(try CLIRunner.run(["digest"], in: bumped).stdout == all.stdout)
  }

  @Test func normalizePrintsValidJSONWithTheSameDigest() throws {
    let dir = try CLIRunner.directory(["package.json": Self.manifest, "package-lock.json": Self.lock])
    for (name, type) in [("package.json", "npm"), ("package-lock.json", "npm-lock")] {
      let out = try CLIRunner.run(["normalize", name], in: dir)
      #expect(out.status == 0)
      #expect(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) is [String: Any])
      let original = try CLIRunner.run(["digest", name], in: dir)
      let piped = try CLIRunner.run(["digest", "--type", type, "-"], in: dir, stdin: out.stdout)
      #expect(piped.stdout == original.stdout, "digest(normalize(x)) == digest(x) for \(name)")
    }
  }

  @Test func errorsAndWarningsInCompilerFormat() throws {
    let dir = try CLIRunner.directory([
      "package.json": "{\n  \"devDependencies\": {\n    \"enabled\": false\n  }\n}\n",
      "x/package.json": "{\"dependencies\": {\"lib\": \"file:../lib\"},\n \"workspaces\": [\"packages/*\"]}",
      "y/package.json": "{\"dependencies\": {\"a\": \"1\",}}",
    ])
    let bad = try CLIRunner.run(["digest"], in: dir)
    #expect(bad.status == 1)
    #expect(bad.stdout == "")
    #expect(bad.stderr.hasPrefix("package.json:3:16: error: 'enabled' in devDependencies: the spec must be a string"))
    let trailing = try CLIRunner.run(["digest", "y"], in: dir)
    #expect(trailing.status == 1)
    #expect(trailing.stderr == "y/package.json:1:27: error: trailing comma is not allowed in JSON\n")
    let warned = try CLIRunner.run(["digest", "x"], in: dir)
    #expect(warned.status == 0)
    #expect(warned.stderr.contains("x/package.json:1:26: warning: the contents of 'file:../lib' are not hashed; add files that matter with --with"))
    #expect(warned.stderr.contains("x/package.json:2:17: warning: the contents of workspace 'packages/*' are not hashed"))
  }
}
