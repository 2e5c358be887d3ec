import CSupport
import Foundation
import PipelineCore

/// How a story came to share its cluster with the cluster's canonical story.
public enum StoryMatch: String, Sendable, Hashable, Codable {
    /// The same words, paragraph by paragraph, as its near-copy group's first story.
    case exact
    /// A near copy: verified shingle similarity at or above the threshold.
    case nearCopy = "near_copy"
    /// The same story told differently by another outlet: shared figures, close publication
    /// dates and shared content words (no near copy of the canonical story).
    case sameStory = "same_story"
}

/// Where a story landed after deduplication: a row's `cluster_id`, `duplicate_of`, `similarity`.
public struct StoryCluster: Sendable, Hashable, Codable {
    /// Shared by every story telling the same story: `c` + 16 hex digits of the stable hash of
    /// the cluster's canonical story id.
    public var clusterID: String
    /// The first story (earliest published) of this story's near-copy group, when this story is
    /// an exact or near copy of it; `nil` for that first story and for stories joined only by the
    /// same-story rule.
    public var duplicateOf: String?
    /// Verified similarity to `duplicateOf` (Jaccard of shingle sets, or containment when that
    /// decided), 0–1; `nil` when `duplicateOf` is `nil`.
    public var similarity: Double?
    /// Why the story is in a cluster whose canonical story it is not; `nil` for the canonical story.
    public var match: StoryMatch?
    /// Whether this story is its cluster's canonical story (earliest published, ties by path,
    /// position and id).
    public var isCanonical: Bool

    /// Creates a cluster assignment.
    public init(clusterID: String, duplicateOf: String?, similarity: Double?, match: StoryMatch? = nil, isCanonical: Bool = false) {
        self.clusterID = clusterID
        self.duplicateOf = duplicateOf
        self.similarity = similarity
        self.match = match
        self.isCanonical = isCanonical
    }
}

/// Where a figure landed after deduplication: a row's `cluster_id` and `repeat_of`.
public struct FigureCluster: Sendable, Hashable, Codable {
    /// The story cluster of the figure's story.
    public var clusterID: String
    /// The figure id of the first report of the same figure (category, unit, value range) in the
    /// same story cluster, when this one is a repeat; `nil` for the first report.
    public var repeatOf: String?

    /// Creates a figure assignment.
    public init(clusterID: String, repeatOf: String?) {
        self.clusterID = clusterID
        self.repeatOf = repeatOf
    }
}

/// Counts that show how much work dedup did (for run.json and the benchmark).
public struct DedupStatistics: Sendable, Hashable, Codable {
    /// Stories seen.
    public var stories = 0
    /// Stories that are exact copies of an earlier one.
    public var exactCopies = 0
    /// Candidate pairs from LSH band buckets whose similarity was computed exactly.
    public var candidatePairs = 0
    /// Candidates verified at or above the threshold and merged as near copies.
    public var nearCopies = 0
    /// Candidate pairs considered by the same-story rule (sharing figures, close dates).
    public var sameStoryCandidates = 0
    /// Near-copy groups joined by the same-story rule.
    public var sameStoryJoins = 0
    /// LSH or figure buckets that reached `maxBucket`.
    public var cappedBuckets = 0
    /// Clusters in the result.
    public var clusters = 0

    /// Creates empty statistics.
    public init() {}
}

/// The outcome of corpus-wide deduplication, aligned with the fingerprints it was computed from:
/// one story assignment per fingerprint ("row"), one figure assignment per fingerprint figure
/// ("slot": the fingerprints' figures in order, story after story).
///
/// Assignments are kept as numbers (rows and slots) and turned into ids only when asked for, so a
/// caller that writes them reads each once, and dedup allocates no string per story or figure.
/// Positions, not ids, index the result; ``stories`` and ``figures`` give them by id.
///
///     let result = Deduplicator(options: options).run(fingerprints)
///     result.storyCluster(at: 0).clusterID       // the cluster of fingerprints[0]
///     result.stories["d…-s0"]?.clusterID        // the same, by id
public struct DedupResult: Sendable, Equatable {
    /// Problems worth a line in run.json (capped buckets), in a stable order.
    public var warnings: [String]
    /// Work counters.
    public var statistics: DedupStatistics
    /// The fingerprints the assignments are aligned with (their ids key ``stories`` and ``figures``).
    public let fingerprints: [StoryFingerprint]
    /// Each row's cluster: the row of the cluster's canonical story.
    private let canonicalRow: [Int32]
    /// Each row's near-copy group leader when the story is a copy of it, else -1.
    private let leaderRow: [Int32]
    /// Each row's verified similarity to its leader (NaN for none).
    private let similarity: [Double]
    /// Each row's match.
    private let match: [StoryMatch?]
    /// Where each row's figures start among the slots (one more entry for the end).
    private let firstSlot: [Int32]
    /// Each slot's first report, as (row, figure offset), when it is a repeat; row -1 otherwise.
    private let firstReport: [(row: Int32, offset: Int32)]

    /// Creates a result from compact assignments aligned with `fingerprints` (see ``Deduplicator``).
    init(
        fingerprints: [StoryFingerprint], canonicalRow: [Int32], leaderRow: [Int32], similarity: [Double], match: [StoryMatch?],
        firstSlot: [Int32], firstReport: [(row: Int32, offset: Int32)], warnings: [String], statistics: DedupStatistics
    ) {
        precondition(canonicalRow.count == fingerprints.count && firstSlot.count == fingerprints.count + 1, "assignments not aligned with the fingerprints")
        self.fingerprints = fingerprints
        self.canonicalRow = canonicalRow
        self.leaderRow = leaderRow
        self.similarity = similarity
        self.match = match
        self.firstSlot = firstSlot
        self.firstReport = firstReport
        self.warnings = warnings
        self.statistics = statistics
    }

    /// The cluster of the story at `row`, as a number shared by the cluster's stories only (the
    /// row of its canonical story).
    public func clusterNumber(ofStoryAt row: Int) -> Int32 { canonicalRow[row] }

