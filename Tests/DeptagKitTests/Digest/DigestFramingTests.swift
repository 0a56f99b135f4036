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
      "deptag-canonical-v3\n" + "pip\n5\na==1\n" + "pip-constraints\n4\nb<2\n" + "with\n1\na" + "with\n2\nzz"
      + "salt\n5\narm64" + "salt\n6\npy3.12"
    #expect(String(decoding: DigestFraming.framedBytes(input), as: UTF8.self) == expected)
  }

  /// Checked independently with `printf 'deptag-canonical-v3\npip\n5\na==1\n' | sha256sum`.
  @Test func goldenDigestOfOneManifest() {
    let input = DigestInput(manifests: [Self.manifest(.pip, "a==1\n")])
    #expect(DigestFraming.fullDigest(input) == "7a6cb2fe2d3b01133afb55bbaa4e2aec2b377cc92a8c7b759ddc85b71d706e5b")
    #expect(DigestFraming.digest(input) == String("7a6cb2fe2d3b01133afb55bbaa4e2aec2b377cc92a8c7b759ddc85b71d706e5b".prefix(12)))
    #expect(DigestFraming.digest(input, length: 4).count == 4)
    #expect(DigestFraming.digest(input, length: 64) == "7a6cb2fe2d3b01133afb55bbaa4e2aec2b377cc92a8c7b759ddc85b71d706e5b")
  }

  /// The digest is hashed piece by piece; it is the SHA-256 of exactly `framedBytes`.
  @Test func incrementalDigestIsTheDigestOfTheFramedBytes() {
    let input = DigestInput(
      manifests: [Self.manifest(.gosum, "b v1 h1:x=\n"), Self.manifest(.pip, "a==1\n"), Self.manifest(.pip, "")],
      withFiles: [Array("zz".utf8), []], salts: ["é", "", "arm64"])
    #expect(DigestFraming.framedBytes(input) == Array((
      "deptag-canonical-v3\n" + "gosum\n11\nb v1 h1:x=\n" + "pip\n0\n" + "pip\n5\na==1\n" + "with\n0\n" + "with\n2\nzz"
      + "salt\n5\narm64" + "salt\n2\né").utf8))
    // Checked independently: printf of the bytes above piped to sha256sum.
    #expect(DigestFraming.fullDigest(input) == "158fb27493a5fe0a8b2afb4e09c20aaae095bc3bc2a4d3c02cb7cf0a662e7c0a")
  }

  @Test func emptyInputIsJustTheVersionLine() {
    #expect(DigestFraming.framedBytes(DigestInput(manifests: [])) == Array("deptag-canonical-v3\n".utf8))
    #expect(DigestFraming.fullDigest(DigestInput(manifests: [])) == "b417836eec14d3d57c6cb4240e01ec1ab2207ef26a89921770d6d7ecd73cb012")
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
