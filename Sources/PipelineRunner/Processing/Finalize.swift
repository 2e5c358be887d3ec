import Dedup
import Foundation
import PipelineCore

/// The corpus-wide end of every run: order the per-document results, cluster, build claims,
/// and lay out the tables.
///
/// The single-machine run calls it after its per-document stages (map) with `candidates: nil`
/// (dedup shuffles and reduces the band keys in memory); `pipeline finalize` calls it with the
/// per-document results and the candidate pairs a cluster computed. Both get the same
/// ``Dataset``, and write it with the same ``DatasetWriter``.
///
///     let dataset = Finalize(config: config).dataset(results: results, rejects: rejects,
///                                                    candidates: nil, timings: &timings, clock: &clock)
///     dataset.rowCounts["claims"]   // claims of the corpus ("11mila soldati" reported twice: one row)
public struct Finalize: Sendable {
    /// The resolved config.
    public let config: PipelineConfig

    /// Creates the step.
    public init(config: PipelineConfig) { self.config = config }

    /// Clusters, builds claims and returns the tables to write.
    ///
    /// - Parameters:
    ///   - results: one result per accepted document; ordered here by path (the discovery order).
    ///   - rejects: every reject row; ordered here by path, stage and reason.
    ///   - candidates: near-copy pairs from `pipeline reduce`, or `nil` to find them in memory.
    public func dataset(
        results: [DocumentResult], rejects: [Reject], candidates: CandidatePairs?, timings: inout StageTimings, clock: inout StageClock
    ) -> Dataset {
        let results = results.sorted { $0.record.path < $1.record.path }
        let rejects = rejects.sorted { ($0.path, $0.stage, $0.reason) < ($1.path, $1.stage, $1.reason) }
        let corpus = CorpusAnalysis.run(results, config: config, candidates: candidates, timings: &timings, clock: &clock)
        return Dataset(results: results, rejects: rejects, corpus: corpus)
    }
}
