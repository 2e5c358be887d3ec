import PipelineCore

/// Limits and choices of the ingest stage, resolved from `stages.ingest` in the config.
///
///     IngestOptions(maxBytes: 5_000_000, maxDepth: 256)   // a stricter run
public struct IngestOptions: Sendable, Hashable, Codable {
    /// Files larger than this many bytes are rejected with reason `too_large`.
    public var maxBytes: Int
    /// HTML nested deeper than this is rejected with reason `too_deep` (libxml2 itself stops at 256).
    public var maxDepth: Int
    /// HTML whose main text is shorter than this many characters is rejected as `not_an_article`.
    public var minArticleChars: Int
    /// Whether an HTML page's headline opens `Document.text` as its own paragraph (as in text files).
    public var headlineInText: Bool

    /// Creates ingest options.
    public init(maxBytes: Int = 50_000_000, maxDepth: Int = 256, minArticleChars: Int = 80, headlineInText: Bool = true) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.minArticleChars = minArticleChars
        self.headlineInText = headlineInText
    }
}

/// The ingest stage: bytes in, a ``Document`` (main text, metadata, stories) out.
///
///     let doc = try Ingest().run(RawDocument(path: "kursk.txt", bytes: Array(" date 2025-02 Truppe a Kursk\n\nPyongyang ha inviato 1.000 soldati.".utf8)))
///     doc.published?.iso   // "2025-02"
///     doc.title            // "Truppe a Kursk"
public struct Ingest: Sendable {
    /// The limits in force.
    public let options: IngestOptions

    /// Creates the stage.
    public init(options: IngestOptions = IngestOptions()) {
        self.options = options
    }

    /// Reads one input file: checks limits, decodes, extracts the main text and metadata, and
    /// splits the stories.
    ///
    /// - Throws: ``IngestError`` when the input cannot be used; the runner records it in `rejects`.
    public func run(_ raw: RawDocument) throws(IngestError) -> Document {
        try InputLimits.check(raw.bytes, options: options)
        let format = FormatSniffer.format(path: raw.path, bytes: raw.bytes)
        let decoded = EncodingDetector.decode(raw.bytes, declaredIn: format == .html)
        let draft: DraftDocument
        switch format {
        case .html:
            draft = try HTMLDocumentReader.read(decoded.utf8, path: raw.path, options: options)
        case .text:
            draft = TextFileReader.read(decoded.utf8)
        }
        return try draft.finish(raw: raw, format: format, encoding: decoded.encoding)
    }
}

/// Decides whether a file is HTML or plain text, from its extension and, failing that, its bytes.
enum FormatSniffer {
    private static let htmlExtensions: Set<String> = ["html", "htm", "xhtml", "shtml", "xht", "php", "asp", "aspx", "jsp"]
    private static let markers = ["<!doctype html", "<html", "<head", "<body", "<meta", "<div", "<p>", "<article", "<?xml"]

    static func format(path: String, bytes: [UInt8]) -> DocumentFormat {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if let dot = name.lastIndex(of: ".") {
            let ext = name[name.index(after: dot)...].lowercased()
            if htmlExtensions.contains(ext) { return .html }
            if ext == "txt" || ext == "text" || ext == "md" { return .text }
        }
        var head: [UInt8] = []
        var i = 0
        while i < bytes.count && head.count < 1024 {
            let b = bytes[i]
            i += 1
            if b == 0 { continue }  // UTF-16 markup reads the same once its zero bytes are skipped
            if head.isEmpty && (InputLimits.isSpace(b) || b >= 0x80) { continue }
            head.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
        }
        guard head.first == UInt8(ascii: "<") else { return .text }
        let text = String(decoding: head, as: UTF8.self)
        return markers.contains { text.contains($0) } ? .html : .text
    }
}

extension Ingest {
    /// Decodes and parses an HTML file with libxml2 and nothing more (no page model, main text
    /// or metadata): the baseline that `ingest-bench` compares the full stage against.
    ///
    ///     Ingest.parseOnly(Array("<p>Kiev</p>".utf8))   // number of top-level elements parsed
    public static func parseOnly(_ bytes: [UInt8]) -> Int {
        HTMLReader.parseOnly(EncodingDetector.decode(bytes, declaredIn: true).utf8)
    }
}
