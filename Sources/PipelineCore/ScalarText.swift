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
    public var trimmingBlanks: String {
        func isBlank(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII ? scalar == " " || scalar == "\t" : scalar.properties.generalCategory == .spaceSeparator
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isBlank($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isBlank($0) })!
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[first...last])
        return String(view)
    }
}
