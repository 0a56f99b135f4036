import ArgumentParser
import DeptagKit

extension Deptag {
  /// `deptag digest [PATH…]`: the short digest of all given manifests together.
  struct Digest: ParsableCommand {
    static let configuration = CommandConfiguration(
      // Named explicitly: the derived name costs a runtime protocol-conformance scan at launch.
      commandName: "digest",
      abstract: "Print the digest of the given manifests.",
      discussion: """
        With no PATH, reads the manifests in the current directory. A directory contributes the \
        files named exactly requirements.txt, go.mod, go.sum, go.work, package.json, \
        package-lock.json and pom.xml directly inside it. '-' reads standard input and needs --type.

        --each [DIR] walks the tree under DIR (default .) and prints one line per directory \
        that holds manifests: path, digest and kinds (comma-separated), separated by tabs, \
        sorted by path bytes; paths are relative to DIR ('.' for DIR itself). Each digest is \
        what 'deptag digest' prints for that directory. Symbolic links to directories are not \
        followed; .git, node_modules, vendor, .build, target and .venv are skipped, and so is \
        what git ignores when DIR is in a git work tree. A directory whose manifests fail is \
        reported on stderr in compiler format and left out; the others are still printed, and \
        the exit status is 1. --with, --salt and --length apply to every directory; --type, \
        --write, --check and --var do not combine with --each.
        """
    )

    @OptionGroup var input: InputOptions

    @Option(help: "Number of hex characters to print (4–64).")
    var length: Int = DigestFraming.defaultLength

    @OptionGroup var extra: ExtraInputOptions

    @Option(help: ArgumentHelp("Write the digest to this file (atomically, only when it changed).", valueName: "file"))
    var write: String?

    @Option(help: ArgumentHelp("Exit 1 when this file does not hold the current digest (read-only).", valueName: "file"))
    var check: String?

    @Option(help: ArgumentHelp("With --write/--check: the NAME=value line of a dotenv or Makefile-include file.", valueName: "name"))
    var `var`: String?

    @Flag(help: "Digest every directory under DIR (one PATH, default .) that holds manifests, one line each.")
    var each = false

    @Flag(help: "With --each: print one JSON object instead of lines.")
    var json = false

    @Argument(help: "Manifest files or directories ('-' for standard input); with --each, the one directory to walk.")
    var paths: [String] = []

    func validate() throws {
      if json && !each { throw ValidationError("--json goes with --each") }
      if each {
        if paths.count > 1 { throw ValidationError("--each takes one directory, not \(paths.count) paths") }
        if paths == ["-"] { throw ValidationError("--each walks a directory, not standard input") }
        if input.type != nil { throw ValidationError("--type does not combine with --each: each directory's manifests are detected by name") }
        if write != nil || check != nil {
          throw ValidationError("--write and --check do not combine with --each: a tag file holds one digest")
        }
      }
      try input.validate(paths: paths)
      guard DigestFraming.lengthRange.contains(length) else {
        throw ValidationError("--length must be between 4 and 64")
      }
      if write != nil && check != nil { throw ValidationError("--write and --check exclude each other") }
      if `var` != nil && write == nil && check == nil { throw ValidationError("--var goes with --write or --check") }
    }

    func run() throws {
      if each { return try runEach() }
      try Self.perform(
        DigestRequest(
          paths: paths, type: input.type, length: length, withFiles: extra.withFiles, salts: extra.salt),
        write: write, check: check, variable: `var`)
    }

    /// The paths of `deptag digest PATH…` when no argument is an option ("-" included), else nil.
    ///
    /// Those arguments parse to the defaults of every option, so `Deptag.main()` can run them
    /// without ArgumentParser's reflection-based set-up, which is most of deptag's start-up.
    /// `deptag digest -- PATH…` takes ArgumentParser's path for the same request; the CLI tests
    /// hold the two to identical output.
    static func plainPaths(_ arguments: [String]) -> [String]? {
      guard arguments.first == configuration.commandName else { return nil }
      let operands = arguments.dropFirst()
      guard !operands.contains(where: { $0.hasPrefix("-") }) else { return nil }
      return Array(operands)
    }

    /// Prints the digest of `request`, then writes or checks a tag file; returns what was read.
    @discardableResult
    static func perform(
      _ request: DigestRequest, write: String?, check: String?, variable: String?
    ) throws -> DigestResult {
      let result = try Terminal.reporting { () throws(DeptagError) in
        try ManifestLoader().digest(request)
      }
      Terminal.report(result.loaded.warnings)
      Terminal.writeStandardOutput(result.digest + "\n")
      if let write {
        try Terminal.reporting { () throws(DeptagError) in
          // Only a missing file counts as empty: one that cannot be read (a directory, no
          // permission, a FIFO) is an error, so its other lines are never replaced unseen.
          let reader = FileSystemReader()
          let existing = reader.entryType(at: write) == .missing ? nil : try reader.read(path: write)
          let old = existing.map { String(decoding: $0.bytes, as: UTF8.self) }
          let updated = TagFile.updating(old, digest: result.digest, variable: variable)
          if updated != old { try AtomicFile.write(Array(updated.utf8), to: write) }
        }
      }
      if let check {
        let existing = try? FileSystemReader().read(path: check)
        let held = existing.flatMap { TagFile.value(in: String(decoding: $0.bytes, as: UTF8.self), variable: variable) }
        if held != result.digest {
          let what = variable.map { "\($0) in \(check)" } ?? check
          Terminal.report([Diagnostic(.error, "\(what) is stale: it holds \(held ?? "no digest"), the digest is \(result.digest); run deptag digest --write \(check)\(variable.map { " --var \($0)" } ?? "")")])
          throw ExitCode.failure
        }
      }
      return result
    }

    /// `--each`: one line (or one JSON member) per directory holding manifests; every failing
    /// directory on stderr; exit 1 when any failed.
    private func runEach() throws {
      let request = EachDigestRequest(root: paths.first ?? ".", length: length, withFiles: extra.withFiles, salts: extra.salt)
      let result = try Terminal.reporting { () throws(DeptagError) in
        try ManifestLoader().digestEach(request)
      }
      Terminal.report(result.diagnostics)
      if json {
        Terminal.writeStandardOutput(result.json.serialized(pretty: true) + "\n")
      } else {
        Terminal.writeStandardOutput(result.digests.map { $0.line + "\n" }.joined())
      }
      if !result.failures.isEmpty { throw ExitCode.failure }
    }
  }
}
