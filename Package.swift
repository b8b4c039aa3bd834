// swift-tools-version:6.1
import PackageDescription

// `swift test` trains real models (NewsMTSC, the shipped pair), which takes minutes in -Onone.
// The README's test command sets STANCE_OPTIMIZE_DEBUG=1 to compile the solver and feature loops
// with -O in debug builds too. Only then: unsafe flags would keep this package from being used
// as a versioned dependency, which builds without the variable.
let optimisedInDebug: [SwiftSetting] =
    Context.environment["STANCE_OPTIMIZE_DEBUG"] == "1" ? [.unsafeFlags(["-O"], .when(configuration: .debug))] : []

let package = Package(
    name: "stance",
    products: [
        .library(name: "StanceFeatures", targets: ["StanceFeatures"]),
        .library(name: "StanceLearning", targets: ["StanceLearning"]),
        .library(name: "StanceKit", targets: ["StanceKit"]),
        .executable(name: "stance-train", targets: ["stance-train"]),
        .executable(name: "stance-predict", targets: ["stance-predict"]),
        .executable(name: "stance-eval", targets: ["stance-eval"]),
        .executable(name: "stance-clusters", targets: ["stance-clusters"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        // Debian ships cblas.h (libblas-dev) and lapacke.h (liblapacke-dev); OpenBLAS
        // replaces libblas.so.3 through update-alternatives, so no rebuild is needed.
        .systemLibrary(
            name: "CStanceBLAS",
            path: "Sources/CStanceBLAS",
            providers: [.apt(["libblas-dev", "liblapacke-dev"])]
        ),
        // Loops that use x86 extensions (SHA-NI for the file digest, AVX for the softmax row pass),
        // each chosen at run time with a pure-Swift fallback.
        .target(name: "CStanceKernels", exclude: ["README.md"]),
        .target(
            name: "StanceLearning", dependencies: ["CStanceBLAS", "CStanceKernels"], exclude: ["README.md"], swiftSettings: optimisedInDebug
        ),
        .target(name: "StanceFeatures", exclude: ["README.md"], swiftSettings: optimisedInDebug),
        .target(name: "StanceKit", dependencies: ["StanceFeatures", "StanceLearning"], exclude: ["README.md"]),
        // Option groups and error handling the three commands share.
        .target(
            name: "StanceCLI",
            dependencies: [
                "StanceKit", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "stance-train",
            dependencies: [
                "StanceKit", "StanceCLI", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "stance-predict",
            dependencies: [
                "StanceKit", "StanceCLI", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "stance-eval",
            dependencies: [
                "StanceKit", "StanceCLI", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // Learns the word clusters of the `cl:` features from unlabeled text.
        .executableTarget(
            name: "stance-clusters",
            dependencies: [
                "StanceKit", "StanceCLI", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // Prints throughput figures; never run by `swift test`.
        .executableTarget(name: "stance-benchmark", dependencies: ["StanceKit", "StanceFeatures", "StanceLearning"]),
        .testTarget(name: "StanceLearningTests", dependencies: ["StanceLearning"]),
        .testTarget(name: "StanceFeaturesTests", dependencies: ["StanceFeatures"], exclude: ["Fixtures"]),
        .testTarget(name: "StanceKitTests", dependencies: ["StanceKit"], exclude: ["Fixtures"]),
        .testTarget(name: "EndToEndTests", dependencies: ["StanceKit"], exclude: ["Fixtures"]),
    ]
)
