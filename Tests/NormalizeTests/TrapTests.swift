import PipelineCore
import Testing
@testable import Normalize

@Suite("Traps: what is not a figure or not a date")
struct TrapTests {
    static let ref = PartialDate(year: 2025, month: 3, day: 14)

    @Test(arguments: ["ottobre", "novembre", "sotto", "settembre", "nonostante", "tremendo", "novità", "seicentesco",
                      "Settimana difficile", "il Mar Nero", "un po' di tempo", "una sequenza di attacchi"])
    func noNumberInsideWords(text: String) {
        #expect(Fixture.values(text).isEmpty, "\(text)")
    }

    @Test(arguments: ["la prima settimana", "il terzo", "la 3ª divisione", "la 21esima brigata", "il 10° reggimento",
                      "un caccia F-16", "l'Airbus A320", "il Su-27", "la versione 1.2.3.4.5", "192.168.1.2",
                      "il venticinquesimo anniversario", "Una dodicesima prova"])
    func ordinalsAndIdentifiersAreNotNumbers(text: String) {
        #expect(Fixture.values(text).isEmpty, "\(text): \(Fixture.values(text))")
    }

    @Test(arguments: ["il decreto n. 231", "la legge nr. 45 del 2019", "il fascicolo num. 7", "la delibera N.12",
                      "circolare n. 1.234"])
    func numberSignsAreIdentifiers(text: String) {
        #expect(Fixture.values(text).isEmpty, "\(text): \(Fixture.values(text))")
    }

    @Test func aNumberAfterOrdinaryWordsStillCounts() {
        #expect(Fixture.values("ne arrivarono 231") == [[231, 231]])
        #expect(Fixture.values("un n 5") == [[5, 5]])  // no dot: not the abbreviation
    }

    @Test(arguments: ["l'inverno 2024-2025 è stato mite", "nell'inverno 2024/2025", "l'inverno 2024-25"])
    func winterAcrossTwoYearsIsOneSeason(text: String) {
        let r = Fixture.normalizer.run(text, reference: Self.ref)
        #expect(r.numbers.isEmpty, "\(text): \(r.numbers)")
        #expect(r.dates.count == 1, "\(text): \(r.dates)")
        #expect(r.dates.first?.start == "2024-12-01")
        #expect(r.dates.first?.end == "2025-02-28")
        #expect(r.dates.first?.grain == .season)
        #expect(r.dates.first?.surface.hasPrefix("inverno 2024") == true)
        #expect(r.dates.first?.surface.hasSuffix("5") == true, "the second year is part of the season")
    }

    @Test(arguments: ["un articolo", "una nave", "uno sciopero", "ha incontrato un ministro"])
    func articlesAreNotCounts(text: String) {
        #expect(Fixture.values(text).isEmpty, "\(text)")
    }

    @Test func articlesThatQuantifyAreCounts() {
        #expect(Fixture.values("dopo un mese") == [[1, 1]])
        #expect(Fixture.values("un migliaio di uomini") == [[1000, 1000]])
        #expect(Fixture.values("ne è rimasto uno") == [[1, 1]])
    }

    @Test func marIsTuesdayOrMarchByContext() {
        let week = Fixture.dates("riunioni da mar a gio", reference: Self.ref)
        #expect(week.map(\.start) == ["2025-03-11"])
        #expect(week.map(\.end) == ["2025-03-13"])
        let march = Fixture.dates("il 12 mar 2024", reference: Self.ref)
        #expect(march.map(\.start) == ["2024-03-12"])
        #expect(Fixture.dates("navi nel Mar Nero", reference: Self.ref).isEmpty)
    }

    @Test func dayWithTimeIsOneDayNotHoursAgo() {
        let r = Fixture.normalizer.run("25.02.2018, Ore 08:51", reference: Self.ref)
        #expect(r.dates.count == 1)
        #expect(r.dates.first?.start == "2018-02-25")
        #expect(r.dates.first?.grain == .day)
        #expect(r.numbers.isEmpty, "\(r.numbers)")
    }

    @Test(arguments: ["6005", "73 20", "000", "ne restano 6005", "codice 73 20"])
    func plainNumbersAreNotDates(text: String) {
        #expect(Fixture.dates(text, reference: Self.ref).isEmpty, "\(text)")
    }

    @Test func yearsAndTimesAreNotFigures() {
        let r = Fixture.normalizer.run("Nel 2023 alle 14:30 arrivarono 300 soldati", reference: Self.ref)
        #expect(r.numbers.map(\.value) == [300])
        #expect(r.dates.map(\.grain) == [.year])
    }
}
