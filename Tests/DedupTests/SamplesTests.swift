import Dedup
import Foundation
import PipelineCore
import Testing

/// Dedup on the project's samples and on the shared seed articles, through the real stages.
struct SamplesTests {
    static let hasSeeds = FileManager.default.fileExists(atPath: TestDocuments.shared + "/seeds")

    /// Analyzes every file of a directory (rejected files left out) and deduplicates them.
    static func run(directory: String) throws -> (analyses: [String: TestDocuments.Analysis], result: DedupResult) {
        var analyses: [String: TestDocuments.Analysis] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        where name.hasSuffix(".txt") || name.hasSuffix(".html") {
            if let analysis = TestDocuments.analyze(file: directory + "/" + name) { analyses[name] = analysis }
        }
        return (analyses, Deduplicator().run(analyses.values.flatMap(\.fingerprints)))
    }

    static func cluster(_ name: String, in run: (analyses: [String: TestDocuments.Analysis], result: DedupResult)) -> String? {
        run.analyses[name].flatMap { run.result.stories[$0.document.stories[0].id]?.clusterID }
    }

    @Test func nearCopyAcrossOutletsJoinsItsOriginal() throws {
        let run = try Self.run(directory: TestDocuments.samples)
        #expect(run.analyses["09_immagine_salvata_male.html"] == nil)
        let copy = try #require(run.analyses["07_ripresa_munizioni_altra_testata.html"])
        let original = try #require(run.analyses["05_munizioni_proiettili.html"])
        let assignment = run.result.stories[copy.document.stories[0].id]
        #expect(assignment?.duplicateOf == original.document.stories[0].id)
        #expect((assignment?.similarity ?? 0) >= DedupOptions().threshold)
    }

    @Test func sameBriefingToldByTwoOutletsIsOneStory() throws {
        let run = try Self.run(directory: TestDocuments.samples)
        let nis = Self.cluster("01_nis_perdite_kursk.txt", in: run)
        #expect(nis != nil)
        #expect(nis == Self.cluster("11_nis_audizione_altra_testata.txt", in: run))
        #expect(nis != Self.cluster("04_zelensky_prigionieri.txt", in: run))
        #expect(Self.cluster("02_cnn_rinforzi_marzo.txt", in: run) != Self.cluster("08_notiziario_con_brevi.html", in: run))
    }

    @Test func everyOtherSampleIsItsOwnStory() throws {
        let run = try Self.run(directory: TestDocuments.samples)
        let joined: Set<String> = ["05_munizioni_proiettili.html", "07_ripresa_munizioni_altra_testata.html", "01_nis_perdite_kursk.txt", "11_nis_audizione_altra_testata.txt"]
        let others = run.analyses.keys.filter { !joined.contains($0) }.sorted()
        let clusters = others.compactMap { Self.cluster($0, in: run) }
        #expect(Set(clusters).count == others.count)
    }

    @Test(.enabled(if: SamplesTests.hasSeeds, "../shared/seeds is absent"))
    func seeds003And004AreDifferentStoriesSharingTwoClaims() throws {
        let run = try Self.run(directory: TestDocuments.shared + "/seeds")
        let a = try #require(run.analyses.keys.first { $0.hasPrefix("003_") })
        let b = try #require(run.analyses.keys.first { $0.hasPrefix("004_") })
        let storiesA = Set(run.analyses[a]!.document.stories.map { run.result.stories[$0.id]!.clusterID })
        let storiesB = Set(run.analyses[b]!.document.stories.map { run.result.stories[$0.id]!.clusterID })
        #expect(storiesA.isDisjoint(with: storiesB))

        var reports: [ClaimReport] = []
        for analysis in run.analyses.values {
            reports += ClaimReport.reports(of: analysis.document, figures: analysis.figures, clusters: run.result.stories)
        }
        let claims = ClaimBuilder().run(reports)
        let idsA = Set(run.analyses[a]!.figures.map(\.id)), idsB = Set(run.analyses[b]!.figures.map(\.id))
        for (category, value) in [("troops_sent", 11_000.0), ("killed_or_wounded", 4_000.0)] {
            let shared = claims.filter { claim in
                claim.category == category && claim.value == value
                    && claim.figureIDs.contains(where: idsA.contains) && claim.figureIDs.contains(where: idsB.contains)
            }
            #expect(shared.count == 1, "one claim for \(category) \(value)")
            #expect(shared.first?.reports == 2)
            #expect(shared.first?.clusters == 2)
        }
    }
}
