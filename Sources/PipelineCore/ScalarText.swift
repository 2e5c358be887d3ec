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
