import Foundation
import GRDB
import Testing
@testable import PipelineRunner

@Suite("SQLite output: dataset.sqlite beside the CSV and JSON files")
struct SQLiteOutputTests {
    /// Runs the scratch corpus with all three formats into `out/`.
    private func runWithSQLite(_ scratch: Scratch) throws {
        scratch.writeCorpus()
        scratch.write("notizie/perdite.txt", """
            Il ministero riferisce 850 morti e 370 feriti in una settimana.

            Un portavoce parla di 15 droni abbattuti il 3 marzo.
            """)
        scratch.config(#"{"inputs": ["notizie"], "output": {"directory": "out", "formats": ["csv", "json", "sqlite"]}, "workers": 2}"#)
        _ = try Runner(config: try scratch.load()).run()
    }

    @Test func rowCountsEqualTheCSVs() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        try runWithSQLite(scratch)
        let database = try DatabaseQueue(path: scratch.path + "/out/dataset.sqlite")
        for table in Dataset.tableNames {
            let csvRows = parseCSV(try #require(scratch.read("out/\(table).csv"))).count - 1
            let sqlRows = try database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \"\(table)\"") }
            #expect(sqlRows == csvRows, "\(table)")
            let columns = try database.read { try $0.columns(in: table).map(\.name) }
            #expect(columns == Dataset.columns[table], "\(table) columns")
        }
        #expect(try database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM figures") } ?? 0 > 0)
    }

    @Test func figuresJoinDocumentsWithTypedValues() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        try runWithSQLite(scratch)
        let database = try DatabaseQueue(path: scratch.path + "/out/dataset.sqlite")
        let rows = try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT d.path, f.value, typeof(f.value) AS value_type, typeof(f.char_start) AS offset_type
                FROM figures f JOIN documents d ON d.doc_id = f.doc_id
                WHERE d.path = 'perdite.txt' ORDER BY f.char_start
                """)
        }
        let values: [Double] = rows.map { $0["value"] }
        #expect(values.contains(850) && values.contains(370))
        #expect(rows.allSatisfy { $0["value_type"] == "real" && $0["offset_type"] == "integer" })
        let orphans = try database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM figures WHERE doc_id NOT IN (SELECT doc_id FROM documents)") }
        #expect(orphans == 0)
    }

    @Test func keysAndIndexesAreDeclared() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        try runWithSQLite(scratch)
        let database = try DatabaseQueue(path: scratch.path + "/out/dataset.sqlite")
        try database.read { db in
            #expect(try db.primaryKey("documents").columns == ["doc_id"])
            #expect(try db.primaryKey("stories").columns == ["story_id"])
            #expect(try db.primaryKey("figures").columns == ["figure_id"])
            #expect(try db.primaryKey("claims").columns == ["claim_id"])
            let figureIndexes = Set(try db.indexes(on: "figures").flatMap(\.columns))
            #expect(figureIndexes.isSuperset(of: ["doc_id", "story_id", "cluster_id", "category"]))
            #expect(Set(try db.indexes(on: "stories").flatMap(\.columns)).isSuperset(of: ["doc_id", "cluster_id"]))
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"), "the sqlite3 command is not installed"))
    func theSQLiteCommandOpensIt() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        try runWithSQLite(scratch)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = ["-readonly", scratch.path + "/out/dataset.sqlite", "SELECT count(*) FROM documents; PRAGMA integrity_check;"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(output == "4\nok\n")
    }

    @Test func withoutTheFormatNoDatabaseIsWritten() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.writeCorpus()
        scratch.config(#"{"inputs": ["notizie"], "output": {"directory": "out"}, "workers": 1}"#)
        _ = try Runner(config: try scratch.load()).run()
        #expect(scratch.exists("out/documents.csv"))
        #expect(!scratch.exists("out/dataset.sqlite"))
    }
}
