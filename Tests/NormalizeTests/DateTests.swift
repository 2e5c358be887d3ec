import Foundation
import PipelineCore
import Testing
@testable import Normalize

@Suite("Dates: Italian expressions resolved against the publication date")
struct DateTests {
    /// Friday 14 March 2025.
    static let ref = PartialDate(year: 2025, month: 3, day: 14)

    @Test(arguments: [
        ("il 9 gennaio 2025", "2025-01-09", "2025-01-09", DateGrain.day),
        ("9/1/2025", "2025-01-09", "2025-01-09", .day),
        ("2025-01-09", "2025-01-09", "2025-01-09", .day),
        ("date 2025-02", "2025-02-01", "2025-02-28", .month),
        ("gennaio 2025", "2025-01-01", "2025-01-31", .month),
        ("nel 2023", "2023-01-01", "2023-12-31", .year),
        ("il 9 gennaio", "2025-01-09", "2025-01-09", .day),
        ("il terzo trimestre del 2016", "2016-07-01", "2016-09-30", .quarter),
        ("due anni fa", "2023-03-14", "2023-03-14", .day),
        ("la settimana scorsa", "2025-03-03", "2025-03-09", .week),
        ("sono arrivati a novembre", "2024-11-01", "2024-11-30", .month),
        ("arriveranno a novembre", "2025-11-01", "2025-11-30", .month),
        ("lo scorso aprile", "2024-04-01", "2024-04-30", .month),
        ("novembre scorso", "2024-11-01", "2024-11-30", .month),
        ("il mese scorso", "2025-02-01", "2025-02-28", .month),
        ("ieri", "2025-03-13", "2025-03-13", .day),
        ("sabato scorso", "2025-03-08", "2025-03-08", .day),
        ("il 15 marzo scorso", "2024-03-15", "2024-03-15", .day),
        ("il 2 marzo scorso", "2025-03-02", "2025-03-02", .day),
        ("a metà ottobre", "2024-10-11", "2024-10-20", .monthPart),
        ("all'inizio di febbraio", "2025-02-01", "2025-02-10", .monthPart),
        ("a fine aprile 2024", "2024-04-21", "2024-04-30", .monthPart),
        ("nella seconda metà di gennaio", "2025-01-16", "2025-01-31", .monthPart),
        ("la prima metà di gennaio", "2025-01-01", "2025-01-15", .monthPart),
        ("nella seconda metà di febbraio 2024", "2024-02-16", "2024-02-29", .monthPart),
        ("verso la metà di gennaio", "2025-01-11", "2025-01-20", .monthPart),
        ("nell'autunno del 2024", "2024-09-01", "2024-11-30", .season),
        ("nell’inverno del 2023", "2023-12-01", "2024-02-29", .season),
        ("la prima settimana di febbraio", "2025-02-01", "2025-02-07", .week),
        ("tra gennaio e febbraio", "2025-01-01", "2025-02-28", .month),
        ("dal 13 al 15 luglio 2024", "2024-07-13", "2024-07-15", .day),
        ("dal 2014 al 2018", "2014-01-01", "2018-12-31", .year),
        ("negli anni novanta", "1990-01-01", "1999-12-31", .year),
        ("a Natale del 2022", "2022-12-25", "2022-12-25", .day),
        ("il 3/2015", "2015-03-01", "2015-03-31", .month),
        ("gli ultimi due giorni", "2025-03-12", "2025-03-13", .day),
        ("tra 10 giorni", "2025-03-24", "2025-03-24", .day),
        ("entro il 15/2", "2025-02-15", "2025-02-15", .day),
        ("il 3/3/15", "2015-03-03", "2015-03-03", .day),
        ("il secondo di marzo", "2025-03-02", "2025-03-02", .day),
        ("Gennaio 12, 2016", "2016-01-12", "2016-01-12", .day),
        ("dom 12 gen 2014", "2014-01-12", "2014-01-12", .day),
        ("ieri l'altro", "2025-03-12", "2025-03-12", .day),
        ("una settimana fa", "2025-03-07", "2025-03-07", .day),
    ] as [(String, String, String, DateGrain)])
    func resolved(text: String, start: String, end: String, grain: DateGrain) {
        let d = Fixture.dates(text, reference: Self.ref)
        #expect(d.count == 1, "\(text): \(d)")
        #expect(d.first?.start == start, "\(text)")
        #expect(d.first?.end == end, "\(text)")
        #expect(d.first?.grain == grain, "\(text)")
    }