    /// The cluster id of the story at `row`: `c` + 16 hex digits of the stable hash of the
    /// cluster's canonical story id.
    public func clusterID(ofStoryAt row: Int) -> String {
        Self.clusterID(canonicalStoryID: fingerprints[Int(canonicalRow[row])].storyID)
    }

    /// The cluster id of a cluster whose canonical story is `canonicalStoryID`.
    static func clusterID(canonicalStoryID: String) -> String { "c" + StableHash.hex(StableHash.fnv1a64(canonicalStoryID)) }

    /// The assignment of the story at `row`.
    public func storyCluster(at row: Int) -> StoryCluster {
        let leader = Int(leaderRow[row])
        return StoryCluster(
            clusterID: clusterID(ofStoryAt: row), duplicateOf: leader < 0 ? nil : fingerprints[leader].storyID,
            similarity: similarity[row].isNaN ? nil : similarity[row], match: match[row], isCanonical: Int(canonicalRow[row]) == row
        )
    }

    /// The figure id of the first report of the figure at `slot`, when it is a repeat.
    public func repeatOf(figureAt slot: Int) -> String? {
        let first = firstReport[slot]
        return first.row < 0 ? nil : fingerprints[Int(first.row)].figures[Int(first.offset)].figureID
    }

    /// The slots of the figures of the story at `row`.
    public func figureSlots(ofStoryAt row: Int) -> Range<Int> { Int(firstSlot[row])..<Int(firstSlot[row + 1]) }

    /// The cluster of each story, in the order of the fingerprints given to ``Deduplicator/run(_:candidates:)``.
    public var storyClusters: [StoryCluster] { fingerprints.indices.map { storyCluster(at: $0) } }

    /// The cluster and repeat of each figure: the fingerprints' figures in order, story after story.
    public var figureClusters: [FigureCluster] {
        var clusters: [FigureCluster] = []
        clusters.reserveCapacity(firstReport.count)
        for row in fingerprints.indices {
            let clusterID = clusterID(ofStoryAt: row)
            for slot in figureSlots(ofStoryAt: row) { clusters.append(FigureCluster(clusterID: clusterID, repeatOf: repeatOf(figureAt: slot))) }
        }
        return clusters
    }

    /// Every story's cluster, by story id (a dictionary built on each call).
    public var stories: [String: StoryCluster] {
        Dictionary(zip(fingerprints.lazy.map(\.storyID), storyClusters), uniquingKeysWith: { first, _ in first })
    }

    /// Every figure's cluster and repeat, by figure id (a dictionary built on each call).
    public var figures: [String: FigureCluster] {
        Dictionary(zip(fingerprints.lazy.flatMap(\.figures).map(\.figureID), figureClusters), uniquingKeysWith: { first, _ in first })
    }

    /// Two results are equal when they assign every story and figure id alike, whatever the
    /// order of their fingerprints, and have the same warnings and counters.
    public static func == (lhs: DedupResult, rhs: DedupResult) -> Bool {
        lhs.warnings == rhs.warnings && lhs.statistics == rhs.statistics && lhs.stories == rhs.stories && lhs.figures == rhs.figures
    }
}

/// The corpus-wide dedup step: clusters stories and marks repeated figures.
///
/// Stories are taken in canonical order — earliest published first (undated last), ties broken
/// by path, position and story id — so the result depends only on the set of fingerprints, not
/// on their order or on how many threads produced them.
///
/// 1. **Exact copies**: the same `exactHash` as an earlier story.
/// 2. **Near copies**: every remaining story looks up the earlier group leaders that share one of
///    its LSH band keys, computes the exact Jaccard similarity of the shingle sets (or the
///    containment, when the smaller set has at least `minContainmentShingles` shingles), and
///    joins the most similar leader at or above the threshold (`containment` for containment);
///    otherwise it leads a new group. No pair below the threshold is merged, and a member is
///    always compared with its group's leader itself (no chaining).
/// 3. **Same story across outlets**: two groups are joined when their leaders were published at
///    most `sameStoryDays` apart (both dated to the month or the day), share at least
///    `sameStoryFigures` distinct figures with a value of 10 or more (same category and value
///    range), and share at least `sameStoryWords` of the lighter story's content-word weight
///    (stems weighted by inverse document frequency). Candidates come from figure buckets sorted by date, never from all pairs.
/// 4. A cluster's canonical story is its earliest member in canonical order; its id is
///    `c` + the stable hash of that story's id.
/// 5. In each cluster, figures are walked in canonical story order and text order; the first
///    mention of a figure key is its first report, later ones are `repeat_of` it.
///
/// - Complexity: near-linear: each story is compared with the leaders in its buckets, at most
///   `maxBucket` per bucket.
public struct Deduplicator: Sendable {
    /// The settings in force.
    public let options: DedupOptions

    /// Creates the step.
    public init(options: DedupOptions = DedupOptions()) { self.options = options }

