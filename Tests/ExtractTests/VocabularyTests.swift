import Foundation
import PipelineCore
import Testing
@testable import Extract

/// Loading, checking, extending and replacing the vocabulary.
struct VocabularyTests {
    @Test func bundledVocabularyLoads() throws {
        let vocabulary = try ExtractVocabulary.bundled()
        for category in ["troops_sent", "troops_planned", "killed", "wounded", "killed_or_wounded", "captured",
                         "prisoners_recruited", "munitions", "weapons", "distance", "duration", "money", "other"] {
            #expect(vocabulary.categories.contains(category))
        }
        #expect(vocabulary.unitLemmas.contains("soldato"))
        #expect(vocabulary.sources.contains("NIS"))
    }

    @Test(arguments: [
        ("inviat{o,a,i,e}", ["inviato", "inviata", "inviati", "inviate"]),
        ("mercenari{o,}", ["mercenario", "mercenari"]),
        ("fatt{o,i} prigionier{o,i}", ["fatto prigioniero", "fatto prigionieri", "fatti prigioniero", "fatti prigionieri"]),
        ("secondo", ["secondo"]),
    ])
    func braceExpansion(_ phrase: String, _ expected: [String]) throws {
        #expect(try ExtractVocabulary.expand(phrase, origin: "t.json", entry: "x") == expected)
    }

    static func data(_ json: String) -> Data { Data(json.utf8) }

    @Test(arguments: [
        (#"{"categories": [{"name": "other"}], "units": [{"lemma": "x", "class": "nessuna", "forms": ["x"]}], "unit_classes": []}"#, "units[0].class"),
        (#"{"categories": [{"name": "other"}], "units": [{"lemma": "x", "category": "boh", "forms": ["x"]}], "unit_classes": [{"name": "thing"}]}"#, "units[0].category"),
        (#"{"categories": [{"name": "killed"}], "units": []}"#, "categories"),
        (#"{"categories": [{"name": "other", "cues": ["morti{"]}], "units": [{"lemma": "x", "forms": ["x"]}], "unit_classes": [{"name": "thing"}]}"#, "categories[0].cues[0]"),
        (#"{"categories": [{"name": "other"}], "units": [{"lemma": "x", "forms": ["x"]}], "unit_classes": [{"name": "thing"}], "shifts": [{"name": "p", "from": ["other"], "to": "nuovo"}]}"#, "shifts[0].to"),
        (#"{"categories": [{"name": "other", "cues": 3}]}"#, "categories[0].cues"),
    ])
    func invalidEntriesAreNamed(_ json: String, _ entry: String) {
        #expect {
            try ExtractVocabulary(data: Self.data(json), origin: "extra.json")
        } throws: { error in
            guard case .invalidEntry(let file, let path, _) = error as? VocabularyError else { return false }
            return file == "extra.json" && path == entry
        }
    }

    @Test func malformedJSONNamesTheFile() {
        #expect {
            try ExtractVocabulary(data: Self.data("{ not json"), origin: "rotto.json")
        } throws: { error in
            (error as? VocabularyError)?.description.hasPrefix("rotto.json:") == true
        }
    }

    @Test func missingFileNamesThePath() {
        #expect {
            try ExtractVocabulary(contentsOf: URL(fileURLWithPath: "/nonexistent/vocab.json"))
        } throws: { error in
            (error as? VocabularyError)?.description.contains("/nonexistent/vocab.json") == true
        }
    }

    @Test func extensionAddsACategoryAndAUnit() throws {
        let extra = #"""
        { "categories": [{ "name": "displaced", "cues": ["sfollat{o,a,i,e}", "evacuat{o,a,i,e}"] }],
          "units": [{ "lemma": "famiglia", "class": "people", "forms": ["famigli{a,e}"] }] }
        """#
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("extract-extra-\(UInt64.random(in: 0...UInt64.max)).json")
        try Data(extra.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let vocabulary = try ExtractVocabulary.bundled().merging(contentsOf: url)
        #expect(vocabulary.categories.contains("displaced"))
        let figures = MarkedText("Nella regione sono state evacuate [[300|300]] famiglie.").figures(Extractor(vocabulary: vocabulary))
        #expect(figures.first?.unit == "famiglia")
        #expect(figures.first?.category == "displaced")
        // the bundled vocabulary does not know the noun
        #expect(MarkedText("Nella regione sono state evacuate [[300|300]] famiglie.").figures().isEmpty)
    }

    @Test func replacementVocabularyStandsAlone() throws {
        let own = #"""
        { "version": 1,
          "categories": [{ "name": "other" }, { "name": "vaccinated", "cues": ["vaccinat{o,a,i,e}"] }],
          "unit_classes": [{ "name": "people", "default": "other" }],
          "units": [{ "lemma": "persona", "class": "people", "forms": ["person{a,e}"] }] }
        """#
        let vocabulary = try ExtractVocabulary(data: Data(own.utf8), origin: "own.json")
        let figures = MarkedText("Sono state vaccinate [[3.000|3000]] persone e [[20|20]] soldati.").figures(Extractor(vocabulary: vocabulary))
        #expect(figures.map(\.category) == ["vaccinated"])
    }

    @Test func mergingTwoVocabularies() throws {
        let base = try ExtractVocabulary.bundled()
        let extra = try ExtractVocabulary(data: Self.data(#"{"categories": [{"name": "other"}, {"name": "killed", "cues": ["trucidat{i,e}"]}], "unit_classes": [{"name": "thing"}], "units": [{"lemma": "x", "forms": ["xyz"]}], "sources": [{"name": "NIS", "aliases": ["agenzia di Seul"]}]}"#), origin: "extra.json")
        let merged = try base.merging(extra)
        #expect(merged.origin == "vocabulary.json + extra.json")
        let figures = MarkedText("Secondo l'agenzia di Seul [[100|100]] soldati sono stati trucidati.").figures(Extractor(vocabulary: merged))
        #expect(figures.first?.category == "killed")
        #expect(figures.first?.attribution == "NIS")
    }
}
