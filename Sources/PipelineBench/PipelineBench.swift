import ArgumentParser

/// `pipeline-bench`: measures the pipeline on generated Italian corpora.
///
///     swift run -c release pipeline-bench --docs 2000
///     swift run -c release pipeline-bench generate --docs 10000 --out /tmp/corpus
///
/// Each mode is a subcommand in a file of its own; add stage-only modes (ingest-only,
/// normalize-only, dedup scaling) the same way and list them here.
struct PipelineBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline-bench",
        abstract: "Benchmark the pipeline on a generated corpus (fixed seed).",
        subcommands: [WholeRunBench.self, GenerateCorpus.self, IncrementalBench.self],
        defaultSubcommand: WholeRunBench.self
    )
}

/// Options every benchmark mode shares: corpus size and seed.
struct CorpusOptions: ParsableArguments {
    @Option(name: .long, help: "Number of documents to generate.")
    var docs = 2000

    @Option(name: .long, help: "Seed of the generator (same seed, same corpus).")
    var seed: UInt64 = 20_250_113

    @Option(name: .long, help: "Share of documents written as HTML pages (0–1).")
    var htmlShare = 0.5

    @Option(name: .long, help: "Share of documents that are near copies of an earlier one (0–1).")
    var copyShare = 0.1

    func validate() throws {
        guard docs > 0 else { throw ValidationError("--docs must be positive") }
        guard (0...1).contains(htmlShare), (0...1).contains(copyShare) else { throw ValidationError("shares must be between 0 and 1") }
    }

    var generator: CorpusGenerator {
        CorpusGenerator(seed: seed, htmlShare: htmlShare, copyShare: copyShare)
    }
}
