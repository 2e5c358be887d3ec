import Dedup
import PipelineCore

/// The corpus-wide steps, run once every document is done: story clusters, then claims.
public struct CorpusAnalysis: Sendable {
    /// Cluster assignment by story id.
    public var clusters: [String: StoryCluster]
    /// One row per distinct reported figure, in the builder's order.
    public var claims: [Claim]

    /// Creates a corpus analysis result.
    public init(clusters: [String: StoryCluster], claims: [Claim]) {
        self.clusters = clusters
        self.claims = claims
    }

    /// Runs dedup over the fingerprints of every accepted document, then builds the claims
    /// from every figure with its document's publication date and its story's cluster.
    static func run(_ results: [DocumentResult], config: PipelineConfig, timings: inout StageTimings, clock: inout StageClock) -> CorpusAnalysis {
        let fingerprints = results.flatMap(\.fingerprints)
        let clusters = Deduplicator(options: config.dedup).run(fingerprints)
        timings.add(.dedup, clock.lap())

        var reports: [ClaimReport] = []
        for result in results {
            for figure in result.figures {
                reports.append(ClaimReport(
                    figure: figure, documentID: result.record.id, published: result.record.published,
                    clusterID: clusters[figure.storyID]?.clusterID ?? figure.storyID
                ))
            }
        }
        let claims = ClaimBuilder().run(reports)
        timings.add(.claims, clock.lap())
        return CorpusAnalysis(clusters: clusters, claims: claims)
    }
}
