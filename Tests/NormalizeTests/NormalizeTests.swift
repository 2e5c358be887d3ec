import Foundation
import PipelineCore
import Testing
@testable import Normalize

/// Shared helpers for the normalize tests.
enum Fixture {
    static let normalizer = Normalizer()

    /// `<package root>/../shared`, where the conformance suites and seeds live when present.
    static let shared: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared").standardized

    static func values(_ text: String, reference: PartialDate? = nil) -> [[Double]] {
        normalizer.run(text, reference: reference).numbers.map { [$0.value, $0.valueHigh] }
    }

    static func dates(_ text: String, reference: PartialDate?) -> [DateMention] {
        normalizer.run(text, reference: reference).dates
    }

    static func close(_ a: Double, _ b: Double) -> Bool {
        a == b || abs(a - b) <= 1e-9 * max(abs(a), abs(b)) || abs(a - b) < 1e-12
    }

    /// Reads a tab-separated file with a header row (fields may be wrapped in double quotes).
    static func tsv(_ url: URL) throws -> [[String: String]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard !lines.isEmpty else { return [] }
        let header = lines.removeFirst().split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        return lines.map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { raw -> String in
                var f = String(raw)
                if f.count >= 2, f.hasPrefix("\""), f.hasSuffix("\"") {
                    f = String(f.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
                }
                return f
            }
            var row: [String: String] = [:]
            for (k, name) in header.enumerated() { row[name] = k < fields.count ? fields[k] : "" }
            return row
        }
    }
}

@Suite("Numerals: values of Italian figures")
struct NumeralTests {
    @Test(arguments: [
        ("Sono arrivati 1.500 soldati", 1500.0),
        ("un debito di 1.234.567 euro", 1_234_567),
        ("una crescita del 2,5 per cento", 2.5),
        ("costa 6.700,54 euro", 6700.54),
        ("in Svizzera 10'000 franchi", 10000),
        ("in Svizzera 10’000 franchi", 10000),
        ("circa 100 000 persone", 100_000),
        ("sono 11mila", 11000),
        ("sono 11 mila", 11000),
        ("2,5 milioni di sfollati", 2_500_000),
        ("1,5 miliardi di dollari", 1_500_000_000),
        ("3 mln di abitanti", 3_000_000),
        ("ventuno caccia", 21),
        ("ventotto carri", 28),
        ("centottanta droni", 180),
        ("trecentomila profughi", 300_000),
        ("duemilacinquecento uomini", 2500),
        ("un milione e mezzo di persone", 1_500_000),
        ("mezzo milione di rifugiati", 500_000),
        ("novecentonovantanove feriti", 999),
        ("cento ostaggi", 100),
        ("millecento chilometri", 1100),
        ("duecentomila", 200_000),
        ("settant'anni fa nessuno", 70),
        ("settant’anni di storia", 70),
        ("tremila e duecento", 3200),
        ("sei milioni e due terzi", 6_666_666.666666667),
        ("i due terzi dei voti", 2.0 / 3.0),
        ("un quinto della flotta", 0.2),
        ("tre dozzine di uova", 36),
        ("la metà, cioè 1/2", 0.5),
        ("il tasso è 0,75", 0.75),
        ("il 50% dei mezzi", 50),
        ("il 50 per cento dei mezzi", 50),
        ("oltre 3 miliardi", 3_000_000_000),
        ("1e6 operazioni", 1_000_000),
        ("un budget di 10K dollari", 10000),
        ("meno cinque virgola uno", -5.1),
        ("negativo tre", -3),
        ("costa un euro", 1),
        ("due gradi sotto zero", -2),
        ("5° sotto zero", -5),
        ("mille miliardi", 1e12),
    ] as [(String, Double)])
    func singleValue(text: String, value: Double) {
        let got = Fixture.values(text)
        #expect(got.count == 1, "\(text): \(got)")
        if let first = got.first { #expect(Fixture.close(first[0], value), "\(text): \(first[0]) ≠ \(value)") }
    }

    @Test(arguments: [
        ("altri 25-30mila soldati", 25000.0, 30000.0),
        ("tra gli 11 mila e i 12 mila", 11000, 12000),
        ("da 11.000 a 12.000 uomini", 11000, 12000),
        ("tra 20 e 30 anni", 20, 30),
        ("fra 2 e 3 milioni", 2_000_000, 3_000_000),
        ("10 - 20 euro", 10, 20),
        ("centinaia di soldati", 100, 900),
        ("migliaia di civili", 1000, 9000),
        ("decine di migliaia di soldati", 10000, 90000),
        ("centinaia di migliaia di profughi", 100_000, 900_000),
        ("decine di feriti", 10, 90),
    ] as [(String, Double, Double)])
    func ranges(text: String, low: Double, high: Double) {
        let got = Fixture.values(text)
        #expect(got == [[low, high]], "\(text): \(got)")
    }

    @Test(arguments: [
        ("circa 1.500 soldati", Qualifier.approx, "circa 1.500"),
        ("più di 300 morti", .moreThan, "più di 300"),
        ("fino a 300 chilometri", .upTo, "fino a 300"),
        ("fino ai 300 metri", .upTo, "fino ai 300"),
        ("oltre i 300 feriti", .moreThan, "oltre i 300"),
        ("almeno 3.000 soldati", .atLeast, "almeno 3.000"),
        ("non meno di 40 carri", .atLeast, "non meno di 40"),
        ("non più di 40 carri", .atMost, "non più di 40"),
        ("meno di 20 civili", .lessThan, "meno di 20"),
        ("intorno ai 200 mezzi", .approx, "intorno ai 200"),
        ("quasi 1.000 giorni", .almost, "quasi 1.000"),
        ("circa il 50%", .approx, "circa il 50%"),
        ("un migliaio di uomini", .approx, "un migliaio"),
        ("una decina di droni", .approx, "una decina"),
    ] as [(String, Qualifier, String)])
    func qualifiers(text: String, qualifier: Qualifier, surface: String) {
        let n = Fixture.normalizer.run(text, reference: nil).numbers
        #expect(n.count == 1, "\(text): \(n)")
        #expect(n.first?.qualifier == qualifier)
        #expect(n.first?.surface == surface)
    }

    @Test func offsetsAreUnicodeScalarsAndSurfaceMatches() {
        let text = "Già più di 300 soldati, poi “circa 1.500” e l’80%"
        let scalars = Array(text.unicodeScalars)
        let numbers = Fixture.normalizer.run(text, reference: nil).numbers
        #expect(numbers.map(\.value) == [300, 1500, 80])
        for n in numbers {
            #expect(String(String.UnicodeScalarView(scalars[n.charStart..<n.charEnd])) == n.surface)
            #expect(n.charStart <= n.numeralStart && n.numeralStart < n.charEnd)
        }
        #expect(numbers[0].numeralStart == 11)
        #expect(numbers[2].isPercent)
    }

    @Test func wordsAboveNinetyNine() {
        #expect(Fixture.values("cento") == [[100, 100]])
        #expect(Fixture.values("centottanta") == [[180, 180]])
        #expect(Fixture.values("novecentonovantanove") == [[999, 999]])
        #expect(Fixture.values("duecentomila quattordicimila") == [[200_000, 200_000], [14000, 14000]])
    }
}
