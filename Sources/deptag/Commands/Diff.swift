import ArgumentParser
import DeptagKit

extension Deptag {
  /// `deptag diff OLD NEW`: the semantic difference between two manifests or directories.
  struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
      // Named explicitly: the derived name costs a runtime protocol-conformance scan at launch.
      commandName: "diff",
      abstract: "Show what changed in meaning between two manifests (or two directories).",
      discussion: "One line per change: + added, - removed, ~ changed (old → new). --json for a JSON object."
    )

    @OptionGroup var input: InputOptions

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    @Argument(help: "The old manifest file or directory.")
    var old: String

    @Argument(help: "The new manifest file or directory.")
    var new: String

    func validate() throws {
      try input.validate(paths: [old, new])
    }

    func run() throws {
      let loader = ManifestLoader()
      let decision = try Terminal.reporting { () throws(DeptagError) in
        Decider.decide(
          old: try loader.previousSide(path: old, type: input.type).side,
          new: try loader.decisionSide(path: new, type: input.type, anonymousRoot: true))
      }
      if json {
        Terminal.writeStandardOutput(DecisionJSON.diff(decision.diffs).serialized(pretty: true) + "\n")
        return
      }
      var text = ""
      for diff in decision.diffs {
        if diff.old == nil { text += Terminal.paint("+ \(diff.path) (new \(diff.kind.rawValue) manifest)", .added) + "\n" }
        if diff.new == nil { text += Terminal.paint("- \(diff.path) (\(diff.kind.rawValue) manifest gone)", .removed) + "\n" }
        for change in diff.changes {
          let style: Terminal.Style = change.kind == .added ? .added : change.kind == .removed ? .removed : .changed
          text += Terminal.paint("\(diff.path): \(change.summary)", style) + "\n"
        }
      }
      Terminal.writeStandardOutput(text)
    }
  }
}
