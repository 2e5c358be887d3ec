import Dedup
import Foundation
import PipelineCore

/// The last step of every run: corpus-wide dedup and claims, the tables, and the atomic write.
///
/// The single-machine run calls it after its per-document stages (map) with `candidates: nil`
/// (dedup shuffles and reduces the band keys in memory); `pipeline finalize` calls it with the
/// per-document results and the candidate pairs a cluster computed. Both write the same bytes.
///
///     let finalize = Finalize(config: config, started: Date(), inputsSeen: 14, warnings: [])
///     let summary = try finalize.run(results: results, rejects: rejects, candidates: nil,
///                                    timings: &timings, clock: &clock)
///     summary.rows["claims"]   // claims written to config.output.directory
public struct Finalize: Sendable {
    /// The resolved config (its output settings say where and how to write).
    public let config: PipelineConfig
    /// When the run started (for run.json).
    public let started: Date
    /// Input files seen, accepted or not (for run.json).
    public let inputsSeen: Int
    /// Warnings gathered before this step (discovery), for run.json.
    public let warnings: [String]

    /// Creates the step.
    public init(config: PipelineConfig, started: Date, inputsSeen: Int, warnings: [String]) {
        self.config = config
        self.started = started
        self.inputsSeen = inputsSeen
        self.warnings = warnings
    }

    /// Clusters, builds claims and writes the datasets.
    ///
    /// - Parameters:
    ///   - results: one result per accepted document; ordered here by path (the discovery order).
    ///   - rejects: every reject row; ordered here by path, stage and reason.
    ///   - candidates: near-copy pairs from `pipeline reduce`, or `nil` to find them in memory.
    /// - Throws: ``PipelineError/cannotWrite(path:reason:)`` when the output cannot be written
    ///   (the previous dataset stays in place).
    public func run(
        results: [DocumentResult], rejects: [Reject], candidates: CandidatePairs?, timings: inout StageTimings, clock: inout StageClock
    ) throws(PipelineError) -> RunSummary {
        let results = results.sorted { $0.record.path < $1.record.path }
        let rejects = rejects.sorted { ($0.path, $0.stage, $0.reason) < ($1.path, $1.stage, $1.reason) }
        let corpus = CorpusAnalysis.run(results, config: config, candidates: candidates, timings: &timings, clock: &clock)
        let dataset = Dataset(results: results, rejects: rejects, corpus: corpus)

        var manifest = RunManifest(
            configDigest: config.digest, configFile: config.file, workers: config.workers, started: started,
            inputsSeen: inputsSeen, documents: results.count, rejected: rejects.count,
            rows: dataset.rowCounts, warnings: warnings + corpus.warnings
        )
        let writer = DatasetWriter(output: config.output)
        try writer.write(dataset.tables) { () -> String in
            timings.add(.write, clock.lap())
            manifest.finish(timings: timings)
            return manifest.json
        }
        return RunSummary(outputDirectory: config.output.directory, documents: results.count, rejected: rejects.count, rows: dataset.rowCounts, warnings: manifest.warnings)
    }
}
