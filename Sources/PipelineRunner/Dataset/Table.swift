/// One cell of a dataset table.
public enum Cell: Sendable, Hashable {
    /// Missing: an empty CSV field, JSON `null`.
    case null
    /// Text.
    case text(String)
    /// An integer count or offset.
    case integer(Int)
    /// A measured value: written plain (`11000`, `2.5`).
    case number(Double)
    /// `true` / `false`.
    case bool(Bool)

    /// Text, or null for `nil`.
    public static func text(_ value: String?) -> Cell { value.map(Cell.text) ?? .null }
    /// A number, or null for `nil`.
    public static func number(_ value: Double?) -> Cell { value.map(Cell.number) ?? .null }
}

/// A dataset table: a name, its columns, and its rows produced on demand in their final order
/// (so writers stream them and no table is held twice in memory).
public struct Table: Sendable {
    /// File stem: `documents` → documents.csv, documents.json.
    public let name: String
    /// Column names, in order.
    public let columns: [String]
    /// Number of rows.
    public let rowCount: Int
    private let produce: @Sendable (_ emit: ([Cell]) throws -> Void) throws -> Void

    /// Creates a table whose rows `produce` emits, in order, each with one cell per column.
    public init(name: String, columns: [String], rowCount: Int, rows produce: @escaping @Sendable (_ emit: ([Cell]) throws -> Void) throws -> Void) {
        self.name = name
        self.columns = columns
        self.rowCount = rowCount
        self.produce = produce
    }

    /// Calls `body` with every row, in order.
    public func forEachRow(_ body: ([Cell]) throws -> Void) throws {
        try produce(body)
    }

    /// All rows at once (for tests and small tables).
    public func allRows() -> [[Cell]] {
        var rows: [[Cell]] = []
        try? forEachRow { rows.append($0) }
        return rows
    }
}
