import Dedup
import PipelineCore
import Testing

/// Paragraphs written for these tests: one story about the Kursk losses, told in six paragraphs.
let kursk = [
    "Secondo il servizio di intelligence di Seul, almeno 300 soldati nordcoreani sono morti nei combattimenti nella regione di Kursk, mentre i feriti sarebbero circa 2.700.",
    "I deputati della commissione hanno spiegato che i reparti inviati da Pyongyang non erano preparati agli attacchi dei droni ucraini e hanno subito perdite molto pesanti.",
    "Il contingente arrivato in Russia tra ottobre e novembre conterebbe circa 11mila uomini, in gran parte provenienti dalle forze speciali dell'esercito nordcoreano.",
    "Due militari sono stati catturati dalle forze ucraine all'inizio di gennaio e interrogati dai servizi di sicurezza di Kiev, che hanno diffuso alcune fotografie.",
    "Gli analisti ritengono che Mosca abbia promesso in cambio tecnologia militare, petrolio e aiuti economici, anche se nessuno dei due governi lo ha confermato.",
    "La presenza delle truppe straniere sul territorio russo non è mai stata ammessa ufficialmente dal Cremlino, che continua a parlare di propaganda occidentale.",
]

/// A different story on the same topic: missiles and shells from Pyongyang.
let shells = [
    "La Corea del Nord avrebbe spedito in Russia milioni di proiettili d'artiglieria nel corso dell'ultimo anno, secondo una stima dell'intelligence militare ucraina.",
    "I carichi partono dal porto di Rajin e raggiungono i depositi vicini al fronte dopo un viaggio in treno che dura quasi tre settimane attraverso la Siberia.",
    "Tra i materiali consegnati ci sarebbero anche missili balistici a corto raggio, lanciati contro le città ucraine con una precisione che è migliorata nel tempo.",
    "Kiev chiede agli alleati nuove sanzioni contro le aziende che forniscono componenti elettronici ai produttori di armi nordcoreani e russi.",
]

/// The Kursk story told by another outlet in other words (same briefing, same figures).
let kursk2 = [
    "Sono almeno 300 i soldati di Pyongyang uccisi nella regione russa di Kursk e circa 2.700 i feriti: lo ha riferito ai parlamentari di Seul il servizio di intelligence sudcoreano.",
    "Secondo i deputati, le perdite sono dovute all'inesperienza dei reparti nordcoreani di fronte ai droni ucraini e all'impiego in assalti frontali senza copertura.",
    "Il contingente conterebbe in tutto circa 11mila militari, arrivati in Russia tra ottobre e novembre. Due di loro sono stati catturati dalle forze di Kiev.",
]

struct DeduplicatorTests {
    let options = DedupOptions()

    func fingerprints(_ documents: [Document], figures: [[Figure]] = []) -> [StoryFingerprint] {
        let fingerprinter = Fingerprinter(options: options)
        return documents.enumerated().flatMap { index, document in
            fingerprinter.run(document, figures: index < figures.count ? figures[index] : [])
        }
    }

    @Test func exactCopyJoinsTheEarlierStory() {
        let a = TestDocuments.document("b/originale.txt", published: "2025-01-14", title: "Kursk, 300 morti", paragraphs: kursk)
        let b = TestDocuments.document("a/copia.txt", published: "2025-01-15", title: "Kursk, 300 morti", paragraphs: kursk)
        let result = Deduplicator(options: options).run(fingerprints([b, a]))
        let copy = result.stories[b.stories[0].id]!
        #expect(copy.clusterID == result.stories[a.stories[0].id]!.clusterID)
        #expect(copy.duplicateOf == a.stories[0].id)
        #expect(copy.similarity == 1)
        #expect(copy.match == .exact)
        #expect(result.stories[a.stories[0].id]!.isCanonical)
    }

