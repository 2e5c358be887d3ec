import Dedup
import PipelineCore

/// The six dataset tables of a run (documents, stories, figures, dates, claims, rejects), with
/// the columns of the dataset contract and rows in a stable order: documents by path, rows of a
/// document by position or offset, rejects by path.
public struct Dataset: Sendable {
    /// Accepted documents, sorted by path (their figures and dates in `details`).
    let documents: [CorpusDocument]
    /// The documents' figures and dates.
    let details: DetailSpill
    /// Rejected inputs, sorted by path.
    public let rejects: [Reject]
    /// Clusters and claims.
    public let corpus: CorpusAnalysis

    /// Column names by table, in order.
    public static let columns: [String: [String]] = [
        "documents": ["doc_id", "path", "format", "encoding", "title", "published", "published_grain", "outlet", "chars", "words", "stories", "content_sha256"],
        "stories": ["story_id", "doc_id", "position", "title", "chars", "cluster_id", "duplicate_of", "similarity", "char_start", "char_end"],
        "figures": [
            "figure_id", "doc_id", "story_id", "cluster_id", "value", "value_high", "qualifier", "unit", "category", "attribution",
            "event_start", "event_end", "surface", "sentence", "char_start", "char_end", "repeat_of",
        ],
        "dates": ["doc_id", "story_id", "surface", "start", "end", "grain", "relative", "reference", "char_start", "char_end"],
        "claims": [
            "claim_id", "category", "unit", "value", "value_high", "event_start", "event_end", "first_published", "last_published",
            "reports", "documents", "clusters", "attributions",
        ],
        "rejects": ["path", "stage", "reason"],
    ]

    /// Table names in the order they are written and listed in run.json.
    public static let tableNames = ["documents", "stories", "figures", "dates", "claims", "rejects"]

    /// Creates the dataset; `documents` must already be in path order.
    init(documents: [CorpusDocument], details: DetailSpill, rejects: [Reject], corpus: CorpusAnalysis) {
        self.documents = documents
        self.details = details
        self.rejects = rejects
        self.corpus = corpus
    }

    /// Number of accepted documents.
    public var documentCount: Int { documents.count }

    /// The tables, in ``tableNames`` order.
    public var tables: [Table] {
        [documentsTable, stories, figures, dates, claims, rejectsTable]
    }

    /// Rows per table.
    public var rowCounts: [String: Int] {
        Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0.rowCount) })
    }

    private func table(_ name: String, rowCount: Int, rows: @escaping @Sendable (_ emit: ([Cell]) throws -> Void) throws -> Void) -> Table {
        Table(name: name, columns: Self.columns[name] ?? [], rowCount: rowCount, rows: rows)
    }

    var documentsTable: Table {
        let documents = self.documents
        return table("documents", rowCount: documents.count) { emit in
            for document in documents {
                let record = document.record
                try emit([
                    .text(record.id), .text(record.path), .text(record.format.rawValue), .text(record.encoding), .text(record.title),
                    .text(record.published?.iso), .text(record.published?.grain.rawValue), .text(record.outlet),
                    .integer(record.chars), .integer(record.words), .integer(record.stories.count), .text(record.contentSHA256),
                ])
            }
        }
    }

    var stories: Table {
        let documents = self.documents
        let corpus = self.corpus
        return table("stories", rowCount: documents.reduce(0) { $0 + $1.record.stories.count }) { emit in
            for (number, document) in documents.enumerated() {
                let clusters = corpus.clusters(ofDocument: number)
                for story in document.record.stories.sorted(by: { $0.position < $1.position }) {
                    let cluster = clusters.story(story.id)
                    try emit([
                        .text(story.id), .text(document.record.id), .integer(story.position), .text(story.title), .integer(story.chars),
                        .text(cluster?.clusterID), .text(cluster?.duplicateOf), .number(cluster?.similarity),
                        .integer(story.charStart), .integer(story.charEnd),
                    ])
                }
            }
        }
    }

    var figures: Table {
        let documents = self.documents
        let details = self.details
        let corpus = self.corpus
        return table("figures", rowCount: documents.reduce(0) { $0 + $1.figureCount }) { emit in
            for (number, document) in documents.enumerated() where document.figureCount > 0 {
                let clusters = corpus.clusters(ofDocument: number)
                let repeats = clusters.repeatsByID()
                let clusterIDs = clusters.clusterIDsByStory()
                let ordered = details.figures(of: document).sorted { ($0.charStart, $0.charEnd, $0.id) < ($1.charStart, $1.charEnd, $1.id) }
                for figure in ordered {
                    try emit([
                        .text(figure.id), .text(document.record.id), .text(figure.storyID), .text(clusterIDs[figure.storyID]),
                        .number(figure.value), .number(figure.valueHigh), .text(figure.qualifier.rawValue), .text(figure.unit),
                        .text(figure.category), .text(figure.attribution), .text(figure.eventStart), .text(figure.eventEnd),
                        .text(figure.surface), .text(figure.sentence), .integer(figure.charStart), .integer(figure.charEnd),
                        .text(repeats[figure.id]),
                    ])
                }
            }
        }
    }

    var dates: Table {
        let documents = self.documents
        let details = self.details
        return table("dates", rowCount: documents.reduce(0) { $0 + $1.dateCount }) { emit in
            for document in documents where document.dateCount > 0 {
                let ordered = details.dates(of: document).sorted { ($0.charStart, $0.charEnd, $0.surface) < ($1.charStart, $1.charEnd, $1.surface) }
                for date in ordered {
                    try emit([
                        .text(document.record.id), .text(document.record.storyID(at: date.charStart)), .text(date.surface),
                        .text(date.start), .text(date.end), .text(date.grain.rawValue), .bool(date.relative), .text(date.reference),
                        .integer(date.charStart), .integer(date.charEnd),
                    ])
                }
            }
        }
    }

    var claims: Table {
        let claims = corpus.claims
        return table("claims", rowCount: claims.count) { emit in
            for claim in claims {
                try emit([
                    .text(claim.claimID), .text(claim.category), .text(claim.unit), .number(claim.value), .number(claim.valueHigh),
                    .text(claim.eventStart), .text(claim.eventEnd), .text(claim.firstPublished?.iso), .text(claim.lastPublished?.iso),
                    .integer(claim.reports), .integer(claim.documents), .integer(claim.clusters),
                    .text(claim.attributions.isEmpty ? nil : claim.attributions.joined(separator: "; ")),
                ])
            }
        }
    }

    var rejectsTable: Table {
        let rejects = self.rejects
        return table("rejects", rowCount: rejects.count) { emit in
            for reject in rejects {
                try emit([.text(reject.path), .text(reject.stage), .text(reject.reason)])
            }
        }
    }
}