    /// Clusters the stories of the whole corpus.
    ///
    ///     let result = Deduplicator(options: options).run(allFingerprints)
    ///     result.stories["d…-s0"]?.clusterID   // "c5b0…"
    ///
    /// - Parameters:
    ///   - fingerprints: every story of the corpus.
    ///   - candidates: near-copy candidate pairs computed elsewhere (by `pipeline reduce` from the
    ///     band lines of `pipeline map`); `nil` to find them here from the band keys. Both give the
    ///     same result (see ``BandBucket``).
    public func run(_ fingerprints: [StoryFingerprint], candidates: CandidatePairs? = nil) -> DedupResult {
        var statistics = DedupStatistics()
        statistics.stories = fingerprints.count
        let order = Self.canonicalOrder(fingerprints)
        let stories = CanonicalStories(fingerprints, order: order)  // canonical order from here on
        var warnings: [String] = []

        // 1–2. Exact and near-copy groups.
        var groups = NearCopyGrouping(options: options, count: stories.count)
        groups.run(stories, partners: candidates.map { $0.partners(of: stories) }, statistics: &statistics)
        if let candidates { groups.cappedBuckets = candidates.cappedBuckets }
        if groups.cappedBuckets > 0 {
            warnings.append("dedup: \(groups.cappedBuckets) LSH band bucket(s) reached max_bucket (\(options.maxBucket)); near copies sharing only those buckets may be missed")
        }

        // 3. Same story across outlets, over the group leaders.
        var union = UnionFind(count: stories.count)
        let capped = SameStoryRule(options: options).join(stories, leaders: groups.leaders, union: &union, statistics: &statistics)
        if capped > 0 {
            warnings.append("dedup: \(capped) figure bucket(s) reached max_bucket (\(options.maxBucket)); same-story candidates beyond it were not compared")
        }
        statistics.cappedBuckets = groups.cappedBuckets + capped

        // 4. Clusters: a story's cluster is the union-find root of its group leader, which is the
        // earliest story of the cluster because roots are always the smaller canonical index.
        // Everything is written by row (the caller's position) as numbers; ids are made on demand.
        var canonicalRow = [Int32](repeating: -1, count: stories.count)
        var leaderRow = [Int32](repeating: -1, count: stories.count)
        var similarity = [Double](repeating: .nan, count: stories.count)
        var match = [StoryMatch?](repeating: nil, count: stories.count)
        for index in 0..<stories.count {
            let leader = groups.leader[index]
            let root = union.find(leader)
            let row = order[index]
            canonicalRow[row] = Int32(order[root])
            if root == index { statistics.clusters += 1 }
            if index != leader {
                leaderRow[row] = Int32(order[leader])
                similarity[row] = groups.similarity[index] ?? .nan
                match[row] = stories.exactHash(index) == stories.exactHash(leader) ? .exact : .nearCopy
            } else if index != root {
                match[row] = .sameStory
            }
        }

        // 5. Repeated figures within each cluster: its members in canonical order (a list per
        // cluster, built back to front), each member's figures in text order. Clusters are
        // independent, so they are taken in the order of their canonical stories' rows: front to
        // back through memory, which is all there is to read for a cluster of one story. Most
        // clusters hold a few figures, compared in a short list; a larger one uses a dictionary.
        var firstSlot = [Int32](repeating: 0, count: fingerprints.count + 1)  // by row
        for row in fingerprints.indices {
            if row + 8 < fingerprints.count { StorageHint.array(in: fingerprints, at: row + 8, field: \.figures) }
            firstSlot[row + 1] = firstSlot[row] + Int32(fingerprints[row].figures.count)
        }
        var firstReports = [(row: Int32, offset: Int32)](repeating: (-1, -1), count: Int(firstSlot[fingerprints.count]))
        var firstMember = [Int32](repeating: -1, count: stories.count)  // by canonical row
        var nextMember = [Int32](repeating: -1, count: stories.count)  // by row
        for index in (0..<stories.count).reversed() {
            let row = order[index], root = Int(canonicalRow[row])
            nextMember[row] = firstMember[root]
            firstMember[root] = Int32(row)
        }
        var shortList: [(key: FigureKey, first: (row: Int32, offset: Int32))] = []
        var firstByKey: [FigureKey: (row: Int32, offset: Int32)] = [:]
        for root in 0..<stories.count where canonicalRow[root] == Int32(root) {
            if root + 8 < stories.count { StorageHint.array(in: fingerprints, at: root + 8, field: \.figures) }
            shortList.removeAll(keepingCapacity: true)
            firstByKey.removeAll()
            var row = Int(firstMember[root])
            while row >= 0 {
                let figures = fingerprints[row].figures
                let slot = Int(firstSlot[row])
                for offset in figures.indices {
                    let key = figures[offset].key
                    let here = (row: Int32(row), offset: Int32(offset))
                    if firstByKey.isEmpty && shortList.count < 16 {
                        if let entry = shortList.first(where: { $0.key == key }) { firstReports[slot + offset] = entry.first } else { shortList.append((key, here)) }
                    } else {
                        if firstByKey.isEmpty { for entry in shortList { firstByKey[entry.key] = entry.first } }
                        if let first = firstByKey[key] { firstReports[slot + offset] = first } else { firstByKey[key] = here }
                    }
                }
                row = Int(nextMember[row])
            }
        }
        return DedupResult(
            fingerprints: fingerprints, canonicalRow: canonicalRow, leaderRow: leaderRow, similarity: similarity, match: match,
            firstSlot: firstSlot, firstReport: firstReports, warnings: warnings, statistics: statistics
        )
    }

    /// Indices of `fingerprints` in canonical order: earliest published first (undated last),
    /// then path, position, story id.
    ///
    /// The order of ``StoryOrder``, computed on integers where it can be: the publication day,
    /// then the first 16 bytes of an ASCII path (in which byte order is `String` order; a path
    /// never holds a NUL, so zero padding sorts a shorter path first). Only ties, and paths
    /// with other characters, are compared as ``StoryOrder``s.
    public static func canonicalOrder(_ fingerprints: [StoryFingerprint]) -> [Int] {
        struct Key {
            var published: Int
            var prefix: (UInt64, UInt64)
            var ascii: Bool
            var index: Int
        }
        var keys: [Key] = []
        keys.reserveCapacity(fingerprints.count)
        for index in fingerprints.indices {
            // Paths lie anywhere in memory: the one 8 stories ahead is asked for early.
            if index + 8 < fingerprints.count { StorageHint.string(in: fingerprints, at: index + 8, field: \.path) }
            var prefix: (UInt64, UInt64) = (0, 0)
            var ascii = true
            var offset = 0
            for byte in fingerprints[index].path.utf8 {
                if byte >= 0x80 { ascii = false }
                if offset < 8 {
                    prefix.0 |= UInt64(byte) << UInt64(56 - 8 * offset)
                } else if offset < 16 {
                    prefix.1 |= UInt64(byte) << UInt64(56 - 8 * (offset - 8))
                }
                offset += 1
            }
            keys.append(Key(published: fingerprints[index].published?.firstDay.ordinal ?? Int.max, prefix: prefix, ascii: ascii, index: index))
        }
        keys.sort { a, b in
            if a.published != b.published { return a.published < b.published }
            if a.ascii && b.ascii && a.prefix != b.prefix { return a.prefix < b.prefix }
            return StoryOrder(fingerprints[a.index]) < StoryOrder(fingerprints[b.index])
        }
        return keys.map(\.index)
    }
}