    @Test func relativeDatesRecordTheirReference() {
        let d = Fixture.dates("ieri e nel 2023", reference: Self.ref)
        #expect(d.map(\.relative) == [true, false])
        #expect(d.map(\.reference) == ["2025-03-14", nil])
    }

    @Test(arguments: [
        ("novembre scorso", DateGrain.month), ("la settimana scorsa", .week), ("ieri", .day), ("a novembre", .month),
    ] as [(String, DateGrain)])
    func withoutReferenceKeepGrain(text: String, grain: DateGrain) {
        let d = Fixture.dates(text, reference: nil)
        #expect(d.count == 1)
        #expect(d.first?.grain == grain)
        #expect(d.first?.start == nil)
        #expect(d.first?.relative == true)
    }

    @Test func yearlessDayWithoutReferenceIsMonthDay() {
        let d = Fixture.dates("Dal 25 marzo i colloqui", reference: nil)
        #expect(d.first?.start == "--03-25")
        #expect(d.first?.end == "--03-25")
    }
}

@Suite("Seeds: every gold date found with its start, end and grain")
struct SeedDateTests {
    static let seeds = Fixture.shared.appendingPathComponent("seeds")
    static let present = FileManager.default.fileExists(atPath: seeds.appendingPathComponent("gold_dates.tsv").path)

    @Test(.enabled(if: present))
    func goldDates() throws {
        let rows = try Fixture.tsv(Self.seeds.appendingPathComponent("gold_dates.tsv"))
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.seeds.path)
        var missing: [String] = []
        for row in rows {
            let id = row["article_id"] ?? ""
            guard let name = files.first(where: { $0.hasPrefix(id + "_") && $0.hasSuffix(".txt") }) else {
                Issue.record("no seed text for article \(id)")
                continue
            }
            let text = try String(contentsOf: Self.seeds.appendingPathComponent(name), encoding: .utf8)
            // The reference is the document's ` date YYYY-MM[-DD]` header, when it has one.
            let head = text.prefix(40).split(separator: " ", omittingEmptySubsequences: true)
            var reference: PartialDate?
            if head.count >= 2, head[0] == "date" { reference = PartialDate(iso: head[1]) }
            let result = Fixture.normalizer.run(text, reference: reference)
            let surface = row["surface"] ?? ""
            let scalars = Array(text.unicodeScalars)
            let needle = Array(surface.unicodeScalars)
            guard let at = (0...(scalars.count - needle.count)).first(where: { scalars[$0..<($0 + needle.count)].elementsEqual(needle) }) else {
                Issue.record("surface \(surface) not in \(name)")
                continue
            }
            let want = (row["resolved_start"].flatMap { $0.isEmpty ? nil : $0 }, row["resolved_end"].flatMap { $0.isEmpty ? nil : $0 })
            let found = result.dates.contains { d in
                d.charStart < at + needle.count && at < d.charEnd && d.start == want.0 && d.end == want.1
                    && d.grain.rawValue == row["grain"]
            }
            if !found { missing.append("\(id) \(surface): \(result.dates.map { "\($0.surface) \($0.start ?? "-") \($0.end ?? "-") \($0.grain)" })") }
        }
        #expect(missing.isEmpty, "\(missing.joined(separator: "\n"))")
    }
}
