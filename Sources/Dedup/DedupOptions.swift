/// Settings of the dedup stage, from `stages.dedup` in pipeline.json.
///
/// The first four are the near-copy settings the config names (`shingle_size`, `permutations`,
/// `bands`, `threshold`); the others tune the same-story rule and the bucket cap and keep their
/// defaults unless a caller sets them.
///
///     DedupOptions(shingleSize: 5, permutations: 128, bands: 32, threshold: 0.5)
public struct DedupOptions: Sendable, Hashable, Codable {
    /// Words per shingle (shingles never cross a paragraph break).
    public var shingleSize: Int
    /// MinHash permutations (signature length); a multiple of `bands`.
    public var permutations: Int
    /// LSH bands; `permutations / bands` rows each.
    public var bands: Int
    /// Minimum verified Jaccard similarity of two stories' shingle sets to be near copies.
    /// No pair below it is ever merged as near copies.
    public var threshold: Double
    /// Minimum containment (shared shingles over the smaller set) that also makes two stories
    /// near copies, when the smaller one has at least `minContainmentShingles` shingles; never
    /// below `threshold`.
    public var containment: Double
    /// The smallest shingle set containment is trusted on.
    public var minContainmentShingles: Int
    /// Same story across outlets: publication dates at most this many days apart.
    public var sameStoryDays: Int
    /// Same story across outlets: at least this many shared distinct figures (value ≥ 10).
    public var sameStoryFigures: Int
    /// Same story across outlets: at least this share of the lighter story's content-word weight
    /// is shared with the other (content words: four letters or more, not stopwords, compared by
    /// their first five letters; each weighted by its inverse document frequency in the corpus).
    public var sameStoryWords: Double
    /// The most stories an LSH band bucket or a figure bucket compares against; larger buckets
    /// are cut (in canonical order) and reported in ``DedupResult/warnings``.
    public var maxBucket: Int

    /// Creates dedup settings.
    public init(
        shingleSize: Int = 5, permutations: Int = 128, bands: Int = 32, threshold: Double = 0.5,
        containment: Double = 0.9, minContainmentShingles: Int = 30, sameStoryDays: Int = 3,
        sameStoryFigures: Int = 2, sameStoryWords: Double = 0.2, maxBucket: Int = 200
    ) {
        self.shingleSize = shingleSize
        self.permutations = permutations
        self.bands = bands
        self.threshold = threshold
        self.containment = containment
        self.minContainmentShingles = minContainmentShingles
        self.sameStoryDays = sameStoryDays
        self.sameStoryFigures = sameStoryFigures
        self.sameStoryWords = sameStoryWords
        self.maxBucket = maxBucket
    }

    /// Rows per LSH band.
    public var rows: Int { bands > 0 ? permutations / bands : 0 }

    /// What is wrong with these settings, one message per problem naming the pipeline.json key
    /// (`stages.dedup.bands: 30 does not divide permutations (128)`); empty when they are usable.
    public var problems: [String] {
        var problems: [String] = []
        if shingleSize < 1 { problems.append("stages.dedup.shingle_size: expected an integer ≥ 1, got \(shingleSize)") }
        if permutations < 1 { problems.append("stages.dedup.permutations: expected an integer ≥ 1, got \(permutations)") }
        if bands < 1 || bands > permutations {
            problems.append("stages.dedup.bands: expected an integer between 1 and permutations (\(permutations)), got \(bands)")
        } else if permutations % bands != 0 {
            problems.append("stages.dedup.bands: \(bands) does not divide permutations (\(permutations))")
        }
        if !(threshold > 0 && threshold <= 1) { problems.append("stages.dedup.threshold: expected a number in (0, 1], got \(threshold)") }
        if !(containment > 0 && containment <= 1) { problems.append("stages.dedup.containment: expected a number in (0, 1], got \(containment)") }
        if minContainmentShingles < 1 { problems.append("stages.dedup.min_containment_shingles: expected an integer ≥ 1, got \(minContainmentShingles)") }
        if sameStoryDays < 0 { problems.append("stages.dedup.same_story_days: expected an integer ≥ 0, got \(sameStoryDays)") }
        if sameStoryFigures < 1 { problems.append("stages.dedup.same_story_figures: expected an integer ≥ 1, got \(sameStoryFigures)") }
        if !(sameStoryWords > 0 && sameStoryWords <= 1) { problems.append("stages.dedup.same_story_words: expected a number in (0, 1], got \(sameStoryWords)") }
        if maxBucket < 2 { problems.append("stages.dedup.max_bucket: expected an integer ≥ 2, got \(maxBucket)") }
        return problems
    }
}
