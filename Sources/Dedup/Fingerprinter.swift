import PipelineCore

/// What the per-document step keeps of one figure for corpus-wide deduplication.
///
///     FigureFingerprint(figureID: "d…-f3", key: FigureKey(category: "killed", unit: "soldato",
///                       value: 300, valueHigh: 300), charStart: 120)
public struct FigureFingerprint: Sendable, Hashable, Codable {
    /// The figure's id.
    public var figureID: String
    /// Category, unit and value range: what makes two mentions the same figure.
    public var key: FigureKey
    /// Its offset in the document text (orders mentions inside a story).
    public var charStart: Int

    /// Creates a figure fingerprint.
    public init(figureID: String, key: FigureKey, charStart: Int) {
        self.figureID = figureID
        self.key = key
        self.charStart = charStart
    }
}

/// What the per-document step keeps of a story for corpus-wide deduplication.
///
/// Only hashes are kept (a few kilobytes per story), so a corpus of 100 000 documents fits in
/// memory. The story's headline and any paragraph repeated inside the story are left out, so a
/// syndicated copy with a new headline, or a page that prints its headline three times, has the
/// same shingles as the original.
public struct StoryFingerprint: Sendable, Hashable, Codable {
    /// The story's id (`DOCID-sN`).
    public var storyID: String
    /// Its document's id.
    public var documentID: String
    /// Its document's path (a stable tie-breaker).
    public var path: String
    /// The story's position in its document.
    public var position: Int
    /// Its document's publication date.
    public var published: PartialDate?
    /// Stable hash of the story's normalized words, paragraph by paragraph (exact copies share it).
    public var exactHash: UInt64
    /// Sorted, distinct 32-bit hashes of the word shingles (shingles never cross a paragraph).
    public var shingles: [UInt32]
    /// One stable key per LSH band of the MinHash signature; empty when there are no shingles.
    public var bandKeys: [UInt64]
    /// Sorted, distinct 32-bit hashes of the stems (first five letters) of the content words
    /// (four letters or more, not stopwords).
    public var contentWords: [UInt32]
    /// The story's figures, in text order.
    public var figures: [FigureFingerprint]

    /// Creates a fingerprint.
    public init(
        storyID: String, documentID: String, path: String, position: Int, published: PartialDate?,
        exactHash: UInt64, shingles: [UInt32], bandKeys: [UInt64], contentWords: [UInt32], figures: [FigureFingerprint]
    ) {
        self.storyID = storyID
        self.documentID = documentID
        self.path = path
        self.position = position
        self.published = published
        self.exactHash = exactHash
        self.shingles = shingles
        self.bandKeys = bandKeys
        self.contentWords = contentWords
        self.figures = figures
    }
}

/// Computes the fingerprints of a document's stories: the per-document step of dedup, pure and
/// safe to run on many documents at once.
///
///     let fingerprints = Fingerprinter(options: options).run(document, figures: figures)
///     // one StoryFingerprint per story of the document, in story order
public struct Fingerprinter: Sendable {
    /// The settings in force.
    public let options: DedupOptions
    let minHasher: MinHasher
    let stopwords: Set<UInt64>

    /// Creates the step.
    public init(options: DedupOptions = DedupOptions()) {
        self.options = options
        self.minHasher = MinHasher(permutations: options.permutations, bands: options.bands)
        self.stopwords = DedupVocabulary.stopwords
    }

