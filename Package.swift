// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "deptag",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "deptag", targets: ["deptag"]),
    .library(name: "DeptagKit", targets: ["DeptagKit"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
  ],
  targets: [
    .executableTarget(
      name: "deptag",
      dependencies: [
        "DeptagKit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .target(
      name: "DeptagKit",
      dependencies: [
        .product(name: "Crypto", package: "swift-crypto")
      ]
    ),
    .testTarget(
      name: "DeptagKitTests",
      dependencies: ["DeptagKit"],
      exclude: ["Golden", "Fuzz/Regressions"]
    ),
    .testTarget(
      name: "deptagTests",
      dependencies: ["deptag"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
