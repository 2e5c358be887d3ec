import ArgumentParser
import Foundation
import PipelineRunner

/// `pipeline-bench run` (the default): a whole pipeline run over a generated corpus.
struct WholeRunBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Generate N documents, run the whole pipeline on them, report docs/s, MB/s and peak memory."
    )

    @OptionGroup var corpus: CorpusOptions

    @Option(name: .long, help: "Workers (default: the machine's cores).")
    var workers: Int?

    @Option(name: .long, help: "Directory for the corpus and the output (default: a new temporary directory, removed after).")
    var directory: String?

    @Flag(name: .long, help: "Also print the result as one JSON line.")
    var json = false

    func run() throws {
        let root = directory ?? NSTemporaryDirectory() + "pipeline-bench-\(ProcessInfo.processInfo.processIdentifier)"
        defer { if directory == nil { try? FileManager.default.removeItem(atPath: root) } }
        let inputs = root + "/corpus"
        try? FileManager.default.removeItem(atPath: inputs)
        let stats = try corpus.generator.write(count: corpus.docs, to: inputs)

        let config = PipelineConfig(
            file: "(pipeline-bench)", baseDirectory: root,
            inputs: [InputSpec(written: "corpus", keyPath: "inputs[0]", absolute: inputs)],
            output: OutputSettings(directory: root + "/output"),
            workers: workers ?? ProcessInfo.processInfo.activeProcessorCount
        )
        var clock = StageClock()
        let summary = try Runner(config: config).run()
        let seconds = clock.lap()

        let result = BenchResult(
            mode: "run", documents: stats.documents, bytes: stats.bytes, seconds: seconds, workers: config.workers,
            peakMemoryBytes: Measurement.peakResidentBytes(),
            extra: [
                ("accepted", Double(summary.documents)), ("rejected", Double(summary.rejected)),
                ("figures", Double(summary.rows["figures"] ?? 0)), ("claims", Double(summary.rows["claims"] ?? 0)),
            ]
        )
        print(result.text)
        if let manifest = try? String(contentsOfFile: root + "/output/run.json", encoding: .utf8) {
            print("stage seconds (per-document stages summed over workers):")
            print(Measurement.stageLines(fromManifest: manifest))
        }
        if json { print(result.json) }
    }
}
