import Testing

@testable import DeptagKit

/// The decision rules of Go, npm and Maven: (old, new, expected action, exact reasons).
@Suite struct EcosystemDecisionTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var file: String
    var old: String
    var new: String
    var action: RebuildAction
    var reasons: [String]
    var testDescription: String { "\(file) \(action): \(reasons.first ?? "-")" }
  }

  static func decide(_ c: Case) throws -> Decision {
    func side(_ text: String) throws -> DecisionSide {
      try ManifestLoader(reader: MemoryReader([c.file: text])).decisionSide(path: c.file, type: nil)
    }
    return Decider.decide(old: try side(c.old), new: try side(c.new))
  }

  static let gomod = "module example.com/m\n\ngo 1.22\n\nrequire (\n\tgolang.org/x/text v0.14.0\n\tgolang.org/x/sys v0.18.0 // indirect\n)\n"

  static let go: [Case] = [
    Case(file: "go.mod", old: gomod, new: gomod.replacingOccurrences("example.com/m", "example.com/renamed").replacingOccurrences(" // indirect", ""), action: .none, reasons: []),
    Case(file: "go.mod", old: gomod, new: gomod.replacingOccurrences("v0.14.0", "v0.15.0"), action: .incremental,
      reasons: ["incremental: go.mod: require golang.org/x/text: require golang.org/x/text v0.14.0 → require golang.org/x/text v0.15.0"]),
    Case(file: "go.mod", old: gomod, new: gomod.replacingOccurrences("\tgolang.org/x/sys v0.18.0 // indirect\n", ""), action: .base,
      reasons: ["base: go.mod: require golang.org/x/sys removed: an incremental build would keep it in the module cache"]),
    Case(file: "go.mod", old: gomod, new: gomod.replacingOccurrences("go 1.22", "go 1.23"), action: .base,
      reasons: ["base: go.mod: go changed (go 1.22 → go 1.23): the toolchain environment changed"]),
    Case(file: "go.mod", old: gomod, new: gomod + "replace golang.org/x/text => ../text\n", action: .base,
      reasons: ["base: go.mod: replace golang.org/x/text added (replace golang.org/x/text => ../text): module selection changed"]),
    Case(file: "go.sum", old: "a v1.0.0 h1:x=\n", new: "a v1.0.0 h1:x=\nb v1.0.0 h1:y=\n", action: .incremental, reasons: ["incremental: go.sum: b@v1.0.0 added in go.sum"]),
    Case(file: "go.sum", old: "a v1.0.0 h1:x=\nb v1.0.0 h1:y=\n", new: "a v1.0.0 h1:x=\n", action: .incremental, reasons: ["incremental: go.sum: b@v1.0.0 removed in go.sum"]),
    Case(file: "go.sum", old: "a v1.0.0 h1:x=\n", new: "a v1.0.0 h1:z=\n", action: .base, reasons: ["base: go.sum: a@v1.0.0: hash changed (a v1.0.0 h1:x= → a v1.0.0 h1:z=): an integrity conflict"]),
  ]

  static let npm: [Case] = [
    Case(file: "package.json", old: #"{"name":"a","version":"1.0.0","dependencies":{"x":"^1.0.0"}}"#, new: #"{"version":"1.0.1","name":"a","dependencies":{"x":"^1.0.0"},"scripts":{"test":"jest"}}"#, action: .none, reasons: []),
    Case(file: "package.json", old: #"{"dependencies":{"x":"^1.0.0"}}"#, new: #"{"dependencies":{"x":"^1.2.0","y":"2"}}"#, action: .incremental,
      reasons: [#"incremental: package.json: x: {"dependencies":{"x":">=1.0.0 <2.0.0-0"}} → {"dependencies":{"x":">=1.2.0 <2.0.0-0"}}"#, #"incremental: package.json: y added ({"dependencies":{"y":">=2.0.0 <3.0.0-0"}})"#]),
    Case(file: "package.json", old: #"{"devDependencies":{"x":"1"}}"#, new: #"{"dependencies":{"x":"1"}}"#, action: .incremental,
      reasons: [#"incremental: package.json: x: {"devDependencies":{"x":">=1.0.0 <2.0.0-0"}} → {"dependencies":{"x":">=1.0.0 <2.0.0-0"}}"#]),
    Case(file: "package.json", old: #"{"dependencies":{"x":"1"}}"#, new: #"{"devDependencies":{"x":"1"}}"#, action: .base,
      reasons: [#"base: package.json: x moved to devDependencies ({"dependencies":{"x":">=1.0.0 <2.0.0-0"}} → {"devDependencies":{"x":">=1.0.0 <2.0.0-0"}}): it leaves the --omit=dev set"#]),
    Case(file: "package.json", old: #"{"dependencies":{"x":"1","y":"1"}}"#, new: #"{"dependencies":{"x":"1"}}"#, action: .base,
      reasons: ["base: package.json: y removed: an incremental build would leave it installed"]),
  ]

  static let pom = """
    <project><modelVersion>4.0.0</modelVersion><groupId>g</groupId><artifactId>a</artifactId><version>1</version>
    <dependencies>
    <dependency><groupId>x</groupId><artifactId>one</artifactId><version>1.0</version></dependency>
    <dependency><groupId>x</groupId><artifactId>two</artifactId><version>2.0</version></dependency>
    </dependencies></project>
    """

  static let maven: [Case] = [
    Case(file: "pom.xml", old: pom, new: pom.replacingOccurrences("<version>1</version>", "<version>2</version>"), action: .none, reasons: []),
    Case(file: "pom.xml", old: pom, new: pom.replacingOccurrences("<version>2.0</version>", "<version>2.1</version>"), action: .incremental,
      reasons: ["incremental: pom.xml: x:two: <dependency><groupId>x</groupId><artifactId>two</artifactId><version>2.0</version></dependency> → <dependency><groupId>x</groupId><artifactId>two</artifactId><version>2.1</version></dependency>"]),
    Case(file: "pom.xml", old: pom, new: pom.replacingOccurrences("<dependency><groupId>x</groupId><artifactId>one</artifactId><version>1.0</version></dependency>\n", ""), action: .base,
      reasons: ["base: pom.xml: x:one removed: an incremental build would leave it behind"]),
    Case(file: "pom.xml", old: pom,
      new: pom.replacingOccurrences("<dependency><groupId>x</groupId><artifactId>one</artifactId><version>1.0</version></dependency>\n", "").replacingOccurrences("</dependencies>", "<dependency><groupId>x</groupId><artifactId>one</artifactId><version>1.0</version></dependency>\n</dependencies>"),
      action: .incremental, reasons: ["incremental: pom.xml: declaration order changed: Maven mediates by first declaration, nothing declared disappears"]),
    Case(file: "pom.xml", old: pom,
      new: pom.replacingOccurrences("<version>2.0</version></dependency>", "<version>2.0</version><exclusions><exclusion><groupId>y</groupId><artifactId>z</artifactId></exclusion></exclusions></dependency>"),
      action: .base, reasons: ["base: pom.xml: x:two: exclusion added (<dependency><groupId>x</groupId><artifactId>two</artifactId><version>2.0</version></dependency> → <dependency><groupId>x</groupId><artifactId>two</artifactId><version>2.0</version><exclusions><exclusion><groupId>y</groupId><artifactId>z</artifactId></exclusion></exclusions></dependency>): a transitive artifact leaves the set"]),
  ]

  @Test(arguments: go + npm + maven) func decides(_ c: Case) throws {
    let decision = try Self.decide(c)
    #expect(decision.action == c.action)
    #expect(decision.reasons.map(\.description) == c.reasons)
  }
}

extension String {
  fileprivate func replacingOccurrences(_ target: String, _ replacement: String) -> String {
    replacing(target, with: replacement)
  }
}
