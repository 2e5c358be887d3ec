/// A document after ingest: its main text, metadata and the stories it holds.
///
/// `text` is NFC-normalized; paragraphs are separated by a blank line (`"\n\n"`). Every offset
/// downstream (stories, numbers, dates, figures) counts Unicode scalars of this text.
public struct Document: Sendable, Hashable, Codable {
    /// Stable id derived from the relative path (see ``DocumentID``).
    public var id: String
    /// Path relative to its input root.
    public var path: String
    /// Whether the input was plain text or HTML.
    public var format: DocumentFormat
    /// The character encoding the bytes were decoded with (`utf-8`, `windows-1252`, `utf-16le`…).
    public var encoding: String
    /// Headline, when the document has one.
    public var title: String?
    /// Publication date from the document itself (a ` date YYYY-MM` line, meta tags, JSON-LD…).
    public var published: PartialDate?
    /// Outlet or agency (`Adnkronos`, `ANSA`, og:site_name), when known.
    public var outlet: String?
    /// The main text, NFC-normalized, paragraphs separated by `"\n\n"`.
    public var text: String
    /// The stories found in `text`, in reading order; never empty for an accepted document.
    public var stories: [Story]
    /// Lowercase hex SHA-256 of the input bytes.
    public var contentSHA256: String

    /// Creates a document.
    public init(
        id: String, path: String, format: DocumentFormat, encoding: String, title: String?,
        published: PartialDate?, outlet: String?, text: String, stories: [Story], contentSHA256: String
    ) {
        self.id = id
        self.path = path
        self.format = format
        self.encoding = encoding
        self.title = title
        self.published = published
        self.outlet = outlet
        self.text = text
        self.stories = stories
        self.contentSHA256 = contentSHA256
    }

    /// Number of Unicode scalars in `text`.
    public var chars: Int { text.unicodeScalars.count }

    /// Number of words (maximal runs of letters or digits) in `text`.
    public var words: Int { TextMetrics.wordCount(text) }
}

/// One story of a document: the main article, or a short "Titolo - corpo" item appended to it.
public struct Story: Sendable, Hashable, Codable {
    /// `DOCID-sN`, stable for the same document and position.
    public var id: String
    /// 0 for the first story of the document, then 1, 2…
    public var position: Int
    /// The story's headline, when it has one.
    public var title: String?
    /// Start of the story's body in the document text (Unicode scalars, inclusive).
    public var charStart: Int
    /// End of the story's body in the document text (Unicode scalars, exclusive).
    public var charEnd: Int

    /// Creates a story of document `documentID` at `position`.
    public init(documentID: String, position: Int, title: String?, charStart: Int, charEnd: Int) {
        self.id = "\(documentID)-s\(position)"
        self.position = position
        self.title = title
        self.charStart = charStart
        self.charEnd = charEnd
    }

    /// Number of Unicode scalars in the story's body.
    public var chars: Int { charEnd - charStart }
}

/// Counting helpers shared by the stages and the writers.
public enum TextMetrics {
    /// Counts maximal runs of letters and digits.
    ///
    /// ASCII is classified directly; other scalars through their Unicode properties.
    public static func wordCount(_ text: String) -> Int {
        var count = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            let isWord: Bool
            if scalar.isASCII {
                let value = scalar.value
                isWord = (value >= 0x30 && value <= 0x39) || ((value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A)
            } else {
                isWord = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            }
            if isWord && !inWord { count += 1 }
            inWord = isWord
        }
        return count
    }
}

/// An input that could not be used, and why. Every input file ends up in the dataset or here.
public struct Reject: Sendable, Hashable, Codable {
    /// Path relative to its input root (or as configured, when the root itself is missing).
    public var path: String
    /// The stage that refused it: `discover`, `read`, `ingest`, `normalize`, `extract`.
    public var stage: String
    /// A short machine-readable reason (`binary`, `empty`, `too_large`, `not_an_article`…),
    /// optionally followed by `: ` and a human explanation.
    public var reason: String

    /// Creates a reject row.
    public init(path: String, stage: String, reason: String) {
        self.path = path
        self.stage = stage
        self.reason = reason
    }
}
