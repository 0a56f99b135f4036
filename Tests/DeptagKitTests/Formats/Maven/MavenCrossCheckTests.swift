import Foundation
import Testing

@testable import DeptagKit

/// Cross-check with Maven 3.8.7 itself, offline: one reactor whose modules are the sample POMs,
/// read by `mvn -o validate` (no plugin or artifact is needed for that), so a single ~2 s run
/// tells which POMs Maven refuses. deptag must accept and refuse the same ones, except the
/// divergences listed. Skipped when `mvn` is absent, unless DEPTAG_REQUIRE_MVN=1.
@Suite(.enabled(if: MavenTool.path != nil || MavenTool.required, "mvn is not installed"))
struct MavenCrossCheckTests {
  static var mvn: String? { MavenTool.path }

  /// (label, POM text with `ARTIFACT` for a unique artifactId, Maven accepts it?).
  static func sample(_ body: String, prolog: String = "") -> String {
    "\(prolog)<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>ARTIFACT</artifactId><version>1</version><packaging>pom</packaging>\(body)</project>\n"
  }

  static let samples: [(String, String, Bool)] = [
    ("plain", sample(""), true),
    ("comments, CDATA and references", sample("<properties><v>1<!--c--></v><w><![CDATA[2]]></w><u>&#50;&amp;</u></properties>"), true),
    ("DOCTYPE without entities", sample("", prolog: "<!DOCTYPE project>\n"), true),
    ("internal entity", sample("<properties><v>&v;</v></properties>", prolog: "<!DOCTYPE project [<!ENTITY v \"2.0\">]>\n"), false),
    ("undefined entity", sample("<properties><v>&v;</v></properties>"), false),
    ("declaration after blank lines", sample("", prolog: "\n\n<?xml version=\"1.0\"?>\n"), false),
    ("unknown tag", sample("<unknownThing/>"), false),
    ("unknown tag in a dependency", sample("<dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId><version>1</version><verison/></dependency></dependencies>"), false),
    ("duplicated tag", sample("<dependencies><dependency><groupId>g</groupId><groupId>g</groupId><artifactId>a</artifactId><version>1</version></dependency></dependencies>"), false),
    ("mismatched tag", sample("<name>x</nam>"), false),
    ("cyclic property", sample("<properties><a>${b}</a><b>${a}</b></properties>"), false),
    ("dependency without groupId", sample("<dependencies><dependency><artifactId>a</artifactId><version>1</version></dependency></dependencies>"), false),
    ("repeated property, last wins", sample("<properties><a>${a}</a><a>1</a></properties>"), true),
  ]

  @Test func deptagAndMavenAgreeOnWhatIsAPom() throws {
    let mvn = try #require(Self.mvn, "DEPTAG_REQUIRE_MVN=1 but mvn is not installed")
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("deptag-mvn-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    var modules = ""
    for (index, sample) in Self.samples.enumerated() {
      let dir = root.appendingPathComponent("m\(index)")
      try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
      try Data(sample.1.replacingOccurrences(of: "ARTIFACT", with: "m\(index)").utf8).write(to: dir.appendingPathComponent("pom.xml"))
      modules += "<module>m\(index)</module>"
    }
    try Data(Self.sample("<modules>\(modules)</modules>").replacingOccurrences(of: "ARTIFACT", with: "root").utf8)
      .write(to: root.appendingPathComponent("pom.xml"))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: mvn)
    process.arguments = ["-o", "-B", "validate"]
    process.currentDirectoryURL = root
    let out = Pipe()
    process.standardOutput = out
    process.standardError = out
    try process.run()
    let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    for (index, sample) in Self.samples.enumerated() {
      let path = root.appendingPathComponent("m\(index)/pom.xml").path
      let mavenAccepts = !output.contains(path)
      let text = sample.1.replacingOccurrences(of: "ARTIFACT", with: "m\(index)")
      let deptagAccepts = Maven.error(text) == nil
      #expect(mavenAccepts == sample.2, "Maven on \(sample.0): \(mavenAccepts ? "accepted" : "refused")")
      #expect(deptagAccepts == sample.2, "deptag on \(sample.0): \(Maven.error(text).map { "\($0)" } ?? "accepted")")
    }
  }
}

/// Where `mvn` is, if anywhere (looked up on PATH).
enum MavenTool {
  static let required = ProcessInfo.processInfo.environment["DEPTAG_REQUIRE_MVN"] == "1"
  static let path: String? = {
    let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/usr/local/bin").split(separator: ":")
    return directories.map { "\($0)/mvn" }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }()
}
