// getenv for Harness.idempotenceRequested; the harnesses stay off Foundation like the library.
#if canImport(Glibc)
  @_exported import Glibc
#elseif canImport(Darwin)
  @_exported import Darwin
#endif
