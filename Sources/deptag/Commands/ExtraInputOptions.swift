import ArgumentParser
import DeptagKit

/// `--with` and `--salt`: inputs hashed besides the manifests; shared by digest and decide.
struct ExtraInputOptions: ParsableArguments {
  @Option(name: .customLong("with"), help: ArgumentHelp("Also hash this file's bytes (repeatable).", valueName: "file"))
  var withFiles: [String] = []

  @Option(help: ArgumentHelp("Also hash this text (repeatable).", valueName: "text"))
  var salt: [String] = []

  var extras: ExtraInputs { ExtraInputs(withFiles: withFiles, salts: salt) }
}
