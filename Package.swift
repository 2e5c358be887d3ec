// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "pipeline",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "pipeline", targets: ["PipelineCommand"]),
        .executable(name: "pipeline-bench", targets: ["PipelineBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // C boundary: libxml2 from the system, and a few libc helpers Swift cannot call directly.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(name: "CSupport"),

        // The values that flow between stages, stable hashing, and nothing else.
        .target(name: "PipelineCore"),

        // One module per stage.
        .target(name: "Ingest", dependencies: ["PipelineCore", "CLibXML2"], resources: [.process("Resources")]),
        .target(name: "Normalize", dependencies: ["PipelineCore"], resources: [.process("Resources")]),
        .target(name: "Extract", dependencies: ["PipelineCore", "Normalize"], resources: [.process("Resources")]),
        .target(name: "Dedup", dependencies: ["PipelineCore", "CSupport"], resources: [.process("Resources")]),

        // Config, the concurrent runner and the dataset writers.
        .target(
            name: "PipelineRunner",
            dependencies: [
                "PipelineCore", "Ingest", "Normalize", "Extract", "Dedup", "CSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // The `pipeline` command: argument parsing and wiring only.
        .executableTarget(
            name: "PipelineCommand",
            dependencies: [
                "PipelineRunner",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // The benchmark: generated corpora, whole runs (and stage-only modes as subcommands).
        .executableTarget(
            name: "PipelineBench",
            dependencies: [
                "PipelineRunner",
                "PipelineCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Dedup's generated corpora (test corpus from samples/, scale corpus) and its benchmark.
        .target(name: "DedupCorpus", dependencies: ["PipelineCore"]),
        .executableTarget(name: "dedup-bench", dependencies: ["Dedup", "DedupCorpus", "PipelineCore"], path: "Sources/DedupBench"),

        // Ingest-only throughput against libxml2's bare parse of the same pages (`ingest-bench [DIR]`).
        .executableTarget(name: "ingest-bench", dependencies: ["Ingest", "PipelineCore"], path: "Sources/IngestBench"),
        // Normalize-only throughput benchmark and line-by-line runner (`normalize-bench --help`).
        .executableTarget(name: "normalize-bench", dependencies: ["Normalize"], path: "Sources/NormalizeBench"),
        // Normalize + extract throughput on one core (`extract-bench --help`).
        .executableTarget(name: "extract-bench", dependencies: ["Extract", "Ingest", "Normalize", "PipelineCore"], path: "Sources/ExtractBench"),

        // libFuzzer harnesses (`scripts/fuzz TARGET SECONDS`); a normal build makes input replayers.
        .target(name: "FuzzSupport"),
        .executableTarget(name: "FuzzIngest", dependencies: ["FuzzSupport", "Ingest", "PipelineCore"]),
        .executableTarget(name: "FuzzNormalize", dependencies: ["FuzzSupport", "Normalize", "PipelineCore"]),

        // Tests mirror the modules.
        .testTarget(name: "PipelineCoreTests", dependencies: ["PipelineCore"]),
        .testTarget(name: "IngestTests", dependencies: ["Ingest"]),
        .testTarget(name: "NormalizeTests", dependencies: ["Normalize"]),
        .testTarget(name: "ExtractTests", dependencies: ["Extract", "Normalize", "Ingest"]),
        .testTarget(name: "DedupTests", dependencies: ["Dedup", "DedupCorpus", "Ingest", "Normalize", "Extract"]),
        .testTarget(
            name: "PipelineRunnerTests",
            dependencies: ["PipelineRunner", "PipelineCommand", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    target.swiftSettings = settings
}
