import Testing

@testable import DeptagKit

/// pip's decision rules: (old, new, expected action, exact reasons).
@Suite struct PipDecisionTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var old: String
    var new: String
    var action: RebuildAction
    var reasons: [String]
    var testDescription: String { "\(action): \(reasons.first ?? "-")" }
  }

  static let cases: [Case] = [
    Case(old: "a==1\n", new: "A==1.0  # same\n", action: .none, reasons: []),
    Case(old: "a==1\n", new: "a==1\nb\n", action: .incremental, reasons: ["incremental: r.txt: b added"]),
    Case(old: "a==1\n", new: "a==2\n", action: .incremental, reasons: ["incremental: r.txt: a: a==1 → a==2"]),
    Case(old: "a==2\n", new: "a==1\n", action: .incremental, reasons: ["incremental: r.txt: a: a==2 → a==1"]),
    Case(old: "a>=1\n", new: "a>=1,<3\n", action: .incremental, reasons: ["incremental: r.txt: a: a>=1 → a<3,>=1"]),
    Case(old: "a\n", new: "a[x]\n", action: .incremental, reasons: ["incremental: r.txt: a: a → a[x]"]),
    Case(old: "a==1 --hash=sha256:aa\n", new: "a==2 --hash=sha256:bb\n", action: .incremental, reasons: ["incremental: r.txt: a: a==1 --hash=sha256:aa → a==2 --hash=sha256:bb"]),
    Case(old: "a\nb\n", new: "a\n", action: .base, reasons: ["base: r.txt: b removed: an incremental build would leave it installed"]),
    Case(old: "a[x,y]\n", new: "a[x]\n", action: .base, reasons: ["base: r.txt: a: extra removed (a[x,y] → a[x]); its packages would stay installed"]),
    Case(old: "a; os_name == \"posix\"\n", new: "a\n", action: .base, reasons: ["base: r.txt: a: marker changed (a; os_name == \"posix\" → a)"]),
    Case(old: "a==1 --hash=sha256:aa\n", new: "a==1 --hash=sha256:bb\n", action: .base, reasons: ["base: r.txt: a: hashes changed for an unchanged version (a==1 --hash=sha256:aa → a==1 --hash=sha256:bb); pip would keep the installed version and never check them"]),
    Case(old: "a @ https://h/a-1.tgz\n", new: "a @ https://h/a-2.tgz\n", action: .base, reasons: ["base: r.txt: a: a @ https://h/a-1.tgz → a @ https://h/a-2.tgz (a URL, path, editable or multi-line requirement changed)"]),
    Case(old: "a\n", new: "--index-url https://x\na\n", action: .base, reasons: ["base: r.txt: option --index-url https://x added; pip options shape every install"]),
    Case(old: "--require-hashes\na\n", new: "a\n", action: .base, reasons: ["base: r.txt: option --require-hashes removed; pip options shape every install"]),
    Case(old: "-c c.txt\na\n", new: "a\n", action: .incremental, reasons: ["incremental: c.txt: constraints file removed; constraints install nothing by themselves", "incremental: r.txt: constraint -c c.txt removed; constraints install nothing by themselves"]),
  ]

  static func side(_ text: String) throws -> DecisionSide {
    let reader = MemoryReader(["r.txt": text, "c.txt": "a<2\n"])
    return try ManifestLoader(reader: reader).decisionSide(path: "r.txt", type: .pip, anonymousRoot: false)
  }

  @Test(arguments: cases) func decides(_ c: Case) throws {
    let decision = Decider.decide(old: try Self.side(c.old), new: try Self.side(c.new))
    #expect(decision.action == c.action)
    #expect(decision.reasons.map(\.description) == c.reasons)
  }

  @Test func aManifestKindAppearingIsBase() throws {
    let empty = DecisionSide(manifests: [:])
    let decision = Decider.decide(old: empty, new: try Self.side("a\n"))
    #expect(decision.action == .base)
    #expect(decision.reasons.map(\.description) == ["base: r.txt: pip manifest appeared"])
  }

  @Test func changedExtraInputsAreBase() throws {
    var old = try Self.side("a\n"), new = try Self.side("a\n")
    old.extrasDigest = "x"
    new.extrasDigest = "y"
    #expect(Decider.decide(old: old, new: new).reasons.map(\.description) == ["base: the --with/--salt inputs changed"])
  }
}

/// The chain and its limit (PRODUCT.md: fresh base 0; incremental c + 1; none keeps c).
@Suite struct ChainTests {
  static func snapshotSide(_ text: String, chain: Int) throws -> DecisionSide {
    var side = try PipDecisionTests.side(text)
    side.chain = chain
    return side
  }

  @Test func countsAndLimits() throws {
    let new = try PipDecisionTests.side("a\nb\n")
    #expect(Decider.decide(old: try Self.snapshotSide("a\nb\n", chain: 3), new: new).chain == 3)
    #expect(Decider.decide(old: try Self.snapshotSide("a\n", chain: 3), new: new).chain == 4)
    #expect(Decider.decide(old: try Self.snapshotSide("a\nb\nc\n", chain: 3), new: new).chain == 0)
    let limited = Decider.decide(old: try Self.snapshotSide("a\n", chain: 5), new: new, maxChain: 5)
    #expect(limited.action == .base)
    #expect(limited.chain == 0)
    #expect(limited.reasons.first?.description == "base: the incremental chain would reach 6, over --max-chain 5: stacked layers only grow")
    #expect(Decider.decide(old: try Self.snapshotSide("a\n", chain: 4), new: new, maxChain: 5).action == .incremental)
  }

  @Test func snapshotRoundTrips() throws {
    let side = try PipDecisionTests.side("-c c.txt\nflask[async]==2 --hash=sha256:aa\n--index-url https://x\n")
    let snapshot = Snapshot(digest: "abc", extrasDigest: side.extrasDigest!, chain: 2, manifests: side.manifests)
    let text = snapshot.json.serialized(pretty: true)
    let read = try Snapshot.read(SourceFile(path: "s.json", bytes: Array(text.utf8)))
    #expect(read == snapshot)
    #expect(Decider.decide(old: read!.side, new: side).action == .none)
    #expect(try Snapshot.read(SourceFile(path: "package.json", bytes: Array("{\"name\":\"x\"}".utf8))) == nil)
    #expect(throws: DeptagError.self) {
      try Snapshot.read(SourceFile(path: "s.json", bytes: Array("{\"deptag\":\"snapshot\",\"version\":2}".utf8)))
    }
  }
}
