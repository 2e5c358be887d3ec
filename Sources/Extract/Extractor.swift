import Normalize
import PipelineCore

/// The extract stage: turns the numbers of a document into figures.
public struct Extractor: Sendable {
    /// Creates the stage.
    public init() {}

    /// Figures of `document`, in text order.
    public func run(_ document: Document, normalized: NormalizedText) -> [Figure] {
        let text = ScalarText(document.text)
        return normalized.numbers.enumerated().map { index, number in
            let story = document.stories.last { $0.charStart <= number.charStart } ?? document.stories[0]
            return Figure(
                id: "\(document.id)-f\(index)", storyID: story.id, value: number.value, valueHigh: number.valueHigh,
                qualifier: number.qualifier, unit: "", category: "other", attribution: nil, eventStart: nil,
                eventEnd: nil, surface: text[number.charStart..<number.charEnd], sentence: "",
                charStart: number.charStart, charEnd: number.charEnd
            )
        }
    }
}
