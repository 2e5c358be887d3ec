/// A text addressed by Unicode-scalar offsets, the unit every offset in the datasets uses.
///
///     let text = ScalarText("Più di 300 soldati")
///     text[7..<10]   // "300"
public struct ScalarText: Sendable {
    /// The scalars of the text.
    public let scalars: [Unicode.Scalar]

    /// Creates an offset-addressable copy of `text`.
    public init(_ text: String) { scalars = Array(text.unicodeScalars) }

    /// Number of scalars.
    public var count: Int { scalars.count }

    /// The text between two scalar offsets (clamped to the text).
    public subscript(range: Range<Int>) -> String {
        let lower = max(0, min(range.lowerBound, scalars.count))
        let upper = max(lower, min(range.upperBound, scalars.count))
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[lower..<upper])
        return String(view)
    }
}

extension StringProtocol {
    /// The text without leading and trailing blanks (spaces of any width and tabs, as
    /// Foundation's `CharacterSet.whitespaces`), computed without Foundation.
    ///
    ///     "\t 11mila soldati  ".trimmingBlanks   // "11mila soldati"
    @inlinable
    public var trimmingBlanks: String { TrimmingBlanks.trim(String(self)) }
}

/// The work of `trimmingBlanks`, on a concrete `String`.
public enum TrimmingBlanks {
    /// `text` without leading and trailing Unicode space separators and tabs.
    public static func trim(_ text: String) -> String {
        // Fast path: no blank can start the text when its first byte cannot begin one (space,
        // tab, or the lead bytes of U+00A0, U+1680, U+2000–U+205F, U+3000), nor end it when its
        // last byte cannot end one (space, tab, or a continuation byte).
        guard let firstByte = text.utf8.first, let lastByte = text.utf8.last else { return text }
        let mayStart = firstByte == 0x20 || firstByte == 0x09 || firstByte == 0xC2 || (firstByte >= 0xE1 && firstByte <= 0xE3)
        let mayEnd = lastByte == 0x20 || lastByte == 0x09 || (lastByte >= 0x80 && lastByte <= 0xBF)
        if !mayStart && !mayEnd { return text }
        func isBlank(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII ? scalar == " " || scalar == "\t" : scalar.properties.generalCategory == .spaceSeparator
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isBlank($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isBlank($0) })!
        return String(scalars[first...last])
    }
}
