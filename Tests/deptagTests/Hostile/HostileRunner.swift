import Foundation
import Testing

/// Runs the built `deptag` under bounds, for hostile-input tests: a wall-clock watchdog
/// (`timeout -s KILL`), an address-space limit (`prlimit --as`), the peak resident size measured
/// by `/usr/bin/time -f %M`; optionally a file-size limit (`prlimit --fsize`, so a write fails
/// with EFBIG) or without root's capabilities (`setpriv`, so file permissions apply even when CI
/// runs as root). Each wrapper is used when the machine has it; the Swift watchdog always runs.
struct HostileRunner {
  struct Outcome {
    var status: Int32
    var stdout: String
    var stderr: String
    /// Peak resident set size in KiB, when `/usr/bin/time` measured it.
    var peakKiB: Int?
    var seconds: Double
    /// The Swift-side watchdog had to kill the run.
    var killedByWatchdog: Bool
  }

  /// What standard input is.
  enum Input {
    case none
    /// A file opened for reading (`/dev/zero` for an endless stream of NULs).
    case file(String)
    /// The output of `yes`: an endless stream of `y` lines through a pipe.
    case yes
  }

  /// Generous bounds: a hang or a blow-up, not a slow machine, must trip them.
  static let wallSeconds = 240
  static let addressSpaceBytes = 4 << 30
  /// Peak memory any hostile run may reach: the 64 MiB input cap plus parsing it, far below
  /// what an expansion or an unbounded read would need.
  static let peakKiBLimit = 1 << 20

  static func tool(_ name: String) -> String? {
    for dir in ["/usr/bin", "/bin", "/usr/sbin", "/sbin"] where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
      return "\(dir)/\(name)"
    }
    return nil
  }

  /// Whether `unprivileged: true` makes permissions apply: always for a normal user; for root
  /// only when `setpriv` can drop the capabilities that bypass them (probed once).
  static let canRunUnprivileged: Bool = {
    guard geteuid() == 0 else { return true }
    guard let setpriv = tool("setpriv"), let cat = tool("cat") else { return false }
    let probe = FileManager.default.temporaryDirectory.appendingPathComponent("deptag-probe-\(UUID().uuidString)")
    guard FileManager.default.createFile(atPath: probe.path, contents: Data("x".utf8)), chmod(probe.path, 0) == 0 else { return false }
    defer { try? FileManager.default.removeItem(at: probe) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: setpriv)
    process.arguments = dropCapabilities + [cat, probe.path]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus != 0  // cat was refused: permissions apply
  }()

  static let dropCapabilities = ["--inh-caps=-all", "--bounding-set=-all", "--"]

  /// Runs `deptag ARGS` in `directory`.
  static func run(
    _ arguments: [String], in directory: URL, input: Input = .none, environment: [String: String] = [:],
    fileSizeLimit: Int? = nil, unprivileged: Bool = false
  ) throws -> Outcome {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("deptag-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let rss = scratch.appendingPathComponent("rss").path
    var command: [String] = []
    if let time = tool("time") { command += [time, "-f", "%M", "-o", rss] }
    if let timeout = tool("timeout") { command += [timeout, "-s", "KILL", String(wallSeconds)] }
    if let prlimit = tool("prlimit") {
      command += [prlimit, "--as=\(addressSpaceBytes)"]
      if let fileSizeLimit { command.append("--fsize=\(fileSizeLimit)") }
      command.append("--")
    }
    if unprivileged && geteuid() == 0, canRunUnprivileged, let setpriv = tool("setpriv") {
      command += [setpriv] + dropCapabilities
    }
    command += [CLIRunner.executable.path] + arguments

    let process = Process()
    process.executableURL = URL(fileURLWithPath: command[0])
    process.arguments = Array(command.dropFirst())
    process.currentDirectoryURL = directory
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    for (k, v) in environment { env[k] = v }
    process.environment = env
    // Pipes, not files: a file-size limit must not cut what deptag prints.
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let collected = Collected()
    let outReader = out.fileHandleForReading, errReader = err.fileHandleForReading
    Thread { collected.set(stdout: outReader.readDataToEndOfFile()) }.start()
    Thread { collected.set(stderr: errReader.readDataToEndOfFile()) }.start()
    var yes: Process?
    switch input {
    case .none:
      process.standardInput = FileHandle.nullDevice
    case .file(let path):
      process.standardInput = FileHandle(forReadingAtPath: path)
    case .yes:
      let path = tool("yes") ?? "/usr/bin/yes"
      let pipe = Pipe()
      let producer = Process()
      producer.executableURL = URL(fileURLWithPath: path)
      producer.standardOutput = pipe
      try producer.run()
      process.standardInput = pipe
      yes = producer
    }
    let start = Date()
    try process.run()
    var killed = false
    while process.isRunning {
      if Date().timeIntervalSince(start) > Double(wallSeconds + 60) {
        kill(process.processIdentifier, SIGKILL)
        killed = true
      }
      usleep(5_000)
    }
    process.waitUntilExit()
    let seconds = Date().timeIntervalSince(start)
    if let yes {
      yes.terminate()
      yes.waitUntilExit()
    }
    try? out.fileHandleForWriting.close()
    try? err.fileHandleForWriting.close()
    let (stdout, stderr) = collected.wait()
    let peak = (try? String(contentsOfFile: rss, encoding: .utf8))?
      .split(separator: "\n").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    return Outcome(
      status: process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus,
      stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self),
      peakKiB: peak, seconds: seconds, killedByWatchdog: killed)
  }
}

