import Dedup
import PipelineCore
import Testing

@Suite("Band buckets: the reduce rule, and the same clusters from pairs as from memory")
struct BandBucketTests {
    static func member(_ id: String, day: Int?, text: UInt64) -> BandMember {
        BandMember(order: StoryOrder(published: day ?? Int.max, path: id + ".txt", position: 0, storyID: id), exactHash: text)
    }

    @Test func admitsInCanonicalOrderSkippingExactCopiesAndRepeats() {
        let members = [
            Self.member("copia", day: 10, text: 1), Self.member("originale", day: 5, text: 1),
            Self.member("variante", day: 7, text: 2), Self.member("senza_data", day: nil, text: 3),
            Self.member("variante", day: 7, text: 2),
        ]
        let bucket = BandBucket(members: members, cap: 10)
        #expect(bucket.admitted.map(\.storyID) == ["originale", "variante", "senza_data"])
        #expect(bucket.offered == 4)
        #expect(!bucket.isCapped)
        #expect(bucket.pairs.map { [$0.0, $0.1] } == [["originale", "variante"], ["originale", "senza_data"], ["variante", "senza_data"]])
    }

    @Test func membersBeyondTheHeadArePairedWithTheAnchorsOnly() {
        let members = (0..<40).map { Self.member("s" + String(100 + $0), day: 1, text: UInt64($0)) }
        let bucket = BandBucket(members: members, cap: 20)
        #expect(bucket.admitted.count == 20)
        #expect(bucket.overflow.count == 20)
        #expect(bucket.pairs.count == 20 * 19 / 2 + 20 * BandBucket.anchorCount)
        #expect(bucket.pairs.last.map { [$0.0, $0.1] } == ["s107", "s139"])
    }

    @Test(arguments: [0 as UInt64, 1, 2, 3])
    func orderOfArrivalDoesNotMatter(_ seed: UInt64) {
        var members = (0..<30).map { Self.member("s\($0)", day: $0 % 7, text: UInt64($0 % 11)) }
        var generator = SeededGenerator(seed: seed)
        members.shuffle(using: &generator)
        let reference = BandBucket(members: (0..<30).map { Self.member("s\($0)", day: $0 % 7, text: UInt64($0 % 11)) }, cap: 5)
        let bucket = BandBucket(members: members, cap: 5)
        #expect(bucket == reference)
        #expect(bucket.isCapped)
        #expect(bucket.admitted.count == 5)
    }

    /// Fingerprints of near copies of one paragraph (a word changed in each), all on one day.
    static func nearCopies(_ count: Int, options: DedupOptions) -> [StoryFingerprint] {
        let base = "Secondo il NIS nella regione di Kursk sono stati inviati circa undicimila soldati nordcoreani che combattono accanto alle truppe russe da novembre scorso e almeno quattromila sono stati uccisi o feriti nei combattimenti per riconquistare i villaggi occupati dalle forze ucraine durante l'incursione della scorsa estate mentre Mosca continua a negare la presenza di truppe straniere sul proprio territorio e Pyongyang tace"
        return (0..<count).map { index in
            var words = base.split(separator: " ").map(String.init)
            words[(index * 7) % words.count] = "parola\(index)"
            let path = "copia\(index).txt"
            let id = DocumentID.make(path: path)
            let document = Document(
                id: id, path: path, format: .text, encoding: "utf-8", title: nil, published: PartialDate(year: 2025, month: 1, day: 10),
                outlet: nil, text: words.joined(separator: " "), stories: [Story(documentID: id, position: 0, title: nil, charStart: 0, charEnd: words.joined(separator: " ").unicodeScalars.count)],
                contentSHA256: ""
            )
            return Fingerprinter(options: options).run(document)[0]
        }
    }

    @Test(arguments: [2, 3, 200])
    func pairsFromReducedBucketsGiveTheInMemoryClusters(_ maxBucket: Int) {
        var options = DedupOptions()
        options.maxBucket = maxBucket
        let fingerprints = Self.nearCopies(12, options: options)
        var groups: [UInt64: [BandMember]] = [:]
        for fingerprint in fingerprints {
            for key in fingerprint.bucketKeys { groups[key, default: []].append(BandMember(fingerprint)) }
        }
        var candidates = CandidatePairs()
        for (key, members) in groups {
            let bucket = BandBucket(members: members, cap: BandBucket.capacity(options))
            for (first, second) in bucket.pairs { candidates.insert(first, second) }
            if bucket.isCapped { candidates.insertCapped(bucketKey: key) }
        }
        let memory = Deduplicator(options: options).run(fingerprints)
        let reduced = Deduplicator(options: options).run(fingerprints.reversed(), candidates: candidates)
        #expect(memory.stories == reduced.stories)
        #expect(memory.warnings == reduced.warnings)
        // Copies beyond a full head still meet the original through the anchors.
        #expect(Set(memory.stories.values.map(\.clusterID)).count == 1)
        #expect((maxBucket < 12) == !memory.warnings.isEmpty)
    }

    /// Fingerprints made with more bands than the settings in force (an old spill, say) are still
    /// bucketed by every band they have.
    @Test func fingerprintsWithMoreBandsThanTheSettingsAreNumberedInFull() {
        let fingerprints = Self.nearCopies(6, options: DedupOptions())
        var fewer = DedupOptions()
        fewer.bands = 8
        #expect(fingerprints.allSatisfy { $0.bandKeys.count == DedupOptions().bands })
        #expect(Deduplicator(options: fewer).run(fingerprints) == Deduplicator().run(fingerprints))
        #expect(Set(Deduplicator(options: fewer).run(fingerprints).stories.values.map(\.clusterID)).count == 1)
    }
}
