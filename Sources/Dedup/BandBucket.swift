import PipelineCore

/// The canonical order of stories: earliest published first (undated last), then path,
/// position and story id.
///
/// Every corpus-wide decision (group leaders, canonical stories, bucket admission) follows it,
/// so results never depend on the order documents were read in or on the machine that read them.
///
///     // "Kursk, inviati 11mila soldati" (2025-03-02) comes before its copy of 2025-03-04
///     StoryOrder(published: 739_312, path: "ansa/kursk.txt", position: 0, storyID: "d1…-s0")
public struct StoryOrder: Sendable, Hashable, Codable, Comparable {
    /// Ordinal of the first day of the publication date; `Int.max` when undated.
    public var published: Int
    /// The document's path (relative to its input root).
    public var path: String
    /// The story's position in its document.
    public var position: Int
    /// The story id (the last tie-breaker).
    public var storyID: String

    /// Creates an order key.
    public init(published: Int, path: String, position: Int, storyID: String) {
        self.published = published
        self.path = path
        self.position = position
        self.storyID = storyID
    }

    /// The order key of a story's fingerprint.
    public init(_ fingerprint: StoryFingerprint) {
        self.init(
            published: fingerprint.published?.firstDay.ordinal ?? Int.max, path: fingerprint.path,
            position: fingerprint.position, storyID: fingerprint.storyID
        )
    }

    /// Whether `lhs` comes first: earlier publication, then path, position, story id.
    public static func < (lhs: StoryOrder, rhs: StoryOrder) -> Bool {
        if lhs.published != rhs.published { return lhs.published < rhs.published }
        if lhs.path != rhs.path { return lhs.path < rhs.path }
        if lhs.position != rhs.position { return lhs.position < rhs.position }
        return lhs.storyID < rhs.storyID
    }
}

extension StoryFingerprint {
    /// The LSH bucket of each band: the band's key combined with the band's index, so equal
    /// keys in different bands never meet. Empty when the story has no shingles.
    public var bucketKeys: [UInt64] {
        bandKeys.enumerated().map { band, key in StableHash.combine(key, UInt64(band)) }
    }
}

/// One story's entry in an LSH band bucket, as `pipeline map` writes it on a `B` line and
/// `pipeline reduce` reads it back: enough to order the bucket canonically and to skip exact
/// copies, without the shingles.
///
///     BandMember(order: StoryOrder(…, storyID: "d1…-s0"), exactHash: 0x5b0e…)
public struct BandMember: Sendable, Hashable, Codable {
    /// The story's place in the canonical order (its id included).
    public var order: StoryOrder
    /// The stable hash of the story's words (exact copies share it).
    public var exactHash: UInt64

    /// Creates a member.
    public init(order: StoryOrder, exactHash: UInt64) {
        self.order = order
        self.exactHash = exactHash
    }

    /// The member of a story's fingerprint.
    public init(_ fingerprint: StoryFingerprint) {
        self.init(order: StoryOrder(fingerprint), exactHash: fingerprint.exactHash)
    }

    /// The story id.
    public var storyID: String { order.storyID }
}

/// The rule that makes one LSH band bucket a set of candidate pairs — the reduce step of dedup.
///
/// A bucket takes its members in canonical order, skipping exact copies of a member already
/// taken (same text: they can only join that member). The first `max_bucket` members are its
/// *head*, and every two head members are a candidate pair. A bucket with more members
/// (boilerplate, a story syndicated hundreds of times) is reported as capped, and each member
/// beyond the head is paired only with the first ``anchorCount`` head members — usually the
/// original the copies repeat — so the pairs grow linearly, never quadratically, with the
/// bucket. The rule looks at one bucket only, so it
/// gives the same pairs whether the buckets are built in memory by ``Deduplicator`` or shuffled
/// across a cluster and reduced one key at a time; and it depends only on the set of members,
/// never on the order they arrive in (repeated members count once).
///
///     let bucket = BandBucket(members: [copyOfA, a, b], cap: 200)
///     bucket.admitted.map(\.storyID)   // [a, b] (copyOfA is an exact copy of a)
///     bucket.pairs                     // [(a, b)]
///
/// - Complexity: O(n log n) to order n members, plus O(cap² + n × anchorCount) pairs.
public struct BandBucket: Sendable, Hashable {
    /// The head: members paired with each other, in canonical order.
    public let admitted: [BandMember]
    /// Members with distinct text beyond the head, in canonical order.
    public let overflow: [BandMember]
    /// Distinct members (by story id) that were offered.
    public let offered: Int

    /// Head members that every member beyond the head is paired with.
    public static let anchorCount = 8

