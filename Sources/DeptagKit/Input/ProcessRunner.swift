#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Musl)
  @preconcurrency import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs a program without a shell (posix_spawnp, arguments passed as they are) and captures its
/// standard output, at most `InputLimits.maximumBytes`. The only program deptag ever runs is git
/// (PRODUCT.md principle 5).
enum ProcessRunner {
  struct Result {
    var status: Int32
    var output: [UInt8]
    var errorOutput: [UInt8]
  }

  static func run(_ program: String, _ arguments: [String]) throws(DeptagError) -> Result {
    var outPipe: [Int32] = [0, 0]
    var errPipe: [Int32] = [0, 0]
    guard pipe(&outPipe) == 0, pipe(&errPipe) == 0 else { throw DeptagError("cannot create a pipe: \(POSIX.lastErrorText())") }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
    posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
    for fd in outPipe + errPipe { posix_spawn_file_actions_addclose(&actions, fd) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    let argv = ([program] + arguments).map { strdup($0) } + [nil]
    defer { for p in argv { free(p) } }
    var pid = pid_t()
    let spawned = posix_spawnp(&pid, program, &actions, nil, argv, environ)
    close(outPipe[1])
    close(errPipe[1])
    defer {
      close(outPipe[0])
      close(errPipe[0])
    }
    guard spawned == 0 else { throw DeptagError("cannot run \(program): \(String(cString: strerror(spawned)))") }
    // Read stderr after stdout; git writes little to stderr, so the pipe does not fill up.
    let output = drain(outPipe[0], limit: InputLimits.maximumBytes + 1)
    let errorOutput = drain(errPipe[0], limit: 1 << 16)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let exited = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    if output.count > InputLimits.maximumBytes {
      throw DeptagError("\(program) printed more than \(InputLimits.maximumBytes >> 20) MiB")
    }
    return Result(status: exited, output: output, errorOutput: errorOutput)
  }

  private static func drain(_ fd: Int32, limit: Int) -> [UInt8] {
    var result: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while result.count <= limit {
      let n = buffer.withUnsafeMutableBytes { POSIX.read(fd, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { break }
      result.append(contentsOf: buffer[0..<n])
    }
    return result
  }
}
