import PipelineCore
import CSupport
import Foundation
import Testing
@testable import PipelineRunner

@Suite("CSV and JSON writers")
struct WriterTests {
    @Test(arguments: [
        (Cell.text("Kursk"), "Kursk"),
        (.text("Kursk, oblast"), "\"Kursk, oblast\""),
        (.text("il \"fronte\" nord"), "\"il \"\"fronte\"\" nord\""),
        (.text("prima riga\nseconda riga"), "\"prima riga\nseconda riga\""),
        (.text("a capo\r"), "\"a capo\r\""),
        (.text(""), ""),
        (.null, ""),
        (.number(11_000), "11000"),
        (.number(2.5), "2.5"),
        (.number(-3), "-3"),
        (.number(0.000015), "0.000015"),
        (.number(1e20), "100000000000000000000"),
        (.integer(42), "42"),
        (.bool(true), "true"),
    ])
    func csvFields(cell: Cell, expected: String) {
        #expect(CSVFormat().field(cell) == expected)
    }

    @Test(arguments: [
        ("=SOMMA(A1:A3)", "'=SOMMA(A1:A3)"),
        ("+39 06 1234", "'+39 06 1234"),
        ("-5 gradi a Kursk", "'-5 gradi a Kursk"),
        ("@NIS", "'@NIS"),
        ("\tcolonna", "'\tcolonna"),
        ("\r=1+1", "\"'\r=1+1\""),
        ("5 soldati", "5 soldati"),
        ("Zelensky: \"=\"", "\"Zelensky: \"\"=\"\"\""),
    ])
    func formulaInjectionIsNeutralized(text: String, expected: String) {
        #expect(CSVFormat().field(.text(text)) == expected)
    }

    @Test func formulaNeutralizingKeepsQuotingRight() {
        // A neutralized cell that also holds the delimiter is still one field.
        let line = CSVFormat().row([.text("=1,2"), .number(3)])
        #expect(line == "\"'=1,2\",3\n")
        #expect(parseCSV(line) == [["'=1,2", "3"]])
    }

    @Test func semicolonDialectWithBOM() {
        let csv = CSVFormat(dialect: CSVDialect(delimiter: ";", bom: true))
        #expect(csv.preamble == "\u{FEFF}")
        #expect(csv.header(["doc_id", "titolo"]) == "doc_id;titolo\n")
        #expect(csv.row([.text("Kursk; oblast"), .text("Kursk, oblast"), .number(2.5)]) == "\"Kursk; oblast\";Kursk, oblast;2.5\n")
    }

    @Test func jsonRowsParseBackWithNumbersAsNumbers() throws {
        let format = JSONTableFormat()
        let columns = ["surface", "value", "attribution", "relative", "count"]
        var text = format.opening
        text += format.row([.text("circa 11mila \"soldati\"\n"), .number(11_000), .null, .bool(true), .integer(3)], columns: columns, index: 0)
        text += format.row([.text("2,5 milioni"), .number(2_500_000.5), .text("CNN"), .bool(false), .integer(0)], columns: columns, index: 1)
        text += format.closing(count: 2)
        #expect(text.contains("\"value\":11000,"))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(parsed.count == 2)
        #expect(parsed[0]["surface"] as? String == "circa 11mila \"soldati\"\n")
        #expect((parsed[0]["value"] as? NSNumber)?.doubleValue == 11_000)
        #expect(parsed[0]["attribution"] is NSNull)
        #expect(parsed[1]["value"] as? Double == 2_500_000.5)
        #expect(format.opening + format.closing(count: 0) == "[]\n")
    }

    @Test(arguments: [
        ("Città di Kursk", "\"Città di Kursk\""),
        ("riga\ncon \"virgolette\" e \\", "\"riga\\ncon \\\"virgolette\\\" e \\\\\""),
        ("\u{1}", "\"\\u0001\""),
        ("riga\u{2028}separata", "\"riga\\u2028separata\""),
        ("canc\u{7f}", "\"canc\\u007f\""),
        ("già – “citato”", "\"già – “citato”\""),
    ])
    func jsonStrings(text: String, expected: String) {
        #expect(JSONText.quote(text) == expected)
    }
}