    /// Whether the bucket had more members with distinct text than its head holds.
    public var isCapped: Bool { !overflow.isEmpty }

    /// Applies the admission rule to one bucket's members.
    public init(members: [BandMember], cap: Int) {
        let sorted = members.sorted { $0.order < $1.order }
        var admitted: [BandMember] = []
        var overflow: [BandMember] = []
        var texts = Set<UInt64>()
        var offered = 0
        var previous: String?
        for member in sorted {
            guard member.storyID != previous else { continue }
            previous = member.storyID
            offered += 1
            guard texts.insert(member.exactHash).inserted else { continue }
            if admitted.count < cap { admitted.append(member) } else { overflow.append(member) }
        }
        self.admitted = admitted
        self.overflow = overflow
        self.offered = offered
    }

    /// Every two head members, then each member beyond the head with each anchor; the
    /// canonically earlier story first.
    public var pairs: [(String, String)] {
        var result: [(String, String)] = []
        let anchors = admitted.prefix(Self.anchorCount)
        result.reserveCapacity(admitted.count * (admitted.count - 1) / 2 + overflow.count * anchors.count)
        for (offset, first) in admitted.enumerated() {
            for second in admitted[(offset + 1)...] { result.append((first.storyID, second.storyID)) }
        }
        for member in overflow {
            for anchor in anchors { result.append((anchor.storyID, member.storyID)) }
        }
        return result
    }

    /// The most members a bucket admits for `options` (`max_bucket`, at least 2).
    public static func capacity(_ options: DedupOptions) -> Int { max(options.maxBucket, 2) }
}

/// Near-copy candidates computed outside ``Deduplicator``: the pairs of every reduced bucket and
/// the number of capped buckets.
///
///     var candidates = CandidatePairs()
///     candidates.insert("d1…-s0", "d2…-s0")
///     Deduplicator(options: options).run(fingerprints, candidates: candidates)
public struct CandidatePairs: Sendable, Hashable {
    /// Partner story ids by story id (both directions).
    public private(set) var partners: [String: Set<String>] = [:]
    /// Buckets that reached `max_bucket` (distinct bucket keys).
    public private(set) var cappedBucketKeys = Set<UInt64>()

    /// Creates an empty set of candidates.
    public init() {}

    /// Records a candidate pair (in either order; repeats are ignored).
    public mutating func insert(_ first: String, _ second: String) {
        guard first != second else { return }
        partners[first, default: []].insert(second)
        partners[second, default: []].insert(first)
    }

    /// Records a capped bucket (repeats are ignored).
    public mutating func insertCapped(bucketKey: UInt64) { cappedBucketKeys.insert(bucketKey) }

    /// Number of distinct capped buckets.
    public var cappedBuckets: Int { cappedBucketKeys.count }

    /// The partners of each story as canonical indices (stories in canonical order); pairs
    /// naming a story that is not in `stories` are ignored.
    func partners(of stories: CanonicalStories) -> [[Int32]] {
        var index: [String: Int32] = [:]
        index.reserveCapacity(stories.count)
        for offset in 0..<stories.count { index[stories[offset].storyID] = Int32(offset) }
        return (0..<stories.count).map { offset in
            (partners[stories[offset].storyID] ?? []).compactMap { index[$0] }.sorted()
        }
    }

    /// Story ids named by a pair that are not in `storyIDs`, sorted (a sign of missing `D` lines).
    public func unknownStories(_ storyIDs: Set<String>) -> [String] {
        partners.keys.filter { !storyIDs.contains($0) }.sorted()
    }
}

/// The in-memory band buckets of ``NearCopyGrouping``, numbered before the walk: a dense number
/// for each bucket that two or more stories share, and for each story and band the number of
/// its bucket.
///
/// Bands are numbered one at a time over a table of one band's keys, so the table stays small
/// (about 4 MB per 100 000 stories) and is reused band after band, where one table of every
/// band key of the corpus outgrew the caches and made the walk slower per story as the corpus
/// grew. A bucket gets its number when its second story arrives; buckets of a single story — most
/// of them — get none, and the walk skips them. Which bucket gets which number follows the order
/// the fingerprints are given in, but no result does: the walk only tells numbers apart. Buckets
/// are keyed by the same band key as ``BandMember`` buckets (``StoryFingerprint/bucketKeys``),
/// so both group the same stories — save one case: a 64-bit key that two different bands both
/// produce is one bucket for `pipeline reduce` and two here (with 3.2 million band keys, at
/// 100 000 stories, about one corpus in three million has such a pair).
struct BandBucketNumbers {
    /// Bands per story: the settings' bands, or the most any story has when that is more.
    let bands: Int
    /// Bucket number of each story's band (`story × bands + band`, stories in the order they
    /// were given); -1 for a bucket no other story shares, or a band the story lacks.
    let numbers: [Int32]
    /// How many buckets have a number.
    let count: Int