/// The corpus's stories in canonical order, read in place: the steps index canonical positions
/// without copying fingerprints (a copy retains every array and string of a fingerprint, and at
/// 100 000 stories those scattered reference counts cost more than the comparisons).
struct CanonicalStories {
    /// Every story, in the caller's order.
    let fingerprints: [StoryFingerprint]
    /// Indices of `fingerprints` in canonical order.
    let order: [Int]

    /// Each story's `exactHash`, and whether it has shingles, in canonical order: gathered once,
    /// front to back through the fingerprints, so the steps that walk the canonical order read
    /// them in sequence instead of a fingerprint each.
    let exactHashes: [(hash: UInt64, hasWords: Bool)]

    init(_ fingerprints: [StoryFingerprint], order: [Int]) {
        self.fingerprints = fingerprints
        self.order = order
        var byRow = [(hash: UInt64, hasWords: Bool)](repeating: (0, false), count: fingerprints.count)
        for row in fingerprints.indices {
            if row + 8 < fingerprints.count { StorageHint.array(in: fingerprints, at: row + 8, field: \.shingles) }
            byRow[row] = (fingerprints[row].exactHash, !fingerprints[row].shingles.isEmpty)
        }
        exactHashes = order.map { byRow[$0] }
    }

    /// The `exactHash` of the story at canonical position `index`.
    func exactHash(_ index: Int) -> UInt64 { exactHashes[index].hash }

    /// Number of stories.
    var count: Int { order.count }

    /// The story at canonical position `index`.
    subscript(index: Int) -> StoryFingerprint { fingerprints[order[index]] }
}

/// Steps 1–2 of ``Deduplicator``: exact copies, then near copies through LSH band buckets that
/// hold group leaders only.
///
/// A bucket's head is its first `maxBucket` members with distinct text (in canonical order, see
/// ``BandBucket``): a head member looks up the leaders of the head before it; a later member
/// looks up only the leaders among the bucket's first ``BandBucket/anchorCount`` members. That
/// rule depends on each bucket alone, so `pipeline reduce` can apply it to one shuffled bucket
/// at a time and hand the pairs over as `partners`, with the same result.
struct NearCopyGrouping {
    let options: DedupOptions
    /// For each story (canonical index), the leader of its near-copy group (itself for leaders).
    var leader: [Int]
    /// Similarity of each member to its leader (1 for exact copies of the leader).
    var similarity: [Double?]
    /// Group leaders in canonical order.
    var leaders: [Int] = []
    /// Band buckets that reached the cap.
    var cappedBuckets = 0

    init(options: DedupOptions, count: Int) {
        self.options = options
        self.leader = Array(0..<count)
        self.similarity = Array(repeating: nil, count: count)
    }

    /// - Parameter partners: for each story (canonical index), the stories it shares an admitted
    ///   bucket with, from `pipeline reduce`; `nil` to use in-memory band buckets.
    mutating func run(_ stories: CanonicalStories, partners: [[Int32]]?, statistics: inout DedupStatistics) {
        var firstByExact = FirstByHash(capacity: stories.count)
        // Band buckets: for each numbered bucket, its size and the head of a linked list of its
        // leaders in `nodes` (newest first).
        let numbering = partners == nil ? BandBucketNumbers(stories.fingerprints, bands: options.bands) : nil
        var buckets = [(size: Int32, head: Int32)](repeating: (0, -1), count: numbering?.count ?? 0)
        // The last anchor of each bucket that has all its anchors, and the anchors that are
        // leaders, of each capped bucket (fixed once the head is full).
        var lastAnchor: [Int32: Int32] = [:]
        var anchorLeaders: [Int32: [Int32]] = [:]
        let anchorCount = Int32(min(BandBucket.anchorCount, BandBucket.capacity(options)))
        var nodes: [(story: Int32, next: Int32)] = []
        var candidates: [Int32] = []
        var admitted: [Int32] = []
        let cap = Int32(BandBucket.capacity(options))
        let containmentThreshold = max(options.containment, options.threshold)

        // The canonical order jumps around the caller's order, so the story a few steps ahead
        // has its fingerprint's shingle reference and its bucket numbers asked for early (a hint
        // to the processor that changes no result: 2–3% of the step at 100 000 stories). The
        // addresses are inside the two arrays.
        let lookahead = 12
        for index in 0..<stories.count {
            if index + lookahead < stories.count {
                let ahead = stories.order[index + lookahead]
                StorageHint.element(in: stories.fingerprints, at: ahead, field: \.shingles)
                if let numbering {
                    StorageHint.elements(in: numbering.numbers, ahead * numbering.bands..<(ahead + 1) * numbering.bands)
                }
            }
            let (exactHash, hasWords) = stories.exactHashes[index]
            // A story without words (its paragraphs all repeat its headline) matches nothing.
            guard hasWords else {
                leaders.append(index)
                continue
            }
            if let first = firstByExact.first(exactHash, else: index) {
                let target = leader[first]
                leader[index] = target
                similarity[index] = first == target ? 1 : similarity[first]
                statistics.exactCopies += 1
                continue
            }

            // Candidate leaders from the buckets this story is admitted to, each verified once.
            candidates.removeAll(keepingCapacity: true)
            admitted.removeAll(keepingCapacity: true)
            if let partners {
                for other in partners[index] where Int(other) < index && leader[Int(other)] == Int(other) { candidates.append(other) }
            } else if let numbering {
                let first = stories.order[index] * numbering.bands
                for bucket in numbering.numbers[first..<(first + numbering.bands)] where bucket >= 0 {
                    buckets[Int(bucket)].size += 1
                    let size = buckets[Int(bucket)].size
                    guard size <= cap else {
                        if size == cap + 1 {
                            cappedBuckets += 1
                            var found: [Int32] = []
                            var node = buckets[Int(bucket)].head
                            while node >= 0 {
                                if nodes[Int(node)].story <= lastAnchor[bucket]! { found.append(nodes[Int(node)].story) }
                                node = nodes[Int(node)].next
                            }
                            anchorLeaders[bucket] = found
                        }
                        candidates.append(contentsOf: anchorLeaders[bucket]!)
                        continue
                    }
                    if size == anchorCount { lastAnchor[bucket] = Int32(index) }
                    admitted.append(bucket)
                    var node = buckets[Int(bucket)].head
                    while node >= 0 {
                        candidates.append(nodes[Int(node)].story)
                        node = nodes[Int(node)].next
                    }
                }
            }
            candidates.sort()
            let shingles = candidates.isEmpty ? [] : stories[index].shingles
            var best: (leader: Int, score: Double)?
            var previous: Int32 = -1
            for candidate in candidates where candidate != previous {
                previous = candidate
                statistics.candidatePairs += 1
                let a = shingles, b = stories[Int(candidate)].shingles
                let smaller = min(a.count, b.count)
                // The fewest shared shingles that could pass either test, less one for rounding:
                // a pair that cannot reach it is dropped as soon as that is certain.
                var needed = options.threshold * Double(a.count + b.count) / (1 + options.threshold)
                if smaller >= options.minContainmentShingles { needed = min(needed, containmentThreshold * Double(smaller)) }
                guard let shared = SetSimilarity.intersection(a, b, reaching: Int(needed.rounded(.down)) - 1) else { continue }
                let jaccard = Double(shared) / Double(a.count + b.count - shared)
                var score = jaccard >= options.threshold ? jaccard : 0
                if score == 0, smaller >= options.minContainmentShingles {
                    let containment = Double(shared) / Double(smaller)
                    if containment >= containmentThreshold { score = containment }
                }
                // Highest score wins; ties go to the earlier leader (candidates ascend).
                if score > 0, score > (best?.score ?? 0) { best = (Int(candidate), score) }
            }
            if let best {
                leader[index] = best.leader
                similarity[index] = best.score
                statistics.nearCopies += 1
                continue
            }

            leaders.append(index)
            for bucket in admitted {
                nodes.append((Int32(index), buckets[Int(bucket)].head))
                buckets[Int(bucket)].head = Int32(nodes.count - 1)
            }
        }
    }
}

