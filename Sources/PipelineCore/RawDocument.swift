/// The bytes of one input file, as the runner found them, before any stage has looked inside.
///
/// `path` is relative to the input root it was found under and is what `doc_id` is derived
/// from, so the same file keeps the same id across runs and machines.
public struct RawDocument: Sendable, Hashable {
    /// Stable identifier derived from `path` (see ``DocumentID``).
    public var id: String
    /// Path relative to its input root, with `/` separators.
    public var path: String
    /// The file's bytes, unmodified.
    public var bytes: [UInt8]

    /// Creates a raw document; the id is derived from the path.
    public init(path: String, bytes: [UInt8]) {
        self.id = DocumentID.make(path: path)
        self.path = path
        self.bytes = bytes
    }
}

/// How a document's text is stored.
public enum DocumentFormat: String, Sendable, Codable, Hashable {
    case text
    case html
}

/// Derives stable document and row identifiers from stable keys.
public enum DocumentID {
    /// `d` followed by 16 hex digits of the stable hash of the relative path.
    ///
    ///     DocumentID.make(path: "notizie/2025/kursk.html")   // "d3f0…" (same on every run)
    public static func make(path: String) -> String {
        "d" + StableHash.hex(StableHash.fnv1a64(path))
    }
}