    /// Bands read from the fingerprints in one sweep: every band of the default settings, so
    /// each story's keys are read once (4 sweeps of 8 bands cost 30% more at 100 000 stories than
    /// the 26 MB buffer of one sweep); more bands are read in groups of this many.
    static let bandsPerGroup = 32

    private struct Slot {
        var key: UInt64
        /// The first story seen with the key.
        var first: Int32
        /// The band the slot was filled in (a slot of an earlier band is empty).
        var band: Int32
    }

    /// Numbers the band buckets of `fingerprints`, read in the order given (sequentially, which
    /// is faster than in canonical order; which bucket gets which number does not matter).
    ///
    /// - Parameter expected: the bands a fingerprint has (`DedupOptions.bands`); a fingerprint
    ///   with more is still numbered in full, at the cost of counting them and starting over.
    init(_ fingerprints: [StoryFingerprint], bands expected: Int) {
        if let numbered = Self.number(fingerprints, bands: expected) {
            self = numbered
        } else {
            let most = fingerprints.lazy.map(\.bandKeys.count).max() ?? 0
            self = Self.number(fingerprints, bands: most)!  // no fingerprint has more than the most
        }
    }

    private init(bands: Int, numbers: [Int32], count: Int) {
        self.bands = bands
        self.numbers = numbers
        self.count = count
    }

    /// The numbering with `bands` bands per story; `nil` when a fingerprint has more.
    private static func number(_ fingerprints: [StoryFingerprint], bands: Int) -> BandBucketNumbers? {
        let storyCount = fingerprints.count
        var bandCounts = [Int32](repeating: 0, count: storyCount)
        var numbers = [Int32](repeating: -1, count: storyCount * bands)
        var count: Int32 = 0
        // Bands are read a group at a time (all of them, with the default settings) into a
        // group-major buffer that is reused for every group, so that each band is then read in
        // one sequential sweep.
        let group = max(1, min(bands, Self.bandsPerGroup))
        var keys = [UInt64](repeating: 0, count: storyCount * group)
        // Open addressing with linear probing; the slot of a key is its (already mixed) high
        // bits scaled to the capacity, so the table needs no power-of-two size. Most keys are
        // seen once, and a key seen for the first time probes until an empty slot: kept at most
        // 3/8 full, the table ends those probes soon (at 3/4 full the probes took 25% longer).
        // A slot filled in an earlier band counts as empty, so the table is never cleared.
        let capacity = (storyCount + storyCount / 3 + 16) * 2
        var slots = [Slot](repeating: Slot(key: 0, first: -1, band: -1), count: capacity)
        for firstBand in stride(from: 0, to: bands, by: group) {
            let groupEnd = min(firstBand + group, bands)
            for index in 0..<storyCount {
                if index + 8 < storyCount { StorageHint.array(in: fingerprints, at: index + 8, field: \.bandKeys) }
                let bandKeys = fingerprints[index].bandKeys
                guard bandKeys.count <= bands else { return nil }
                bandCounts[index] = Int32(bandKeys.count)
                for band in firstBand..<min(groupEnd, bandKeys.count) {
                    keys[(band - firstBand) * storyCount + index] = StableHash.combine(bandKeys[band], UInt64(band))
                }
            }
            for band in firstBand..<groupEnd {
                let stamp = Int32(band)
                let base = (band - firstBand) * storyCount
                for index in 0..<storyCount where Int(bandCounts[index]) > band {
                    let key = keys[base + index]
                    var slot = Int(truncatingIfNeeded: key.multipliedFullWidth(by: UInt64(capacity)).high)
                    while slots[slot].band == stamp && slots[slot].key != key {
                        slot += 1
                        if slot == capacity { slot = 0 }
                    }
                    if slots[slot].band != stamp {
                        slots[slot] = Slot(key: key, first: Int32(index), band: stamp)
                        continue
                    }
                    // The bucket's second story gives it a number, kept with its first story's.
                    let first = Int(slots[slot].first) * bands + band
                    if numbers[first] < 0 {
                        numbers[first] = count
                        count += 1
                    }
                    numbers[index * bands + band] = numbers[first]
                }
            }
        }
        return BandBucketNumbers(bands: bands, numbers: numbers, count: Int(count))
    }
}
