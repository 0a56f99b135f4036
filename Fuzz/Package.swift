// swift-tools-version: 6.0
// libFuzzer harnesses for deptag's parsers (issue #9). Build only with the sanitizer flags, into
// its own scratch folder, as scripts/fuzz does:
//   swift build --package-path Fuzz --scratch-path .build-fuzz -c release \
//     -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
// Each executable is one libFuzzer target: its `@main` runs libFuzzer's driver
// (LLVMFuzzerRunDriver) with the harness's per-input function.
import PackageDescription

/// One harness per parser, plus the decider; `fuzz-NAME` is built from `Sources/fuzz-NAME`.
let harnesses = ["pip", "gomod", "gosum", "gowork", "npm", "npm-lock", "maven", "decide"]

let package = Package(
  name: "deptag-fuzz",
  platforms: [.macOS(.v13)],
  dependencies: [
    .package(name: "deptag", path: "..")
  ],
  targets: [
    .target(name: "CFuzzerDriver"),
    .target(
      name: "FuzzSupport",
      dependencies: ["CFuzzerDriver", .product(name: "DeptagKit", package: "deptag")]
    ),
  ]
    + harnesses.map { name in
      .executableTarget(
        name: "fuzz-\(name)",
        dependencies: ["FuzzSupport", .product(name: "DeptagKit", package: "deptag")]
      )
    },
  swiftLanguageModes: [.v6]
)