    @Test func newHeadlineAndBoilerplateStillNearCopy() {
        let a = TestDocuments.document("a.txt", published: "2025-01-14", title: "Kursk, 300 morti", paragraphs: kursk)
        let b = TestDocuments.document(
            "b.html", published: "2025-01-14", title: "Seul: centinaia di nordcoreani uccisi",
            paragraphs: kursk + ["Riproduzione riservata. Iscriviti alla newsletter per ricevere ogni mattina le notizie dal mondo."]
        )
        let result = Deduplicator(options: options).run(fingerprints([a, b]))
        let copy = result.stories[b.stories[0].id]!
        #expect(copy.duplicateOf == a.stories[0].id)
        #expect(copy.match == .nearCopy)
        #expect((copy.similarity ?? 0) >= options.threshold)
    }

    @Test func reorderedParagraphsHaveTheSameShingles() {
        let a = TestDocuments.document("a.txt", published: nil, paragraphs: kursk)
        let b = TestDocuments.document("b.txt", published: nil, paragraphs: kursk.reversed())
        let prints = fingerprints([a, b])
        #expect(prints[0].shingles == prints[1].shingles)
        #expect(prints[0].exactHash != prints[1].exactHash)
    }

    @Test func repeatedHeadlineAndParagraphCountOnce() {
        let title = "Kim ammette le perdite in Russia"
        let clean = TestDocuments.document("a.txt", published: nil, title: title, paragraphs: Array(kursk.prefix(3)))
        let noisy = TestDocuments.document(
            "b.txt", published: nil, title: title,
            paragraphs: [title, title, kursk[0], title, kursk[1], kursk[0], kursk[2], kursk[1]]
        )
        let prints = fingerprints([clean, noisy])
        #expect(prints[0].shingles == prints[1].shingles)
        #expect(prints[0].exactHash == prints[1].exactHash)
        let result = Deduplicator(options: options).run(prints)
        #expect(result.stories[noisy.stories[0].id]?.match == .exact)
    }

