import Foundation
import PipelineCore
@testable import Extract

/// Test input written with inline markers, turned into a document and the normalize result the
/// extractor expects, so extract tests do not depend on the normalize stage.
///
/// - `[[circa 1.500|1500|approx]]` is a number: surface, value (or `low-high`), then optional
///   qualifier and `%` for a percentage;
/// - `{{a ottobre 2024|2024-10-01|2024-10-31}}` is a resolved date (no start/end: unresolved).
///
///     MarkedText("Inviati [[circa 1.500|1500|approx]] soldati {{a ottobre 2024|2024-10-01|2024-10-31}}.")
struct MarkedText {
    var text = ""
    var numbers: [NumberMention] = []
    var dates: [DateMention] = []

    init(_ marked: String, published: PartialDate? = nil) {
        var scalars: [Unicode.Scalar] = []
        var rest = Substring(marked)
        while !rest.isEmpty {
            if rest.hasPrefix("[["), let close = rest.range(of: "]]") {
                let fields = rest[rest.index(rest.startIndex, offsetBy: 2)..<close.lowerBound].split(separator: "|").map(String.init)
                let start = scalars.count
                scalars.append(contentsOf: fields[0].unicodeScalars)
                let bounds = fields[1].split(separator: "-").compactMap { Double($0) }
                let qualifier = fields.dropFirst(2).compactMap { Qualifier(rawValue: $0) }.first ?? .exact
                let isPercent = fields.dropFirst(2).contains("%")
                let words = fields[0].split(separator: " ")
                let numeralOffset = qualifier == .exact || words.count < 2 ? 0 : fields[0].unicodeScalars.count - words.last!.unicodeScalars.count
                numbers.append(NumberMention(
                    surface: fields[0], value: bounds[0], valueHigh: bounds.count > 1 ? bounds[1] : bounds[0],
                    qualifier: qualifier, isPercent: isPercent, charStart: start, charEnd: scalars.count,
                    numeralStart: start + numeralOffset
                ))
                rest = rest[close.upperBound...]
            } else if rest.hasPrefix("{{"), let close = rest.range(of: "}}") {
                let fields = rest[rest.index(rest.startIndex, offsetBy: 2)..<close.lowerBound].split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                let start = scalars.count
                scalars.append(contentsOf: fields[0].unicodeScalars)
                let from = fields.count > 1 && !fields[1].isEmpty ? fields[1] : nil
                let to = fields.count > 2 && !fields[2].isEmpty ? fields[2] : from
                dates.append(DateMention(
                    surface: fields[0], start: from, end: to, grain: .month, relative: false, reference: nil,
                    charStart: start, charEnd: scalars.count
                ))
                rest = rest[close.upperBound...]
            } else {
                scalars.append(contentsOf: rest.unicodeScalars.first.map { [$0] } ?? [])
                rest = Substring(rest.unicodeScalars.dropFirst())
            }
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        text = String(view)
        self.published = published
    }

    var published: PartialDate?

    var document: Document {
        let count = text.unicodeScalars.count
        return Document(
            id: "dtest", path: "test.txt", format: .text, encoding: "utf-8", title: nil, published: published,
            outlet: nil, text: text, stories: [Story(documentID: "dtest", position: 0, title: nil, charStart: 0, charEnd: count)],
            contentSHA256: ""
        )
    }

    var normalized: NormalizedText { NormalizedText(numbers: numbers, dates: dates) }

    /// Figures of this text with the bundled vocabulary.
    func figures(_ extractor: Extractor = Extractor()) -> [Figure] {
        extractor.run(document, normalized: normalized)
    }
}
