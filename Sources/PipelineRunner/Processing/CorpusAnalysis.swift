import Dedup
import PipelineCore

/// The corpus-wide steps, run once every document is done: story clusters, then claims.
public struct CorpusAnalysis: Sendable {
    /// Cluster assignment by story id.
    public var clusters: [String: StoryCluster]
    /// One row per distinct reported figure, in the builder's order.
    public var claims: [Claim]
    /// Cluster and `repeat_of` by figure id.
    public var figureClusters: [String: FigureCluster]
    /// Dedup's warnings for run.json (capped buckets).
    public var warnings: [String]

    /// Creates a corpus analysis result.
    public init(clusters: [String: StoryCluster], claims: [Claim], figureClusters: [String: FigureCluster] = [:], warnings: [String] = []) {
        self.clusters = clusters
        self.claims = claims
        self.figureClusters = figureClusters
        self.warnings = warnings
    }

    /// Runs dedup over the fingerprints of every accepted document, then builds the claims
    /// from every figure with its document's publication date and its story's cluster (reading
    /// the figures back from `details` one document at a time).
    /// `candidates` are the near-copy pairs of `pipeline reduce`, or `nil` to find them in memory.
    static func run(
        _ documents: [CorpusDocument], details: DetailSpill, config: PipelineConfig, candidates: CandidatePairs? = nil,
        timings: inout StageTimings, clock: inout StageClock
    ) -> CorpusAnalysis {
        let dedup = Deduplicator(options: config.dedup).run(documents.flatMap(\.fingerprints), candidates: candidates)
        let clusters = dedup.stories
        timings.add(.dedup, clock.lap())

        var table = ClaimTable()
        for (number, document) in documents.enumerated() where document.figureCount > 0 {
            let record = document.record
            for figure in details.figures(of: document) {
                table.add(
                    key: FigureKey(figure), period: ClaimBuilder.period(start: figure.eventStart, end: figure.eventEnd),
                    published: record.published, document: Int32(number), story: table.intern(figure.storyID),
                    cluster: table.intern(clusters[figure.storyID]?.clusterID ?? figure.storyID), attribution: figure.attribution, figureID: nil
                )
            }
        }
        let claims = ClaimBuilder().run(table)
        timings.add(.claims, clock.lap())
        return CorpusAnalysis(clusters: clusters, claims: claims, figureClusters: dedup.figures, warnings: dedup.warnings)
    }
}
