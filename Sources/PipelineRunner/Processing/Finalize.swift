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
        let details = DetailSpill(directory: PathText.parent(config.output.directory))
        let documents = results.map { CorpusDocument($0, spill: details) }
        return dataset(documents: documents, details: details, rejects: rejects, candidates: candidates, timings: &timings, clock: &clock)
    }

    /// Clusters, builds claims and returns the tables to write, for documents whose figures and
    /// dates wait in `details` (the single-machine run's path: see ``CorpusDocument``).
    func dataset(
        documents: [CorpusDocument], details: DetailSpill, rejects: [Reject], candidates: CandidatePairs?,
        timings: inout StageTimings, clock: inout StageClock
    ) -> Dataset {
        let documents = documents.sorted { $0.record.path < $1.record.path }
        let rejects = rejects.sorted { ($0.path, $0.stage, $0.reason) < ($1.path, $1.stage, $1.reason) }
        let corpus = CorpusAnalysis.run(documents, details: details, config: config, candidates: candidates, timings: &timings, clock: &clock)
        return Dataset(documents: documents, details: details, rejects: rejects, corpus: corpus)
    }
}
