// swift-tools-version:6.1
// In-process fuzz targets (libFuzzer) for the stance package. They live in their own
// package because a target built with `-sanitize=fuzzer` gets its `main` from libFuzzer and
// cannot link in a normal `swift build`/`swift test`; the root package stays unaffected.
//
//   cd Fuzz && swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing
//   bash Scripts/fuzz.sh 60        # every target for 60 s each (from the package root)
import PackageDescription

let fuzzTargets = ["fuzz-splitter", "fuzz-tokenizer", "fuzz-mentions", "fuzz-features", "fuzz-jsonl", "fuzz-libsvm", "fuzz-model"]

let package = Package(
    name: "stance-fuzz",
    dependencies: [.package(name: "stance", path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [
            .product(name: "StanceKit", package: "stance"),
            .product(name: "StanceFeatures", package: "stance"),
            .product(name: "StanceLearning", package: "stance"),
        ]),
    ] + fuzzTargets.map { name in
        .executableTarget(name: name, dependencies: [
            "FuzzSupport",
            .product(name: "StanceKit", package: "stance"),
            .product(name: "StanceFeatures", package: "stance"),
            .product(name: "StanceLearning", package: "stance"),
        ])
    },
    swiftLanguageModes: [.v5]
)
