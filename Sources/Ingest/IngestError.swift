/// Why an input could not become a document. Each case becomes a `rejects` row.
///
///     IngestError.notAnArticle("12 teaser headlines, no article body").reason
///     // "not_an_article: 12 teaser headlines, no article body"
public enum IngestError: Error, Sendable, Hashable {
    /// The file has no bytes, or only whitespace.
    case empty
    /// The bytes are not text (control bytes, NUL runs, an image or archive).
    case binary
    /// The file is larger than `stages.ingest.max_bytes`.
    case tooLarge(bytes: Int, limit: Int)
    /// The HTML nests elements deeper than `stages.ingest.max_depth`.
    case tooDeep(limit: Int)
    /// The bytes could not be decoded or parsed; the detail says why.
    case undecodable(String)
    /// A section front, tag page or list of teasers rather than an article.
    case notAnArticle(String)

    /// The reason written to `rejects.reason`: a short code, then `: ` and an explanation.
    public var reason: String {
        switch self {
        case .empty: "empty: the file has no text"
        case .binary: "binary: the file is not text or HTML"
        case .tooLarge(let bytes, let limit): "too_large: \(bytes) bytes, limit \(limit) (stages.ingest.max_bytes)"
        case .tooDeep(let limit): "too_deep: HTML nested deeper than \(limit) (stages.ingest.max_depth)"
        case .undecodable(let detail): "undecodable: \(detail)"
        case .notAnArticle(let detail): "not_an_article: \(detail)"
        }
    }
}
