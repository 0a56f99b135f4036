import Foundation
import FoundationXML
import Testing

/// `deptag digest` and `deptag normalize` on pom.xml files, end to end.
@Suite struct MavenCommandTests {
  static let pom = """
    <?xml version="1.0" encoding="UTF-8"?>
    <project>
      <modelVersion>4.0.0</modelVersion>
      <groupId>shop</groupId>
      <artifactId>orders</artifactId>
      <version>1.0.0</version>
      <properties><guava.version>33.0.0-jre</guava.version></properties>
      <dependencies>
        <dependency>
          <groupId>com.google.guava</groupId>
          <artifactId>guava</artifactId>
          <version>${guava.version}</version>
        </dependency>
        <dependency>
          <groupId>junit</groupId>
          <artifactId>junit</artifactId>
          <version>4.13.2</version>
          <scope>test</scope>
        </dependency>
      </dependencies>
    </project>

    """

  @Test func digestOfAPomAndOfTheSamePomOnStandardInput() throws {
    let dir = try CLIRunner.directory(["pom.xml": Self.pom])
    let byName = try CLIRunner.run(["digest", "pom.xml"], in: dir)
    #expect(byName.status == 0)
    #expect(byName.stderr == "")
    #expect(byName.stdout.count == 13 && byName.stdout.dropLast().allSatisfy { "0123456789abcdef".contains($0) })
    #expect(try CLIRunner.run(["digest"], in: dir).stdout == byName.stdout)
    let piped = try CLIRunner.run(["digest", "--type", "maven", "-"], in: dir, stdin: Self.pom)
    #expect(piped.status == 0)
    #expect(piped.stdout == byName.stdout)
    // A release bump and a reformatted file keep the tag.
    let bumped = Self.pom.replacingOccurrences(of: "<version>1.0.0</version>", with: "<version>1.0.1</version>")
      .replacingOccurrences(of: "\n", with: "\r\n")
    #expect(try CLIRunner.run(["digest", "--type", "maven", "-"], in: dir, stdin: bumped).stdout == byName.stdout)
  }

  @Test func normalizePrintsAValidPomWithTheSameDigest() throws {
    let dir = try CLIRunner.directory(["pom.xml": Self.pom])
    let normalized = try CLIRunner.run(["normalize", "pom.xml"], in: dir)
    #expect(normalized.status == 0)
    #expect(normalized.stdout.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<project"))
    #expect(normalized.stdout.contains("<version>33.0.0-jre</version>"))
    #expect(XMLParser(data: Data(normalized.stdout.utf8)).parse(), "libxml2 reads the canonical POM")
    let again = try CLIRunner.directory(["pom.xml": normalized.stdout])
    #expect(try CLIRunner.run(["normalize", "pom.xml"], in: again).stdout == normalized.stdout)
    #expect(try CLIRunner.run(["digest"], in: again).stdout == CLIRunner.run(["digest"], in: dir).stdout)
  }

  @Test func modulesAreNamedInAWarning() throws {
    let pom = Self.pom.replacingOccurrences(
      of: "<properties>", with: "<packaging>pom</packaging><modules><module>core</module></modules><properties>")
    let dir = try CLIRunner.directory(["pom.xml": pom])
    let out = try CLIRunner.run(["digest"], in: dir)
    #expect(out.status == 0)
    #expect(out.stderr.contains("pom.xml:7:"))
    #expect(out.stderr.contains("warning: module 'core' is not hashed"))
  }

  /// The external entity names a FIFO nobody writes to: opening it for reading would block
  /// forever. A watchdog probes the FIFO the whole time with a non-blocking open for writing,
  /// which succeeds only while some process has it open for reading: it never does.
  @Test func externalEntityIsRefusedAndTheFileIsNeverOpened() throws {
    let dir = try CLIRunner.directory([:])
    let fifo = dir.appendingPathComponent("secret.fifo").path
    #expect(mkfifo(fifo, 0o600) == 0)
    let secret = dir.appendingPathComponent("secret.txt")
    try Data("deptag-secret-8d2e71".utf8).write(to: secret)
    let pom = """
      <?xml version="1.0"?>
      <!DOCTYPE project [
        <!ENTITY xxe SYSTEM "file://\(fifo)">
        <!ENTITY leak SYSTEM "\(secret.path)">
      ]>
      <project><modelVersion>4.0.0</modelVersion><name>&xxe;&leak;</name></project>

      """
    try Data(pom.utf8).write(to: dir.appendingPathComponent("pom.xml"))
    let opened = ManagedFlag()
    let done = ManagedFlag()
    let watchdog = Thread {
      while !done.value {
        let fd = open(fifo, O_WRONLY | O_NONBLOCK)
        if fd >= 0 {
          opened.set()
          close(fd)
        }
        usleep(2_000)
      }
    }
    watchdog.start()
    let out = try CLIRunner.run(["digest", "pom.xml"], in: dir)
    done.set()
    #expect(out.status == 1)
    #expect(out.stdout == "")
    #expect(out.stderr.hasPrefix("pom.xml:3:3: error: DTD entity declarations are refused"))
    #expect(!out.stderr.contains("deptag-secret-8d2e71"))
    #expect(!opened.value, "something opened the FIFO named by the external entity")
  }

  @Test func billionLaughsIsRefusedFast() throws {
    var pom = "<?xml version=\"1.0\"?>\n<!DOCTYPE project [\n <!ENTITY lol \"lol\">\n"
    for level in 1...9 {
      pom += " <!ENTITY lol\(level) \"" + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10) + "\">\n"
    }
    pom += "]>\n<project><name>&lol9;</name></project>\n"
    let dir = try CLIRunner.directory(["pom.xml": pom])
    let start = Date()
    let out = try CLIRunner.run(["digest"], in: dir)
    #expect(Date().timeIntervalSince(start) < 2)
    #expect(out.status == 1)
    #expect(out.stderr.hasPrefix("pom.xml:3:2: error:"))
  }

  @Test func malformedPomIsACompilerStyleError() throws {
    let dir = try CLIRunner.directory(["pom.xml": "<project>\n  <dependencies>\n    <dependency><groupId>g</groupId></dependencies>\n</project>\n"])
    let out = try CLIRunner.run(["digest"], in: dir)
    #expect(out.status == 1)
    #expect(out.stderr == "pom.xml:3:37: error: closing tag </dependencies> does not match <dependency> at line 3\n")
  }
}

/// A flag shared with the watchdog thread.
final class ManagedFlag: @unchecked Sendable {
  private let lock = NSLock()
  private var flag = false
  var value: Bool { lock.withLock { flag } }
  func set() { lock.withLock { flag = true } }
}
