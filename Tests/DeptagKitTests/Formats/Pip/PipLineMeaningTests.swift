import Testing

@testable import DeptagKit

/// `PipLineMeaning`: one logical line classified on its own, errors kept as values.
@Suite struct PipLineMeaningTests {
  static func meaning(_ text: String) -> PipLineMeaning {
    let meanings = PipLineMeaning.meaningsLastFirst(of: text, file: "r.txt")
    precondition(meanings.count == 1, "one logical line expected")
    return meanings[0]
  }

  @Test func requirementLines() throws {
    guard case .requirement(let r, let at) = Self.meaning("  Foo_Bar >= 1.0 ; python_version>'3'  # c").kind else {
      Issue.record("not a requirement")
      return
    }
    #expect(r.key == "foo-bar")
    #expect(at == .init(line: 1, column: 3))
    #expect(r.text == "foo-bar>=1; python_version > \"3\"")
    guard case .requirement(let hashed, _) = Self.meaning("pkg==1 --hash=sha256:AB --no-binary x").kind else {
      Issue.record("not a requirement")
      return
    }
    #expect(hashed.text == "pkg==1 --hash=sha256:ab")
  }

  @Test func editableLinesRememberTheFlag() {
    let m = Self.meaning("  -e ./src")
    guard case .editable(let r, let at, let flag) = m.kind else {
      Issue.record("not an editable")
      return
    }
    #expect(r.text == "-e ./src")
    #expect(flag.location(in: "r.txt").description == "r.txt:1:3")
    #expect(at == flag)
  }

  @Test func includesPreferRequirementOverConstraint() {
    guard case .include(let c, let at) = Self.meaning("\\\n -c c.txt").kind else {
      Issue.record("not an include")
      return
    }
    #expect(c.option == .constraint && c.value == "c.txt")
    #expect(at == .init(line: 2, column: 2))
    guard case .include(let r, _) = Self.meaning("-c c.txt -r r2.txt").kind else {
      Issue.record("not an include")
      return
    }
    #expect(r.option == .requirement && r.value == "r2.txt")
  }

  @Test func optionLinesAndCallbacks() {
    let m = Self.meaning("--no-binary :all: --pre --only-binary=numpy")
    guard case .options(let options, let hash) = m.kind else {
      Issue.record("not an option line")
      return
    }
    #expect(options.map(\.option) == [.noBinary, .pre, .onlyBinary])
    #expect(hash == nil)
    guard case .options(_, let hash?) = Self.meaning("--pre --hash=sha256:aa").kind else {
      Issue.record("no --hash position")
      return
    }
    #expect(hash == .init(line: 1, column: 7))
    #expect(m.callbacks.map(\.option) == [.noBinary, .onlyBinary])
    // A requirement line's callbacks are kept too: pip applies them on any line.
    #expect(Self.meaning("pkg --no-binary pkg").callbacks.map(\.value) == ["pkg"])
    #expect(Self.meaning("pkg==1").callbacks.isEmpty)
  }

  /// Errors are values with the message and position the sequential reader always gave.
  @Test func failuresKeepMessageAndPosition() {
    let cases: [(String, String, String)] = [
      ("pkg ==", "invalid requirement", "1:7"),
      ("--index-url 'x", "no closing quotation", "1:13"),
      ("--bogus", "no such option: --bogus", "1:1"),
      ("--trusted-host :80", "must include a host part", "1:16"),
      ("-e ''", "not a valid editable requirement", "1:4"),
      ("pkg; python_version >", "invalid marker", "1:22"),
    ]
    for (text, message, position) in cases {
      guard case .failure(let error) = Self.meaning(text).kind else {
        Issue.record("\(text): no failure")
        continue
      }
      #expect(error.message.contains(message), "\(text): \(error.message)")
      #expect(error.position == position, "\(text)")
      #expect(error.location?.file == "r.txt")
      // The same error the whole reader reports.
      #expect(Pip.error(text)?.message == error.message)
      #expect(Pip.error(text)?.position == error.position)
    }
  }

  @Test func linesAfterAFirstLineKeepTheirNumbers() {
    let meanings = PipLineMeaning.meaningsLastFirst(of: "a\n# c\nb ==\n", firstLine: 100, file: "r.txt")
    #expect(meanings.count == 2)
    guard case .failure(let error) = meanings[0].kind else {  // last first: `b ==` comes first
      Issue.record("no failure")
      return
    }
    #expect(error.location?.line == 102)
    guard case .requirement(_, let at) = meanings[1].kind else {
      Issue.record("no requirement")
      return
    }
    #expect(at.line == 100)
  }
}
