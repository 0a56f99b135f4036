import ArgumentParser
import DeptagKit

extension Deptag {
  /// `deptag inputs [PATH…]`: every file that feeds the digest.
  struct Inputs: ParsableCommand {
    static let configuration = CommandConfiguration(
      // Named explicitly: the derived name costs a runtime protocol-conformance scan at launch.
      commandName: "inputs",
      abstract: "List every file that feeds the digest, one per line.",
      discussion: "Manifests, the files they include, and --with files: Makefile prerequisites, .dockerignore lines."
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var extra: ExtraInputOptions

    @Argument(help: "Manifest files or directories (default: the current directory).")
    var paths: [String] = []

    func validate() throws {
      try input.validate(paths: paths)
      if paths.contains("-") { throw ValidationError("inputs lists files; standard input is none") }
    }

    func run() throws {
      let result = try Terminal.reporting { () throws(DeptagError) in
        try ManifestLoader().digest(DigestRequest(paths: paths, type: input.type, withFiles: extra.withFiles, salts: extra.salt))
      }
      Terminal.writeStandardOutput(result.loaded.inputs.map { $0 + "\n" }.joined())
    }
  }
}
