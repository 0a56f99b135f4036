import Foundation
import Testing

/// Hostile inputs through the real binary (issue #9): each ends on its own, within generous time
/// and memory bounds (`HostileRunner`), with exit 1 and one error in PRODUCT.md's format — or
/// exit 0 where the input is valid. Never a signal, a hang or an unbounded read.
@Suite struct HostileInputTests {
  static let kinds = ManifestSample.all.map(\.kind)

  /// Writes `bytes` under the sample's own file name in a fresh directory and digests it there.
  static func digest(_ bytes: [UInt8], as sample: ManifestSample, arguments: [String] = []) throws -> HostileRunner.Outcome {
    let dir = try Scratch.directory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try Scratch.write(bytes, sample.fileName, in: dir)
    return try HostileRunner.run(["digest", sample.fileName] + arguments, in: dir)
  }

  @Test(arguments: kinds) func theSampleIsValid(_ kind: String) throws {
    let sample = ManifestSample.named(kind)
    _ = try Self.digest(sample.bytes, as: sample).expectDigest("\(kind) sample")
  }

  // MARK: Bytes that are not a manifest

  @Test(arguments: kinds) func randomBytes(_ kind: String) throws {
    let sample = ManifestSample.named(kind)
    var rng = SplitMix(state: 0x9_2024 &+ UInt64(kind.utf8.count))
    for size in [1, 64, 4096, 1 << 20] {
      let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &rng) }
      try Self.digest(bytes, as: sample).expectError("\(kind): \(size) random bytes", at: sample.fileName)
    }
    // NULs only: no format reads them as a manifest.
    try Self.digest([UInt8](repeating: 0, count: 4096), as: sample).expectError("\(kind): NULs", at: sample.fileName)
  }

  /// Invalid UTF-8 inside a name: a stray 0xFF, a truncated sequence, an overlong '/', a UTF-16
  /// surrogate. pip, Go and XML refuse it at its position; JSON.parse reads a file as node's
  /// `fs.readFileSync(…, 'utf8')` does, each bad sequence a U+FFFD, so npm files are valid and
  /// their digest differs from the clean file's.
  @Test(arguments: kinds) func invalidUTF8(_ kind: String) throws {
    let sample = ManifestSample.named(kind)
    let clean = try Self.digest(sample.bytes, as: sample).expectDigest(kind)
    for bad: [UInt8] in [[0xFF], [0xE2, 0x82], [0xC0, 0xAF], [0xED, 0xA0, 0x80]] {
      let what = "\(kind) with \(bad.map { String($0, radix: 16) })"
      let out = try Self.digest(sample.inserting(bad), as: sample)
      if kind.hasPrefix("npm") {
        #expect(out.expectDigest(what) != clean, "\(what)")
      } else {
        out.expectError(what, at: sample.fileName)
        let line = sample.text[..<sample.text.range(of: sample.nameInside)!.lowerBound].filter { $0 == "\n" }.count + 1
        #expect(out.stderr.hasPrefix("\(sample.fileName):\(line):"), "\(what): \(out.stderr.prefix(200))")
      }
    }
  }

  /// What each format does with a byte-order mark or another encoding (PRODUCT.md "Decoding is
  /// per format"): pip honours every BOM, as pip does; XML reads UTF-16 with its BOM; npm strips
  /// a UTF-8 BOM; Go refuses a BOM as the go command does. Everything else is an error.
  static func decodesLikeUTF8(_ kind: String, _ encoding: TextEncoding) -> Bool {
    switch kind {
    case "pip": encoding.hasBOM
    case "maven": encoding.hasBOM && (encoding.isUTF16 || encoding == .utf8BOM)
    case "npm", "npm-lock": encoding == .utf8BOM
    default: false
    }
  }

  @Test(arguments: kinds, TextEncoding.allCases) func otherEncodings(_ kind: String, _ encoding: TextEncoding) throws {
    let sample = ManifestSample.named(kind)
    let clean = try Self.digest(sample.bytes, as: sample).expectDigest(kind)
    // An XML declaration must name the encoding the file is in.
    let text = kind == "maven" && encoding.isUTF16 ? sample.text.replacingOccurrences(of: "UTF-8", with: "UTF-16") : sample.text
    let out = try Self.digest(encoding.encode(text), as: sample)
    if Self.decodesLikeUTF8(kind, encoding) {
      #expect(out.expectDigest("\(kind) in \(encoding)") == clean, "\(kind) in \(encoding): another digest")
    } else {
      out.expectError("\(kind) in \(encoding)", at: sample.fileName)
    }
  }

  /// A file cut short: at a point that leaves it invalid an error, and at a sweep of cut points
  /// (every line boundary and inside lines) either a digest or an error, never anything else.
  @Test(arguments: kinds) func truncatedFiles(_ kind: String) throws {
    let sample = ManifestSample.named(kind)
    try Self.digest(sample.truncated, as: sample).expectError("\(kind) cut after \(sample.truncatedAfter)", at: sample.fileName)
    let bytes = sample.bytes
    for cut in stride(from: 1, to: bytes.count, by: max(1, bytes.count / 12)) {
      let out = try Self.digest(Array(bytes[..<cut]), as: sample)
      if out.status == 0 { _ = out.expectDigest("\(kind) cut at \(cut)") } else { out.expectError("\(kind) cut at \(cut)", at: sample.fileName) }
    }
  }

  /// A 40 MB line where each format ignores it (a comment, a non-semantic field): read within
  /// the bounds, with the digest of the file without it. go.sum has no comments: its 40 MB line
  /// is one more (valid) entry. One kind after another, to keep the machine's memory free.
  @Test func fortyMegabyteSingleLine() throws {
    let size = 40_000_000
    for sample in ManifestSample.all {
      let clean = try Self.digest(sample.bytes, as: sample).expectDigest(sample.kind)
      let out = try Self.digest(sample.withLongLine(count: size), as: sample)
      print("measured: \(sample.kind) with a 40 MB line: \(String(format: "%.1f", out.seconds)) s, \(out.peakKiB ?? -1) KiB peak")
      let digest = out.expectDigest("\(sample.kind) with a 40 MB line")
      if sample.kind != "gosum" { #expect(digest == clean, "\(sample.kind): a 40 MB comment changed the digest") }
    }
    // And a 40 MB line that is the whole file, no newline: a 40 MB project name.
    let long = try Self.digest(Array(repeating: UInt8(ascii: "a"), count: size), as: .pip)
    print("measured: a 40 MB requirement name: \(String(format: "%.1f", long.seconds)) s, \(long.peakKiB ?? -1) KiB peak")
    _ = long.expectDigest("a 40 MB requirement name")
  }

  // MARK: Streams and things that are not regular files

  @Test(arguments: kinds) func endlessStandardInputStopsAtTheCap(_ kind: String) throws {
    let dir = try Scratch.directory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let zeros = try HostileRunner.run(["digest", "--type", kind, "-"], in: dir, input: .file("/dev/zero"))
    zeros.expectError("\(kind) from /dev/zero", containing: "<stdin>: larger than 64 MiB")
  }

  @Test func endlessPipeStopsAtTheCap() throws {
    guard HostileRunner.has(.yes, for: "endlessPipeStopsAtTheCap") else { return }
    let dir = try Scratch.directory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = try HostileRunner.run(["digest", "--type", "pip", "-"], in: dir, input: .yes)
    out.expectError("yes | deptag digest --type pip -", containing: "<stdin>: larger than 64 MiB")
    // `normalize -` too: it reads standard input the same way.
    let normalize = try HostileRunner.run(["normalize", "--type", "pip", "-"], in: dir, input: .yes)
    normalize.expectError("yes | deptag normalize --type pip -", containing: "<stdin>: larger than 64 MiB")
  }

  /// A FIFO nobody writes to, a device, a directory, a symlink loop, under every manifest name:
  /// named outright or found in a directory, each is refused before reading (a FIFO read would
  /// block forever, `/dev/zero` never ends).
  @Test(arguments: kinds) func notARegularFile(_ kind: String) throws {
    let sample = ManifestSample.named(kind)
    let name = sample.fileName
    let setups: [(String, (URL) throws -> Void, String)] = [
      ("a FIFO", { dir in #expect(mkfifo(dir.appendingPathComponent(name).path, 0o600) == 0) }, "not a regular file"),
      ("a link to /dev/zero", { dir in try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent(name).path, withDestinationPath: "/dev/zero") }, "not a regular file"),
      ("a directory", { dir in try FileManager.default.createDirectory(at: dir.appendingPathComponent(name), withIntermediateDirectories: true) }, "is a directory"),
      ("a symlink loop", { dir in try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent(name).path, withDestinationPath: name) }, "too many levels of symbolic links"),
    ]
    for (what, make, message) in setups {
      let dir = try Scratch.directory()
      defer { try? FileManager.default.removeItem(at: dir) }
      try make(dir)
      // Named outright (a directory named so is read as a directory: it holds no manifest).
      let named = try HostileRunner.run(["digest", name], in: dir)
      named.expectError("\(name) is \(what)", containing: what == "a directory" ? "no manifest found" : "\(name): \(message)")
      // Found in a directory, beside a valid manifest of another kind: not silently left out.
      let other = sample.kind == "pip" ? ManifestSample.maven : ManifestSample.pip
      try Scratch.write(other.text, other.fileName, in: dir)
      let found = try HostileRunner.run(["digest", "."], in: dir)
      found.expectError("\(name) in a directory is \(what)", containing: "\(name): \(message)")
      let typed = try HostileRunner.run(["digest", "--type", kind, "/dev/zero"], in: dir)
      typed.expectError("--type \(kind) /dev/zero", containing: "/dev/zero: not a regular file")
    }
  }

  @Test func extraInputsAndSnapshotsThatAreNotRegularFiles() throws {
    let dir = try Scratch.directory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try Scratch.write(ManifestSample.pip.text, "requirements.txt", in: dir)
    #expect(mkfifo(dir.appendingPathComponent("fifo").path, 0o600) == 0)
    for arguments in [
      ["digest", "--with", "fifo"], ["digest", "--with", "/dev/zero"], ["digest", "--with", "."],
      ["snapshot", "--previous", "fifo"], ["snapshot", "--previous", "/dev/zero"], ["decide", ".", "fifo"],
    ] {
      let out = try HostileRunner.run(arguments, in: dir)
      out.expectError(arguments.joined(separator: " "), containing: arguments.last == "." ? "is a directory" : "not a regular file")
    }
    // A previous state that cannot be read means a full rebuild (PRODUCT.md, the decider).
    for previous in ["fifo", "/dev/zero"] {
      let out = try HostileRunner.run(["decide", previous, "."], in: dir)
      out.expectBounded("decide \(previous) .")
      #expect(out.status == 0 && out.stdout == "base\n", "\(out.stdout) \(out.stderr)")
      #expect(out.stderr.contains("previous state unreadable: \(previous): not a regular file"), "\(out.stderr)")
    }
  }

  // MARK: Includes

  static func pipTree(_ files: [String: String], links: [String: String] = [:]) throws -> URL {
    let dir = try Scratch.directory()
    for (name, text) in files { try Scratch.write(text, name, in: dir) }
    for (name, target) in links {
      try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent(name).path, withDestinationPath: target)
    }
    return dir
  }

  static let includeBomb: [String: String] = {
    var files = ["requirements.txt": "-r f1.txt\n-r f1.txt\n", "f30.txt": "x\n"]
    for i in 1..<30 { files["f\(i).txt"] = "-r f\(i + 1).txt\n-r f\(i + 1).txt\n" }
    return files
  }()

  static func chain(_ length: Int) -> [String: String] {
    var files = ["requirements.txt": "-r f1.txt\n", "f\(length).txt": "x\n"]
    for i in 1..<length { files["f\(i).txt"] = "-r f\(i + 1).txt\n" }
    return files
  }

  @Test func includeCyclesAndSelfIncludes() throws {
    let cases: [(String, [String: String], [String: String], String, String)] = [
      ("a self-include", ["requirements.txt": "a\n-r requirements.txt\n"], [:], "requirements.txt:2:1", "recursively includes itself"),
      ("a self-include spelled another way", ["requirements.txt": "-r ./sub/../requirements.txt\n"], [:], "requirements.txt:1:1", "recursively includes itself"),
      ("a two-file cycle", ["requirements.txt": "-r b.txt\n", "b.txt": "b\n-r requirements.txt\n"], [:], "b.txt:2:1", "recursively includes itself"),
      ("a constraints cycle", ["requirements.txt": "-c c.txt\n", "c.txt": "-c requirements.txt\n"], [:], "c.txt:1:1", "recursively includes itself"),
      ("a cycle through a symlinked file", ["requirements.txt": "-r b.txt\n"], ["b.txt": "requirements.txt"], "b.txt:1:1", "recursively includes itself"),
      ("a symlink loop", ["requirements.txt": "-r loop.txt\n"], ["loop.txt": "loop.txt"], "requirements.txt:1:1", "too many levels of symbolic links"),
      ("a dangling symlink", ["requirements.txt": "-r gone.txt\n"], ["gone.txt": "nowhere.txt"], "requirements.txt:1:1", "no such file"),
      ("a symlinked directory loop", ["requirements.txt": "a\n-r sub/requirements.txt\n"], ["sub": "."], "", "too many levels of symbolic links"),
      ("a chain deeper than 64", Self.chain(70), [:], "", "nested more than 64 deep"),
      // Two symlinks to the directory itself: every path is new; the first branch reaches the
      // kernel's 40-symlink limit and ends the walk.
      ("a branching symlinked directory loop", ["requirements.txt": "a\n-r x/requirements.txt\n-r y/requirements.txt\n"], ["x": ".", "y": "."], "", "too many levels of symbolic links"),
      // No cycle, 30 deep, each file included twice: 2^30 reads for pip; the include total stops it.
      ("an include bomb", Self.includeBomb, [:], "", "includes in all"),
      ("a directory", ["requirements.txt": "-r sub\n", "sub/r.txt": "a\n"], [:], "requirements.txt:1:1", "sub: is a directory"),
      ("a FIFO", ["requirements.txt": "-r fifo\n"], [:], "requirements.txt:1:1", "fifo: not a regular file"),
      ("a device", ["requirements.txt": "-r /dev/zero\n"], [:], "requirements.txt:1:1", "/dev/zero: not a regular file"),
      ("a URL", ["requirements.txt": "-r https://example.com/r.txt\n"], [:], "requirements.txt:1:1", "never reads URLs"),
    ]
    for (what, files, links, place, message) in cases {
      let dir = try Self.pipTree(files, links: links)
      defer { try? FileManager.default.removeItem(at: dir) }
      if what == "a FIFO" { #expect(mkfifo(dir.appendingPathComponent("fifo").path, 0o600) == 0) }
      let out = try HostileRunner.run(["digest"], in: dir)
      out.expectError(what, at: place.isEmpty ? nil : place, containing: message)
      #expect(out.seconds < Double(HostileRunner.wallSeconds), "\(what)")
    }
  }

  // MARK: Permissions

  @Test(arguments: kinds) func unreadableManifest(_ kind: String) throws {
    guard HostileRunner.has(.permissions, for: "unreadableManifest") else { return }
    let sample = ManifestSample.named(kind)
    let dir = try Scratch.directory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try Scratch.write(sample.text, sample.fileName, in: dir)
    let path = dir.appendingPathComponent(sample.fileName).path
    #expect(chmod(path, 0) == 0)
    for arguments in [["digest", sample.fileName], ["digest"], ["normalize", sample.fileName]] {
      let out = try HostileRunner.run(arguments, in: dir, unprivileged: true)
      out.expectError("\(arguments.joined(separator: " ")) on a mode-000 \(sample.fileName)", containing: "\(sample.fileName): permission denied")
    }
  }

  @Test func unreadableIncludeAndUnsearchableDirectory() throws {
    guard HostileRunner.has(.permissions, for: "unreadableIncludeAndUnsearchableDirectory") else { return }
    let dir = try Self.pipTree(["requirements.txt": "a\n-r base.txt\n", "base.txt": "b\n", "locked/requirements.txt": "c\n"])
    defer {
      chmod(dir.appendingPathComponent("locked").path, 0o755)
      try? FileManager.default.removeItem(at: dir)
    }
    #expect(chmod(dir.appendingPathComponent("base.txt").path, 0) == 0)
    #expect(chmod(dir.appendingPathComponent("locked").path, 0) == 0)
    let include = try HostileRunner.run(["digest", "requirements.txt"], in: dir, unprivileged: true)
    include.expectError("an unreadable include", at: "requirements.txt:2:1", containing: "base.txt: permission denied")
    let locked = try HostileRunner.run(["digest", "locked"], in: dir, unprivileged: true)
    locked.expectError("a directory that may not be searched", containing: "permission denied")
  }

  // MARK: Nesting and expansion

  /// 200,000 levels of nesting in every format that nests (JSON, XML, PEP 508 markers, Maven
  /// properties referring to properties, go.mod blocks, which do not nest): refused at a depth
  /// limit, never a stack overflow.
  @Test func twoHundredThousandDeepNesting() throws {
    let depth = 200_000
    let cases: [(String, String, [UInt8], String?)] = [
      ("package.json arrays", "package.json", Array(repeating: UInt8(ascii: "["), count: depth) + Array(repeating: UInt8(ascii: "]"), count: depth), "nested deeper"),
      ("package.json objects", "package.json", Array(repeating: Array("{\"a\":".utf8), count: depth).flatMap { $0 } + Array(repeating: UInt8(ascii: "}"), count: depth), "nested deeper"),
      ("package-lock.json unclosed", "package-lock.json", Array(repeating: UInt8(ascii: "{"), count: depth), nil),
      ("pom.xml elements", "pom.xml", Array("<project>".utf8) + Array(repeating: Array("<a>".utf8), count: depth).flatMap { $0 } + Array(repeating: Array("</a>".utf8), count: depth).flatMap { $0 } + Array("</project>".utf8), "nested deeper"),
      ("pip marker parentheses", "requirements.txt", Array("a; ".utf8) + Array(repeating: UInt8(ascii: "("), count: depth) + Array("python_version > '3'".utf8) + Array(repeating: UInt8(ascii: ")"), count: depth) + [0x0A], nil),
      ("pip unclosed marker parentheses", "requirements.txt", Array("a; ".utf8) + Array(repeating: UInt8(ascii: "("), count: depth) + [0x0A], nil),
      ("pom.xml property chain", "pom.xml", Self.propertyChain(depth), "levels deep"),
      ("go.mod nested blocks", "go.mod", Array("module m\n".utf8) + Array(repeating: Array("require (\n".utf8), count: depth).flatMap { $0 }, nil),
    ]
    for (what, name, bytes, message) in cases {
      let dir = try Scratch.directory()
      defer { try? FileManager.default.removeItem(at: dir) }
      try Scratch.write(bytes, name, in: dir)
      let out = try HostileRunner.run(["digest", name], in: dir)
      out.expectError(what, at: name, containing: message)
    }
  }

  /// A POM whose properties each refer to the next, `length` long, the last one used.
  static func propertyChain(_ length: Int) -> [UInt8] {
    var text = "<project><modelVersion>4.0.0</modelVersion><groupId>g</groupId><artifactId>a</artifactId><version>1</version><properties>"
    for i in 0..<length { text += "<p\(i)>${p\(i + 1)}</p\(i)>" }
    text += "<p\(length)>2.0</p\(length)></properties><dependencies><dependency><groupId>x</groupId><artifactId>y</artifactId>"
    return Array((text + "<version>${p0}</version></dependency></dependencies></project>\n").utf8)
  }

  /// The XML attacks through the binary, under the memory bound: billion laughs, external
  /// entities naming a local file (general, parameter, external DTD), in UTF-8 and UTF-16. The
  /// secret never appears; MavenCommandTests proves with a FIFO that the file is never opened.
  @Test func xmlEntityAttacks() throws {
    let dir = try Scratch.directory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let secret = "deptag-secret-\(UUID().uuidString)"
    try Scratch.write(secret, "secret.txt", in: dir)
    let secretPath = dir.appendingPathComponent("secret.txt").path
    var laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE project [\n <!ENTITY lol \"lol\">\n"
    for level in 1...9 {
      laughs += " <!ENTITY lol\(level) \"" + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10) + "\">\n"
    }
    laughs += "]>\n<project><name>&lol9;</name></project>\n"
    let attacks = [
      ("billion laughs", laughs),
      ("an external general entity", "<!DOCTYPE project [<!ENTITY x SYSTEM \"file://\(secretPath)\">]>\n<project><name>&x;</name></project>\n"),
      ("an external parameter entity", "<!DOCTYPE project [<!ENTITY % p SYSTEM \"\(secretPath)\"> %p;]>\n<project/>\n"),
      ("an external DTD", "<!DOCTYPE project SYSTEM \"\(secretPath)\">\n<project><name>&e;</name></project>\n"),
    ]
    for (what, pom) in attacks {
      for (label, bytes) in [("UTF-8", Array(pom.utf8)), ("UTF-16", TextEncoding.utf16LEBOM.encode(pom))] {
        try Scratch.write(bytes, "pom.xml", in: dir)
        let out = try HostileRunner.run(["digest", "pom.xml"], in: dir)
        out.expectError("\(what) in \(label)", at: "pom.xml")
        #expect(!out.stderr.contains(secret), "\(what) in \(label) leaked the file")
      }
    }
  }
}
