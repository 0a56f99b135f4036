import ArgumentParser
import DeptagKit

extension Deptag {
  /// `deptag snapshot [PATH…]`: the record to store in a base image for the next decision.
  struct Snapshot: ParsableCommand {
    static let configuration = CommandConfiguration(
      // Named explicitly: the derived name costs a runtime protocol-conformance scan at launch.
      commandName: "snapshot",
      abstract: "Print (or write) a JSON snapshot of the manifests, for the next 'deptag decide'.",
      discussion: """
        Store it in the base image at a fixed path; next time run 'deptag decide SNAPSHOT .'. \
        The chain counts incremental builds: 0 for a fresh base, one more for each incremental \
        build after --previous, unchanged when nothing changed.
        """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var extra: ExtraInputOptions

    @Option(help: ArgumentHelp("The snapshot of the base this one is built on.", valueName: "snapshot"))
    var previous: String?

    @Option(help: ArgumentHelp("Write the snapshot to this file (atomically) instead of stdout.", valueName: "file"))
    var output: String?

    @Option(help: "How many incremental builds may stack before a full rebuild.")
    var maxChain: Int = Decider.defaultMaxChain

    @Argument(help: "Manifest files or directories (default: the current directory).")
    var paths: [String] = []

    func validate() throws {
      try input.validate(paths: paths)
      guard maxChain >= 0 else { throw ValidationError("--max-chain must be 0 or more") }
    }

    func run() throws {
      let text = try Terminal.reporting { () throws(DeptagError) in
        let snapshot = try ManifestLoader().snapshot(
          paths: paths, type: input.type, extras: extra.extras, previous: previous, maxChain: maxChain)
        let text = snapshot.json.serialized(pretty: true) + "\n"
        if let output { try AtomicFile.write(Array(text.utf8), to: output) }
        return text
      }
      if output == nil { Terminal.writeStandardOutput(text) }
    }
  }
}
