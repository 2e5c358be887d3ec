/// A sentence of the document: its range, its paragraph, and whether it is a headline.
struct Sentence: Sendable, Hashable {
    /// Start offset (Unicode scalars, inclusive), at the first non-space scalar.
    var start: Int
    /// End offset (exclusive), after the last non-space scalar.
    var end: Int
    /// Index of the paragraph (a line break starts a new one).
    var paragraph: Int
    /// A title or a `Titolo - corpo` lead: ends without a period, or at a dash that follows the
    /// paragraph's first words. Its figures take their source from the sentence after it.
    var isHeadline: Bool
}

/// Splits a document into sentences once, in one pass.
///
/// A sentence ends at `.`, `!`, `?` or `…` followed by a space and not by a lowercase letter (and
/// not after an abbreviation such as `dott.` or an initial such as `J.`), at every line break, and
/// at the first ` - ` / ` – ` of a paragraph (the dash after a news item's title).
///
///     "Secondo il NIS, 300 soldati sono morti. Altri 2.700 sono feriti."
///     // two sentences
///
/// - Complexity: O(n) in the length of the text.
struct SentenceSplitter: Sendable {
    /// Lowercase abbreviations whose period does not end a sentence.
    var abbreviations: WordIndex

    init(abbreviations: WordIndex) {
        self.abbreviations = abbreviations
    }

    init(abbreviations: Set<String>) {
        var index = WordIndex()
        for word in abbreviations { _ = index.intern(word) }
        self.abbreviations = index
    }

    /// Whether the splitter looks at `scalar`: a line break, a sentence end or a dash. Every
    /// other scalar only moves it on, so it may visit these alone (see ``sentences(of:stops:)``).
    @inline(__always)
    static func isStop(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 64 { return (stopMask &>> UInt64(value)) & 1 != 0 }
        return value == 0x2029 || value == 0x2026 || value == 0x2013 || value == 0x2014
    }

    /// The ASCII stops as bits: `\n`, `\r`, `!`, `-`, `.`, `?`.
    static let stopMask: UInt64 = 1 << 10 | 1 << 13 | 1 << 33 | 1 << 45 | 1 << 46 | 1 << 63

    func sentences(of scalars: [Unicode.Scalar]) -> [Sentence] {
        sentences(of: scalars, stops: scalars.indices.filter { Self.isStop(scalars[$0]) })
    }

    /// The sentences of `scalars`, visiting only `stops`: the positions, in order, of the
    /// scalars for which ``isStop(_:)`` holds (``DocumentText/scalars(of:)`` finds them while
    /// decoding).
    func sentences(of scalars: [Unicode.Scalar], stops: [Int]) -> [Sentence] {
        var result: [Sentence] = []
        var paragraph = 0
        var start = 0
        var paragraphStart = 0
        let count = scalars.count

        func emit(_ from: Int, _ to: Int, headline: Bool?) {
            var lower = from
            var upper = to
            while lower < upper, Tokenizer.isSpace(scalars[lower]) { lower += 1 }
            while upper > lower, Tokenizer.isSpace(scalars[upper - 1]) { upper -= 1 }
            guard lower < upper else { return }
            let isHeadline = headline ?? !endsWithTerminal(scalars, upper)
            result.append(Sentence(start: lower, end: upper, paragraph: paragraph, isHeadline: isHeadline))
        }

        var index = 0
        var stop = 0
        while true {
            // other scalars neither end a sentence nor split a headline
            while stop < stops.count, stops[stop] < index { stop += 1 }
            guard stop < stops.count else { break }
            index = stops[stop]
            let scalar = scalars[index]
            if scalar == "\n" || scalar == "\r" || scalar == "\u{2029}" {
                emit(start, index, headline: nil)
                while index < count, Tokenizer.isSpace(scalars[index]) { index += 1 }
                paragraph += 1
                start = index
                paragraphStart = index
                continue
            }
            if scalar == "." || scalar == "!" || scalar == "?" || scalar == "…" {
                var next = index + 1
                while next < count, Self.isClosing(scalars[next]) { next += 1 }
                if next >= count || Tokenizer.isSpace(scalars[next]), isBoundary(scalars, dot: index, after: next) {
                    emit(start, next, headline: false)
                    start = next
                    index = next
                    continue
                }
            } else if Self.isDash(scalar), index > 0, scalars[index - 1] == " ", index + 1 < count, scalars[index + 1] == " ",
                      start == paragraphStart, index - start >= 3, result.last.map({ $0.paragraph != paragraph }) ?? true {
                emit(start, index, headline: true)
                start = index + 1
            }
            index += 1
        }
        emit(start, count, headline: nil)
        return result
    }

    private func isBoundary(_ scalars: [Unicode.Scalar], dot: Int, after: Int) -> Bool {
        var next = after
        while next < scalars.count, scalars[next] == " " || scalars[next] == "\t" { next += 1 }
        if next < scalars.count, scalars[next].isASCII ? (scalars[next].value >= 97 && scalars[next].value <= 122) : scalars[next].properties.isLowercase {
            return false
        }
        guard scalars[dot] == "." else { return true }
        var wordStart = dot
        while wordStart > 0, Tokenizer.isLetter(scalars[wordStart - 1]) { wordStart -= 1 }
        let length = dot - wordStart
        if length == 0 { return true }
        if length == 1, scalars[wordStart].properties.isUppercase { return false }
        return scalars.withUnsafeBufferPointer { abbreviations.id(of: $0, wordStart..<dot) } < 0
    }

    private func endsWithTerminal(_ scalars: [Unicode.Scalar], _ end: Int) -> Bool {
        var index = end - 1
        while index >= 0, Self.isClosing(scalars[index]) { index -= 1 }
        guard index >= 0 else { return false }
        let scalar = scalars[index]
        return scalar == "." || scalar == "!" || scalar == "?" || scalar == "…" || scalar == ";"
    }

    static func isClosing(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\"" || scalar == "”" || scalar == "»" || scalar == ")" || scalar == "’" || scalar == "'"
    }

    static func isDash(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "-" || scalar == "–" || scalar == "—"
    }
}