/// The first story seen with each exact hash: open addressing over the hashes, which are already
/// well mixed (a `Dictionary` would hash them again).
struct FirstByHash {
    private var slots: [(hash: UInt64, index: Int32)]
    private let shift: UInt64

    /// A table for up to `capacity` hashes (kept at most half full).
    init(capacity: Int) {
        var bits: UInt64 = 4
        while (1 << bits) < capacity * 2 { bits += 1 }
        slots = Array(repeating: (0, -1), count: 1 << bits)
        shift = 64 - bits
    }

    /// The story first seen with `hash`; when there is none, records `index` as that story and
    /// returns `nil`.
    mutating func first(_ hash: UInt64, else index: Int) -> Int? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while slots[slot].index >= 0 {
            if slots[slot].hash == hash { return Int(slots[slot].index) }
            slot = (slot + 1) & mask
        }
        slots[slot] = (hash, Int32(index))
        return nil
    }
}

/// Step 3 of ``Deduplicator``: joins near-copy groups that tell the same story.
struct SameStoryRule {
    let options: DedupOptions

    /// Figures with a smaller value (`due soldati`, `tre giorni`) are too common to identify a story.
    static let minimumValue = 10.0

    /// The distinct figures of a story that can identify it, written into `keys` (emptied
    /// first): category and value range, with a value of at least ``minimumValue``. The unit is
    /// left out because outlets name the same people differently (`300 soldati`, `300 militari`,
    /// `300 nordcoreani`). The category is given as its place in `categories` (the categories
    /// seen so far, a short list).
    static func keys(_ figures: [FigureFingerprint], categories: inout [String], into keys: inout [IdentityKey]) {
        keys.removeAll(keepingCapacity: true)
        for offset in figures.indices where figures[offset].key.value >= minimumValue {
            let figure = figures[offset].key
            let category = Int32(categories.firstIndex(of: figure.category) ?? {
                categories.append(figure.category)
                return categories.count - 1
            }())
            let key = IdentityKey(category: category, value: figure.value, valueHigh: figure.valueHigh)
            if !keys.contains(key) { keys.append(key) }
        }
    }

    /// A figure key without its unit, with its category numbered.
    struct IdentityKey: Equatable {
        var category: Int32
        var value: Double
        var valueHigh: Double

        /// A stable hash that puts equal keys side by side (only the grouping depends on it).
        var hash: UInt64 {
            StableHash.combine(StableHash.combine(UInt64(UInt32(bitPattern: category)), value.bitPattern), valueHigh.bitPattern)
        }

        /// A total order in which equal keys are adjacent: category, value, high value
        /// (IEEE total order, so even a NaN has a place).
        static func precedes(_ a: IdentityKey, _ b: IdentityKey) -> Bool {
            if a.category != b.category { return a.category < b.category }
            if a.value != b.value { return a.value.isTotallyOrdered(belowOrEqualTo: b.value) }
            return a.valueHigh != b.valueHigh && a.valueHigh.isTotallyOrdered(belowOrEqualTo: b.valueHigh)
        }
    }

    /// Whether two of the entries in `run` (entry numbers in the low halves, `days` by entry
    /// number) could be paired: whatever their keys, one was published within `window` days of
    /// the other. Most keys that two leaders share by chance were published months apart, and
    /// their entries are not read. A run of more than 8 entries is always read.
    static func mayPair(_ run: ArraySlice<UInt64>, days: [(first: Int32, last: Int32)], window: Int) -> Bool {
        guard run.count <= 8 else { return true }
        for one in run.indices {
            let a = days[Int(run[one] & 0xFFFF_FFFF)]
            for other in (one + 1)..<run.endIndex {
                let b = days[Int(run[other] & 0xFFFF_FFFF)]
                if a.first == b.first { return true }
                let (early, late) = a.first < b.first ? (a, b) : (b, a)
                if Int(late.first) <= Int(early.last) + window { return true }
            }
        }
        return false
    }

    /// One identity key of a leader: an entry of the key's bucket.
    struct KeyEntry {
        var key: IdentityKey
        /// The leader's canonical index.
        var story: Int32
        /// Ordinals of the first and last day of the leader's publication date.
        var first: Int
        var last: Int

