/// A phrase found in a sentence: token position, length, payload (category, shift or source).
struct PhraseHit: Sendable, Hashable {
    var start: Int
    var length: Int
    var payload: Int
    var end: Int { start + length }
}

/// What the rules need to know about one sentence, computed once and cached by the reader.
///
/// A class, so the reader's cache and the rules share one analysis without copying its arrays.
final class SentenceAnalysis: Sendable {
    /// The sentence's tokens.
    let tokens: [Token]
    /// For each token, the index of the number mention it belongs to, or `-1`.
    let numberOfToken: [Int]
    /// Category cues, longest match first, non-overlapping, in order.
    let cues: [PhraseHit]
    /// Shift cues (`potrebbe`, `nei prossimi mesi`), in order.
    let shifts: [PhraseHit]
    /// Reporting cues (`ha dichiarato`, `stime`), in order.
    let reporting: [PhraseHit]
    /// Source phrases, in order.
    let sources: [SourceSpan]
    /// Whether the sentence opens by attributing the one before (`È quanto emerge da…`).
    let opensBackward: Bool

    /// Whether the sentence holds a verb or noun of reporting (`ha dichiarato`, `stime`).
    var hasReporting: Bool { !reporting.isEmpty }

    /// Analyzes `sentence`; `numbers` are the document's number mentions in text order.
    init(sentence: Sentence, scalars: [Unicode.Scalar], numbers: [NumberSpan], vocabulary: ExtractVocabulary, attribution: AttributionRule) {
        let tokens = Tokenizer.tokens(of: scalars, in: sentence.start..<sentence.end, words: vocabulary.words)
        var numberOfToken = Array(repeating: -1, count: tokens.count)
        var low = 0
        var high = numbers.count
        while low < high {
            let mid = (low + high) / 2
            if numbers[mid].end <= sentence.start { low = mid + 1 } else { high = mid }
        }
        var tokenIndex = 0
        var numberIndex = low
        while numberIndex < numbers.count, numbers[numberIndex].start < sentence.end, tokenIndex < tokens.count {
            let number = numbers[numberIndex]
            if tokens[tokenIndex].end <= number.start {
                tokenIndex += 1
            } else if tokens[tokenIndex].start >= number.end {
                numberIndex += 1
            } else {
                numberOfToken[tokenIndex] = numberIndex
                tokenIndex += 1
            }
        }
        self.tokens = tokens
        self.numberOfToken = numberOfToken
        cues = Self.hits(vocabulary.cues, in: tokens)
        shifts = Self.hits(vocabulary.shiftCues, in: tokens)
        let reporting = Self.hits(vocabulary.reportingCues, in: tokens)
        self.reporting = reporting
        let firstWord = tokens.firstIndex { $0.isWord } ?? 0
        opensBackward = vocabulary.backwardOpeners.contains(tokens, at: firstWord)
        sources = attribution.sources(in: tokens, reporting: reporting)
    }

    static func hits(_ table: PhraseTable, in tokens: [Token]) -> [PhraseHit] {
        guard !table.isEmpty else { return [] }
        var result: [PhraseHit] = []
        var index = 0
        while index < tokens.count {
            if let match = table.match(tokens, at: index) {
                result.append(PhraseHit(start: index, length: match.length, payload: match.payload))
                index += match.length
            } else {
                index += 1
            }
        }
        return result
    }

    /// Whether the token is a clause stop for cue search (`;`, `:`, parentheses).
    func isHardStop(_ index: Int) -> Bool {
        let token = tokens[index]
        guard token.isPunctuation else { return false }
        return token.first == ";" || token.first == ":" || token.first == "(" || token.first == ")"
    }

    /// Whether the token is a comma or a hard stop.
    func isClauseStop(_ index: Int) -> Bool {
        isHardStop(index) || tokens[index].isMark(",")
    }
}

/// The offsets of a number mention, for marking tokens.
struct NumberSpan: Sendable, Hashable {
    var start: Int
    var end: Int
}
