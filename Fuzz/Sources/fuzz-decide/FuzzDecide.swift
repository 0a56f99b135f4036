import DeptagKit
import FuzzSupport

/// libFuzzer entry point for the decider: two manifests of one kind → diff → judges → decision.
///
/// Input layout: byte 0 picks the kind (`ManifestKind.selectable[byte % count]`) and, in its top
/// bits, the old side's chain; the rest is the old file, a NUL byte, the new file. A side whose
/// bytes deptag rejects counts as absent (so "manifest appeared/removed" is judged too).
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let bytes = Harness.bytes(data, size)
  guard let selector = bytes.first else { return 0 }
  let kinds = ManifestKind.selectable
  let kind = kinds[Int(selector) % kinds.count]
  let rest = bytes.dropFirst()
  let split = rest.firstIndex(of: 0) ?? rest.endIndex
  let oldBytes = Array(rest[..<split])
  let newBytes = split < rest.endIndex ? Array(rest[(split + 1)...]) : []
  func side(_ bytes: [UInt8], chain: Int?) -> DecisionSide {
    var manifests: [String: Manifest] = [:]
    for manifest in Harness.load(bytes, as: kind)?.manifests ?? [] {
      manifests[manifest.path] = manifest
    }
    return DecisionSide(manifests: manifests, chain: chain)
  }
  let chain = selector >= 0x80 ? nil : Int(selector >> 4)
  let decision = Decider.decide(old: side(oldBytes, chain: chain), new: side(newBytes, chain: nil))
  // Every reason and change renders (the text `deptag decide` prints).
  _ = decision.reasons.map { "\($0)" }
  _ = decision.diffs.flatMap { $0.changes.map(\.summary) }
  return 0
}

/// The executable's entry point: libFuzzer's driver, calling `fuzzOne` per input.
@main enum FuzzDecide {
  static func main() { FuzzDriver.run(fuzzOne) }
}
