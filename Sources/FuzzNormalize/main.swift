import FuzzSupport
import Normalize
import PipelineCore

/// Feeds arbitrary text (bytes decoded as UTF-8, invalid sequences replaced) to the normalizer,
/// without a reference date and with one.
///
/// Every mention must lie inside the text, and its `surface` must be the text between its offsets.
func normalizeHarness(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    let scalars = Array(text.unicodeScalars)
    let normalizer = Normalizer()
    for reference in [nil, PartialDate(year: 2025, month: 3, day: 14)] {
        let result = normalizer.run(text, reference: reference)
        for number in result.numbers {
            precondition(number.charStart <= number.numeralStart && number.numeralStart <= number.charEnd,
                         "numeral of \(number.surface.debugDescription) starts at \(number.numeralStart), outside its mention")
        }
        let spans = result.numbers.map { ($0.surface, $0.charStart, $0.charEnd) }
            + result.dates.map { ($0.surface, $0.charStart, $0.charEnd) }
        for (surface, start, end) in spans {
            precondition(0 <= start && start <= end && end <= scalars.count,
                         "mention \(surface.debugDescription) spans \(start)..<\(end) of \(scalars.count) scalars")
            let between = String(String.UnicodeScalarView(scalars[start..<end]))
            precondition(between == surface, "surface \(surface.debugDescription) but the text says \(between.debugDescription)")
        }
    }
}

FuzzDriver.main(
    callback: { data, size in
        normalizeHarness(fuzzBytes(data, size))
        return 0
    },
    replay: normalizeHarness
)