    /// One fingerprint per story of `document`.
    ///
    /// - Parameters:
    ///   - document: the ingested document.
    ///   - figures: the document's figures (from the extract stage); each is attached to the story
    ///     named by its `storyID`. Without figures, the same-story rule cannot join this
    ///     document's stories to other outlets' (near copies are still found).
    /// - Complexity: O(words × permutations) for the MinHash signature.
    public func run(_ document: Document, figures: [Figure] = []) -> [StoryFingerprint] {
        let scalars = document.text.unicodeScalars
        var titleKeys = Set<UInt64>()
        for title in [document.title] + document.stories.map(\.title) {
            if let title, let key = paragraphKey(WordHashes(title.unicodeScalars, stopwords: []).words) { titleKeys.insert(key) }
        }
        var figuresByStory: [String: [FigureFingerprint]] = [:]
        for figure in figures {
            figuresByStory[figure.storyID, default: []].append(
                FigureFingerprint(figureID: figure.id, key: FigureKey(figure), charStart: figure.charStart))
        }
        var locator = ScalarLocator(scalars)
        return document.stories.map { story in
            let lower = locator.index(at: story.charStart)
            let upper = locator.index(at: max(story.charStart, story.charEnd))
            var seen = titleKeys
            var exact = StableHash.mix(0x7374_6f72_7900)
            var shingles: [UInt32] = []
            var content: [UInt32] = []
            for paragraph in Self.paragraphs(scalars[lower..<upper]) {
                let words = WordHashes(paragraph, stopwords: stopwords)
                guard let key = paragraphKey(words.words), seen.insert(key).inserted else { continue }
                exact = StableHash.combine(exact, key)
                appendShingles(words.words, to: &shingles)
                for (stem, isContent) in zip(words.stems, words.isContent) where isContent {
                    content.append(UInt32(truncatingIfNeeded: stem ^ (stem >> 32)))
                }
            }
            let shingleSet = shingles.sortedUnique()
            return StoryFingerprint(
                storyID: story.id, documentID: document.id, path: document.path, position: story.position,
                published: document.published, exactHash: exact, shingles: shingleSet,
                bandKeys: minHasher.bandKeys(shingleSet), contentWords: content.sortedUnique(),
                figures: (figuresByStory[story.id] ?? []).sorted { ($0.charStart, $0.figureID) < ($1.charStart, $1.figureID) }
            )
        }
    }

    /// The paragraphs of a story body: blocks separated by a blank line (a line of spaces counts
    /// as blank).
    static func paragraphs(_ body: Substring.UnicodeScalarView) -> [Substring.UnicodeScalarView] {
        var result: [Substring.UnicodeScalarView] = []
        var start = body.startIndex
        var index = body.startIndex
        while index < body.endIndex {
            if body[index] == "\n" {
                var next = body.index(after: index)
                while next < body.endIndex, body[next] == " " || body[next] == "\t" || body[next] == "\r" { next = body.index(after: next) }
                if next < body.endIndex, body[next] == "\n" {
                    result.append(body[start..<index])
                    start = body.index(after: next)
                    index = start
                    continue
                }
            }
            index = body.index(after: index)
        }
        result.append(body[start..<body.endIndex])
        return result
    }

    /// The stable key of a paragraph's word sequence, or `nil` for a paragraph without words.
    func paragraphKey(_ words: [UInt64]) -> UInt64? {
        guard !words.isEmpty else { return nil }
        return words.reduce(StableHash.mix(UInt64(words.count))) { StableHash.combine($0, $1) }
    }

    /// Appends the hashes of the `shingleSize`-word windows of one paragraph (the whole paragraph
    /// when it is shorter).
    func appendShingles(_ words: [UInt64], to shingles: inout [UInt32]) {
        let size = max(options.shingleSize, 1)
        let windows = words.count >= size ? words.count - size + 1 : 1
        for start in 0..<windows {
            var hash = StableHash.mix(UInt64(size))
            for word in words[start..<min(start + size, words.count)] { hash = StableHash.combine(hash, word) }
            shingles.append(UInt32(truncatingIfNeeded: hash ^ (hash >> 32)))
        }
    }
}

/// Turns ascending Unicode-scalar offsets into string indices in one forward pass.
struct ScalarLocator {
    let scalars: String.UnicodeScalarView
    var index: String.Index
    var offset = 0

    init(_ scalars: String.UnicodeScalarView) {
        self.scalars = scalars
        self.index = scalars.startIndex
    }

    /// The index of scalar `target` (clamped to the text); fastest when targets ascend.
    mutating func index(at target: Int) -> String.Index {
        if target < offset {
            index = scalars.startIndex
            offset = 0
        }
        while offset < target, index < scalars.endIndex {
            index = scalars.index(after: index)
            offset += 1
        }
        return index
    }
}
