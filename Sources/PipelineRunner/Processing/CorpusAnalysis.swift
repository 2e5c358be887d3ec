import Dedup
import PipelineCore

/// The corpus-wide steps, run once every document is done: story clusters (and later claims).
public struct CorpusAnalysis: Sendable {
    /// Cluster assignment by story id.
    public var clusters: [String: StoryCluster]

    /// Creates a corpus analysis result.
    public init(clusters: [String: StoryCluster]) {
        self.clusters = clusters
    }

    /// Runs dedup over the fingerprints of every accepted document.
    static func run(_ results: [DocumentResult], config: PipelineConfig, timings: inout StageTimings, clock: inout StageClock) -> CorpusAnalysis {
        let fingerprints = results.flatMap(\.fingerprints)
        let clusters = Deduplicator(options: config.dedup).run(fingerprints)
        timings.add(.dedup, clock.lap())
        return CorpusAnalysis(clusters: clusters)
    }
}
