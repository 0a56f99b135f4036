import Testing

@testable import DeptagKit

/// `PipFastLine` (with `SimpleRequirementWriter`): on every line it accepts, it must give what
/// the general classification (`PipLineMeaning`) gives — same key, canonical text, flags and
/// position — and it must decline everything else.
@Suite struct PipFastLineTests {
  static let names = ["pkg", "Foo_Bar", "foo.bar", "A1", "zope.interface", "x-_y", "foo_", "foo-", "a", "Ω", "foo.zip", "x.tar.bz2"]
  static let extras = ["", "", "[a]", "[B,a]", "[ x , y ]", "[a,a]", "[a-_b]", "[]", "[a,]", "[c,b,a]", "[b ,a]", "[a b]"]
  static let operators = ["==", "!=", "<=", ">=", "<", ">", "~=", "===", "= ", "== ", "~= "]
  static let versions = [
    "1", "1.0", "1.0.0", "0", "0.0", "0.1.0", "01", "1.00", "1.0a1", "1.*", "1.0+l", "v1", "1!2", "10.20.3",
    "2.0.post1", "1.", "", "3.2", "1.0.0.0", "9-1",
  ]
  static let markers = [
    "", "", "", ";", "; python_version >= '3.9'", " ; os.name == \"nt\"", ";extra == 'Foo_Bar'", "; (a",
    "; python_version > '3' -x", ";python_version>'3'\t", "; python_version < \"3\" and os_name == 'x:y'",
    ";  sys_platform == 'linux' or (python_version>'3')", "; extra == \"a -b\"",
  ]
  static let separators = [",", " , ", ", ", ","]
  static let endings = ["", "", "", "  # c", " #x", "\t", " \\", "#c", " -e x", " --hash=sha256:AB", " @ https://x/y"]

  /// The part's reading of a one-line text: the fast requirement (and where it starts), or nil
  /// when the fast path declined the line.
  static func fast(_ text: String) -> (PipRequirement, PipLineMeaning.Position)? {
    var text = text
    text.makeContiguousUTF8()
    let part = text.utf8.withContiguousStorageIfAvailable {
      PipPartMeanings(text, $0, 0..<$0.count, firstLine: 7, file: "r.txt")
    }!
    guard part.requirements.count == 1 else { return nil }
    #expect(part.others.isEmpty)
    return (part.requirements[0], part.positions[0])
  }

  static func check(_ line: String) -> Bool {
    guard let (requirement, position) = fast(line + "\n") else { return false }
    let general = PipLineMeaning.meaningsLastFirst(of: line + "\n", firstLine: 7, file: "r.txt")
    guard general.count == 1, case .requirement(let expected, let at) = general[0].kind else {
      Issue.record("the fast path read \(line.debugDescription), the general one did not take it as a requirement")
      return true
    }
    #expect(general[0].callbacks.isEmpty)
    #expect(requirement == expected, "\(line.debugDescription)")
    #expect(requirement.text == expected.text, "\(line.debugDescription)")
    #expect(position == at, "\(line.debugDescription)")
    return true
  }

  @Test func agreesWithTheGeneralPathOnGeneratedLines() {
    var rng = SeededGenerator(seed: 508)
    var accepted = 0
    for _ in 0..<20_000 {
      var line = Self.names.randomElement(using: &rng)! + Self.extras.randomElement(using: &rng)!
      let clauses = Int.random(in: 0...3, using: &rng)
      for k in 0..<clauses {
        line += k > 0 ? Self.separators.randomElement(using: &rng)! : (Bool.random(using: &rng) ? "" : " ")
        line += Self.operators.randomElement(using: &rng)! + Self.versions.randomElement(using: &rng)!
      }
      if Int.random(in: 0..<20, using: &rng) == 0 { line += "," }
      line += Self.markers.randomElement(using: &rng)! + Self.endings.randomElement(using: &rng)!
      if Int.random(in: 0..<10, using: &rng) == 0 { line = "  " + line }
      if Self.check(line) { accepted += 1 }
    }
    // Most generated lines are of the simple kind.
    #expect(accepted > 2_000)
  }

  @Test func examples() {
    #expect(Self.check("package_00003[extra,Other]>=3.3,<4  # pinned"))
    #expect(Self.check("A==1.0.0, ==1, !=2.0 ; python_version >= '3.9'"))
    #expect(Self.check("x ~= 1.0"))
    #expect(Self.check("pkg==1.0a1"))  // through RequirementParser
    #expect(!Self.check("pkg~=1"))  // an error: the general path words it
    #expect(!Self.check("foo.zip"))  // an archive is a path
    #expect(!Self.check("pkg[a]"))  // may be a path with extras
    #expect(!Self.check("pkg ==1 -e x"))  // options
    #expect(!Self.check("pkg; os_name == 'a' -b"))  // options, even inside a marker string
    #expect(!Self.check("pkg==1\t; os_name == 'a'"))  // a tab: Unicode-aware stripping is the general path's
  }

  /// The look-ups that replaced scans (issue #8): the identifier table, the marker operator
  /// switch, the ".bz2" pre-check before `isArchive`. Each line agrees with the general path.
  @Test func tableAndSwitchCases() {
    // Archive names ending in a digit go to the general path; versions ending in ".N.2" do not.
    #expect(!Self.check("x.tar.bz2"))
    #expect(!Self.check("X.TAR.BZ2"))
    #expect(Self.check("pkg.bZ2"))  // ".bz2" alone is no archive suffix (".tar.bz2" is)
    #expect(!Self.check("pkg.TaR.bZ2"))
    #expect(Self.check("pkg==1.1.2"))
    _ = Self.check("pkg==1.b.2")  // declined or agreeing with the general path
    // Identifiers: case, every separator run, digits, bytes just outside the classes.
    for name in ["AbC-_.dEf9", "a.B_c-D", "Z0", "pkg@", "pkg`", "pkg{", "pkg/", "pkg:", "a--b", "a._-b[X,y_Z]"] {
      _ = Self.check(name + ">=1.0")
    }
    // Every marker operator, spaced or not, and near misses.
    for op in ["===", "==", "~=", "!=", "<=", ">=", "<", ">", "=", "!", "~", "=<", "=>", "<>", "in", "not in"] {
      _ = Self.check("pkg==1 ; python_version \(op) '3.9'")
      _ = Self.check("pkg==1;python_version\(op)'3.9'")
      _ = Self.check("pkg==1 ; os.name\(op)\"nt\" ")
    }
    #expect(Self.check("pkg==1 ; python_version >= '3.9'"))
    #expect(Self.check("pkg==1;python_version<'3'"))
  }
}
