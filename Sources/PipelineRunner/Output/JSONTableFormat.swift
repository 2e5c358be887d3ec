import PipelineCore

/// Renders tables as JSON: an array with one object per row, keys in column order, numbers as
/// numbers, missing values as `null`; one row per line so files diff well.
///
///     [
///     {"doc_id":"d3f0…","title":"Kursk, 11mila soldati","chars":1840},
///     {"doc_id":"d9a1…","title":null,"chars":412}
///     ]
public struct JSONTableFormat: Sendable {
    /// Creates a JSON renderer.
    public init() {}

    /// The text before the first row.
    public var opening: String { "[" }

    /// The text after the last row (`count` = number of rows).
    public func closing(count: Int) -> String { count == 0 ? "]\n" : "\n]\n" }

    /// One row as an object, preceded by the separator it needs (`index` = its position).
    public func row(_ cells: [Cell], columns: [String], index: Int) -> String {
        var text = index == 0 ? "\n{" : ",\n{"
        for (position, column) in columns.enumerated() {
            if position > 0 { text += "," }
            text += JSONText.quote(column) + ":" + value(position < cells.count ? cells[position] : .null)
        }
        return text + "}"
    }

    /// The JSON text of one cell.
    public func value(_ cell: Cell) -> String {
        switch cell {
        case .null: "null"
        case .integer(let value): String(value)
        case .number(let value): value.isFinite ? NumberText.format(value) : "null"
        case .bool(let value): value ? "true" : "false"
        case .text(let value): JSONText.quote(value)
        }
    }
}
