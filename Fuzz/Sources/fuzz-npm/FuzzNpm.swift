import DeptagKit
import FuzzSupport

/// libFuzzer entry point: the fuzz input read as package.json (through the JSON.parse-exact JSONReader), down to the digest.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  Harness.digest(Harness.bytes(data, size), as: .npm, checkIdempotence: Harness.idempotenceRequested)
}

/// The executable's entry point: libFuzzer's driver, calling `fuzzOne` per input.
@main enum FuzzNpm {
  static func main() { FuzzDriver.run(fuzzOne) }
}
