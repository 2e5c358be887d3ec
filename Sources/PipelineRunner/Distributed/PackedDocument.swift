import Foundation
import PipelineCore

/// One input file as a line of JSON: what `pipeline pack` writes and `pipeline map` reads.
///
/// `format` says how `content` holds the file's bytes: `text` (the bytes are valid UTF-8 and
/// `content` is that text) or `base64`. A file that could not be read, or that discovery
/// refused, is packed with `reject` instead of content, so it still reaches `rejects`.
///
///     {"content":"Kursk, inviati 11mila soldati…","format":"text","id":"d3f0a1…","path":"ansa/kursk.txt"}
///     {"id":"d9…","path":"foto.bin","reject":{"path":"foto.bin","reason":"too_large: …","stage":"ingest"}}
public struct PackedDocument: Sendable, Hashable, Codable {
    /// How `content` holds the bytes.
    public enum ContentFormat: String, Sendable, Hashable, Codable {
        /// UTF-8 text.
        case text
        /// Base64 of the raw bytes.
        case base64
    }

    /// The document id (`d` + 16 hex digits of the path's stable hash); checked against `path`.
    public var id: String?
    /// Path relative to its input root: the document's identity.
    public var path: String
    /// How `content` holds the bytes.
    public var format: ContentFormat?
    /// The bytes, as text or base64.
    public var content: String?
    /// Why the file is not a document, when pack already knows.
    public var reject: Reject?

    /// Packs the bytes of a file: as text when they are valid UTF-8, else as base64.
    public init(path: String, bytes: [UInt8]) {
        id = DocumentID.make(path: path)
        self.path = path
        if let text = String(validating: bytes, as: UTF8.self) {
            format = .text
            content = text
        } else {
            format = .base64
            content = Data(bytes).base64EncodedString()
        }
    }

    /// Packs a file that is already a reject row.
    public init(reject: Reject) {
        id = DocumentID.make(path: reject.path)
        path = reject.path
        self.reject = reject
    }

    /// The file as the pipeline reads it, or its reject row.
    ///
    /// - Throws: a reason naming the field, when the record is inconsistent.
    public func unpack() throws(ShuffleError.Reason) -> Unpacked {
        if let id, id != DocumentID.make(path: path) {
            throw ShuffleError.Reason("\"id\" \(id) is not the id of \"path\" (\(DocumentID.make(path: path)))")
        }
        if let reject { return .rejected(reject) }
        guard let content else { throw ShuffleError.Reason("\"content\" is missing (expected text or base64 bytes)") }
        switch format ?? .text {
        case .text:
            return .raw(RawDocument(path: path, bytes: Array(content.utf8)))
        case .base64:
            guard let data = Data(base64Encoded: content) else { throw ShuffleError.Reason("\"content\" is not valid base64 although \"format\" is \"base64\"") }
            return .raw(RawDocument(path: path, bytes: [UInt8](data)))
        }
    }

    /// What a record holds.
    public enum Unpacked: Sendable, Hashable {
        /// A file's bytes.
        case raw(RawDocument)
        /// A reject row.
        case rejected(Reject)
    }
}

extension ShuffleError {
    /// A reason without a place, thrown by record checks and placed by the caller.
    public struct Reason: Error, Sendable, Hashable {
        /// The reason.
        public var text: String
        /// Creates a reason.
        public init(_ text: String) { self.text = text }
    }
}
