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
        var bytes: [UInt8] = []
        append(row: cells, keys: Self.keys(columns), index: index, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The quoted keys of `columns`, each followed by `:` (computed once per table).
    public static func keys(_ columns: [String]) -> [[UInt8]] {
        columns.map { Array((JSONText.quote($0) + ":").utf8) }
    }

    /// Appends one row, preceded by the separator it needs, to `bytes`; `keys` from
    /// ``keys(_:)`` (the writers' path: no intermediate strings).
    public func append(row cells: [Cell], keys: [[UInt8]], index: Int, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: index == 0 ? [0x0A, UInt8(ascii: "{")] : [UInt8(ascii: ","), 0x0A, UInt8(ascii: "{")])
        for (position, key) in keys.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: key)
            append(position < cells.count ? cells[position] : .null, to: &bytes)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    /// The JSON text of one cell.
    public func value(_ cell: Cell) -> String {
        var bytes: [UInt8] = []
        append(cell, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private func append(_ cell: Cell, to bytes: inout [UInt8]) {
        switch cell {
        case .null: bytes.append(contentsOf: "null".utf8)
        case .integer(let value): bytes.append(contentsOf: String(value).utf8)
        case .number(let value): bytes.append(contentsOf: (value.isFinite ? NumberText.format(value) : "null").utf8)
        case .bool(let value): bytes.append(contentsOf: (value ? "true" : "false").utf8)
        case .text(let value): JSONText.appendQuoted(value, to: &bytes)
        }
    }
}
