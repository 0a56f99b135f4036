import Testing

@testable import DeptagKit

extension PEP508Tests {
  /// PEP 503 name normalization and PEP 508 name validity.
  struct ProjectNameTests {
    @Test(arguments: [
      ("Zope.Interface", "zope-interface"),
      ("zope_interface", "zope-interface"),
      ("zope--interface", "zope-interface"),
      ("ZOPE-._Interface", "zope-interface"),
      ("zopeinterface", "zopeinterface"),
      ("Foo_Bar", "foo-bar"),
      ("requests", "requests"),
      ("_not_legal", "-not-legal"),
      ("ÄB_c", "äb-c"),
    ])
    func normalize(_ name: String, _ expected: String) {
      #expect(ProjectName.normalize(name) == expected)
      #expect(ProjectName.normalize(Substring(name)) == expected)
    }

    @Test func normalizationCollapsesSeparatorsButNeverDeletesThem() {
      #expect(ProjectName.normalize("zope.interface") != ProjectName.normalize("zopeinterface"))
    }

    @Test(arguments: ["a", "A9", "zope.interface", "Foo_Bar-baz.qux", "0", "a-b"])
    func validNames(_ name: String) {
      #expect(ProjectName.isValid(name))
    }

    @Test(arguments: ["", "-a", "a-", "_a", "a.", "a b", "fooé", "a!", "foo_"])
    func invalidNames(_ name: String) {
      #expect(!ProjectName.isValid(name))
    }
  }
}
