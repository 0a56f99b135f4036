import CFuzzerDriver

#if canImport(Glibc)
  import Glibc  // exit
#elseif canImport(Darwin)
  import Darwin
#endif

/// The harnesses' `main`: hands the process arguments (`-max_total_time=…`, corpus folders) and
/// the per-input callback to libFuzzer's driver, and exits with its status.
public enum FuzzDriver {
  /// Runs libFuzzer with `callback` as `LLVMFuzzerTestOneInput`.
  public static func run(_ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    let status = LLVMFuzzerRunDriver(&argc, &argv, callback)
    exit(status)
  }
}
