import ArgumentParser
import DeptagKit

/// `--with` and `--salt`: inputs hashed besides the manifests; shared by digest and decide.
struct ExtraInputOptions: ParsableArguments {
  @Option(name: .customLong("with"), help: ArgumentHelp("Also hash this file's bytes (repeatable).", valueName: "file"))
  var withFiles: [String] = []

  /// Taken whatever it looks like, so that `--salt "$GOFLAGS"` works although GOFLAGS starts with
  /// `-` (README, "Settings outside the manifests"); an empty salt hashes nothing.
  @Option(
    parsing: .unconditionalSingleValue,
    help: ArgumentHelp("Also hash this text (repeatable; it may start with '-').", valueName: "text"))
  var salt: [String] = []

  var extras: ExtraInputs { ExtraInputs(withFiles: withFiles, salts: salt) }
}
