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

    /// Creates a CSV renderer.
    public init(dialect: CSVDialect = CSVDialect()) { self.dialect = dialect }

    /// The byte order mark to start a file with, if the dialect asks for one.
    public var preamble: String { dialect.bom ? "\u{FEFF}" : "" }

    /// The header row.
    public func header(_ columns: [String]) -> String {
        line(columns.map { quoteIfNeeded($0) })
    }

    /// One data row, newline included.
    public func row(_ cells: [Cell]) -> String {
        line(cells.map(field))
    }

    /// The text of one field.
    public func field(_ cell: Cell) -> String {
        switch cell {
        case .null: ""
        case .integer(let value): String(value)
        case .number(let value): value.isFinite ? NumberText.format(value) : ""
        case .bool(let value): value ? "true" : "false"
        case .text(let value): quoteIfNeeded(Self.neutralized(value))
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

    private func line(_ fields: [String]) -> String {
        fields.joined(separator: String(dialect.delimiter)) + "\n"
    }

    private func quoteIfNeeded(_ text: String) -> String {
        let delimiter = dialect.delimiter
        let needsQuotes = text.unicodeScalars.contains { $0 == delimiter || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
