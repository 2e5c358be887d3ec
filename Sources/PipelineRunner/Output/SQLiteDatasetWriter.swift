import Foundation
import GRDB

/// Writes the dataset tables into one SQLite file, `dataset.sqlite`, for `sqlite3` or Datasette.
///
/// One SQLite table per dataset table, with the same columns in the same order and the same
/// rows in the same order. Columns are typed (``columnType(_:)``: counts and offsets `INTEGER`,
/// values and similarities `REAL`, `relative` an `INTEGER` 0/1, everything else `TEXT`); the
/// tables with an id column have it as primary key (`documents.doc_id`, `stories.story_id`,
/// `figures.figure_id`, `claims.claim_id`), `dates` and `rejects` keep SQLite's rowid (their
/// row order); every `doc_id`, `story_id`, `cluster_id` and `category` column is indexed.
///
///     sqlite3 output/dataset.sqlite \
///       "SELECT d.outlet, f.value, f.unit FROM figures f JOIN documents d USING (doc_id) WHERE f.category = 'killed'"
///
/// The file is written inside the run's staging directory, so it is swapped in atomically with
/// the CSV and JSON files.
public struct SQLiteDatasetWriter: Sendable {
    /// The file name inside the output directory.
    public static let fileName = "dataset.sqlite"

    /// Primary key column by table.
    static let primaryKeys = ["documents": "doc_id", "stories": "story_id", "figures": "figure_id", "claims": "claim_id"]

    /// Columns that get an index wherever a table has them (except where they are the key).
    static let indexedColumns = ["doc_id", "story_id", "cluster_id", "category"]

    /// Creates a writer.
    public init() {}

    /// The SQLite type of a dataset column.
    ///
    ///     SQLiteDatasetWriter.columnType("char_start")   // "INTEGER"
    ///     SQLiteDatasetWriter.columnType("value_high")   // "REAL"
    ///     SQLiteDatasetWriter.columnType("surface")      // "TEXT"
    public static func columnType(_ column: String) -> String {
        switch column {
        case "chars", "words", "stories", "position", "char_start", "char_end", "reports", "documents", "clusters", "relative":
            "INTEGER"
        case "value", "value_high", "similarity":
            "REAL"
        default:
            "TEXT"
        }
    }

    /// Writes `tables` into a new SQLite file at `path` (an existing file there is replaced).
    ///
    /// - Throws: GRDB's `DatabaseError` or a file-system error; the caller discards the staging
    ///   directory, so the previous dataset stays in place.
    public func write(_ tables: [Table], to path: String) throws {
        try? FileManager.default.removeItem(atPath: path)
        var configuration = Configuration()
        configuration.label = "dataset"
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.writeWithoutTransaction { db in
            // A staging file nobody else reads: no rollback journal is needed, and the
            // directory is synced before it is swapped in.
            try db.execute(sql: "PRAGMA journal_mode = OFF")
            try db.inTransaction {
                for table in tables {
                    try create(table, in: db)
                    try insertRows(of: table, in: db)
                    for column in Self.indexedColumns where table.columns.contains(column) && Self.primaryKeys[table.name] != column {
                        try db.execute(sql: "CREATE INDEX \(quote("\(table.name)_\(column)")) ON \(quote(table.name)) (\(quote(column)))")
                    }
                }
                return .commit
            }
        }
        try queue.close()
    }

    private func create(_ table: Table, in db: Database) throws {
        let key = Self.primaryKeys[table.name]
        let definitions = table.columns.map { column in
            quote(column) + " " + Self.columnType(column) + (column == key ? " PRIMARY KEY NOT NULL" : "")
        }
        try db.execute(sql: "CREATE TABLE \(quote(table.name)) (\(definitions.joined(separator: ", ")))")
    }

    private func insertRows(of table: Table, in db: Database) throws {
        let placeholders = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
        let statement = try db.makeStatement(sql: "INSERT INTO \(quote(table.name)) VALUES (\(placeholders))")
        try table.forEachRow { cells in
            try statement.execute(arguments: StatementArguments(cells.map(\.databaseValue)))
        }
    }

    private func quote(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension Cell {
    /// The SQLite value of a cell: `NULL`, `TEXT`, `INTEGER` (booleans as 0/1) or `REAL`.
    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .text(let text): text.databaseValue
        case .integer(let value): value.databaseValue
        case .number(let value): value.databaseValue
        case .bool(let value): (value ? 1 : 0).databaseValue
        }
    }
}