        /// Bucket order: key, then first day, then canonical index.
        static func precedes(_ a: KeyEntry, _ b: KeyEntry) -> Bool {
            if a.key != b.key { return IdentityKey.precedes(a.key, b.key) }
            return (a.first, a.story) < (b.first, b.story)
        }
    }

    /// Unites leaders that tell the same story; returns how many figure buckets were capped.
    ///
    /// Every identity key of every leader dated to the month or the day, with enough keys, is an
    /// entry. Entries are put in order of a 32-bit hash of their key by a radix sort, so equal
    /// keys lie side by side; only a run of two entries or more — a key shared by two leaders,
    /// or a rare clash of hashes — is read again, sorted into buckets of equal keys in (first
    /// day, canonical index) order (a run whose entries were all published far apart is passed
    /// over on their days alone). Then, leader by leader, each bucket of the leader gives the
    /// later leaders published within `sameStoryDays` of it (at most `maxBucket` of them), and
    /// the leaders met in `sameStoryFigures` buckets or more are weighed by their words. No
    /// table keyed by figure is built: at 100 000 stories such a table missed the cache on
    /// nearly every lookup, where the radix sort reads and writes its arrays in order. Memory
    /// grows with the entries and the shared buckets' leaders, never with the pairs.
    func join(_ stories: CanonicalStories, leaders: [Int], union: inout UnionFind, statistics: inout DedupStatistics) -> Int {
        // Leaders' keys, read in the caller's order (front to back through memory).
        var entries: [KeyEntry] = []
        entries.reserveCapacity(leaders.count * 3)
        var categories: [String] = []
        var own: [IdentityKey] = []
        // Each entry's days again, small enough to be read at random where `entries` is not
        // (nil once a day does not fit in 32 bits: then nothing is skipped).
        var days: [(first: Int32, last: Int32)]? = []
        days?.reserveCapacity(leaders.count * 3)
        let rows = LeaderRows(stories, leaders: leaders)
        for row in 0..<stories.count where rows.leader[row] >= 0 {
            if row + 8 < stories.count { StorageHint.array(in: stories.fingerprints, at: row + 8, field: \.figures) }
            guard let published = stories.fingerprints[row].published, published.month != nil else { continue }
            Self.keys(stories.fingerprints[row].figures, categories: &categories, into: &own)
            guard own.count >= options.sameStoryFigures else { continue }
            let first = published.firstDay.ordinal, last = published.lastDay.ordinal
            let small = Int32(exactly: first).flatMap { first in Int32(exactly: last).map { (first, $0) } }
            if small == nil { days = nil }
            for key in own {
                entries.append(KeyEntry(key: key, story: rows.leader[row], first: first, last: last))
                if let small { days?.append(small) }
            }
        }

        // Entries by key hash (the entry number breaks ties, so the order is fixed).
        var byHash = [UInt64](repeating: 0, count: entries.count)
        for number in entries.indices { byHash[number] = (entries[number].key.hash >> 32) << 32 | UInt64(number) }
        RadixSort.sortByHighHalf(&byHash)

        // Runs of one hash with two entries or more; a run whose entries were all published far
        // apart is passed over.
        var runs: [(start: Int32, end: Int32)] = []
        var runStart = 0
        while runStart < byHash.count {
            var runEnd = runStart + 1
            while runEnd < byHash.count && byHash[runEnd] >> 32 == byHash[runStart] >> 32 { runEnd += 1 }
            if runEnd - runStart > 1 { runs.append((Int32(runStart), Int32(runEnd))) }
            runStart = runEnd
        }
        if let days {
            // The days of the run a few ahead are asked for early (a hint that changes no result).
            var kept = 0
            for number in runs.indices {
                if number + 8 < runs.count {
                    let ahead = runs[number + 8]
                    for position in Int(ahead.start)..<Int(ahead.end) { StorageHint.element(in: days, at: Int(byHash[position] & 0xFFFF_FFFF)) }
                }
                let run = runs[number]
                if Self.mayPair(byHash[Int(run.start)..<Int(run.end)], days: days, window: options.sameStoryDays) {
                    runs[kept] = run
                    kept += 1
                }
            }
            runs.removeLast(runs.count - kept)
        }
        // The buckets worth scanning — a key of two leaders or more — one after the other in
        // `members`, each bucket's leaders in (first day, canonical index) order.
        var members: [(story: Int32, first: Int, last: Int)] = []
        var bucketOf: [Int32] = []  // by position in `members`
        var bucketEnd: [Int32] = []
        var bucket: [KeyEntry] = []
        for (runNumber, run) in runs.enumerated() {
            // The entries of the run a few ahead are asked for early: they lie anywhere in
            // `entries` (a hint that changes no result).
            if runNumber + 8 < runs.count {
                let ahead = runs[runNumber + 8]
                for position in Int(ahead.start)..<Int(ahead.end) { StorageHint.element(in: entries, at: Int(byHash[position] & 0xFFFF_FFFF)) }
            }
            bucket.removeAll(keepingCapacity: true)
            for position in Int(run.start)..<Int(run.end) { bucket.append(entries[Int(byHash[position] & 0xFFFF_FFFF)]) }
            if bucket.count == 2 {
                if KeyEntry.precedes(bucket[1], bucket[0]) { bucket.swapAt(0, 1) }
            } else {
                bucket.sort(by: KeyEntry.precedes)
            }
            var keyStart = 0
            while keyStart < bucket.count {
                var keyEnd = keyStart + 1
                while keyEnd < bucket.count && bucket[keyEnd].key == bucket[keyStart].key { keyEnd += 1 }
                if keyEnd - keyStart > 1 {
                    for entry in bucket[keyStart..<keyEnd] {
                        members.append((entry.story, entry.first, entry.last))
                        bucketOf.append(Int32(bucketEnd.count))
                    }
                    bucketEnd.append(Int32(members.count))
                }
                keyStart = keyEnd
            }
        }

        // Each leader's places among the members (a counting sort by canonical index).
        var placeStart = [Int32](repeating: 0, count: stories.count + 1)
        for member in members { placeStart[Int(member.story) + 1] += 1 }
        for story in 0..<stories.count { placeStart[story + 1] += placeStart[story] }
        var filled = placeStart
        var places = [Int32](repeating: 0, count: members.count)
        for position in members.indices {
            let story = Int(members[position].story)
            places[Int(filled[story])] = Int32(position)
            filled[story] += 1
        }

        // Leader by leader, the later leaders met within its window in each of its buckets (at
        // most `maxBucket` per bucket), counted; pairs that meet in enough buckets are compared.
        var counts = [Int32](repeating: 0, count: stories.count)
        var touched: [Int32] = []
        var compared: [(Int, Int)] = []
        var capped = [Bool](repeating: false, count: bucketEnd.count)
        let window = options.sameStoryDays
        for story in 0..<stories.count where placeStart[story] < placeStart[story + 1] {
            for place in Int(placeStart[story])..<Int(placeStart[story + 1]) {
                let position = Int(places[place])
                let group = Int(bucketOf[position])
                let end = Int(bucketEnd[group])
                let last = members[position].last + window
                var other = position + 1
                while other < end, members[other].first <= last {
                    if other - position > options.maxBucket {
                        capped[group] = true
                        break
                    }
                    let partner = Int(members[other].story)
                    if counts[partner] == 0 { touched.append(Int32(partner)) }
                    counts[partner] += 1
                    other += 1
                }
            }
            for partner in touched {
                if counts[Int(partner)] >= options.sameStoryFigures { compared.append((story, Int(partner))) }
                counts[Int(partner)] = 0
            }
            touched.removeAll(keepingCapacity: true)
        }

        statistics.sameStoryCandidates += compared.count
        var weights = WordWeights(stories, leaders: rows, compared: compared)
        // The stories of the pair a few ahead lie anywhere in memory: their fingerprints are
        // asked for early, and their content words once the fingerprints are there (hints that
        // change no result).
        for (pair, (a, b)) in compared.enumerated() {
            if pair + 8 < compared.count {
                let (c, d) = compared[pair + 8]
                StorageHint.element(in: stories.fingerprints, at: stories.order[c], field: \.contentWords)
                StorageHint.element(in: stories.fingerprints, at: stories.order[d], field: \.contentWords)
            }
            if pair + 4 < compared.count {
                let (c, d) = compared[pair + 4]
                StorageHint.array(in: stories.fingerprints, at: stories.order[c], field: \.contentWords)
                StorageHint.array(in: stories.fingerprints, at: stories.order[d], field: \.contentWords)
            }
            if weights.overlap(a, b, stories) >= options.sameStoryWords, union.unite(a, b) { statistics.sameStoryJoins += 1 }
        }
        return capped.filter { $0 }.count
    }
}

