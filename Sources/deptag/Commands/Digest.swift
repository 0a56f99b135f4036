import ArgumentParser
import DeptagKit

extension Deptag {
  /// `deptag digest [PATH…]`: the short digest of all given manifests together.
  struct Digest: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print the digest of the given manifests.",
      discussion: """
        With no PATH, reads the manifests in the current directory. A directory contributes the \
        files named exactly requirements.txt (and the other manifest names deptag knows) directly \
        inside it. '-' reads standard input and needs --type.
        """
    )

    @OptionGroup var input: InputOptions

    @Option(help: "Number of hex characters to print (4–64).")
    var length: Int = DigestFraming.defaultLength

    @OptionGroup var extra: ExtraInputOptions

    @Argument(help: "Manifest files or directories ('-' for standard input).")
    var paths: [String] = []

    func validate() throws {
      try input.validate(paths: paths)
      guard DigestFraming.lengthRange.contains(length) else {
        throw ValidationError("--length must be between 4 and 64")
      }
    }

    func run() throws {
      let request = DigestRequest(
        paths: paths, type: input.type, length: length, withFiles: extra.withFiles, salts: extra.salt)
      let result = try Terminal.reporting { () throws(DeptagError) in
        try ManifestLoader().digest(request)
      }
      Terminal.report(result.loaded.warnings)
      Terminal.writeStandardOutput(result.digest + "\n")
    }
  }
}
