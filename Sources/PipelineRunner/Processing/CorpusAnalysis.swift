import Dedup
import PipelineCore

/// The corpus-wide steps, run once every document is done: story clusters, then claims.
public struct CorpusAnalysis: Sendable {
    /// One row per distinct reported figure, in the builder's order.
    public var claims: [Claim]
    /// Dedup's warnings for run.json (capped buckets).
    public var warnings: [String]
    /// Dedup's assignments, aligned with the documents' fingerprints, document after document.
    let dedup: DedupResult
    /// Where each document's stories start in `dedup.storyClusters` (by document number; one
    /// more entry for the end).
    let storyStart: [Int]
    /// Where each document's figures start in `dedup.figureClusters` (likewise).
    let figureStart: [Int]

    /// Runs dedup over the fingerprints of every accepted document, then builds the claims
    /// from every figure with its document's publication date and its story's cluster (reading
    /// the figures back from `details` one document at a time).
    /// `candidates` are the near-copy pairs of `pipeline reduce`, or `nil` to find them in memory.
    static func run(
        _ documents: [CorpusDocument], details: DetailSpill, config: PipelineConfig, candidates: CandidatePairs? = nil,
        timings: inout StageTimings, clock: inout StageClock
    ) -> CorpusAnalysis {
        let dedup = Deduplicator(options: config.dedup).run(documents.flatMap(\.fingerprints), candidates: candidates)
        var storyStart = [0], figureStart = [0]
        storyStart.reserveCapacity(documents.count + 1)
        figureStart.reserveCapacity(documents.count + 1)
        for document in documents {
            storyStart.append(storyStart[storyStart.count - 1] + document.fingerprints.count)
            figureStart.append(figureStart[figureStart.count - 1] + document.fingerprints.reduce(0) { $0 + $1.figures.count })
        }
        var analysis = CorpusAnalysis(claims: [], warnings: dedup.warnings, dedup: dedup, storyStart: storyStart, figureStart: figureStart)
        timings.add(.dedup, clock.lap())

        var table = ClaimTable()
        for (number, document) in documents.enumerated() where document.figureCount > 0 {
            let record = document.record
            let clusters = analysis.clusters(ofDocument: number, document)
            for figure in details.figures(of: document) {
                table.add(figure, published: record.published, document: Int32(number), clusterID: clusters.story(figure.storyID)?.clusterID ?? figure.storyID)
            }
        }
        analysis.claims = ClaimBuilder().run(table)
        timings.add(.claims, clock.lap())
        return analysis
    }

    /// The assignments of the stories and figures of `document`, number `number` of the documents
    /// this analysis was run on.
    func clusters(ofDocument number: Int, _ document: CorpusDocument) -> DocumentClusters {
        DocumentClusters(
            fingerprints: document.fingerprints,
            stories: dedup.storyClusters[storyStart[number]..<storyStart[number + 1]],
            figures: dedup.figureClusters[figureStart[number]..<figureStart[number + 1]]
        )
    }
}

/// The dedup assignments of one document's stories and figures, looked up by id: a document has
/// a few stories, found by a short scan; its figures are indexed only when a table asks for them.
struct DocumentClusters {
    private let fingerprints: [StoryFingerprint]
    private let stories: ArraySlice<StoryCluster>
    private let figures: ArraySlice<FigureCluster>

    init(fingerprints: [StoryFingerprint], stories: ArraySlice<StoryCluster>, figures: ArraySlice<FigureCluster>) {
        precondition(fingerprints.count == stories.count, "a document's fingerprints and story clusters disagree")
        self.fingerprints = fingerprints
        self.stories = stories
        self.figures = figures
    }

    /// The cluster of the story `id`; `nil` when the document has no such story.
    func story(_ id: String) -> StoryCluster? {
        guard let offset = fingerprints.firstIndex(where: { $0.storyID == id }) else { return nil }
        return stories[stories.startIndex + offset]
    }

    /// The cluster and repeat of each of the document's figures, by figure id.
    func figuresByID() -> [String: FigureCluster] {
        var byID: [String: FigureCluster] = [:]
        byID.reserveCapacity(figures.count)
        for (figure, cluster) in zip(fingerprints.lazy.flatMap(\.figures), figures) where byID[figure.figureID] == nil {
            byID[figure.figureID] = cluster
        }
        return byID
    }
}
