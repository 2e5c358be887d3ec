import Foundation
import Ingest
import Normalize
import PipelineCore
import Testing
@testable import Extract

/// Runs Ingest → Normalizer → Extractor over the shared seed articles and scores the figures
/// against their gold labels the way `../shared/tools/score_figures.py` does: a prediction
/// matches the first gold row of the same article whose value and high value agree (1%
/// tolerance); rows marked `strict=no` are neither required nor penalized.
struct SeedScoreTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let seeds = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/seeds")
    static let gold = seeds.appendingPathComponent("gold_figures.tsv")

    struct GoldRow {
        var article: String
        var value: Double
        var high: Double
        var qualifier: String
        var category: String
        var attribution: String
        var strict: Bool
    }

    static func readGold() throws -> [GoldRow] {
        let lines = try String(contentsOf: gold, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        func column(_ name: String) -> Int { header.firstIndex(of: name)! }
        return lines.dropFirst().filter { !$0.isEmpty }.map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            func field(_ name: String) -> String { column(name) < fields.count ? fields[column(name)] : "" }
            return GoldRow(
                article: field("article_id"), value: Double(field("value")) ?? .nan,
                high: Double(field("value_high")) ?? Double(field("value")) ?? .nan, qualifier: field("qualifier"),
                category: field("category"), attribution: field("source_attribution"), strict: field("strict") != "no"
            )
        }
    }

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= max(0.5, 0.01 * abs(b)) }

    static func normalized(_ text: String) -> String {
        text.lowercased().replacingOccurrences(of: "’", with: "'").split(separator: " ").joined(separator: " ")
    }

    /// The scorer's attribution check: containment, the NIS alias group, or half the gold words.
    static func attributionMatches(_ predicted: String?, _ gold: String) -> Bool {
        let p = normalized(predicted ?? "")
        let g = normalized(gold)
        if p.isEmpty { return false }
        if p.contains(g) || g.contains(p) { return true }
        let nis = ["nis", "national intelligence service", "intelligence sudcoreana", "servizi segreti sudcoreani",
                   "intelligence della corea del sud", "007 di seul", "servizio di intelligence nazionale",
                   "agenzia di intelligence della corea del sud", "intelligence di seul"]
        if nis.contains(where: { p.contains($0) }), nis.contains(where: { g.contains($0) }) { return true }
        let stop: Set<String> = ["di", "la", "il", "lo", "l'", "del", "della"]
        let pw = Set(p.split(separator: " ").map(String.init)).subtracting(stop)
        let gw = Set(g.split(separator: " ").map(String.init)).subtracting(stop)
        let shared = pw.intersection(gw).count
        return shared >= 1 && Double(shared) / Double(max(1, gw.count)) >= 0.5
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: gold.path)))
    func seedFiguresMeetTheTargets() throws {
        let goldRows = try Self.readGold()
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.seeds.path).filter { $0.hasSuffix(".txt") }.sorted()
        let extractor = Extractor()
        let normalizer = Normalizer()
        var predictions: [String: [Figure]] = [:]
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: Self.seeds.appendingPathComponent(file)))
            let document = try Ingest().run(RawDocument(path: file, bytes: bytes))
            let figures = extractor.run(document, normalized: normalizer.run(document.text, reference: document.published))
            let scalars = Array(document.text.unicodeScalars)
            for figure in figures {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars[figure.charStart..<figure.charEnd])
                #expect(String(view) == figure.surface)
            }
            predictions[String(file.prefix(3))] = figures
        }
        var truePositives = 0, falsePositives = 0, falseNegatives = 0
        var categoryRight = 0, qualifierRight = 0, attributed = 0, attributionRight = 0
        for article in Set(goldRows.map(\.article)).sorted() {
            let figures = predictions[article] ?? []
            var used: Set<Int> = []
            for row in goldRows where row.article == article {
                let hit = figures.indices.first { !used.contains($0) && Self.close(figures[$0].value, row.value) && Self.close(figures[$0].valueHigh, row.high) }
                guard let hit else {
                    if row.strict { falseNegatives += 1 }
                    continue
                }
                used.insert(hit)
                guard row.strict else { continue }
                truePositives += 1
                let figure = figures[hit]
                if figure.category == row.category { categoryRight += 1 }
                if figure.qualifier.rawValue == row.qualifier { qualifierRight += 1 }
                if !row.attribution.isEmpty {
                    attributed += 1
                    if Self.attributionMatches(figure.attribution, row.attribution) { attributionRight += 1 }
                }
            }
            falsePositives += figures.count - used.count
        }
        let precision = Double(truePositives) / Double(max(1, truePositives + falsePositives))
        let recall = Double(truePositives) / Double(max(1, truePositives + falseNegatives))
        #expect(precision >= 0.95)
        #expect(recall >= 0.95)
        #expect(Double(categoryRight) / Double(max(1, truePositives)) >= 0.90)
        #expect(Double(qualifierRight) / Double(max(1, truePositives)) >= 0.90)
        #expect(Double(attributionRight) / Double(max(1, attributed)) >= 0.75)
    }
}
