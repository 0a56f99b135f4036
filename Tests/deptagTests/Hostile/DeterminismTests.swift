import Foundation
import Testing

/// The same manifests give the same digest however deptag is run (issue #9): argument order,
/// working directory, relative or absolute paths, locale (`C` or Turkish, whose case rules map
/// `I` to dotless `ı` and `i` to `İ`), and run after run. For every ecosystem.
@Suite struct DeterminismTests {
  static let locales: [[String: String]] = [
    [:], ["LANG": "C"], ["LC_ALL": "C"], ["LANG": "tr_TR.UTF-8"], ["LC_ALL": "tr_TR.UTF-8"],
    ["LC_CTYPE": "tr_TR.UTF-8", "LC_COLLATE": "tr_TR.UTF-8"], ["LC_ALL": "tr_TR.ISO-8859-9"], ["LANG": "de_DE.UTF-8", "LC_ALL": "az_AZ.UTF-8"],
  ]

  /// `root/a/b/FILE`, so there is a parent, a sibling and an absolute path to name it from.
  static func tree(_ samples: [ManifestSample]) throws -> (root: URL, dir: URL) {
    let root = try Scratch.directory()
    let dir = root.appendingPathComponent("a/b")
    for sample in samples { try Scratch.write(sample.text, "a/b/\(sample.fileName)", in: root) }
    try FileManager.default.createDirectory(at: root.appendingPathComponent("a/c"), withIntermediateDirectories: true)
    return (root, dir)
  }

  @Test(arguments: ManifestSample.all.map(\.kind)) func sameDigestHoweverItIsRun(_ kind: String) throws {
    let sample = ManifestSample.named(kind)
    let (root, dir) = try Self.tree([sample])
    defer { try? FileManager.default.removeItem(at: root) }
    let name = sample.fileName
    let expected = try HostileRunner.run(["digest", name], in: dir).expectDigest(kind)
    let runs: [(String, [String], URL)] = [
      ("no path", [], dir), (".", ["."], dir), ("./FILE", ["./\(name)"], dir),
      ("the directory from its parent", ["b"], dir.deletingLastPathComponent()),
      ("a relative path from the root", ["a/b/\(name)"], root), ("an unnormalized path", ["a/c/../b/./\(name)"], root),
      ("from a sibling", ["../b/\(name)"], root.appendingPathComponent("a/c")),
      ("an absolute path from /", [dir.appendingPathComponent(name).path], URL(fileURLWithPath: "/")),
      ("an absolute directory from elsewhere", [dir.path], root.appendingPathComponent("a/c")),
      ("named twice", [name, "./\(name)", "."], dir), ("with --type", ["--type", kind, name], dir),
    ]
    for (what, arguments, cwd) in runs {
      let out = try HostileRunner.run(["digest"] + arguments, in: cwd)
      #expect(out.expectDigest("\(kind) \(what)") == expected, "\(kind): \(what) gave another digest")
    }
    let normalized = try HostileRunner.run(["normalize", name], in: dir).stdout
    for environment in Self.locales {
      let out = try HostileRunner.run(["digest", name], in: dir, environment: environment)
      #expect(out.expectDigest("\(kind) under \(environment)") == expected, "\(kind): \(environment) gave another digest")
      let text = try HostileRunner.run(["normalize", name], in: dir, environment: environment).stdout
      #expect(text == normalized, "\(kind): \(environment) gave another canonical text")
    }
    for run in 0..<5 {
      #expect(try HostileRunner.run(["digest", name], in: dir).stdout == expected, "\(kind): run \(run) differs")
    }
  }

  /// Every kind at once, named in any order, one by one or by directories.
  @Test func argumentOrderDoesNotMatter() throws {
    let (root, dir) = try Self.tree(ManifestSample.all)
    defer { try? FileManager.default.removeItem(at: root) }
    let names = ManifestSample.all.map(\.fileName)
    let expected = try HostileRunner.run(["digest"], in: dir).expectDigest("all kinds")
    var rng = SplitMix(state: 9)
    for order in [names, names.reversed(), names.shuffled(using: &rng), names.shuffled(using: &rng)] {
      let out = try HostileRunner.run(["digest"] + order, in: dir)
      #expect(out.expectDigest("\(order)") == expected, "\(order)")
    }
    // Split over two directories, named in either order.
    let split = try Scratch.directory()
    defer { try? FileManager.default.removeItem(at: split) }
    for (i, sample) in ManifestSample.all.enumerated() {
      try Scratch.write(sample.text, "\(i % 2 == 0 ? "x" : "y")/\(sample.fileName)", in: split)
    }
    let xy = try HostileRunner.run(["digest", "x", "y"], in: split).expectDigest("x y")
    #expect(xy == expected)
    #expect(try HostileRunner.run(["digest", "y", "x"], in: split).stdout == xy)
    #expect(try HostileRunner.run(["digest", "y", "x/requirements.txt", "x"], in: split).stdout == xy)
  }

  /// pip folds project names (PEP 503) with Unicode-independent ASCII rules: under a Turkish
  /// locale `I` must still fold to `i`, not to dotless `ı`.
  @Test func caseFoldingIgnoresTheTurkishLocale() throws {
    let spellings = [
      "Importlib-Metadata==7.0.1\nPyYAML>=6.0\npillow[JPEG]~=10.2\n",
      "importlib_metadata==7.0.1\npyyaml>=6.0\nPILLOW[jpeg]~=10.2\n",
      "IMPORTLIB.METADATA==7.0.1\nPYYAML>=6.0\nPillow[Jpeg]~=10.2\n",
    ]
    var digests = Set<String>()
    for (i, text) in spellings.enumerated() {
      let dir = try Scratch.directory()
      defer { try? FileManager.default.removeItem(at: dir) }
      try Scratch.write(text, "requirements.txt", in: dir)
      for environment in Self.locales {
        let out = try HostileRunner.run(["digest"], in: dir, environment: environment)
        digests.insert(out.expectDigest("spelling \(i) under \(environment)"))
      }
      let normalized = try HostileRunner.run(["normalize", "requirements.txt"], in: dir, environment: ["LC_ALL": "tr_TR.UTF-8"])
      #expect(normalized.stdout == "importlib-metadata==7.0.1\npillow[jpeg]~=10.2\npyyaml>=6\n", "\(normalized.stdout)")
    }
    #expect(digests.count == 1, "\(digests)")
  }
}
