import PipelineCore

/// Settings of near-duplicate detection, from `stages.dedup` in pipeline.json.
public struct DedupOptions: Sendable, Hashable, Codable {
    /// Words per shingle.
    public var shingleSize: Int
    /// MinHash permutations (signature length); a multiple of `bands`.
    public var permutations: Int
    /// LSH bands; `permutations / bands` rows each.
    public var bands: Int
    /// Minimum verified Jaccard similarity of two stories' shingle sets to be near copies.
    public var threshold: Double

    /// Creates dedup settings.
    public init(shingleSize: Int = 5, permutations: Int = 128, bands: Int = 32, threshold: Double = 0.5) {
        self.shingleSize = shingleSize
        self.permutations = permutations
        self.bands = bands
        self.threshold = threshold
    }
}

/// What the per-document step keeps of a story for corpus-wide deduplication.
public struct StoryFingerprint: Sendable, Hashable, Codable {
    /// The story's id.
    public var storyID: String
    /// Its document's id.
    public var documentID: String
    /// Its document's path (a stable tie-breaker).
    public var path: String
    /// Its document's publication date.
    public var published: PartialDate?
    /// Stable hash of the story's normalized text (exact copies share it).
    public var exactHash: UInt64

    /// Creates a fingerprint.
    public init(storyID: String, documentID: String, path: String, published: PartialDate?, exactHash: UInt64) {
        self.storyID = storyID
        self.documentID = documentID
        self.path = path
        self.published = published
        self.exactHash = exactHash
    }
}

/// Computes the fingerprints of a document's stories (a pure per-document step).
public struct Fingerprinter: Sendable {
    /// The settings in force.
    public let options: DedupOptions

    /// Creates the step.
    public init(options: DedupOptions = DedupOptions()) { self.options = options }

    /// One fingerprint per story of `document`.
    public func run(_ document: Document) -> [StoryFingerprint] {
        let text = ScalarText(document.text)
        return document.stories.map { story in
            let body = text[story.charStart..<story.charEnd].lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            return StoryFingerprint(
                storyID: story.id, documentID: document.id, path: document.path, published: document.published,
                exactHash: StableHash.fnv1a64(body)
            )
        }
    }
}

/// Where a story landed after deduplication.
public struct StoryCluster: Sendable, Hashable, Codable {
    /// Shared by every story telling the same story.
    public var clusterID: String
    /// The cluster's canonical story, when this one is a copy of it.
    public var duplicateOf: String?
    /// Similarity to the canonical story (0–1), when a copy.
    public var similarity: Double?

    /// Creates a cluster assignment.
    public init(clusterID: String, duplicateOf: String?, similarity: Double?) {
        self.clusterID = clusterID
        self.duplicateOf = duplicateOf
        self.similarity = similarity
    }
}

/// The corpus-wide dedup step.
public struct Deduplicator: Sendable {
    /// The settings in force.
    public let options: DedupOptions

    /// Creates the step.
    public init(options: DedupOptions = DedupOptions()) { self.options = options }

    /// Assigns every story a cluster; the canonical story is the earliest published, ties broken by path and id.
    public func run(_ stories: [StoryFingerprint]) -> [String: StoryCluster] {
        let ordered = stories.sorted { a, b in
            let ka = (a.published?.firstDay.ordinal ?? Int.max, a.path, a.storyID)
            let kb = (b.published?.firstDay.ordinal ?? Int.max, b.path, b.storyID)
            return ka < kb
        }
        var canonicalByHash: [UInt64: String] = [:]
        var result: [String: StoryCluster] = [:]
        for story in ordered {
            if let canonical = canonicalByHash[story.exactHash] {
                result[story.storyID] = StoryCluster(clusterID: "c-" + canonical, duplicateOf: canonical, similarity: 1)
            } else {
                canonicalByHash[story.exactHash] = story.storyID
                result[story.storyID] = StoryCluster(clusterID: "c-" + story.storyID, duplicateOf: nil, similarity: nil)
            }
        }
        return result
    }
}
