import Testing

@testable import DeptagKit

/// Bad input: an error at the right FILE:LINE:COL, never a crash.
@Suite struct PipErrorTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var input: String
    var position: String
    var contains: String
    var testDescription: String { "\(position) \(contains)" }
  }

  static let cases: [Case] = [
    Case(input: "a\n--global-option=x\n", position: "2:1", contains: "no such option: --global-option"),
    Case(input: "--allow-external psycopg2\n", position: "1:1", contains: "--allow-external"),
    Case(input: "Jinja2==3.0.0#comment\n", position: "1:14", contains: "invalid requirement"),
    Case(input: "x\nfoo>=1 \\\n  --hash=md5:aa\n", position: "3:3", contains: "sha256"),
    Case(input: "-c\n", position: "1:1", contains: "requires 1 argument"),
    Case(input: "--index-url 'x\n", position: "1:13", contains: "quotation"),
    Case(input: "--use-feature nope\n", position: "1:1", contains: "invalid choice"),
    Case(input: "foo -C novalue\n", position: "1:5", contains: "KEY=VAL"),
    Case(input: "--no-index=1\n", position: "1:1", contains: "does not take a value"),
    Case(input: "--no- x\n", position: "1:1", contains: "ambiguous"),
    Case(input: "-r missing.txt\n", position: "1:1", contains: "cannot read included file"),
    Case(input: "-r https://example.com/r.txt\n", position: "1:1", contains: "never reads URLs"),
    Case(input: "git+https://h/r.git#egg=Lasagne==0.2.git\n", position: "1:1", contains: "#egg="),
    Case(input: "-e https://h/x.tgz\n", position: "1:4", contains: "not a valid editable"),
    Case(input: "-e git+https://h/r.git\n", position: "1:4", contains: "requirement name"),
    Case(input: "a\u{0}b\n", position: "1:2", contains: "NUL"),
    Case(input: "https://h/bad.whl\n", position: "1:1", contains: "wheel"),
    // Found by the pip oracle: inputs pip 26.3 rejects.
    Case(input: "-e ''\n", position: "1:4", contains: "not a valid editable"),
    Case(input: "@ https://h/x\n", position: "1:1", contains: "invalid requirement"),
    Case(input: "ssh://h/r#egg=x\n", position: "1:4", contains: "invalid requirement"),
    Case(input: "git://h/r.git#egg=x\n", position: "1:4", contains: "invalid requirement"),
    Case(input: "svn://h/r#egg=x\n", position: "1:4", contains: "invalid requirement"),
    Case(input: "--trusted-host ''\n", position: "1:16", contains: "host part"),
    Case(input: "--trusted-host :80\n", position: "1:16", contains: "host part"),
    Case(input: "--trusted-host h:http\n", position: "1:16", contains: "port"),
  ]

  @Test(arguments: cases) func reportsPosition(_ c: Case) {
    let error = Pip.error(c.input)
    #expect(error?.position == c.position, "\(String(describing: error))")
    #expect(error?.message.contains(c.contains) == true, "\(String(describing: error))")
  }

  @Test func columnsCountUTF8BytesOfThePhysicalLine() {
    // "é" is two bytes, so the option starts at byte 7.
    #expect(Pip.error("é==1 --hash=md5:aa\n")?.position == "1:7")
    // After a `\` join the column is the one on the physical line where the text starts; the
    // leading backslashes pip strips from a continued line still count.
    #expect(Pip.error("a==1 \\\n\\\\--hash=md5:aa \\\n")?.position == "2:3")
  }

  @Test func includeCycleNamesTheLineAndTheChain() {
    let error = Pip.error("-r a.txt\n", files: ["a.txt": "x\n-r requirements.txt\n"])
    #expect(error?.location?.file == "a.txt")
    #expect(error?.position == "2:1")
    #expect(error?.message.contains("recursively") == true)
    #expect(error?.diagnostic.notes.map { "\($0.location!)" } == ["requirements.txt:1:1"])
    #expect(error?.diagnostic.notes.first?.message == "included from here")
  }

  @Test func selfIncludeIsACycle() {
    #expect(Pip.error("-r ./requirements.txt\n")?.message.contains("recursively") == true)
  }

  @Test func errorInsideAnIncludeNamesThatFile() {
    let error = Pip.error("a\n-r sub/b.txt\n", files: ["sub/b.txt": "ok\n  bad==\n"])
    #expect("\(error!.location!)" == "sub/b.txt:2:8")
    #expect(error?.diagnostic.description.hasSuffix("requirements.txt:2:1: note: included from here") == true)
  }

  @Test func constraintsMustBeNamedPlainRequirements() {
    #expect(Pip.error("-c c.txt\n", files: ["c.txt": "foo[bar]<2\n"])?.message.contains("extras") == true)
    #expect(Pip.error("-c c.txt\n", files: ["c.txt": "-e git+https://h/r#egg=x\n"])?.message.contains("editable") == true)
    #expect(Pip.error("-c c.txt\n", files: ["c.txt": "./local\n"])?.message.contains("unnamed") == true)
  }

  @Test func invalidUTF8IsRefusedWithItsPosition() {
    let reader = MemoryReader(bytes: ["requirements.txt": Array("ok\nab".utf8) + [0xFF] + Array("\n".utf8)])
    do {
      _ = try ManifestLoader(reader: reader).load(paths: ["requirements.txt"], type: nil)
      Issue.record("accepted invalid UTF-8")
    } catch {
      #expect(error.position == "2:3")
    }
  }
}
