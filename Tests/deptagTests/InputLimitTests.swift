import Foundation
import Testing

/// Only regular files and `-` are read, never more than 64 MiB (PRODUCT.md).
@Suite struct InputLimitTests {
  @Test func aFIFOIsRefusedBeforeReading() throws {
    let dir = try CLIRunner.directory([:])
    let fifo = dir.appendingPathComponent("requirements.txt").path
    #expect(mkfifo(fifo, 0o600) == 0)
    // Nobody writes to the FIFO: reading it would hang; deptag must refuse at once.
    let out = try CLIRunner.run(["digest", "requirements.txt"], in: dir)
    #expect(out.status == 1)
    #expect(out.stderr.contains("not a regular file"))
  }

  @Test func devicesAreRefused() throws {
    let out = try CLIRunner.run(["digest", "--type", "pip", "/dev/zero"])
    #expect(out.status == 1)
    #expect(out.stderr.contains("not a regular file"))
  }

  @Test func filesOverTheCapAreRefused() throws {
    let dir = try CLIRunner.directory(["requirements.txt": ""])
    let handle = try FileHandle(forWritingTo: dir.appendingPathComponent("requirements.txt"))
    try handle.truncate(atOffset: UInt64(64 << 20) + 1)  // sparse: costs no disk
    try handle.close()
    let out = try CLIRunner.run(["digest"], in: dir)
    #expect(out.status == 1)
    #expect(out.stderr.contains("larger than 64 MiB"))
  }

  @Test func aDirectoryWhereAnIncludeIsExpectedIsAnError() throws {
    let dir = try CLIRunner.directory(["requirements.txt": "-r sub\n", "sub/x": ""])
    let out = try CLIRunner.run(["digest"], in: dir)
    #expect(out.status == 1)
    #expect(out.stderr.hasPrefix("requirements.txt:1:1: error: cannot read included file: sub: is a directory"))
  }
}
