import Foundation
import Testing
import PipelineCore
@testable import PipelineRunner

@Suite("Incremental runs: the cache in the output directory")
struct IncrementalTests {
    /// Runs `inputs` into `output`; `full` ignores the cache.
    @discardableResult
    private func run(_ scratch: Scratch, output: String, full: Bool = false, extra: String = "") throws -> RunSummary {
        scratch.config(#"{"inputs": ["archivio"], "output": {"directory": "\#(output)", "formats": ["csv", "json", "sqlite"]}, "workers": 2\#(extra)}"#, name: "\(output).json")
        return try Runner(config: try scratch.load("\(output).json"), options: RunOptions(full: full)).run()
    }

    private func changes(_ scratch: Scratch, _ output: String) throws -> [String: Any] {
        try #require(scratch.manifest(output)?["changes"] as? [String: Any])
    }

    @Test func afterAddingChangingAndRemovingFilesTheDatasetsEqualAFullRun() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.writeGeneratedCorpus(count: 120)
        try run(scratch, output: "incrementale")
        #expect(try changes(scratch, "incrementale")["new"] as? Int == 120)

        scratch.write("archivio/nuovo.txt", "A Kherson sono arrivati 640 soldati il 2 marzo 2025, secondo il comando.")
        scratch.write("archivio/lotto-0/articolo-2.txt", " date 2025-03\n\nCorrezione: i soldati arrivati a Kursk erano 1.350, non 1.530.")
        try FileManager.default.removeItem(atPath: scratch.path + "/archivio/lotto-1/articolo-101.html")
        try run(scratch, output: "incrementale")
        try run(scratch, output: "completo", full: true)

        let counts = try changes(scratch, "incrementale")
        #expect(counts["mode"] as? String == "incremental")
        #expect(counts["new"] as? Int == 1)
        #expect(counts["changed"] as? Int == 1)
        #expect(counts["removed"] as? Int == 1)
        #expect(counts["reused"] as? Int == 118)
        #expect(counts["rejected"] as? Int == 2)
        #expect(try changes(scratch, "completo")["mode"] as? String == "full")

        let incremental = scratch.datasetFiles("incrementale")
        let full = scratch.datasetFiles("completo")
        #expect(incremental.keys.sorted() == full.keys.sorted())
        #expect(incremental.count == Dataset.tableNames.count * 2 + 1)
        for (name, bytes) in full {
            #expect(incremental[name] == bytes, "\(name) differs between the incremental and the full run")
        }
        let documents = try #require(scratch.read("incrementale/documents.csv"))
        #expect(documents.contains("nuovo.txt"))
        #expect(!documents.contains("articolo-101.html"))
    }

    @Test func anUnchangedCorpusIsEntirelyReused() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.writeGeneratedCorpus(count: 60)
        try run(scratch, output: "out")
        let first = scratch.datasetFiles("out")
        let firstManifest = try #require(scratch.manifest("out"))
        try run(scratch, output: "out")
        let counts = try changes(scratch, "out")
        #expect(counts["mode"] as? String == "unchanged")
        #expect(counts["reused"] as? Int == 60)
        #expect(counts["new"] as? Int == 0 && counts["changed"] as? Int == 0)
        #expect(scratch.datasetFiles("out") == first)
        let manifest = try #require(scratch.manifest("out"))
        #expect(manifest["rows"] as? [String: Int] == firstManifest["rows"] as? [String: Int])
        #expect(manifest["documents"] as? Int == firstManifest["documents"] as? Int)
        #expect(manifest["rejected"] as? Int == firstManifest["rejected"] as? Int)
    }

    @Test func aDamagedOrMissingOutputFileIsWrittenAgainEvenWhenTheInputsAreUnchanged() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.writeGeneratedCorpus(count: 30)
        try run(scratch, output: "out")
        let first = scratch.datasetFiles("out")
        try FileManager.default.removeItem(atPath: scratch.path + "/out/figures.csv")
        scratch.write("out/claims.json", "[]")
        try run(scratch, output: "out")
        #expect(try changes(scratch, "out")["mode"] as? String == "incremental")
        #expect(try changes(scratch, "out")["reused"] as? Int == 30)
        #expect(scratch.datasetFiles("out") == first)
    }

    @Test func aChangedCorpusWideOptionRewritesTheDatasetFromTheCache() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.writeGeneratedCorpus(count: 40)
        try run(scratch, output: "out")
        let stricter = #", "stages": {"dedup": {"threshold": 0.9}}"#
        try run(scratch, output: "out", extra: stricter)
        #expect(try changes(scratch, "out")["mode"] as? String == "incremental")
        #expect(try changes(scratch, "out")["reused"] as? Int == 40)
        try run(scratch, output: "completo", full: true, extra: stricter)
        #expect(scratch.datasetFiles("out") == scratch.datasetFiles("completo"))
    }

    @Test func aTruncatedOrForeignCacheEntryIsNotUsed() throws {
        let reject = DocumentOutcome.rejected(Reject(path: "a.txt", stage: "ingest", reason: "empty"))
        let data = try #require(ResultCache.encode(reject))
        #expect(ResultCache.decode(data) == reject)
        #expect(ResultCache.decode(data.dropLast()) == nil)
        #expect(ResultCache.decode(data + [0]) == nil)
        #expect(ResultCache.decode(Data(#"{"rejected":{"_0":{"path":"a.txt"}}}"#.utf8)) == nil)
        #expect(ResultCache.decode(Data([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F])) == nil)
    }

    @Test func fullIgnoresTheCache() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.writeGeneratedCorpus(count: 30)
        try run(scratch, output: "out")
        try run(scratch, output: "out", full: true)
        let counts = try changes(scratch, "out")
        #expect(counts["reused"] as? Int == 0)
        #expect(counts["new"] as? Int == 30)
    }

    @Test func changedPerDocumentOptionsInvalidateEveryEntry() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.writeGeneratedCorpus(count: 30)
        try run(scratch, output: "out")
        try run(scratch, output: "out", extra: #", "stages": {"ingest": {"max_bytes": 1000000}}"#)
        let counts = try changes(scratch, "out")
        #expect(counts["reused"] as? Int == 0)
        #expect(counts["changed"] as? Int == 30)
    }

    @Test func aDamagedCacheIsReportedAndRebuilt() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.writeGeneratedCorpus(count: 20)
        try run(scratch, output: "out")
        scratch.write("out/" + ResultCache.fileName, "questo non è un database")
        let summary = try run(scratch, output: "out")
        #expect(summary.warnings.contains { $0.contains("cache") })
        #expect(try changes(scratch, "out")["new"] as? Int == 20)
        try run(scratch, output: "out")
        #expect(try changes(scratch, "out")["reused"] as? Int == 20)
    }

    @Test func cachedOutcomesRoundTripExactly() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.writeGeneratedCorpus(count: 10)
        let config = try { () throws -> PipelineConfig in
            scratch.config(#"{"inputs": ["archivio"]}"#)
            return try scratch.load()
        }()
        let runner = Runner(config: config)
        let files = InputDiscovery(inputs: config.inputs).discover().files
        for outcome in runner.processDocuments(files).outcomes {
            let data = try #require(ResultCache.encode(outcome))
            #expect(ResultCache.decode(data) == outcome)
        }
    }
}