@Suite("Atomic replace of the output directory")
struct AtomicReplaceTests {
    private func table(_ name: String, rows: [[Cell]], failAfter: Int? = nil) -> Table {
        Table(name: name, columns: ["titolo", "valore"], rowCount: rows.count) { emit in
            for (index, row) in rows.enumerated() {
                if let failAfter, index == failAfter { throw FileSinkError(path: name, code: 5) }
                try emit(row)
            }
        }
    }

    @Test func replacesTheWholeDatasetAndKeepsHiddenFiles() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let output = OutputSettings(directory: scratch.path + "/output", formats: [.csv, .json])
        scratch.write("output/.gitkeep", "")
        scratch.write("output/vecchio.csv", "da togliere\n")
        try DatasetWriter(output: output).write([table("figures", rows: [[.text("Kursk"), .number(11_000)]])]) { "{\"run\":1}\n" }
        #expect(scratch.read("output/figures.csv") == "titolo,valore\nKursk,11000\n")
        #expect(scratch.read("output/run.json") == "{\"run\":1}\n")
        #expect(scratch.exists("output/.gitkeep"))
        #expect(!scratch.exists("output/vecchio.csv"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { $0.hasPrefix(".output.") }
        #expect(leftovers.isEmpty)
    }

    @Test func aFailingWriteLeavesThePreviousDatasetIntact() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let output = OutputSettings(directory: scratch.path + "/output", formats: [.csv, .json])
        try DatasetWriter(output: output).write([table("figures", rows: [[.text("Kursk"), .number(11_000)]])]) { "{\"run\":1}\n" }
        let before = try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/output").sorted()

        let failing = table("figures", rows: [[.text("Sudzha"), .number(3)], [.text("Kharkiv"), .number(12)]], failAfter: 1)
        #expect(throws: PipelineError.self) {
            try DatasetWriter(output: output).write([failing]) { "{\"run\":2}\n" }
        }
        #expect(scratch.read("output/figures.csv") == "titolo,valore\nKursk,11000\n")
        #expect(scratch.read("output/run.json") == "{\"run\":1}\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/output").sorted() == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { $0.hasPrefix(".output.") }
        #expect(leftovers.isEmpty)
    }

    @Test func anOutputPathThatIsAFileIsExit73() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.write("output", "non una cartella")
        let output = OutputSettings(directory: scratch.path + "/output")
        do {
            try DatasetWriter(output: output).write([table("figures", rows: [])]) { "{}" }
            Issue.record("wrote over a file")
        } catch {
            #expect(error.exitStatus == .cannotWriteOutput)
            #expect(error.exitStatus.rawValue == 73)
        }
        #expect(scratch.read("output") == "non una cartella")
    }

    @Test(arguments: [true, false])
    func swapWithAndWithoutRenameExchange(exchangeWorks: Bool) throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.write("output/figures.csv", "vecchio\n")
        scratch.write(".output.staging-1/figures.csv", "nuovo\n")
        var calls = 0
        try DatasetWriter.swapIn(staging: scratch.path + "/.output.staging-1", directory: scratch.path + "/output", parent: scratch.path, name: "output") { first, second in
            calls += 1
            guard exchangeWorks else {
                errno = EINVAL  // as on a file system without RENAME_EXCHANGE
                return -1
            }
            return pipeline_exchange_paths(first, second)
        }
        #expect(calls == 1)
        #expect(scratch.read("output/figures.csv") == "nuovo\n")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { $0 != "output" }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test func staleStagingOfADeadRunIsRemoved() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        // A pid far above any real one stands for a run that was killed.
        scratch.write(".output.staging-999999999/figures.csv", "mezzo file")
        let output = OutputSettings(directory: scratch.path + "/output")
        try DatasetWriter(output: output).write([table("figures", rows: [])]) { "{}" }
        #expect(!scratch.exists(".output.staging-999999999"))
        #expect(scratch.exists("output/figures.json"))
    }
}

@Suite("run.json timestamps: ISO 8601 in UTC with milliseconds, without a formatter")
struct ManifestTimestampTests {
    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00.000Z"),
        (951_782_400.25, "2000-02-29T00:00:00.250Z"),
        (1_790_000_000.5, "2026-09-21T14:13:20.500Z"),
        (-0.5, "1969-12-31T23:59:59.500Z"),
    ])
    func formats(seconds: Double, expected: String) {
        #expect(RunManifest.timestamp(Date(timeIntervalSince1970: seconds)) == expected)
    }
}
