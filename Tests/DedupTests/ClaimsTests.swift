import PipelineCore
import Testing

@testable import Dedup

/// Builds a figure for claim tests; the sentence is Italian prose we wrote for the test.
func claimFigure(
    _ id: String, story: String, value: Double, high: Double? = nil, qualifier: Qualifier = .exact,
    category: String = "troops_sent", unit: String = "soldato", attribution: String? = nil,
    event: (String, String)? = nil
) -> Figure {
    Figure(
        id: id, storyID: story, value: value, valueHigh: high ?? value, qualifier: qualifier, unit: unit,
        category: category, attribution: attribution, eventStart: event?.0, eventEnd: event?.1,
        surface: "\(Int(value)) soldati", sentence: "Pyongyang ha inviato \(Int(value)) soldati in Russia.",
        charStart: 0, charEnd: 10
    )
}

func report(_ figure: Figure, doc: String, published: String?, cluster: String) -> ClaimReport {
    ClaimReport(figure: figure, documentID: doc, published: published.flatMap { PartialDate(iso: $0) }, clusterID: cluster)
}

struct ClaimsTests {
    @Test func sameFigureAcrossStoriesIsOneClaim() {
        let reports = [
            report(claimFigure("a-f0", story: "a-s0", value: 11000, qualifier: .approx, attribution: "CNN"), doc: "a", published: "2025-07", cluster: "c1"),
            report(claimFigure("a-f1", story: "a-s0", value: 11000, event: ("2024-11-01", "2024-11-30")), doc: "a", published: "2025-07", cluster: "c1"),
            report(claimFigure("b-f0", story: "b-s0", value: 11000, qualifier: .atLeast, attribution: "NIS"), doc: "b", published: "2025-03-28", cluster: "c2"),
        ]
        let claims = ClaimBuilder().run(reports)
        #expect(claims.count == 1)
        let claim = claims[0]
        #expect(claim.reports == 2)
        #expect(claim.documents == 2)
        #expect(claim.clusters == 2)
        #expect(claim.attributions == ["CNN", "NIS"])
        #expect(claim.firstPublished?.iso == "2025-03-28")
        #expect(claim.lastPublished?.iso == "2025-07")
        #expect(claim.eventStart == "2024-11-01")
        #expect(claim.figureIDs == ["a-f0", "a-f1", "b-f0"])
    }

    @Test func differentPeriodsSplitAndUnstatedJoinsTheNearest() {
        let reports = [
            report(claimFigure("a-f0", story: "a-s0", value: 3000, event: ("2024-11-01", "2024-11-30")), doc: "a", published: "2024-12-02", cluster: "c1"),
            report(claimFigure("b-f0", story: "b-s0", value: 3000, event: ("2025-02-01", "2025-02-28")), doc: "b", published: "2025-03-01", cluster: "c2"),
            report(claimFigure("c-f0", story: "c-s0", value: 3000), doc: "c", published: "2025-03-05", cluster: "c3"),
        ]
        let claims = ClaimBuilder().run(reports)
        #expect(claims.count == 2)
        #expect(claims.map(\.eventStart) == ["2024-11-01", "2025-02-01"])
        #expect(claims.map(\.reports) == [1, 2])
    }

    @Test func overlappingPeriodsAreOnePeriod() {
        let reports = [
            report(claimFigure("a-f0", story: "a-s0", value: 11000, event: ("2024-11-01", "2024-11-30")), doc: "a", published: nil, cluster: "c1"),
            report(claimFigure("b-f0", story: "b-s0", value: 11000, event: ("2024-09-01", "2024-11-30")), doc: "b", published: nil, cluster: "c2"),
        ]
        let claims = ClaimBuilder().run(reports)
        #expect(claims.count == 1)
        #expect(claims[0].eventStart == "2024-09-01")
        #expect(claims[0].eventEnd == "2024-11-30")
    }

    @Test(arguments: [
        ("killed", "soldato", 300.0, 300.0),
        ("wounded", "soldato", 2700.0, 2700.0),
        ("troops_planned", "soldato", 25000.0, 30000.0),
    ])
    func differentKeysNeverMerge(category: String, unit: String, value: Double, high: Double) {
        let reports = [
            report(claimFigure("a-f0", story: "a-s0", value: value, high: high, category: category, unit: unit), doc: "a", published: "2025-01-14", cluster: "c1"),
            report(claimFigure("b-f0", story: "b-s0", value: value + 1, high: high + 1, category: category, unit: unit), doc: "b", published: "2025-01-14", cluster: "c1"),
            report(claimFigure("c-f0", story: "c-s0", value: value, high: high, category: "other", unit: unit), doc: "c", published: "2025-01-14", cluster: "c1"),
        ]
        #expect(ClaimBuilder().run(reports).count == 3)
    }

    @Test func orderDoesNotMatter() {
        var generator = SeededGenerator(seed: 7)
        var reports: [ClaimReport] = []
        for index in 0..<60 {
            let value = Double([300, 2700, 11000][index % 3])
            let event: (String, String)? = index % 4 == 0 ? ("2024-1\(index % 2)-01", "2024-1\(index % 2)-28") : nil
            reports.append(report(
                claimFigure("d\(index)-f0", story: "d\(index)-s0", value: value, attribution: index % 5 == 0 ? "NIS" : nil, event: event),
                doc: "d\(index)", published: "2025-01-\(10 + index % 9)", cluster: "c\(index % 7)"))
        }
        let expected = ClaimBuilder().run(reports)
        for _ in 0..<5 {
            reports.shuffle(using: &generator)
            #expect(ClaimBuilder().run(reports) == expected)
        }
    }
}
