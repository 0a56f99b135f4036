import Testing

@testable import DeptagKit

/// The exact canonical text: reviewed once, frozen here (a change is a format-version bump).
@Suite struct PipCanonicalTextTests {
  @Test func optionsComeFirstInPipsOrderThenSortedRequirements() throws {
    let input = """
      Flask[Async,dotenv]>=2.0,<3  # web
      --extra-index-url https://b.example/simple
      -i https://a.example/simple
      --extra-index-url https://c.example/simple
      --trusted-host b.example
      --find-links ./wheels
      --no-binary :all:
      --only-binary numpy,SciPy
      --prefer-binary
      --pre
      --require-hashes
      --use-feature fast-deps
      attrs==23.1.0 --hash=sha256:BB --hash=sha256:aa
      importlib_metadata; python_version<'3.10'

      """
    #expect(
      try Pip.normalize(input) == """
        --index-url https://a.example/simple
        --extra-index-url https://c.example/simple
        --find-links ./wheels
        --trusted-host b.example
        --no-binary :all:
        --only-binary numpy,scipy
        --pre
        --prefer-binary
        --require-hashes
        --use-feature fast-deps
        attrs==23.1 --hash=sha256:aa --hash=sha256:bb
        flask[async,dotenv]<3,>=2
        importlib-metadata; python_version < "3.10"

        """)
  }

  @Test func urlsPathsAndEditablesStayByteExact() throws {
    let input = """
      pip @ https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee9982d4bbb3c72346a6de940a148ea686
      https://example.com/Foo-1.0-py3-none-any.whl
      -e git+https://github.com/Org/Repo.git@Main#egg=Repo
      ./vendor/../local_pkg[Extra]
      -e .

      """
    #expect(
      try Pip.normalize(input) == """
        -e .
        ./local_pkg[extra]
        https://example.com/Foo-1.0-py3-none-any.whl
        pip @ https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee9982d4bbb3c72346a6de940a148ea686
        -e git+https://github.com/Org/Repo.git@Main#egg=Repo

        """)
  }

  @Test func constraintsAreSeparateManifests() throws {
    let loaded = try Pip.load("-c c/pins.txt\na\n", files: ["c/pins.txt": "B<2\n-c ../more.txt\n", "more.txt": "c==1\n"])
    #expect(loaded.manifests.map(\.kind) == [.pip, .pipConstraints, .pipConstraints])
    #expect(loaded.manifests[0].canonicalText == "-c c/pins.txt\n-c more.txt\na\n")
    #expect(loaded.manifests[1].canonicalText == "b<2\n")
    #expect(loaded.manifests[2].canonicalText == "c==1\n")
    #expect(loaded.inputs == ["requirements.txt", "c/pins.txt", "more.txt"])
  }

  @Test func requirementsIncludedFromAConstraintsFileAreInstalled() throws {
    // pip: a `-r` inside a constraints file yields requirements (nested_constraint = False).
    let loaded = try Pip.load("-c pins.txt\n", files: ["pins.txt": "-r extra.txt\nb<2\n", "extra.txt": "x\n"])
    #expect(loaded.manifests[0].canonicalText == "-c pins.txt\nx\n")
    #expect(loaded.manifests[1].canonicalText == "b<2\n")
  }

  @Test func theSameFileThroughTwoBranchesIsFine() throws {
    let files = ["a.txt": "-r common.txt\nx\n", "b.txt": "-r common.txt\ny\n", "common.txt": "z\n"]
    #expect(try Pip.normalize("-r a.txt\n-r b.txt\n", files: files) == "x\ny\nz\n")
  }

  @Test func nestedIncludesAreRelativeToTheirOwnFile() throws {
    let files = ["sub/a.txt": "-r b.txt\n-c pins.txt\n", "sub/b.txt": "deep\n", "sub/pins.txt": "deep<2\n"]
    let loaded = try Pip.load("-r sub/a.txt\n", files: files)
    #expect(loaded.manifests[0].canonicalText == "-c sub/pins.txt\ndeep\n")
  }

  @Test func environmentVariablesAreKeptLiteral() throws {
    #expect(try Pip.normalize("--index-url https://${TOKEN}@x/simple\nqwert==${MY_VAR_1}\n") == "--index-url https://${TOKEN}@x/simple\nqwert==${MY_VAR_1}\n")
  }

  @Test func localContentIsWarnedAbout() throws {
    let loaded = try Pip.load("-e ./pkg\n./dist/x-1.0-py3-none-any.whl\nrequests\n")
    #expect(loaded.warnings.count == 2)
    #expect(loaded.warnings.allSatisfy { $0.severity == .warning && $0.message.contains("--with") })
    #expect(loaded.warnings.map { $0.location?.line } == [1, 2])
  }

  @Test func optionOnlyHashWarns() throws {
    let loaded = try Pip.load("flask==2.3.3\n    --hash=sha256:aa\n")
    #expect(loaded.manifests[0].canonicalText == "flask==2.3.3\n")
    #expect(loaded.warnings.first?.location?.line == 2)
  }

  @Test func binaryControlRoundTripsThroughItsCanonicalSpelling() throws {
    let text = try Pip.normalize("--only-binary :all:\n--no-binary lxml\n--only-binary Foo\n")
    #expect(text == "--only-binary :all:\n--only-binary foo\n--no-binary lxml\n")
    #expect(try Pip.normalize(text) == text)
  }

  @Test func binaryOptionsOnRequirementLinesStillApply() throws {
    // They are optparse callbacks on the finder's shared FormatControl (req_file.get_line_parser).
    #expect(try Pip.normalize("foo --no-binary :all:\n") == "--no-binary :all:\nfoo\n")
  }

  @Test func indexListAfterNoIndexIsEmpty() throws {
    #expect(try Pip.normalize("--no-index\n-i https://x\n--extra-index-url https://y\n-f ./w\n") == "--no-index\n--find-links ./w\n")
  }
}
