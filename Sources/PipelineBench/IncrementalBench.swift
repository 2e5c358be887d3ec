import ArgumentParser
import Foundation
import PipelineRunner

/// `pipeline-bench incremental`: a first run over a generated corpus, a second run over the same
/// unchanged corpus (which keeps the dataset), and a third after 1% new documents arrived (the
/// nightly case: reused results, new analyses, dedup, claims and writing redone); reports the
/// three times and the speed-ups.
struct IncrementalBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incremental",
        abstract: "Run over a generated corpus, again unchanged, and again with 1% new documents; report the times."
    )

    @OptionGroup var corpus: CorpusOptions

    @Option(name: .long, help: "Workers (default: the machine's cores).")
    var workers: Int?

    @Option(name: .long, help: "Directory for the corpus and the output (default: a new temporary directory, removed after).")
    var directory: String?

    func run() throws {
        let root = directory ?? NSTemporaryDirectory() + "pipeline-bench-incremental-\(ProcessInfo.processInfo.processIdentifier)"
        defer { if directory == nil { try? FileManager.default.removeItem(atPath: root) } }
        let inputs = root + "/corpus"
        try? FileManager.default.removeItem(atPath: inputs)
        try? FileManager.default.removeItem(atPath: root + "/output")
        let stats = try corpus.generator.write(count: corpus.docs, to: inputs)
        let config = PipelineConfig(
            file: "(pipeline-bench)", baseDirectory: root,
            inputs: [InputSpec(written: "corpus", keyPath: "inputs[0]", absolute: inputs)],
            output: OutputSettings(directory: root + "/output"),
            workers: workers ?? ProcessInfo.processInfo.activeProcessorCount
        )
        var seconds: [Double] = []
        for round in 0..<3 {
            if round == 2 {
                let nightly = CorpusGenerator(seed: corpus.seed &+ 1, htmlShare: corpus.htmlShare, copyShare: corpus.copyShare)
                _ = try nightly.write(count: max(1, corpus.docs / 100), to: inputs + "/nuovi")
            }
            var clock = StageClock()
            _ = try Runner(config: config).run()
            seconds.append(clock.lap())
            let manifest = (try? String(contentsOfFile: root + "/output/run.json", encoding: .utf8)) ?? ""
            let changes = manifest.range(of: "\"changes\"").map { String(manifest[$0.lowerBound...].prefix { $0 != "}" }) + "}" } ?? ""
            print("run \(seconds.count): \(BenchResult.fixed(seconds.last!)) s  \(changes.filter { !$0.isNewline }.replacingOccurrences(of: "  ", with: ""))")
        }
        let speedUp = { (later: Double) in later > 0 ? seconds[0] / later : 0 }
        print("documents: \(stats.documents), workers: \(config.workers), first run: \(BenchResult.fixed(seconds[0])) s, "
            + "unchanged second run: \(BenchResult.fixed(seconds[1])) s (\(BenchResult.fixed(speedUp(seconds[1])))× faster), "
            + "third run with \(max(1, corpus.docs / 100)) new documents: \(BenchResult.fixed(seconds[2])) s (\(BenchResult.fixed(speedUp(seconds[2])))× faster), "
            + "peak memory: \(BenchResult.fixed(Double(Measurement.peakResidentBytes()) / 1_048_576)) MiB")
    }
}