/// Least-significant-digit radix sort of 64-bit values by their high 32 bits, a byte at a time:
/// stable, so values with the same high half keep their order; linear in the values, and every
/// pass reads and writes in order.
enum RadixSort {
    /// Sorts `values` by `value >> 32`, keeping the order of values with the same high half.
    static func sortByHighHalf(_ values: inout [UInt64]) {
        guard values.count > 1 else { return }
        var buffer = [UInt64](repeating: 0, count: values.count)
        var counts = [Int](repeating: 0, count: 256)
        for shift in stride(from: UInt64(32), to: 64, by: 8) {
            for index in counts.indices { counts[index] = 0 }
            for value in values { counts[Int((value >> shift) & 0xFF)] += 1 }
            // A byte that is the same in every value leaves the order as it is.
            if counts[Int((values[0] >> shift) & 0xFF)] == values.count { continue }
            var total = 0
            for index in counts.indices {
                let count = counts[index]
                counts[index] = total
                total += count
            }
            for value in values {
                let digit = Int((value >> shift) & 0xFF)
                buffer[counts[digit]] = value
                counts[digit] += 1
            }
            swap(&values, &buffer)
        }
    }
}

/// The near-copy group leaders by row (the caller's order), so that the steps that read every
/// leader read the fingerprints front to back.
struct LeaderRows {
    /// The canonical index of the story at each row when it leads a group; -1 otherwise.
    let leader: [Int32]
    /// Number of leaders.
    let count: Int

    init(_ stories: CanonicalStories, leaders: [Int]) {
        var leader = [Int32](repeating: -1, count: stories.count)
        for index in leaders { leader[stories.order[index]] = Int32(index) }
        self.leader = leader
        count = leaders.count
    }
}

/// Inverse document frequencies of content-word stems over the group leaders, so that the words
/// every story on the topic uses (`soldati`, `nordcoreani`, `Russia`) weigh little and the
/// words of one story (`audizione`, `commissione`, `mascella`) weigh much.
///
/// Only the stems of the stories to compare are counted: they are gathered into an
/// open-addressing table (stems are already hashes) that grows with the distinct stems, never
/// with the number of pairs; every leader's words are then read once and counted behind a bitmap
/// that turns most other words away. Each stem's weight is computed once.
struct WordWeights {
    /// Stem per slot (`present` false: empty slot).
    private var slots: [(stem: UInt32, present: Bool)]
    /// Document frequency, then inverse document frequency, per slot.
    private var frequency: [Int32]
    private var weight: [Double]
    /// Stems in the table.
    private var count = 0
    /// The sum of each compared story's stem weights, by canonical index, once computed.
    private var totals: [Int: Double] = [:]

