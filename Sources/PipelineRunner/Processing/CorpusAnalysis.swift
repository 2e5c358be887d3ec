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
    /// Where each document's stories start among dedup's rows (by document number; one more
    /// entry for the end).
    let storyStart: [Int]

    /// Runs dedup over the fingerprints of every accepted document, then builds the claims
    /// from every figure with its document's publication date and its story's cluster (reading
    /// the figures back from `details` one document at a time).
    /// `candidates` are the near-copy pairs of `pipeline reduce`, or `nil` to find them in memory.
    static func run(
        _ documents: [CorpusDocument], details: DetailSpill, config: PipelineConfig, candidates: CandidatePairs? = nil,
        timings: inout StageTimings, clock: inout StageClock
    ) -> CorpusAnalysis {
        let dedup = Deduplicator(options: config.dedup).run(documents.flatMap(\.fingerprints), candidates: candidates)
        var storyStart = [0]
        storyStart.reserveCapacity(documents.count + 1)
        for document in documents { storyStart.append(storyStart[storyStart.count - 1] + document.fingerprints.count) }
        var analysis = CorpusAnalysis(claims: [], warnings: dedup.warnings, dedup: dedup, storyStart: storyStart)
        timings.add(.dedup, clock.lap())

        // Stories and clusters are numbered by dedup's rows; a figure whose story has no
        // fingerprint (none in practice) is a story and cluster of its own, numbered after them.
        var table = ClaimTable()
        var strays: [String: Int32] = [:]
        for (number, document) in documents.enumerated() where document.figureCount > 0 {
            let record = document.record
            let clusters = analysis.clusters(ofDocument: number)
            for figure in details.figures(of: document) {
                if let row = clusters.row(ofStory: figure.storyID) {
                    table.add(figure, published: record.published, document: Int32(number), story: Int32(row), cluster: dedup.clusterNumber(ofStoryAt: row))
                } else {
                    let stray = strays[figure.storyID] ?? Int32(dedup.fingerprints.count + strays.count)
                    strays[figure.storyID] = stray
                    table.add(figure, published: record.published, document: Int32(number), story: stray, cluster: stray)
                }
            }
        }
        analysis.claims = ClaimBuilder().run(table)
        timings.add(.claims, clock.lap())
        return analysis
    }

    /// The assignments of the stories and figures of document number `number` of the documents
    /// this analysis was run on.
    func clusters(ofDocument number: Int) -> DocumentClusters {
        DocumentClusters(result: dedup, rows: storyStart[number]..<storyStart[number + 1])
    }
}

/// The dedup assignments of one document's stories and figures, looked up by id: a document has
/// a few stories, found by a short scan; its figures are indexed only when a table asks for them.
struct DocumentClusters {
    private let result: DedupResult
    /// The document's stories among the result's rows.
    private let rows: Range<Int>

    init(result: DedupResult, rows: Range<Int>) {
        self.result = result
        self.rows = rows
    }

    /// The row of the story `id` in the dedup result; `nil` when the document has no such story.
    func row(ofStory id: String) -> Int? { rows.first { result.fingerprints[$0].storyID == id } }

    /// The cluster of the story `id`; `nil` when the document has no such story.
    func story(_ id: String) -> StoryCluster? { row(ofStory: id).map { result.storyCluster(at: $0) } }

    /// The cluster id of each of the document's stories, by story id (made once per document,
    /// not once per figure).
    func clusterIDsByStory() -> [String: String] {
        var byStory: [String: String] = [:]
        for row in rows where byStory[result.fingerprints[row].storyID] == nil {
            byStory[result.fingerprints[row].storyID] = result.clusterID(ofStoryAt: row)
        }
        return byStory
    }

    /// The first report that each of the document's repeated figures repeats, by figure id (a
    /// figure id met twice keeps its first assignment).
    func repeatsByID() -> [String: String] {
        var byID: [String: String] = [:]
        var seen = Set<String>()
        for row in rows {
            let figures = result.fingerprints[row].figures
            for (figure, slot) in zip(figures, result.figureSlots(ofStoryAt: row)) where seen.insert(figure.figureID).inserted {
                if let first = result.repeatOf(figureAt: slot) { byID[figure.figureID] = first }
            }
        }
        return byID
    }
}
