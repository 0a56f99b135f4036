import DeptagKit
import FuzzSupport

/// libFuzzer entry point: the fuzz input read as go.mod, down to the digest.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  Harness.digest(Harness.bytes(data, size), as: .gomod, checkIdempotence: Harness.idempotenceRequested)
}

/// The executable's entry point: libFuzzer's driver, calling `fuzzOne` per input.
@main enum FuzzGomod {
  static func main() { FuzzDriver.run(fuzzOne) }
}
