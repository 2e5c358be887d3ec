import Foundation
import Testing
@testable import PipelineRunner

@Suite("stages.extract.vocabulary reaches the extractor")
struct VocabularyConfigTests {
    private let extra = #"""
    { "categories": [{ "name": "displaced", "cues": ["sfollat{o,a,i,e}", "evacuat{o,a,i,e}"] }],
      "units": [{ "lemma": "famiglia", "class": "people", "forms": ["famigli{a,e}"] }] }
    """#

    private func figuresCSV(_ scratch: Scratch, config: String) throws -> [[String]] {
        scratch.write("notizie/sfollati.txt", "Nella regione di Sumy sono state evacuate 300 famiglie nelle ultime ore.")
        scratch.config(config)
        _ = try Runner(config: try scratch.load()).run()
        return parseCSV(try #require(scratch.read("output/figures.csv")))
    }

    @Test func anExtraVocabularyAddsACategory() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.write("vocabolario.json", extra)
        let with = try figuresCSV(scratch, config: #"{"inputs": ["notizie"], "stages": {"extract": {"vocabulary": "vocabolario.json"}}}"#)
        let category = try #require(with[0].firstIndex(of: "category"))
        let unit = try #require(with[0].firstIndex(of: "unit"))
        #expect(with.dropFirst().map { [$0[unit], $0[category]] } == [["famiglia", "displaced"]])

        let without = try figuresCSV(scratch, config: #"{"inputs": ["notizie"]}"#)
        #expect(!without.dropFirst().contains { $0[category] == "displaced" })
    }

    @Test func aBrokenVocabularyIsAConfigErrorNamingBothFiles() {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.write("notizie/a.txt", "Inviati 300 soldati.")
        scratch.write("vocabolario.json", #"{"units": [{"lemma": "famiglia", "class": 7}]}"#)
        scratch.config(#"{"inputs": ["notizie"], "stages": {"extract": {"vocabulary": "vocabolario.json"}}}"#)
        do {
            _ = try scratch.load()
            Issue.record("accepted a broken vocabulary")
        } catch {
            #expect(error.exitStatus == .config)
            #expect(error.description.hasPrefix(scratch.path + "/pipeline.json: stages.extract.vocabulary: vocabolario.json: "))
        }
    }

    @Test func replaceVocabularyNeedsAFile() {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.write("notizie/a.txt", "Inviati 300 soldati.")
        scratch.config(#"{"inputs": ["notizie"], "stages": {"extract": {"replace_vocabulary": true}}}"#)
        do {
            _ = try scratch.load()
            Issue.record("accepted replace_vocabulary without a file")
        } catch {
            #expect(error.exitStatus == .config)
            #expect(error.description.contains("stages.extract.vocabulary"))
        }
    }
}
