import ArgumentParser
import DeptagKit

extension Deptag {
  /// `deptag decide OLD NEW`: none, incremental or base, and why.
  struct Decide: ParsableCommand {
    static let configuration = CommandConfiguration(
      // Named explicitly: the derived name costs a runtime protocol-conformance scan at launch.
      commandName: "decide",
      abstract: "Decide whether the base image needs no rebuild, an incremental one, or a full one.",
      discussion: """
        Prints none, incremental or base on the first line of stdout and the reasons on stderr, \
        one per line. OLD and NEW are manifest files of one kind or directories. A missing or \
        unreadable OLD means base. With --exit-code the exit status carries the answer: \
        0 none, 10 incremental, 11 base.
        """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var extra: ExtraInputOptions

    @Flag(help: "Print one JSON object with the action, both digests and every change.")
    var json = false

    @Flag(help: "Exit 0 for none, 10 for incremental, 11 for base.")
    var exitCode = false

    @Option(help: "With a snapshot as OLD: how many incremental builds may stack before a full rebuild.")
    var maxChain: Int = Decider.defaultMaxChain

    @Option(help: ArgumentHelp("Compare with the manifests as they were at this git revision.", valueName: "rev"))
    var since: String?

    @Argument(help: "OLD NEW: the previous state (a manifest, a directory or a snapshot) and the current one; with --since, the paths to compare (default: .).")
    var paths: [String] = []

    func validate() throws {
      if since == nil && paths.count != 2 {
        throw ValidationError("decide takes OLD and NEW (or --since REV [PATH…])")
      }
      try input.validate(paths: paths)
      guard maxChain >= 0 else { throw ValidationError("--max-chain must be 0 or more") }
    }

    func run() throws {
      let loader = ManifestLoader()
      var oldSide = DecisionSide(manifests: [:])
      var keyedLikeSnapshot = since != nil
      var unreadable: DeptagError?
      if let since {
        oldSide = try Terminal.reporting { () throws(DeptagError) in
          try ManifestLoader.sideAtRevision(since, paths: paths, type: input.type)
        }
      } else {
        do {
          (oldSide, keyedLikeSnapshot) = try loader.previousSide(path: paths[0], type: input.type)
        } catch {
          unreadable = error
        }
      }
      let current = since != nil ? paths : [paths[1]]
      let newSide = try Terminal.reporting { () throws(DeptagError) in
        keyedLikeSnapshot
          ? try loader.currentSide(paths: current, type: input.type, extras: extra.extras, keyedAsGiven: current.count > 1)
          : try loader.decisionSide(path: current[0], type: input.type, extras: extra.extras, anonymousRoot: true)
      }
      if since != nil { oldSide.extrasDigest = nil }
      var decision = Decider.decide(old: oldSide, new: newSide, maxChain: maxChain)
      if let unreadable {
        decision.action = .base
        decision.chain = 0
        let place = unreadable.location.map { "\($0): " } ?? ""
        decision.reasons = [DecisionReason(.base, "previous state unreadable: \(place)\(unreadable.message)")]
      }
      let newDigest = DigestFraming.digest(DigestInput(manifests: Array(newSide.manifests.values)))
      let oldDigest = unreadable == nil ? oldSide.manifestDigest : nil
      if json {
        Terminal.writeStandardOutput(DecisionJSON.decision(decision, oldDigest: oldDigest, newDigest: newDigest).serialized(pretty: true) + "\n")
      } else {
        Terminal.writeStandardOutput(decision.action.rawValue + "\n")
        Terminal.writeStandardError(decision.reasons.map { "\($0)\n" }.joined())
      }
      if exitCode {
        switch decision.action {
        case .none: break
        case .incremental: throw ExitCode(10)
        case .base: throw ExitCode(11)
        }
      }
    }
  }
}
