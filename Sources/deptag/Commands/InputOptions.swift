import ArgumentParser
import DeptagKit

/// The paths to read and how to read them; shared by the commands that read manifests.
struct InputOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Read every file and standard input as this kind (\(ManifestKind.selectable.map(\.rawValue).joined(separator: ", "))).",
      valueName: "kind"))
  var type: ManifestKind?

  func validate(paths: [String]) throws {
    if paths.contains("-") && type == nil {
      throw ValidationError("reading standard input ('-') needs --type")
    }
  }
}

extension ManifestKind: ExpressibleByArgument {
  public init?(argument: String) {
    guard let kind = ManifestKind(rawValue: argument), ManifestKind.selectable.contains(kind)
    else { return nil }
    self = kind
  }

  public static var allValueStrings: [String] { selectable.map(\.rawValue) }
}
