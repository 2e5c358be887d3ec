import Foundation
import PipelineCore
import Testing
@testable import PipelineRunner

@Suite("Runner: discovery, accounting, determinism")
struct RunnerTests {
    /// Runs the pipeline on the scratch corpus with `workers` workers into `output`.
    private func run(_ scratch: Scratch, workers: Int, output: String) throws -> RunSummary {
        scratch.config(#"{"inputs": ["notizie"], "output": {"directory": "\#(output)"}, "workers": \#(workers)}"#, name: "\(output).json")
        return try Runner(config: try scratch.load("\(output).json")).run()
    }

    @Test func everyInputFileIsADocumentOrAReject() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.writeCorpus()
        scratch.write("notizie/vuoto.txt", "")
        scratch.write("notizie/.nascosto.txt", "Questo file nascosto non è un input.")
        let summary = try run(scratch, workers: 2, output: "out")
        #expect(summary.documents == 3)
        #expect(summary.rejected == 2)

        let documents = parseCSV(try #require(scratch.read("out/documents.csv")))
        let rejects = parseCSV(try #require(scratch.read("out/rejects.csv")))
        #expect(documents[0] == Dataset.columns["documents"])
        #expect(rejects[0] == ["path", "stage", "reason"])
        let accounted = Set(documents.dropFirst().map { $0[1] } + rejects.dropFirst().map { $0[0] })
        #expect(accounted == ["kursk.txt", "2025/missili.html", "ripresa.txt", "immagine.html", "vuoto.txt"])
        #expect(documents.dropFirst().map { $0[1] } == ["2025/missili.html", "kursk.txt", "ripresa.txt"])
        let reasons = Dictionary(uniqueKeysWithValues: rejects.dropFirst().map { ($0[0], $0) })
        #expect(reasons["immagine.html"]?[1] == "ingest")
        #expect(reasons["immagine.html"]?[2].hasPrefix("binary") == true)
        #expect(reasons["vuoto.txt"]?[2].hasPrefix("empty") == true)
    }

    @Test func writesAllSevenOutputsWithTheSpecColumns() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.writeCorpus()
        _ = try run(scratch, workers: 1, output: "out")
        for table in Dataset.tableNames {
            let csv = parseCSV(try #require(scratch.read("out/\(table).csv")))
            #expect(csv.first == Dataset.columns[table], "\(table).csv header")
            let json = try #require(scratch.read("out/\(table).json"))
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
            #expect(rows.count == csv.count - 1, "\(table) rows in CSV and JSON")
        }
        let manifestText = try #require(scratch.read("out/run.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(manifestText.utf8)) as? [String: Any])
        #expect(manifest["tool_version"] as? String == PipelineVersion.current)
        #expect((manifest["config_digest"] as? String)?.count == 64)
        #expect(manifest["inputs_seen"] as? Int == 4)
        let rows = try #require(manifest["rows"] as? [String: Int])
        #expect(rows["documents"] == 3)
        #expect(rows["rejects"] == 1)
        let seconds = try #require(manifest["stage_seconds"] as? [String: Any])
        for stage in ["discover", "ingest", "normalize", "extract", "dedup", "claims", "write"] {
            #expect(seconds[stage] != nil, "stage_seconds.\(stage)")
        }
        let figures = parseCSV(try #require(scratch.read("out/figures.csv")))
        #expect(figures.count > 1)
        // Numbers are plain: no ".0", no thousands separator.
        let valueColumn = try #require(figures[0].firstIndex(of: "value"))
        for row in figures.dropFirst() { #expect(!row[valueColumn].hasSuffix(".0")) }
    }

    @Test func oneAndFourWorkersGiveIdenticalBytes() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.writeCorpus()
        for index in 0..<30 {
            scratch.write("notizie/lotto/articolo-\(index).txt", """
                 date 2025-0\(index % 9 + 1)

                Il ministero ha annunciato l'invio di \(100 + index * 7) soldati e \(index + 2) missili nella regione.

                Secondo fonti locali, \(index * 3) persone sono rimaste ferite.
                """)
        }
        _ = try run(scratch, workers: 1, output: "uno")
        _ = try run(scratch, workers: 4, output: "quattro")
        for table in Dataset.tableNames {
            for format in ["csv", "json"] {
                let one = try #require(scratch.read("uno/\(table).\(format)"))
                let four = try #require(scratch.read("quattro/\(table).\(format)"))
                #expect(one == four, "\(table).\(format) differs between 1 and 4 workers")
            }
        }
    }

    @Test func globInputsAndDuplicateRelativePaths() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.write("a/2025/kursk.html", "<html><body><p>Inviati 300 soldati a Kursk.</p></body></html>")
        scratch.write("a/2025/kursk.txt", "Inviati 300 soldati a Kursk.")
        scratch.write("b/2025/kursk.html", "<html><body><p>Inviati 400 soldati a Kursk.</p></body></html>")
        scratch.config(#"{"inputs": ["a/**/*.html", "b/**/*.html"]}"#)
        let discovery = InputDiscovery(inputs: try scratch.load().inputs).discover()
        #expect(discovery.files.map(\.relativePath) == ["2025/kursk.html"])
        #expect(discovery.files.first?.absolutePath == scratch.path + "/a/2025/kursk.html")
        #expect(discovery.rejects.map(\.relativePath) == ["2025/kursk.html"])
        #expect(discovery.rejects.first?.reason.hasPrefix("duplicate_path") == true)
    }

    @Test func aPatternMatchingNothingIsAWarning() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.writeCorpus()
        scratch.config(#"{"inputs": ["notizie", "notizie/*.pdf"]}"#)
        let summary = try Runner(config: try scratch.load()).run()
        #expect(summary.warnings == [#"inputs[1] "notizie/*.pdf" matched no files"#])
        #expect(scratch.read("output/run.json")?.contains("matched no files") == true)
    }

    @Test func tooLargeFilesAreRejectedBeforeReading() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.write("notizie/lungo.txt", String(repeating: "Inviati 300 soldati. ", count: 100))
        scratch.write("notizie/breve.txt", "Inviati 300 soldati.")
        scratch.config(#"{"inputs": ["notizie"], "stages": {"ingest": {"max_bytes": 1000}}}"#)
        let summary = try Runner(config: try scratch.load()).run()
        #expect(summary.documents == 1)
        let rejects = parseCSV(try #require(scratch.read("output/rejects.csv")))
        #expect(rejects.dropFirst().first?.prefix(2) == ["lungo.txt", "ingest"])
        #expect(rejects.dropFirst().first?[2].hasPrefix("too_large: 2100 bytes") == true)
    }

    @Test func workerPoolVisitsEveryIndexOnce() {
        let collector = ResultCollector<Int>(count: 500)
        WorkerPool(workers: 4).forEach(count: 500) { index in
            collector.store(index * 2, at: index, timings: StageTimings())
        }
        #expect(collector.take().values == (0..<500).map { $0 * 2 })
    }
}

@Suite("End to end on samples/")
struct SamplesTests {
    static let samples = packageRoot + "/samples"

    @Test(.enabled(if: FileManager.default.fileExists(atPath: SamplesTests.samples), "samples/ is absent"))
    func everySampleIsAccountedForAndWorkerCountDoesNotShow() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        var outputs: [String: String] = [:]
        for workers in [1, 4] {
            scratch.config(#"{"inputs": ["\#(Self.samples)"], "workers": \#(workers), "output": {"directory": "out\#(workers)"}}"#)
            _ = try Runner(config: try scratch.load()).run()
            for table in Dataset.tableNames {
                let csv = try #require(scratch.read("out\(workers)/\(table).csv"))
                if let other = outputs[table] { #expect(other == csv, "\(table).csv differs between 1 and 4 workers") }
                outputs[table] = csv
            }
        }
        let documents = parseCSV(try #require(outputs["documents"])).dropFirst().map { $0[1] }
        let rejects = parseCSV(try #require(outputs["rejects"])).dropFirst().map { $0[0] }
        let files = try FileManager.default.subpathsOfDirectory(atPath: Self.samples).filter { path in
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: Self.samples + "/" + path, isDirectory: &isDirectory)
            return !isDirectory.boolValue && !path.split(separator: "/").contains { $0.hasPrefix(".") }
        }
        #expect(Set(documents + rejects) == Set(files))
        #expect(!rejects.isEmpty, "samples/ holds a file that must be rejected")
    }
}
