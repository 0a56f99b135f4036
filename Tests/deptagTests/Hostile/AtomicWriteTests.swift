import Foundation
import Testing

/// Nothing lost (issue #9): `digest --write` and `snapshot --output` write a temporary file beside
/// the target and rename it; when the write fails, or the input is bad, the original keeps its
/// bytes and its mode and no temporary file is left behind. Failures are made two ways that work
/// as root too: a file-size limit (`prlimit --fsize`: the write fails with EFBIG) and a read-only
/// directory with root's capabilities dropped.
@Suite struct AtomicWriteTests {
  /// A directory with a manifest whose digest is not what the target files hold.
  static func workspace() throws -> URL {
    let dir = try Scratch.directory()
    try Scratch.write(ManifestSample.pip.text, "requirements.txt", in: dir)
    return dir
  }

  struct Target {
    var name: String
    var original: [UInt8]
    var arguments: [String]
  }

  /// The three ways deptag writes a file. The env file is larger than the file-size limit used
  /// below, so its rewrite fails while what deptag prints (through pipes) does not.
  static let targets: [Target] = [
    Target(name: "tag", original: Array("0123456789ab\n".utf8), arguments: ["digest", "--write", "tag"]),
    Target(
      name: "build.env", original: Array(("# settings\n" + String(repeating: "OTHER=x\n", count: 1000) + "BASE_TAG=0123456789ab\n").utf8),
      arguments: ["digest", "--write", "build.env", "--var", "BASE_TAG"]),
    Target(name: "snap.json", original: Array("{\"old\": true}\n".utf8), arguments: ["snapshot", "--output", "snap.json"]),
  ]

  /// The target as it was: same bytes, same mode, no `.NAME.deptag-*` temporary beside it.
  static func expectUntouched(_ target: Target, in dir: URL, mode: mode_t, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let path = dir.appendingPathComponent(target.name).path
    #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == target.original, "\(what): \(target.name) changed", sourceLocation: sourceLocation)
    var info = stat()
    #expect(stat(path, &info) == 0 && info.st_mode & 0o7777 == mode, "\(what): mode \(String(info.st_mode & 0o7777, radix: 8))", sourceLocation: sourceLocation)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".deptag-") }
    #expect(leftovers.isEmpty, "\(what): left \(leftovers)", sourceLocation: sourceLocation)
  }

  static func install(_ target: Target, in dir: URL, mode: mode_t) throws {
    try Scratch.write(target.original, target.name, in: dir)
    #expect(chmod(dir.appendingPathComponent(target.name).path, mode) == 0)
  }

  @Test func aWriteFailingWithEFBIGLeavesTheOriginal() throws {
    guard HostileRunner.has(.fileSizeLimit, for: "aWriteFailingWithEFBIGLeavesTheOriginal") else { return }
    for target in Self.targets {
      let dir = try Self.workspace()
      defer { try? FileManager.default.removeItem(at: dir) }
      try Self.install(target, in: dir, mode: 0o640)
      let limit = target.name == "tag" ? 4 : 64
      let out = try HostileRunner.run(target.arguments, in: dir, fileSizeLimit: limit)
      out.expectBounded(target.name)
      #expect(out.status == 1, "\(target.name): \(out.stderr)")
      #expect(out.stderr.hasPrefix("deptag: error: \(target.name): cannot write: file too large"), "\(out.stderr)")
      try Self.expectUntouched(target, in: dir, mode: 0o640, "EFBIG")
      // Without the limit the same command succeeds and keeps the mode.
      let ok = try HostileRunner.run(target.arguments, in: dir)
      #expect(ok.status == 0, "\(target.name): \(ok.stderr)")
      var info = stat()
      #expect(stat(dir.appendingPathComponent(target.name).path, &info) == 0 && info.st_mode & 0o7777 == 0o640)
      #expect(try Data(contentsOf: dir.appendingPathComponent(target.name)) != Data(target.original))
    }
  }

