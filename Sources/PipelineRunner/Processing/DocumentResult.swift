import Dedup
import PipelineCore

/// What the runner keeps of one accepted document once its per-document stages are done.
///
/// Compact (no full text) and `Codable`, so that a run holds only these while the texts come
/// and go, and a cache or another process can store and ship them.
public struct DocumentResult: Sendable, Hashable, Codable {
    /// The document's metadata and stories.
    public var record: DocumentRecord
    /// Its date expressions, in text order.
    public var dates: [DateMention]
    /// Its figures, in text order.
    public var figures: [Figure]
    /// Its stories' fingerprints.
    public var fingerprints: [StoryFingerprint]

    /// Creates a result.
    public init(record: DocumentRecord, dates: [DateMention], figures: [Figure], fingerprints: [StoryFingerprint]) {
        self.record = record
        self.dates = dates
        self.figures = figures
        self.fingerprints = fingerprints
    }
}

/// A ``Document`` without its text: what the `documents` and `stories` tables need.
public struct DocumentRecord: Sendable, Hashable, Codable {
    /// `doc_id`.
    public var id: String
    /// Path relative to its input root.
    public var path: String
    /// `text` or `html`.
    public var format: DocumentFormat
    /// Encoding the bytes were decoded with.
    public var encoding: String
    /// Headline.
    public var title: String?
    /// Publication date found in the document.
    public var published: PartialDate?
    /// Outlet, when known.
    public var outlet: String?
    /// Unicode scalars of the text.
    public var chars: Int
    /// Words of the text.
    public var words: Int
    /// The stories, in reading order.
    public var stories: [Story]
    /// SHA-256 of the input bytes.
    public var contentSHA256: String

    /// Keeps the metadata of `document`.
    public init(_ document: Document) {
        id = document.id
        path = document.path
        format = document.format
        encoding = document.encoding
        title = document.title
        published = document.published
        outlet = document.outlet
        chars = document.chars
        words = document.words
        stories = document.stories
        contentSHA256 = document.contentSHA256
    }

    /// Creates a record from its fields (the result cache reads records back with it).
    init(
        id: String, path: String, format: DocumentFormat, encoding: String, title: String?, published: PartialDate?,
        outlet: String?, chars: Int, words: Int, stories: [Story], contentSHA256: String
    ) {
        self.id = id
        self.path = path
        self.format = format
        self.encoding = encoding
        self.title = title
        self.published = published
        self.outlet = outlet
        self.chars = chars
        self.words = words
        self.stories = stories
        self.contentSHA256 = contentSHA256
    }

    /// The story an offset belongs to: the one whose body contains it, else the last one that
    /// starts before it, else the first.
    public func storyID(at offset: Int) -> String? {
        if let story = stories.first(where: { $0.charStart <= offset && offset < $0.charEnd }) { return story.id }
        return (stories.last { $0.charStart <= offset } ?? stories.first)?.id
    }
}

/// What became of one input file: a document, or a reject row.
public enum DocumentOutcome: Sendable, Hashable, Codable {
    /// The file became a document.
    case accepted(DocumentResult)
    /// The file could not be used.
    case rejected(Reject)
}
