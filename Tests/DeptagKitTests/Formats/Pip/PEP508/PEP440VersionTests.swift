import Testing

@testable import DeptagKit

extension PEP508Tests {
  /// PEP 440 version parsing and canonical spelling, checked against packaging 26.3.
  struct PEP440VersionTests {
    /// (input, `str(Version(input))`, `canonicalize_version(input)`), generated with packaging 26.3.
    static let table: [(String, String, String)] = [
      ("1.0", "1.0", "1"),
      ("1.0-post1", "1.0.post1", "1.post1"),
      ("v01.02", "1.2", "1.2"),
      ("1.0a", "1.0a0", "1a0"),
      ("1.0c1", "1.0rc1", "1rc1"),
      ("0!1.0", "1.0", "1"),
      ("1.0+GC-01", "1.0+gc.1", "1+gc.1"),
      ("1.0-1", "1.0.post1", "1.post1"),
      ("2.0.0-beta.1", "2.0.0b1", "2b1"),
      ("1.0.dev", "1.0.dev0", "1.dev0"),
      ("1.0.0", "1.0.0", "1"),
      ("0.0", "0.0", "0"),
      ("1.0.0+x", "1.0.0+x", "1+x"),
      ("1.0.0a1", "1.0.0a1", "1a1"),
      (" 1.0 ", "1.0", "1"),
      ("V1.0", "1.0", "1"),
      ("1.0ALPHA", "1.0a0", "1a0"),
      ("1.0preview2", "1.0rc2", "1rc2"),
      ("1.0pre", "1.0rc0", "1rc0"),
      ("1.0rc", "1.0rc0", "1rc0"),
      ("1.0.r", "1.0.post0", "1.post0"),
      ("1.0rev3", "1.0.post3", "1.post3"),
      ("1.0post", "1.0.post0", "1.post0"),
      ("1.0.post.dev", "1.0.post0.dev0", "1.post0.dev0"),
      ("1.0-dev", "1.0.dev0", "1.dev0"),
      ("1.0a.", "1.0a0", "1a0"),
      ("1.0a-1", "1.0a1", "1a1"),
      ("1.0a-1-2", "1.0a1.post2", "1a1.post2"),
      ("1!2", "1!2", "1!2"),
      ("01!02.03", "1!2.3", "1!2.3"),
      ("1.0a1.post2.dev3+local.7", "1.0a1.post2.dev3+local.7", "1a1.post2.dev3+local.7"),
      ("1.0_a_1", "1.0a1", "1a1"),
      ("1.0-a-1", "1.0a1", "1a1"),
      ("1.0.a.1", "1.0a1", "1a1"),
      ("1.0a1-1", "1.0a1.post1", "1a1.post1"),
      ("1.0r-1", "1.0.post1", "1.post1"),
      ("1.0dev-1", "1.0.dev1", "1.dev1"),
      ("1.0+a_b-c.d", "1.0+a.b.c.d", "1+a.b.c.d"),
      ("1.0+ABC", "1.0+abc", "1+abc"),
      ("1.0+01.002", "1.0+1.2", "1+1.2"),
      ("1.0+0abc", "1.0+0abc", "1+0abc"),
      ("1.0\t", "1.0", "1"),
      ("\n1.0", "1.0", "1"),
      ("00000000000000000000000000000000000001.0", "1.0", "1"),
      ("99999999999999999999999999.1", "99999999999999999999999999.1", "99999999999999999999999999.1"),
      ("1.0.0.0.0", "1.0.0.0.0", "1"),
      ("1.0.1.0", "1.0.1.0", "1.0.1"),
      ("0", "0", "0"),
      ("0.0.0.1", "0.0.0.1", "0.0.0.1"),
      ("1.0rc1.post1", "1.0rc1.post1", "1rc1.post1"),
      ("1.0c", "1.0rc0", "1rc0"),
      ("1.0-r", "1.0.post0", "1.post0"),
      ("1.0r", "1.0.post0", "1.post0"),
      ("1.0.post-1", "1.0.post1", "1.post1"),
      ("1.0-post-1", "1.0.post1", "1.post1"),
      ("1.0.post_1", "1.0.post1", "1.post1"),
      ("1.0a.post1", "1.0a0.post1", "1a0.post1"),
      ("1.0b2-3", "1.0b2.post3", "1b2.post3"),
      ("1.2.3.4.5.6.7.8.9.10", "1.2.3.4.5.6.7.8.9.10", "1.2.3.4.5.6.7.8.9.10"),
      ("1.0.DEV", "1.0.dev0", "1.dev0"),
      ("1.0POST", "1.0.post0", "1.post0"),
      ("1.0+UBUNTU-1", "1.0+ubuntu.1", "1+ubuntu.1"),
      ("1!1.0+x", "1!1.0+x", "1!1+x"),
      ("0!0", "0", "0"),
      ("1.0.0-0", "1.0.0.post0", "1.post0"),
      ("1.0-0", "1.0.post0", "1.post0"),
      ("2.1.0+cpu", "2.1.0+cpu", "2.1+cpu"),
      ("2.1.0+CU121", "2.1.0+cu121", "2.1+cu121"),
      ("1.0.0rc0", "1.0.0rc0", "1rc0"),
      ("1.0.0.post0", "1.0.0.post0", "1.post0"),
      ("1.0.0.dev0", "1.0.0.dev0", "1.dev0"),
      ("1.0beta", "1.0b0", "1b0"),
      ("1.0BETA3", "1.0b3", "1b3"),
      ("1.0b", "1.0b0", "1b0"),
      ("1.0Alpha.1", "1.0a1", "1a1"),
      ("1.0-preview-1", "1.0rc1", "1rc1"),
      ("1.0.pre.2", "1.0rc2", "1rc2"),
      ("1.0_rc_3", "1.0rc3", "1rc3"),
      ("1.0.c.4", "1.0rc4", "1rc4"),
      ("2024.01.05", "2024.1.5", "2024.1.5"),
      ("2024.1.5.0", "2024.1.5.0", "2024.1.5"),
      ("0.0.0", "0.0.0", "0"),
      ("0.1", "0.1", "0.1"),
      ("0.10.0", "0.10.0", "0.10"),
      ("10.0.00", "10.0.0", "10"),
      ("1.0.0+0", "1.0.0+0", "1+0"),
      ("1.0.0+local.0", "1.0.0+local.0", "1+local.0"),
      ("v1.0.0-rc.1", "1.0.0rc1", "1rc1"),
      ("1.0.0-RC1", "1.0.0rc1", "1rc1"),
      ("1.0a0.post0.dev0", "1.0a0.post0.dev0", "1a0.post0.dev0"),
      ("3.12.0b4", "3.12.0b4", "3.12b4"),
      ("1.0-post", "1.0.post0", "1.post0"),
      ("1.0.post2.dev", "1.0.post2.dev0", "1.post2.dev0"),
      ("1.0_dev_5", "1.0.dev5", "1.dev5"),
      ("5!1.0.0", "5!1.0.0", "5!1"),
      ("1.0+1-2_3.4", "1.0+1.2.3.4", "1+1.2.3.4"),
      ("1.0.0-alpha.0", "1.0.0a0", "1a0"),
      ("1.1.0-beta-2", "1.1.0b2", "1.1b2"),
      ("0.9.9.dev20240101", "0.9.9.dev20240101", "0.9.9.dev20240101"),
      ("1.0rc1-1.dev2", "1.0rc1.post1.dev2", "1rc1.post1.dev2"),
    ]

