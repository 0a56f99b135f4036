import ArgumentParser
import DeptagKit

extension Deptag {
  /// `deptag normalize PATH`: the canonical form, itself a valid manifest of the same format.
  struct Normalize: ParsableCommand {
    static let configuration = CommandConfiguration(
      // Named explicitly: the derived name costs a runtime protocol-conformance scan at launch.
      commandName: "normalize",
      abstract: "Print the canonical form of a manifest.",
      discussion: "The output is a valid manifest of the same format with the same digest."
    )

    @OptionGroup var input: InputOptions

    @Argument(help: "The manifest file ('-' for standard input).")
    var path: String

    func validate() throws {
      try input.validate(paths: [path])
    }

    func run() throws {
      let result = try Terminal.reporting { () throws(DeptagError) in
        try ManifestLoader().normalize(path: path, type: input.type)
      }
      Terminal.report(result.warnings)
      Terminal.writeStandardOutput(result.text)
    }
  }
}
