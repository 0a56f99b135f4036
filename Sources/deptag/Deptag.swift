import ArgumentParser
import DeptagKit

#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Musl)
  @preconcurrency import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

#if canImport(Glibc)
  /// glibc's `int mallopt(int param, int value)` (declared in `<malloc.h>`, which the Glibc
  /// module does not export).
  @_silgen_name("mallopt")
  private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif

/// The `deptag` command: names Docker base images after what their dependencies mean.
@main
struct Deptag: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "deptag",
    abstract: "Name Docker base images after what their dependencies mean.",
    discussion: """
      Reads requirements files, go.mod/go.sum/go.work, package.json/package-lock.json and \
      pom.xml the way their own tools read them, reduces them to a canonical form and hashes \
      that to a short digest, so a base image is rebuilt exactly when what it installs changes.

      Exit status: 0 success, 1 bad input or I/O error, 64 usage error; with \
      `decide --exit-code`: 0 none, 10 incremental, 11 base.
      """,
    version: "0.3.0",
    subcommands: [Digest.self, Normalize.self, Inputs.self, Diff.self, Decide.self, Snapshot.self]
  )

  /// The entry point. `deptag digest [PATH…]` without options — what Makefiles and CI scripts
  /// run most — goes straight to the command; everything else through ArgumentParser.
  ///
  /// ArgumentParser finds a command's options by reflection and protocol-conformance look-ups,
  /// about 12 M of the 19 M instructions `deptag digest` spends on a 60-line requirements file
  /// (callgrind); `scripts/bench` measures what that does to start-up time.
  ///
  /// SIGXFSZ is ignored: past a file-size limit (`ulimit -f`) a write then fails with EFBIG,
  /// which `AtomicFile` reports after removing its temporary file, instead of the signal killing
  /// deptag mid-write and leaving the temporary file behind.
  ///
  /// glibc's malloc is told to keep freed memory for reuse (issue #8): by default a block over
  /// 128 KiB is mapped on its own and unmapped when freed, so each large buffer (file bytes,
  /// element records, the canonical text) faulted in fresh pages, about 1 µs each; a 1 MB pom.xml
  /// took 3,180 page faults, 2,370 with this.
  static func main() {
    signal(SIGXFSZ, SIG_IGN)
    #if canImport(Glibc)
      _ = glibcMallopt(-3, 32 << 20)  // M_MMAP_THRESHOLD, at glibc's largest allowed value
      _ = glibcMallopt(-1, 128 << 20)  // M_TRIM_THRESHOLD
    #endif
    let arguments = Array(CommandLine.arguments.dropFirst())
    guard let paths = Digest.plainPaths(arguments) else { return main(arguments) }
    do {
      let result = try Digest.perform(DigestRequest(paths: paths), write: nil, check: nil, variable: nil)
      // The process ends here: exit without freeing what the digest read, string by string
      // (about 6 M instructions of a 20,000-line requirements file; issue #8).
      withExtendedLifetime(result) { Terminal.exitSuccess() }
    } catch {
      exit(withError: error)
    }
  }
}
