import Testing

@testable import DeptagKit

/// The package.json rules of the field table (reference §1.2), each both ways: an equal pair
/// (same digest) and a pair that must differ.
@Suite struct PackageJSONTests {
  static let base = #"{"name": "app", "version": "1.0.0", "dependencies": {"a": "^1.0.0"}}"#

  /// Changes npm's install does not see.
  static let equalPairs: [(String, String, String)] = [
    ("name, version, description, scripts.test, repository, tool configs",
     base,
     #"{"name": "renamed", "version": "2.0.0", "description": "x", "scripts": {"test": "jest", "build": "tsc", "start": "node ."}, "repository": "git://h/r", "jest": {"a": 1}, "eslintConfig": {}, "private": true, "_id": "x", "dependencies": {"a": "^1.0.0"}}"#),
    ("key order and whitespace", #"{"dependencies": {"a": "1", "b": "2"}, "devDependencies": {"c": "3"}}"#,
     "{\r\n\"devDependencies\":{\"c\":\"3\"},\n  \"dependencies\" : { \"b\": \"2\" ,\"a\":\"1\" } }"),
    ("duplicate keys: the last wins", #"{"dependencies": {"a": "2.0.0"}}"#, #"{"dependencies": {"a": "1.0.0", "a": "2.0.0"}}"#),
    ("duplicate sections: the last replaces the first whole", #"{"dependencies": {"b": "1"}}"#, #"{"dependencies": {"a": "1"}, "dependencies": {"b": "1"}}"#),
    ("a name in prod and dev counts as dev", #"{"devDependencies": {"a": "2.0.0"}}"#, #"{"dependencies": {"a": "1.0.0"}, "devDependencies": {"a": "2.0.0"}}"#),
    ("optional beats prod (pruneRepeatedOptionals)", #"{"optionalDependencies": {"a": "2.0.0"}}"#, #"{"dependencies": {"a": true}, "optionalDependencies": {"a": "2.0.0"}}"#),
    ("prod beats peer", #"{"dependencies": {"a": "1"}}"#, #"{"peerDependencies": {"a": "2"}, "dependencies": {"a": "1"}, "peerDependenciesMeta": {"a": {"optional": true}}}"#),
    ("peerDependenciesMeta of a name not in peers", #"{"peerDependencies": {"a": "1"}}"#, #"{"peerDependencies": {"a": "1"}, "peerDependenciesMeta": {"b": {"optional": true}, "a": {"optional": false}}}"#),
    ("root bundleDependencies", base, #"{"bundleDependencies": ["a"], "bundledDependencies": true, "dependencies": {"a": "^1.0.0"}}"#),
    ("non-install scripts and non-string scripts", #"{"scripts": {"postinstall": "x"}}"#, #"{"scripts": {"postinstall": "x", "test": "y", "prepublishOnly": "z", "install": 5}}"#),
    ("workspaces are a set; the object form is the same", #"{"workspaces": ["a/*", "b"]}"#, #"{"workspaces": {"packages": ["b", "a/*", "b"]}}"#),
    ("os/cpu are sets; a string is a one-element list", #"{"os": ["linux", "darwin"], "cpu": ["x64"]}"#, #"{"os": ["darwin", "linux", "linux"], "cpu": "x64"}"#),
    ("range spellings", #"{"dependencies": {"a": "^1.2.3", "b": "1.2.x"}}"#, #"{"dependencies": {"a": "^ v1.2.3", "b": "~1.2"}}"#),
    ("override string vs {\".\": string}, \"\" vs *", #"{"overrides": {"a": "1.0.0", "b": {".": ""}}}"#, #"{"overrides": {"b": "*", "a": {".": "1.0.0"}}}"#),
    ("overrides of different names are unordered", #"{"overrides": {"a": "1", "b": "2"}}"#, #"{"overrides": {"b": "2", "a": "1"}}"#),
    ("config without an install script", base, #"{"config": {"commitizen": {"path": "x"}}, "dependencies": {"a": "^1.0.0"}}"#),
    ("null sections", base, #"{"devDependencies": null, "dependencies": {"a": "^1.0.0"}}"#),
  ]

  @Test(arguments: equalPairs) func sameDigest(_ pair: (String, String, String)) throws {
    #expect(try NPM.normalize(pair.1) == NPM.normalize(pair.2), "\(pair.0)")
    #expect(try NPM.digest(pair.1) == NPM.digest(pair.2), "\(pair.0)")
  }

  /// Changes that can change what gets installed.
  static let differentPairs: [(String, String, String)] = [
    ("a range", base, #"{"dependencies": {"a": "^1.0.1"}}"#),
    ("a dependency added", base, #"{"dependencies": {"a": "^1.0.0", "b": "1"}}"#),
    ("names are case-sensitive", #"{"dependencies": {"JSONStream": "1"}}"#, #"{"dependencies": {"jsonstream": "1"}}"#),
    ("prod vs dev", #"{"dependencies": {"a": "1"}}"#, #"{"devDependencies": {"a": "1"}}"#),
    ("prod vs optional", #"{"dependencies": {"a": "1"}}"#, #"{"optionalDependencies": {"a": "1"}}"#),
    ("prod vs peer", #"{"dependencies": {"a": "1"}}"#, #"{"peerDependencies": {"a": "1"}}"#),
    ("a peer made optional", #"{"peerDependencies": {"a": "1"}}"#, #"{"peerDependencies": {"a": "1"}, "peerDependenciesMeta": {"a": {"optional": true}}}"#),
    ("an override", base, #"{"dependencies": {"a": "^1.0.0"}, "overrides": {"b": "1"}}"#),
    ("overrides of one name: first match wins", #"{"overrides": {"lodash@^3": "1.0.0", "lodash": "2.0.0"}}"#, #"{"overrides": {"lodash": "2.0.0", "lodash@^3": "1.0.0"}}"#),
    ("a nested override", #"{"overrides": {"a": {"b": "1"}}}"#, #"{"overrides": {"a": {"b": "2"}}}"#),
    ("acceptDependencies", base, #"{"dependencies": {"a": "^1.0.0"}, "acceptDependencies": {"a": "2"}}"#),
    ("a workspace", #"{"workspaces": ["a"]}"#, #"{"workspaces": ["a", "b"]}"#),
    ("postinstall", base, #"{"dependencies": {"a": "^1.0.0"}, "scripts": {"postinstall": "patch-package"}}"#),
    ("prepare", #"{"scripts": {"prepare": "husky"}}"#, #"{"scripts": {"prepare": "husky install"}}"#),
    ("engines", #"{"engines": {"node": ">=18"}}"#, #"{"engines": {"node": ">=20"}}"#),
    ("os", #"{"os": ["linux"]}"#, #"{"os": ["!linux"]}"#),
    ("cpu", #"{"cpu": ["x64"]}"#, #"{"cpu": ["arm64"]}"#),
    ("libc", base, #"{"dependencies": {"a": "^1.0.0"}, "libc": ["glibc"]}"#),
    ("packageManager", #"{"packageManager": "pnpm@8.0.0"}"#, #"{"packageManager": "pnpm@9.0.0"}"#),
    ("yarn resolutions", #"{"resolutions": {"a": "1"}}"#, #"{"resolutions": {"a": "2"}}"#),
    ("pnpm.overrides", #"{"pnpm": {"overrides": {"a": "1"}}}"#, #"{"pnpm": {"overrides": {"a": "2"}}}"#),
    ("devEngines", base, #"{"dependencies": {"a": "^1.0.0"}, "devEngines": {"runtime": {"name": "node"}}}"#),
    ("config with an install script", #"{"scripts": {"install": "x"}, "config": {"a": 1}}"#, #"{"scripts": {"install": "x"}, "config": {"a": 2}}"#),
    ("a dist-tag vs *", #"{"dependencies": {"a": "*"}}"#, #"{"dependencies": {"a": "latest"}}"#),
    ("capital V", #"{"dependencies": {"a": "v1.2.3"}}"#, #"{"dependencies": {"a": "V1.2.3"}}"#),
    ("prerelease version vs hyphen range", #"{"dependencies": {"a": "1.2.3-2.3.4"}}"#, #"{"dependencies": {"a": "1.2.3 - 2.3.4"}}"#),
  ]

  @Test(arguments: differentPairs) func differentDigest(_ pair: (String, String, String)) throws {
    #expect(try NPM.digest(pair.1) != NPM.digest(pair.2), "\(pair.0)")
  }

  @Test func canonicalTextIsValidSortedJSONWithoutNameOrVersion() throws {
    let text = try NPM.normalize(#"{"name": "x", "version": "1.0.0", "scripts": {"postinstall": "node s.js", "test": "t"}, "devDependencies": {"b": "~2.1"}, "dependencies": {"a": "^1.2.3"}, "engines": {"node": ">=18", "npm": ">=9"}}"#)
    #expect(text == """
      {
        "dependencies": {
          "a": ">=1.2.3 <2.0.0-0"
        },
        "devDependencies": {
          "b": ">=2.1.0 <2.2.0-0"
        },
        "engines": {
          "node": ">=18",
          "npm": ">=9"
        },
        "scripts": {
          "postinstall": "node s.js"
        }
      }

      """)
    #expect(try NPM.normalize(text) == text, "normalize is idempotent")
    #expect(try NPM.normalize("{}") == "{}\n")
  }

  @Test func nonStringSpecsAreErrorsAtTheirPosition() {
    // The renovate fixture's `"enabled": false` inside devDependencies (reference §1.9).
    let error = NPM.error("{\n  \"devDependencies\": {\n    \"enabled\": false\n  }\n}\n")
    #expect(error?.position == "3:16")
    #expect(error?.message.contains("must be a string") == true)
    #expect(NPM.error(#"{"peerDependencies": {"a": null}}"#)?.position == "1:28")
    #expect(NPM.error(#"{"dependencies": ["a"]}"#)?.position == "1:18")
    #expect(NPM.error(#"["a"]"#)?.position == "1:1")
    #expect(NPM.error(#"{"overrides": {"a": 1}}"#)?.position == "1:21")
  }

  @Test func localContentIsWarnedAbout() throws {
    let loaded = try NPM.load("{\"workspaces\": [\"packages/*\"],\n\"dependencies\": {\"a\": \"file:../a\", \"b\": \"^1\"}}")
    let messages = loaded.warnings.map(\.description)
    #expect(messages == [
      "package.json:2:23: warning: the contents of 'file:../a' are not hashed; add files that matter with --with",
      "package.json:1:17: warning: the contents of workspace 'packages/*' are not hashed; add files that matter with --with",
    ])
  }

  @Test func entriesAndSettings() throws {
    let manifest = try NPM.load(#"{"dependencies": {"a": "1"}, "devDependencies": {"b": "2"}, "engines": {"node": "20"}, "scripts": {"prepare": "x"}, "overrides": {"c": "3"}}"#).manifests[0]
    #expect(manifest.entries.map(\.key) == ["a", "b", "overrides c"])
    #expect(manifest.entries[1].text == #"{"devDependencies":{"b":">=2.0.0 <3.0.0-0"}}"#)
    #expect(manifest.settings.map(\.key) == ["engines", "scripts.prepare"])
  }
}