    @Test(arguments: table)
    func canonicalSpelling(_ input: String, _ canonical: String, _ stripped: String) throws {
      let version = try #require(PEP440Version.parse(input))
      #expect(version.canonical == canonical)
      #expect(version.canonical(strippingTrailingZeros: false) == canonical)
      #expect(version.canonical(strippingTrailingZeros: true) == stripped)
    }

    /// Rejected by `Version(...)` in packaging 26.3.
    @Test(arguments: [
      "1.0.dev1.post1", "", "1.0+", "1.0-", "1..0", ".1", "1.", "1.0.*", "1!", "x1.0", "vv1", "1.0+abc.", "1.0abc",
      "1.0 a1", "1.0rcx", "1.0--1", "1.0__a", "1.0alpha1beta", "1.0+a..b", "v", "1.0.post1.post2", "1.0a1a2", "+1",
      "1.0+_a", "1,0", "1.0é", "${VERSION}",
    ])
    func invalidVersions(_ input: String) {
      #expect(PEP440Version.parse(input) == nil)
    }

    @Test func equalityIgnoresZeroPaddingAndLocalSpelling() {
      #expect(PEP440Version.parse("1.0") == PEP440Version.parse("1.0.0"))
      #expect(PEP440Version.parse("1.0")?.hashValue == PEP440Version.parse("1.0.0")?.hashValue)
      #expect(PEP440Version.parse("1.0+ABC-01") == PEP440Version.parse("1.0+abc.1"))
      #expect(PEP440Version.parse("1.0") != PEP440Version.parse("1.0.post0"))
      #expect(PEP440Version.parse("1.0") != PEP440Version.parse("1.0+cpu"))
    }

    @Test func hugeNumbersKeepEveryDigit() {
      let text = "123456789012345678901234567890.0"
      #expect(PEP440Version.parse(text)?.canonical(strippingTrailingZeros: true) == "123456789012345678901234567890")
    }
  }
}
