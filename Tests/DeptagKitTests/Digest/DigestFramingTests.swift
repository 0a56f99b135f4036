import Testing

@testable import DeptagKit

/// The framing is frozen: these bytes and digests may only change with a format-version bump.
@Suite struct DigestFramingTests {
  static func manifest(_ kind: ManifestKind, _ text: String) -> Manifest {
    Manifest(kind: kind, path: "ignored/\(text.count)", settings: [], entries: [], canonicalText: text)
  }

  @Test func framedBytesAreExactlyThePinnedLayout() {
    let input = DigestInput(
      manifests: [Self.manifest(.pipConstraints, "b<2\n"), Self.manifest(.pip, "a==1\n")],
      withFiles: [Array("zz".utf8), Array("a".utf8)], salts: ["py3.12", "", "arm64"])
    let expected =
      "deptag-canonical-v2\n" + "pip\n5\na==1\n" + "pip-constraints\n4\nb<2\n" + "with\n1\na" + "with\n2\nzz"
      + "salt\n5\narm64" + "salt\n6\npy3.12"
    #expect(String(decoding: DigestFraming.framedBytes(input), as: UTF8.self) == expected)
  }

  /// Checked independently with `printf 'deptag-canonical-v2\npip\n5\na==1\n' | sha256sum`.
  @Test func goldenDigestOfOneManifest() {
    let input = DigestInput(manifests: [Self.manifest(.pip, "a==1\n")])
    #expect(DigestFraming.fullDigest(input) == "42bf3ecf01cde1f9264efa88ca81e1c4cc8ae8c42f6521632473cbf8232fb712")
    #expect(DigestFraming.digest(input) == String("42bf3ecf01cde1f9264efa88ca81e1c4cc8ae8c42f6521632473cbf8232fb712".prefix(12)))
    #expect(DigestFraming.digest(input, length: 4).count == 4)
    #expect(DigestFraming.digest(input, length: 64) == "42bf3ecf01cde1f9264efa88ca81e1c4cc8ae8c42f6521632473cbf8232fb712")
  }

  /// The digest is hashed piece by piece; it is the SHA-256 of exactly `framedBytes`.
  @Test func incrementalDigestIsTheDigestOfTheFramedBytes() {
    let input = DigestInput(
      manifests: [Self.manifest(.gosum, "b v1 h1:x=\n"), Self.manifest(.pip, "a==1\n"), Self.manifest(.pip, "")],
      withFiles: [Array("zz".utf8), []], salts: ["é", "", "arm64"])
    #expect(DigestFraming.framedBytes(input) == Array((
      "deptag-canonical-v2\n" + "gosum\n11\nb v1 h1:x=\n" + "pip\n0\n" + "pip\n5\na==1\n" + "with\n0\n" + "with\n2\nzz"
      + "salt\n5\narm64" + "salt\n2\né").utf8))
    // Checked independently: printf of the bytes above piped to sha256sum.
    #expect(DigestFraming.fullDigest(input) == "28f3d0bf4440556c7d4a835c4b69619fbbb9d8123e8b4af620d92e16be2209b2")
  }

  @Test func emptyInputIsJustTheVersionLine() {
    #expect(DigestFraming.framedBytes(DigestInput(manifests: [])) == Array("deptag-canonical-v2\n".utf8))
    #expect(DigestFraming.fullDigest(DigestInput(manifests: [])) == "83d4097a4bf4a2b4ae9d73a626923122b8e2c53705e0e2be8217bd2b332294c5")
  }

  @Test func pathsAreNotHashed() {
    var a = Self.manifest(.pip, "x\n")
    var b = a
    a.path = "one/requirements.txt"
    b.path = "two/requirements-dev.txt"
    #expect(DigestFraming.digest(DigestInput(manifests: [a])) == DigestFraming.digest(DigestInput(manifests: [b])))
  }

  @Test func manifestOrderDoesNotMatterButKindDoes() {
    let x = Self.manifest(.pip, "x\n"), y = Self.manifest(.pip, "y\n")
    #expect(DigestFraming.digest(DigestInput(manifests: [x, y])) == DigestFraming.digest(DigestInput(manifests: [y, x])))
    let c = Self.manifest(.pipConstraints, "x\n")
    #expect(DigestFraming.digest(DigestInput(manifests: [x])) != DigestFraming.digest(DigestInput(manifests: [c])))
  }

  @Test func lengthPrefixPreventsConcatenationCollisions() {
    let split = DigestInput(manifests: [Self.manifest(.pip, "a\n"), Self.manifest(.pip, "b\n")])
    let joined = DigestInput(manifests: [Self.manifest(.pip, "a\nb\n")])
    #expect(DigestFraming.digest(split) != DigestFraming.digest(joined))
  }

  @Test func saltsAndWithFilesChangeTheDigestAndEmptySaltsDoNot() {
    let base = DigestInput(manifests: [Self.manifest(.pip, "a\n")])
    let salted = DigestInput(manifests: [Self.manifest(.pip, "a\n")], salts: ["x"])
    let emptySalt = DigestInput(manifests: [Self.manifest(.pip, "a\n")], salts: [""])
    let with = DigestInput(manifests: [Self.manifest(.pip, "a\n")], withFiles: [Array("x".utf8)])
    #expect(DigestFraming.digest(base) != DigestFraming.digest(salted))
    #expect(DigestFraming.digest(base) == DigestFraming.digest(emptySalt))
    #expect(DigestFraming.digest(with) != DigestFraming.digest(salted))
  }
}
