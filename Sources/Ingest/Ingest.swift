import PipelineCore
import Foundation

/// Limits that protect a run from hostile or broken inputs.
public struct IngestOptions: Sendable, Hashable, Codable {
    /// Files larger than this many bytes are rejected with reason `too_large`.
    public var maxBytes: Int
    /// HTML nested deeper than this is rejected with reason `too_deep`.
    public var maxDepth: Int

    /// Creates ingest limits.
    public init(maxBytes: Int = 50_000_000, maxDepth: Int = 512) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
    }
}

/// Why an input could not become a document. Each case becomes a `rejects` row.
public enum IngestError: Error, Sendable, Hashable {
    case empty
    case binary
    case tooLarge(bytes: Int, limit: Int)
    case tooDeep(limit: Int)
    case undecodable(String)
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

/// The ingest stage: bytes in, a ``Document`` (main text, metadata, stories) out.
public struct Ingest: Sendable {
    /// The limits in force.
    public let options: IngestOptions

    /// Creates the stage.
    public init(options: IngestOptions = IngestOptions()) {
        self.options = options
    }

    /// Reads one input file.
    ///
    /// - Throws: ``IngestError`` when the input cannot be used; the runner records it in `rejects`.
    public func run(_ raw: RawDocument) throws(IngestError) -> Document {
        guard raw.bytes.count <= options.maxBytes else { throw .tooLarge(bytes: raw.bytes.count, limit: options.maxBytes) }
        guard !raw.bytes.isEmpty else { throw .empty }
        guard !raw.bytes.contains(0) else { throw .binary }
        let text = String(decoding: raw.bytes, as: UTF8.self)
        let body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else { throw .empty }
        let story = Story(documentID: raw.id, position: 0, title: nil, charStart: 0, charEnd: body.unicodeScalars.count)
        return Document(
            id: raw.id, path: raw.path, format: .text, encoding: "utf-8", title: nil, published: nil,
            outlet: nil, text: body, stories: [story], contentSHA256: SHA256Digest.hex(of: raw.bytes)
        )
    }
}