/// What the two pipe-reading threads collected.
private final class Collected: @unchecked Sendable {
  private let condition = NSCondition()
  private var stdout: Data?
  private var stderr: Data?

  func set(stdout data: Data) {
    condition.lock()
    stdout = data
    condition.broadcast()
    condition.unlock()
  }

  func set(stderr data: Data) {
    condition.lock()
    stderr = data
    condition.broadcast()
    condition.unlock()
  }

  func wait() -> (Data, Data) {
    condition.lock()
    defer { condition.unlock() }
    while stdout == nil || stderr == nil { condition.wait() }
    return (stdout!, stderr!)
  }
}

extension HostileRunner {
  /// What some tests need beyond running the binary.
  enum Feature {
    /// File permissions that apply to deptag (not root, or root whose capabilities setpriv drops).
    case permissions
    /// `prlimit --fsize`, to make a write fail.
    case fileSizeLimit
    /// `yes`, for an endless pipe.
    case yes
  }

  /// Whether `feature` is available; prints `skipped: …` (the suite's convention) when not.
  static func has(_ feature: Feature, for test: String) -> Bool {
    let missing: String? =
      switch feature {
      case .permissions: canRunUnprivileged ? nil : "running as root and setpriv cannot drop the capabilities that bypass permissions"
      case .fileSizeLimit: tool("prlimit") == nil ? "prlimit is not available" : nil
      case .yes: tool("yes") == nil ? "yes is not available" : nil
      }
    if let missing { print("skipped: \(test): \(missing)") }
    return missing == nil
  }
}

extension HostileRunner.Outcome {
  /// Ended on its own, within the bounds: no signal, no watchdog, memory under the limit.
  func expectBounded(_ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(!killedByWatchdog, "\(what): hung (killed after \(Int(seconds)) s)", sourceLocation: sourceLocation)
    #expect(status == 0 || status == 1, "\(what): exit status \(status) (a signal, the watchdog or a limit); stderr: \(stderr.prefix(400))", sourceLocation: sourceLocation)
    if let peakKiB {
      #expect(peakKiB < HostileRunner.peakKiBLimit, "\(what): peak memory \(peakKiB) KiB", sourceLocation: sourceLocation)
    }
    for marker in ["Fatal error", "Stack dump", "Illegal instruction", "Segmentation fault"] {
      #expect(!stderr.contains(marker), "\(what): \(stderr.prefix(400))", sourceLocation: sourceLocation)
    }
  }

  /// Exit 1 with exactly one error in PRODUCT.md's format (`FILE:LINE:COL: error: …`, or
  /// `deptag: error: …` with no position), first on stderr, and nothing on stdout.
  func expectError(
    _ what: String, at place: String? = nil, containing text: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    expectBounded(what, sourceLocation: sourceLocation)
    #expect(status == 1, "\(what): exit status \(status), stdout \(stdout.prefix(100))", sourceLocation: sourceLocation)
    #expect(stdout.isEmpty, "\(what): printed \(stdout.prefix(100))", sourceLocation: sourceLocation)
    let errors = stderr.split(separator: "\n").filter { $0.contains(": error: ") }
    #expect(errors.count == 1, "\(what): \(stderr.prefix(400))", sourceLocation: sourceLocation)
    guard let line = errors.first else { return }
    #expect(Self.isCompilerFormat(line), "\(what): not compiler format: \(line.prefix(300))", sourceLocation: sourceLocation)
    #expect(stderr.hasPrefix(line), "\(what): the error is not the first line: \(stderr.prefix(300))", sourceLocation: sourceLocation)
    if let place {
      #expect(line.hasPrefix(place + ": error: ") || line.hasPrefix(place + ":"), "\(what): \(line.prefix(300)) is not at \(place)", sourceLocation: sourceLocation)
    }
    if let text {
      #expect(line.contains(text), "\(what): \(line.prefix(300)) does not say '\(text)'", sourceLocation: sourceLocation)
    }
  }

  /// `FILE:LINE:COL: error: message` (line and column positive integers) or `deptag: error: message`.
  static func isCompilerFormat(_ line: Substring) -> Bool {
    guard let range = line.range(of: ": error: "), line[range.upperBound...].contains(where: { $0 != " " }) else { return false }
    let place = line[..<range.lowerBound]
    if place == "deptag" { return true }
    let parts = place.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count >= 3, !parts.dropLast(2).joined(separator: ":").isEmpty else { return false }
    return parts.suffix(2).allSatisfy { part in Int(part).map { $0 >= 1 } ?? false }
  }

  /// Exit 0 with a digest line on stdout.
  func expectDigest(_ what: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
    expectBounded(what, sourceLocation: sourceLocation)
    #expect(status == 0, "\(what): exit \(status): \(stderr.prefix(400))", sourceLocation: sourceLocation)
    #expect(stdout.utf8.count == 13 && stdout.hasSuffix("\n"), "\(what): \(stdout.prefix(100))", sourceLocation: sourceLocation)
    return stdout
  }
}