    /// Stories sharing `shared` of their paragraphs: merged only when the verified Jaccard
    /// similarity reaches the threshold.
    @Test(arguments: [1, 2, 3, 4, 5])
    func neverMergedBelowTheThreshold(shared: Int) {
        let a = TestDocuments.document("a.txt", published: "2025-01-14", paragraphs: kursk)
        let b = TestDocuments.document("b.txt", published: "2025-01-14", paragraphs: Array(kursk.prefix(shared)) + shells)
        let prints = fingerprints([a, b])
        let shingles = (Set(prints[0].shingles), Set(prints[1].shingles))
        let jaccard = Double(shingles.0.intersection(shingles.1).count) / Double(shingles.0.union(shingles.1).count)
        let containment = Double(shingles.0.intersection(shingles.1).count) / Double(min(shingles.0.count, shingles.1.count))
        let result = Deduplicator(options: options).run(prints)
        let merged = result.stories[a.stories[0].id]!.clusterID == result.stories[b.stories[0].id]!.clusterID
        let mayMerge = jaccard >= options.threshold || (containment >= options.containment && min(shingles.0.count, shingles.1.count) >= options.minContainmentShingles)
        if merged { #expect(mayMerge) }
        if jaccard >= 0.75 { #expect(merged) }
    }

    @Test func sameStoryAcrossOutletsNeedsFiguresDatesAndWords() {
        let a = TestDocuments.document("agenzia/kursk.txt", published: "2025-01-13", paragraphs: kursk)
        let b = TestDocuments.document("quotidiano/seul.txt", published: "2025-01-14", paragraphs: kursk2)
        let far = TestDocuments.document("settimanale/seul.txt", published: "2025-03-20", paragraphs: [kursk2[0], shells[0], shells[1]])
        let other = TestDocuments.document("altro/proiettili.txt", published: "2025-01-14", paragraphs: shells)
        func figures(_ d: Document) -> [Figure] {
            [TestDocuments.figure(d, 0, value: 300, category: "killed"), TestDocuments.figure(d, 1, value: 2700, category: "wounded", at: 5),
             TestDocuments.figure(d, 2, value: 11000, category: "troops_sent", at: 9)]
        }
        let prints = fingerprints([a, b, far, other], figures: [figures(a), figures(b), figures(far), figures(other)])
        let result = Deduplicator(options: options).run(prints)
        let cluster = { (d: Document) in result.stories[d.stories[0].id]!.clusterID }
        #expect(cluster(a) == cluster(b))
        #expect(result.stories[b.stories[0].id]?.match == .sameStory)
        #expect(result.stories[b.stories[0].id]?.duplicateOf == nil)
        #expect(cluster(far) != cluster(a))
        #expect(cluster(other) != cluster(a))

        // One shared figure is not enough.
        let single = fingerprints([a, b], figures: [Array(figures(a).prefix(1)), Array(figures(b).prefix(1))])
        let split = Deduplicator(options: options).run(single)
        #expect(split.stories[a.stories[0].id]!.clusterID != split.stories[b.stories[0].id]!.clusterID)
    }

    /// A crowded day: forty outlets tell the Kursk story and ten the shells story, each in its own
    /// word order (no shared shingles, so every story leads its own near-copy group), all with
    /// the same figures. Every story is compared with many others; each telling joins its own
    /// story and no other.
    @Test func crowdedDayJoinsEachStoryAndNoOther() {
        var generator = SeededGenerator(seed: 7)
        func scrambled(_ paragraphs: [String]) -> [String] {
            [paragraphs.joined(separator: " ").split(separator: " ").map(String.init).shuffled(using: &generator).joined(separator: " ")]
        }
        let kurskTellings = (0..<40).map { TestDocuments.document("k/\($0).txt", published: "2025-01-14", paragraphs: scrambled(kursk)) }
        let shellTellings = (0..<10).map { TestDocuments.document("s/\($0).txt", published: "2025-01-14", paragraphs: scrambled(shells)) }
        let documents = kurskTellings + shellTellings
        let figures = documents.map { d in
            [TestDocuments.figure(d, 0, value: 300, category: "killed"), TestDocuments.figure(d, 1, value: 11000, category: "troops_sent", at: 9)]
        }
        let result = Deduplicator(options: options).run(fingerprints(documents, figures: figures))
        let cluster = { (d: Document) in result.stories[d.stories[0].id]!.clusterID }
        #expect(result.statistics.nearCopies == 0)
        #expect(result.statistics.sameStoryCandidates >= 40 * 39 / 2)
        #expect(Set(kurskTellings.map(cluster)).count == 1)
        #expect(Set(shellTellings.map(cluster)).count == 1)
        #expect(cluster(kurskTellings[0]) != cluster(shellTellings[0]))
    }

    @Test func repeatOfPointsToTheFirstReportInTheCluster() {
        let a = TestDocuments.document("a.txt", published: "2025-01-14", paragraphs: kursk)
        let b = TestDocuments.document("b.txt", published: "2025-01-15", paragraphs: kursk)
        let figuresA = [TestDocuments.figure(a, 0, value: 300, category: "killed"), TestDocuments.figure(a, 1, value: 300, category: "killed", at: 40)]
        let figuresB = [TestDocuments.figure(b, 0, value: 300, category: "killed"), TestDocuments.figure(b, 1, value: 2700, category: "wounded", at: 9)]
        let result = Deduplicator(options: options).run(fingerprints([b, a], figures: [figuresB, figuresA]))
        #expect(result.figures[figuresA[0].id]?.repeatOf == nil)
        #expect(result.figures[figuresA[1].id]?.repeatOf == figuresA[0].id)
        #expect(result.figures[figuresB[0].id]?.repeatOf == figuresA[0].id)
        #expect(result.figures[figuresB[1].id]?.repeatOf == nil)
        #expect(result.figures[figuresB[1].id]?.clusterID == result.stories[a.stories[0].id]?.clusterID)
    }

    @Test func canonicalIsEarliestPublishedThenPath() {
        let late = TestDocuments.document("a/primo.txt", published: "2025-01-20", paragraphs: kursk)
        let early = TestDocuments.document("z/ultimo.txt", published: "2025-01-10", paragraphs: kursk)
        let undated = TestDocuments.document("0/senza-data.txt", published: nil, paragraphs: kursk)
        let tie = TestDocuments.document("b/secondo.txt", published: "2025-01-10", paragraphs: kursk)
        let result = Deduplicator(options: options).run(fingerprints([late, undated, tie, early]))
        #expect(result.stories[tie.stories[0].id]?.isCanonical == true)
        #expect(result.stories[early.stories[0].id]?.duplicateOf == tie.stories[0].id)
        #expect(result.stories[undated.stories[0].id]?.duplicateOf == tie.stories[0].id)
        #expect(result.statistics.clusters == 1)
    }

    /// The integer keys of the canonical sort (day, 16-byte ASCII path prefix) agree with
    /// ``StoryOrder`` on paths that share long prefixes, differ in length, hold accented letters
    /// (precomposed or with a combining accent, which `String` compares as equal) or are undated.
    @Test func canonicalOrderAgreesWithStoryOrder() {
        let stems = [
            "ansa/2025/03/kursk", "ansa/2025/03/kursk-bis", "ansa/2025/03/kursk-", "ansa/2025/03/kursk-bis/seconda-parte",
            "ansa/2025/03/kursk-bis/seconda-parta", "a", "ab", "b", "repubblica/caffè", "repubblica/caffe\u{301}", "repubblica/caffez",
            "Z", "é", "ansa/2025/03/kürsk",
        ]
        var generator = SeededGenerator(seed: 41)
        var prints: [StoryFingerprint] = []
        for number in 0..<300 {
            let path = stems[Int(generator.next() % UInt64(stems.count))] + (generator.next() % 2 == 0 ? ".html" : "")
            let day = generator.next() % 4
            let published: PartialDate? = day == 3 ? nil : PartialDate(year: 2025, month: 3, day: 1 + Int(day))
            prints.append(StoryFingerprint(
                storyID: "s\(number)", documentID: "d\(number)", path: path, position: Int(generator.next() % 3), published: published,
                exactHash: UInt64(number), shingles: [], bandKeys: [], contentWords: [], figures: []
            ))
        }
        let expected = prints.indices.sorted { StoryOrder(prints[$0]) < StoryOrder(prints[$1]) }
        #expect(Deduplicator.canonicalOrder(prints) == expected)
    }

    @Test func resultDoesNotDependOnInputOrder() {
        var documents: [Document] = []
        var figures: [[Figure]] = []
        for index in 0..<24 {
            let paragraphs = index % 3 == 0 ? kursk : (index % 3 == 1 ? shells : Array(kursk.prefix(index % 5 + 1)) + shells.suffix(2))
            let document = TestDocuments.document("doc\(index % 7)/\(index).txt", published: index % 4 == 0 ? nil : "2025-01-\(10 + index % 6)", paragraphs: paragraphs)
            documents.append(document)
            figures.append([TestDocuments.figure(document, 0, value: 300, category: "killed"), TestDocuments.figure(document, 1, value: Double(100 * (index % 3)), category: "wounded", at: 7)])
        }
        let prints = fingerprints(documents, figures: figures)
        let expected = Deduplicator(options: options).run(prints)
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<5 {
            #expect(Deduplicator(options: options).run(prints.shuffled(using: &generator)) == expected)
        }
    }

    @Test(arguments: [
        (DedupOptions(permutations: 128, bands: 30), "stages.dedup.bands"),
        (DedupOptions(threshold: 1.5), "stages.dedup.threshold"),
        (DedupOptions(shingleSize: 0), "stages.dedup.shingle_size"),
    ])
    func badOptionsNameTheirKey(options: DedupOptions, key: String) {
        #expect(options.problems.contains { $0.hasPrefix(key + ":") })
    }

    @Test func defaultOptionsAreValid() {
        #expect(DedupOptions().problems.isEmpty)
    }
}