  @Test func aReadOnlyDirectoryLeavesTheOriginal() throws {
    guard HostileRunner.has(.permissions, for: "aReadOnlyDirectoryLeavesTheOriginal") else { return }
    for target in Self.targets {
      let dir = try Self.workspace()
      try Self.install(target, in: dir, mode: 0o604)
      #expect(chmod(dir.path, 0o555) == 0)
      defer {
        chmod(dir.path, 0o755)
        try? FileManager.default.removeItem(at: dir)
      }
      let out = try HostileRunner.run(target.arguments, in: dir, unprivileged: true)
      out.expectBounded(target.name)
      #expect(out.status == 1)
      #expect(out.stderr.hasPrefix("deptag: error: \(target.name): cannot create a temporary file beside it: permission denied"), "\(out.stderr)")
      try Self.expectUntouched(target, in: dir, mode: 0o604, "read-only directory")
    }
  }

  @Test func badInputWritesNothing() throws {
    for target in Self.targets {
      let dir = try Scratch.directory()
      defer { try? FileManager.default.removeItem(at: dir) }
      try Scratch.write("ok\nbad==\n", "requirements.txt", in: dir)
      try Self.install(target, in: dir, mode: 0o600)
      let out = try HostileRunner.run(target.arguments, in: dir)
      out.expectError("\(target.name) with a bad manifest", at: "requirements.txt:2:6")
      try Self.expectUntouched(target, in: dir, mode: 0o600, "bad input")
    }
  }

  /// A target that exists but cannot be read is an error, never replaced unseen: with `--var`
  /// its other lines would be lost.
  @Test func anUnreadableTargetIsNotReplaced() throws {
    let dir = try Self.workspace()
    defer { try? FileManager.default.removeItem(at: dir) }
    try FileManager.default.createDirectory(at: dir.appendingPathComponent("is-a-dir"), withIntermediateDirectories: true)
    #expect(mkfifo(dir.appendingPathComponent("fifo").path, 0o600) == 0)
    for (name, message) in [("is-a-dir", "is a directory"), ("fifo", "not a regular file")] {
      let out = try HostileRunner.run(["digest", "--write", name, "--var", "TAG"], in: dir)
      out.expectBounded(name)
      #expect(out.status == 1)
      #expect(out.stderr.contains("deptag: error: \(name): \(message)"), "\(out.stderr)")
    }
    guard HostileRunner.has(.permissions, for: "anUnreadableTargetIsNotReplaced") else { return }
    let target = Self.targets[1]
    try Self.install(target, in: dir, mode: 0)
    let out = try HostileRunner.run(target.arguments, in: dir, unprivileged: true)
    out.expectBounded("mode-000 build.env")
    #expect(out.status == 1)
    #expect(out.stderr.contains("deptag: error: build.env: permission denied"), "\(out.stderr)")
    try Self.expectUntouched(target, in: dir, mode: 0, "unreadable target")
  }

  /// A symlinked tag file is written through: the link stays a link, its target gets the tag
  /// and keeps its mode.
  @Test func aSymlinkedTargetIsWrittenThrough() throws {
    let dir = try Self.workspace()
    defer { try? FileManager.default.removeItem(at: dir) }
    try FileManager.default.createDirectory(at: dir.appendingPathComponent("conf"), withIntermediateDirectories: true)
    try Scratch.write("A=1\nBASE_TAG=old\n", "conf/real.env", in: dir)
    #expect(chmod(dir.appendingPathComponent("conf/real.env").path, 0o640) == 0)
    try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("build.env").path, withDestinationPath: "conf/real.env")
    let out = try HostileRunner.run(["digest", "--write", "build.env", "--var", "BASE_TAG"], in: dir)
    #expect(out.status == 0, "\(out.stderr)")
    let digest = out.stdout.dropLast()
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir.appendingPathComponent("build.env").path) == "conf/real.env")
    #expect(try String(contentsOf: dir.appendingPathComponent("conf/real.env"), encoding: .utf8) == "A=1\nBASE_TAG=\(digest)\n")
    var info = stat()
    #expect(stat(dir.appendingPathComponent("conf/real.env").path, &info) == 0 && info.st_mode & 0o7777 == 0o640)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("conf").path) == ["real.env"])
  }
}
