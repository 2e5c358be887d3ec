import PipelineCore

/// Renders tables as RFC 4180 CSV: a header row, `\n` line ends, fields quoted with `"` when
/// they hold the delimiter, a quote, CR or LF (quotes doubled inside), UTF-8, optional BOM.
///
/// Spreadsheet safety: a text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage
/// return gets a leading apostrophe (`'=SOMMA(A1)`), which spreadsheet programs show as text
/// and never evaluate. Numbers are never prefixed (`-3` stays a number); JSON is never changed.
///
///     CSVFormat().row([.text("Kursk, oblast"), .number(11_000), .text("=1+1")])
///     // "\"Kursk, oblast\",11000,'=1+1\n"
public struct CSVFormat: Sendable {
    /// The dialect (delimiter, BOM).
    public let dialect: CSVDialect
    private let delimiter: [UInt8]

    /// Creates a CSV renderer.
    public init(dialect: CSVDialect = CSVDialect()) {
        self.dialect = dialect
        delimiter = Array(String(dialect.delimiter).utf8)
    }

    /// The byte order mark to start a file with, if the dialect asks for one.
    public var preamble: String { dialect.bom ? "\u{FEFF}" : "" }

    /// The header row.
    public func header(_ columns: [String]) -> String {
        row(columns.map(Cell.text))
    }

    /// One data row, newline included.
    public func row(_ cells: [Cell]) -> String {
        var bytes: [UInt8] = []
        append(row: cells, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The text of one field.
    public func field(_ cell: Cell) -> String {
        var bytes: [UInt8] = []
        append(cell, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends one data row, newline included, to `bytes` (the writers' path: no intermediate
    /// strings).
    public func append(row cells: [Cell], to bytes: inout [UInt8]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { bytes.append(contentsOf: delimiter) }
            append(cell, to: &bytes)
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    private func append(_ cell: Cell, to bytes: inout [UInt8]) {
        switch cell {
        case .null: break
        case .integer(let value): bytes.append(contentsOf: String(value).utf8)
        case .number(let value): if value.isFinite { bytes.append(contentsOf: NumberText.format(value).utf8) }
        case .bool(let value): bytes.append(contentsOf: (value ? "true" : "false").utf8)
        case .text(let value): appendText(value, to: &bytes)
        }
    }

    /// `text` with a leading apostrophe when a spreadsheet would read it as a formula.
    ///
    ///     CSVFormat.neutralized("-5 soldati")   // "'-5 soldati"
    ///     CSVFormat.neutralized("5 soldati")    // "5 soldati"
    public static func neutralized(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, formulaStarters.contains(first) else { return text }
        return "'" + text
    }

    static let formulaStarters: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// Appends a text field: neutralized, and quoted when it holds the delimiter, a quote, CR
    /// or LF.
    private func appendText(_ text: String, to bytes: inout [UInt8]) {
        let utf8 = text.utf8
        let neutralize = utf8.first.map { [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D].contains($0) } ?? false
        if !needsQuotes(utf8) {
            if neutralize { bytes.append(UInt8(ascii: "'")) }
            bytes.append(contentsOf: utf8)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        if neutralize { bytes.append(UInt8(ascii: "'")) }
        for byte in utf8 {
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            bytes.append(byte)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private func needsQuotes(_ utf8: String.UTF8View) -> Bool {
        if delimiter.count == 1 {
            let single = delimiter[0]
            return utf8.contains { $0 == single || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        }
        // A multi-byte delimiter: search its bytes.
        if utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) { return true }
        let bytes = Array(utf8)
        guard bytes.count >= delimiter.count else { return false }
        for start in 0...(bytes.count - delimiter.count) where bytes[start] == delimiter[0] {
            if Array(bytes[start..<start + delimiter.count]) == delimiter { return true }
        }
        return false
    }
}