    /// Counts, over `leaders`, the stems of the stories of the pairs in `compared`.
    init(_ stories: CanonicalStories, leaders: LeaderRows, compared: [(Int, Int)]) {
        slots = Array(repeating: (0, false), count: 1024)
        frequency = []
        weight = []
        guard !compared.isEmpty else { return }
        // The distinct compared stories (a story is in many pairs when many stories share its
        // figures and dates), read once each.
        var members: [Int] = []
        members.reserveCapacity(compared.count * 2)
        for (a, b) in compared {
            members.append(a)
            members.append(b)
        }
        members.sort()
        var previous = -1
        for index in members where index != previous {
            previous = index
            for stem in stories[index].contentWords { insert(stem) }
        }
        // A bitmap of the stems' low bits turns most other words away with one test.
        var bits = 1 << 12
        while bits < count * 64 { bits <<= 1 }
        var bitmap = [UInt64](repeating: 0, count: bits / 64)
        let bitMask = UInt32(bits - 1)
        for slot in slots where slot.present {
            let bit = Int(slot.stem & bitMask)
            bitmap[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        frequency = Array(repeating: 0, count: slots.count)
        // Counting does not depend on the order: the leaders are read in the caller's order,
        // front to back through memory.
        for row in 0..<stories.count where leaders.leader[row] >= 0 {
            if row + 8 < stories.count { StorageHint.array(in: stories.fingerprints, at: row + 8, field: \.contentWords) }
            for word in stories.fingerprints[row].contentWords {
                let bit = Int(word & bitMask)
                guard bitmap[bit >> 6] & (1 << UInt64(bit & 63)) != 0 else { continue }
                let slot = position(of: word)
                if slots[slot].present { frequency[slot] += 1 }
            }
        }
        let leaderCount = Double(leaders.count + 1)
        weight = frequency.map { $0 == 0 ? 0 : log(leaderCount / Double($0)) }
    }

    /// Adds `stem` to the table (kept at most 1/8 full, so that the words that are not there
    /// are turned away after a short probe).
    private mutating func insert(_ stem: UInt32) {
        let slot = position(of: stem)
        guard !slots[slot].present else { return }
        slots[slot] = (stem, true)
        count += 1
        if count * 8 > slots.count {
            let old = slots
            slots = Array(repeating: (0, false), count: old.count * 2)
            for entry in old where entry.present { slots[position(of: entry.stem)] = entry }
        }
    }

    /// The slot of `stem`: where it is, or the empty slot where it would go.
    private func position(of stem: UInt32) -> Int {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: (UInt64(stem) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        while slots[slot].present && slots[slot].stem != stem { slot = (slot + 1) & mask }
        return slot
    }

    /// The inverse document frequency of a compared story's stem: log((leaders + 1) / frequency).
    private func idf(_ stem: UInt32) -> Double { weight[position(of: stem)] }

    /// The sum of the weights of a compared story's stems, computed on first use.
    private mutating func total(of index: Int, _ words: [UInt32]) -> Double {
        if let known = totals[index] { return known }
        var sum = 0.0
        for stem in words { sum += idf(stem) }
        totals[index] = sum
        return sum
    }

    /// Weighted overlap of stories `a` and `b`: the idf of the shared words over the idf of the
    /// lighter set (0–1).
    mutating func overlap(_ a: Int, _ b: Int, _ stories: CanonicalStories) -> Double {
        let wordsA = stories[a].contentWords, wordsB = stories[b].contentWords
        let lighter = min(total(of: a, wordsA), total(of: b, wordsB))
        guard lighter > 0 else { return 0 }
        var shared = 0.0
        var i = 0, j = 0
        while i < wordsA.count && j < wordsB.count {
            if wordsA[i] == wordsB[j] {
                shared += idf(wordsA[i])
                i += 1
                j += 1
            } else if wordsA[i] < wordsB[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return shared / lighter
    }
}

/// Disjoint sets over canonical indices; the root of a set is always its smallest index.
struct UnionFind {
    var parent: [Int]

    init(count: Int) { parent = Array(0..<count) }

    mutating func find(_ x: Int) -> Int {
        var root = x
        while parent[root] != root { root = parent[root] }
        var node = x
        while parent[node] != root {
            let next = parent[node]
            parent[node] = root
            node = next
        }
        return root
    }

    /// Joins the sets of `a` and `b`; `false` when they were already one.
    @discardableResult
    mutating func unite(_ a: Int, _ b: Int) -> Bool {
        let x = find(a), y = find(b)
        guard x != y else { return false }
        if x < y { parent[y] = x } else { parent[x] = y }
        return true
    }
}

/// Hints to the processor about memory a pass will read soon: array elements it will reach out
/// of order, and the heap storage that a field of an element points to, found from the field's
/// bits without retaining it (a retain would wait for the memory the hint is meant to fetch
/// early). A hint changes no result; a wrong address (a string stored inline) is harmless: a
/// prefetch never faults.
enum StorageHint {
    /// Asks for `elements[index]` itself (from field `field` of it, when given).
    static func element<Element>(in elements: [Element], at index: Int, field: PartialKeyPath<Element>? = nil) {
        let offset = field.flatMap { MemoryLayout<Element>.offset(of: $0) } ?? 0
        elements.withUnsafeBytes { raw in pipeline_prefetch(raw.baseAddress! + index * MemoryLayout<Element>.stride + offset) }
    }

    /// Asks for every cache line of `elements[range]`.
    static func elements<Element>(in elements: [Element], _ range: Range<Int>) {
        elements.withUnsafeBytes { raw in
            let stride = MemoryLayout<Element>.stride
            for line in Swift.stride(from: range.lowerBound * stride, to: range.upperBound * stride, by: 64) {
                pipeline_prefetch(raw.baseAddress! + line)
            }
        }
    }

    /// Asks for the first bytes of the storage of the `Array` in field `field` of `elements[index]`.
    static func array<Element, Item>(in elements: [Element], at index: Int, field: KeyPath<Element, [Item]>) {
        guard let offset = MemoryLayout<Element>.offset(of: field) else { return }
        elements.withUnsafeBytes { raw in
            let bits = raw.load(fromByteOffset: index * MemoryLayout<Element>.stride + offset, as: UInt.self)
            pipeline_prefetch(UnsafeRawPointer(bitPattern: bits))
        }
    }

    /// Asks for the first bytes of the characters of the `String` in field `field` of
    /// `elements[index]` (a native string longer than 15 bytes keeps them 32 bytes into its
    /// storage object, whose address is the low 60 bits of the string's second word).
    static func string<Element>(in elements: [Element], at index: Int, field: KeyPath<Element, String>) {
        guard let offset = MemoryLayout<Element>.offset(of: field) else { return }
        elements.withUnsafeBytes { raw in
            let bits = raw.load(fromByteOffset: index * MemoryLayout<Element>.stride + offset + 8, as: UInt.self)
            pipeline_prefetch(UnsafeRawPointer(bitPattern: (bits & 0x0FFF_FFFF_FFFF_FFFF) &+ 32))
        }
    }
}
