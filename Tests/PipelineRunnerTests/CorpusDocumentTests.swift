import Dedup
import Foundation
import PipelineCore
import Testing
@testable import PipelineRunner

@Suite("Figures and dates wait in a spill file until the writers need them")
struct CorpusDocumentTests {
    /// The real results of a small generated corpus.
    private func results(_ scratch: Scratch) throws -> [DocumentResult] {
        scratch.writeGeneratedCorpus(count: 12)
        scratch.config(#"{"inputs": ["archivio"]}"#)
        let config = try scratch.load()
        let files = InputDiscovery(inputs: config.inputs).discover().files
        return Runner(config: config).processDocuments(files).outcomes.compactMap {
            if case .accepted(let result) = $0 { result } else { nil }
        }
    }

    @Test(arguments: [true, false])
    func detailsComeBackExactlyFromAFileOrFromMemory(onDisk: Bool) throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let results = try results(scratch)
        #expect(results.contains { !$0.figures.isEmpty && !$0.dates.isEmpty })
        let spill = onDisk ? DetailSpill(directory: scratch.path + "/spill") : DetailSpill()
        let documents = results.map { CorpusDocument($0, spill: spill) }
        for (document, result) in zip(documents.reversed(), results.reversed()) {
            #expect(spill.figures(of: document) == result.figures)
            #expect(spill.dates(of: document) == result.dates)
            #expect(document.figureCount == result.figures.count && document.record == result.record)
        }
        // The spill file is unlinked at once: nothing is left beside the output.
        let left = (try? FileManager.default.contentsOfDirectory(atPath: scratch.path + "/spill")) ?? []
        #expect(left.isEmpty)
    }

    @Test func theCompactClaimTableGivesTheClaimsOfTheReports() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let results = try results(scratch)
        var reports: [ClaimReport] = []
        var table = ClaimTable()
        for (number, result) in results.enumerated() {
            for figure in result.figures {
                reports.append(ClaimReport(figure: figure, documentID: result.record.id, published: result.record.published, clusterID: "c" + figure.storyID))
                table.add(
                    key: FigureKey(figure), period: ClaimBuilder.period(start: figure.eventStart, end: figure.eventEnd),
                    published: result.record.published, document: Int32(number), story: table.intern(figure.storyID),
                    cluster: table.intern("c" + figure.storyID), attribution: figure.attribution, figureID: nil
                )
            }
        }
        var expected = ClaimBuilder().run(reports)
        for index in expected.indices { expected[index].figureIDs = [] }
        #expect(expected.count > 10)
        #expect(ClaimBuilder().run(table) == expected)
        #expect(expected.contains { $0.firstPublished != nil && $0.eventStart != nil })
    }
}
