#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Musl)
  @preconcurrency import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The order of everything deptag sorts before hashing: UTF-8 bytes compared as unsigned bytes,
/// the same on every platform and in every locale. `memcmp` over contiguous storage: the generic
/// `lexicographicallyPrecedes` over `String.UTF8View` was the single hottest function when
/// sorting 20,000 requirement lines.
public enum ByteOrder {
  public static func precedes(_ a: String, _ b: String) -> Bool {
    var a = a, b = b
    return a.withUTF8 { x in b.withUTF8 { y in compare(UnsafeRawBufferPointer(x), UnsafeRawBufferPointer(y)) < 0 } }
  }

  public static func precedes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    a.withUnsafeBytes { x in b.withUnsafeBytes { y in compare(x, y) < 0 } }
  }

  /// Negative, zero or positive as `x` sorts before, equal to or after `y`.
  static func compare(_ x: UnsafeRawBufferPointer, _ y: UnsafeRawBufferPointer) -> Int {
    let common = min(x.count, y.count)
    if common > 0 {
      let order = memcmp(x.baseAddress!, y.baseAddress!, common)
      if order != 0 { return Int(order) }
    }
    return x.count - y.count
  }
}
