import PipelineCore

/// The JSON printed by `pipeline inspect`, built here so the command stays thin and tests can
/// check it.
public enum Inspection {
    /// What each stage found in one document (`pipeline inspect FILE`).
    ///
    ///     {"doc_id":"d…","path":"kursk.txt","format":"text","title":"…","published":"2025-01",
    ///      "stories":[…],"numbers":[…],"dates":[…],"figures":[…],"fingerprints":[…]}
    public static func report(_ analysis: DocumentAnalysis) -> JSONNode {
        let document = analysis.document
        return .object([
            ("doc_id", .string(document.id)),
            ("path", .string(document.path)),
            ("format", .string(document.format.rawValue)),
            ("encoding", .string(document.encoding)),
            ("title", .string(document.title)),
            ("published", .string(document.published?.iso)),
            ("published_grain", .string(document.published?.grain.rawValue)),
            ("outlet", .string(document.outlet)),
            ("chars", .integer(document.chars)),
            ("words", .integer(document.words)),
            ("content_sha256", .string(document.contentSHA256)),
            ("stories", .array(document.stories.map { story in
                .object([
                    ("story_id", .string(story.id)), ("position", .integer(story.position)), ("title", .string(story.title)),
                    ("char_start", .integer(story.charStart)), ("char_end", .integer(story.charEnd)),
                ])
            })),
            ("numbers", numbers(analysis.normalized.numbers)),
            ("dates", dates(analysis.normalized.dates)),
            ("figures", .array(analysis.figures.map(figure))),
        ])
    }

    static func numbers(_ numbers: [NumberMention]) -> JSONNode {
        .array(numbers.map { number in
            .object([
                ("surface", .string(number.surface)), ("value", .number(number.value)), ("value_high", .number(number.valueHigh)),
                ("qualifier", .string(number.qualifier.rawValue)), ("is_percent", .bool(number.isPercent)),
                ("char_start", .integer(number.charStart)), ("char_end", .integer(number.charEnd)), ("numeral_start", .integer(number.numeralStart)),
            ])
        })
    }

    static func dates(_ dates: [DateMention]) -> JSONNode {
        .array(dates.map { date in
            .object([
                ("surface", .string(date.surface)), ("start", .string(date.start)), ("end", .string(date.end)),
                ("grain", .string(date.grain.rawValue)), ("relative", .bool(date.relative)), ("reference", .string(date.reference)),
                ("char_start", .integer(date.charStart)), ("char_end", .integer(date.charEnd)),
            ])
        })
    }

    static func figure(_ figure: Figure) -> JSONNode {
        .object([
            ("figure_id", .string(figure.id)), ("story_id", .string(figure.storyID)), ("value", .number(figure.value)),
            ("value_high", .number(figure.valueHigh)), ("qualifier", .string(figure.qualifier.rawValue)), ("unit", .string(figure.unit)),
            ("category", .string(figure.category)), ("attribution", .string(figure.attribution)),
            ("event_start", .string(figure.eventStart)), ("event_end", .string(figure.eventEnd)), ("surface", .string(figure.surface)),
            ("sentence", .string(figure.sentence)), ("char_start", .integer(figure.charStart)), ("char_end", .integer(figure.charEnd)),
        ])
    }

    /// The main text as `inspect --text` prints it: paragraphs separated by a blank line, one
    /// final newline.
    public static func mainText(_ document: Document) -> String {
        document.text.hasSuffix("\n") ? document.text : document.text + "\n"
    }
}
