import PipelineCore

/// The period a figure refers to: the resolved date expression of its sentence nearest to it.
///
///     "A ottobre 2024, circa 1.500 soldati erano stati inviati a Vladivostok."
///     // circa 1.500 soldati → 2024-10-01…2024-10-31
///
/// Unresolved dates (relative, with no publication date) give nothing.
struct EventDateRule {
    /// The nearest resolved date inside `sentence` to the figure at `figure` (scalar offsets).
    func eventDate(figure: Range<Int>, sentence: Sentence, dates: [DateMention]) -> (start: String, end: String)? {
        var low = 0
        var high = dates.count
        while low < high {
            let mid = (low + high) / 2
            if dates[mid].charEnd <= sentence.start { low = mid + 1 } else { high = mid }
        }
        var best: (date: DateMention, distance: Int)?
        var index = low
        while index < dates.count, dates[index].charStart < sentence.end {
            let date = dates[index]
            index += 1
            guard date.start != nil, date.charStart >= sentence.start, date.charEnd <= sentence.end else { continue }
            let distance = date.charEnd <= figure.lowerBound ? figure.lowerBound - date.charEnd
                : (date.charStart >= figure.upperBound ? date.charStart - figure.upperBound : 0)
            if best == nil || distance < best!.distance { best = (date, distance) }
        }
        guard let date = best?.date, let start = date.start else { return nil }
        return (start, date.end ?? start)
    }
}
