/// A phrase naming who a figure comes from, with its canonical name.
struct SourceSpan: Sendable, Hashable {
    /// First token.
    var start: Int
    /// Token after the last.
    var end: Int
    /// Canonical name (`NIS`) or the phrase itself (`fonti occidentali`), read as text only for
    /// the source a figure takes (``AttributionRule/name(_:)``).
    var name: SourceName
    /// Introduced by `secondo`, `stando a`…: a source even without a reporting verb.
    var isExplicit: Bool
    /// Whether the span is a known alias (`007 di Seul`): numbers inside it are not figures.
    var isAlias: Bool
    /// Whether the name is canonical (an alias, or a phrase holding one).
    var isNamed: Bool = false
    /// A bare head (`l'agenzia`, `le stesse fonti`): refers back to a source named before.
    var isBare: Bool = false
    /// An outlet relaying another source (`citate dalla Cnn`): used only when no other source.
    var isRelay: Bool = false
    /// For the subject of a reporting or belief verb (`Washington teme che…`), the token after
    /// the verb; `nil` for other sources.
    var verbEnd: Int?
}

/// The name of a source: a canonical one of the vocabulary, or the text of the phrase.
enum SourceName: Sendable, Hashable {
    /// Index into the vocabulary's source names.
    case canonical(Int)
    /// The document's scalars in `range`, with the first letter lowercased when `lowercaseFirst`
    /// and the word is not an acronym (`Fonti occidentali` → `fonti occidentali`).
    case text(Range<Int>, lowercaseFirst: Bool)
}

/// Finds sources in a sentence and picks the one a figure is attributed to.
///
/// Sources are: a phrase after `secondo` / `stando a` / `a detta di` (`secondo fonti
/// occidentali`); a known alias (`il NIS`, `la Cnn`, `007 di Seul`); a phrase headed by a source
/// noun with its modifiers (`fonti ucraine e sudcoreane`, `il comando di stato maggiore
/// sudcoreano`, `media ucraini`); a capitalized name just before a reporting verb (`Rudenko ha
/// detto`). Aliases inside a phrase give its canonical name (`il National Intelligence Service
/// (NIS) della Corea del Sud` → `NIS`). Except after `secondo`, a source counts only in a sentence
/// with a reporting verb or noun.
///
/// A figure takes the nearest source of its own sentence; else, for a headline, the first of
/// the next sentence; else the first of the next sentence when that one opens with `È quanto
/// emerge…` / `Lo riferisce…`; else the first of the sentence before in the same paragraph.
///
///     "Secondo l'intelligence sudcoreana, Pyongyang ha pianificato l'invio di 12.000 unità."
///     // → NIS
struct AttributionRule {
    var vocabulary: ExtractVocabulary
    var scalars: [Unicode.Scalar]

    /// Sources of a sentence's tokens; `reporting` are its reporting cues.
    func sources(in tokens: [Token], reporting: [PhraseHit]) -> [SourceSpan] {
        var spans: [SourceSpan] = []
        var index = 0
        while index < tokens.count {
            // a word the vocabulary does not know opens no phrase (most words: one test)
            if tokens[index].id < 0 {
                index += 1
                continue
            }
            if let opener = vocabulary.openers.match(tokens, at: index), !isOrdinalUse(tokens, index) {
                var next = index + opener.length
                if vocabulary.attributionRelatives.contains(tokens, at: next) {
                    index = next + 1
                    continue
                }
                var skipped = 0
                while skipped < 6, let skip = vocabulary.attributionSkips.match(tokens, at: next) {
                    next += skip.length
                    skipped += 1
                }
                let end = rawPhraseEnd(tokens, from: next)
                if var inner = firstSource(tokens, in: next..<end) {
                    inner.isExplicit = true
                    spans.append(inner)
                    index = max(end, inner.end)
                    continue
                }
                if end > next, end - next <= 4 {
                    spans.append(SourceSpan(start: next, end: end, name: text(tokens, next..<end, lowercaseFirst: !tokens[next].isCapitalized), isExplicit: true, isAlias: false))
                }
                index = max(index + opener.length, end)
                continue
            }
            if let source = sourceAt(tokens, index) {
                spans.append(source)
                index = source.end
                continue
            }
            index += 1
        }
        spans.append(contentsOf: namedSubjects(tokens, reporting: reporting, excluding: spans))
        for position in spans.indices {
            let span = spans[position]
            // `Il Pentagono: "…"` — a source before a colon speaks.
            if span.end < tokens.count, tokens[span.end].isMark(":") { spans[position].isExplicit = true }
            spans[position].isRelay = (1...4).contains { back in
                span.start - back >= 0 && vocabulary.relayCues.match(tokens, at: span.start - back, limit: span.start)?.length == back
            }
            var verb = span.end
            while verb < tokens.count, verb - span.end < 3, vocabulary.reportingAuxiliaries.contains(tokens, at: verb) { verb += 1 }
            if span.verbEnd == nil, let hit = reporting.first(where: { $0.start == verb }) { spans[position].verbEnd = hit.end }
        }
        return spans.sorted { $0.start < $1.start }
    }

    /// The source a figure spanning `figure` (token range of sentence `own`) is attributed to.
    ///
    /// A bare head (`l'agenzia`, `le stesse fonti`) takes the name of the nearest named source of
    /// the sentences before (`earlierNamed`), when there is one.
    ///
    /// The sentences around are read only when the figure's own sentence names no source: `next`
    /// is the sentence after (its analysis from `nextAnalysis`, whether it opens with `È quanto
    /// emerge…` from the cheaper `nextOpensBackward`), `previous` the sentence before.
    static func chosenSpan(
        figure: Range<Int>, own: SentenceAnalysis, sentence: Sentence,
        next: Sentence?, nextAnalysis: () -> SentenceAnalysis, nextOpensBackward: () -> Bool,
        previous: () -> (SentenceAnalysis, Sentence)?
    ) -> SourceSpan? {
        let eligible = own.sources.filter { ($0.isExplicit || own.hasReporting) && !$0.range.overlaps(figure) }
        let preferred = eligible.contains { !$0.isRelay } ? eligible.filter { !$0.isRelay } : eligible
        if let nearest = preferred.min(by: { distance($0, figure) < distance($1, figure) }) {
            // the subject of a reporting or belief verb whose clause holds the figure wins over a
            // source after the figure (`Washington teme che altri 2.000 soldati…, secondo gli
            // analisti`)
            if nearest.start >= figure.upperBound, let subject = clauseSubject(of: figure, among: preferred, in: own) { return subject }
            return nearest
        }
        if let nextSentence = next {
            if sentence.isHeadline {
                let analysis = nextAnalysis()
                if let first = analysis.sources.first(where: { ($0.isExplicit || $0.isAlias || analysis.hasReporting) && !$0.isRelay }) {
                    return first
                }
            }
            if nextSentence.paragraph == sentence.paragraph, nextOpensBackward(), let first = firstEligible(nextAnalysis()) {
                return first
            }
        }
        if let (analysis, previousSentence) = previous(), previousSentence.paragraph == sentence.paragraph, !previousSentence.isHeadline {
            return firstEligible(analysis)
        }
        return nil
    }

    /// The nearest source before `figure` that is the subject of a verb between it and the
    /// figure, with no `;`, `:` or parenthesis between the verb and the figure.
    private static func clauseSubject(of figure: Range<Int>, among spans: [SourceSpan], in own: SentenceAnalysis) -> SourceSpan? {
        guard let subject = spans.last(where: { $0.end <= figure.lowerBound && ($0.verbEnd ?? .max) <= figure.lowerBound }),
              let verbEnd = subject.verbEnd else { return nil }
        return (verbEnd..<figure.lowerBound).contains(where: own.isHardStop) ? nil : subject
    }

    private static func firstEligible(_ analysis: SentenceAnalysis) -> SourceSpan? {
        let eligible = analysis.sources.filter { $0.isExplicit || analysis.hasReporting }
        return eligible.first { !$0.isRelay } ?? eligible.first
    }

    /// The last named source of a sentence (for bare heads in the sentences after it).
    static func lastNamed(_ analysis: SentenceAnalysis) -> SourceName? {
        analysis.sources.last { $0.isNamed && !$0.isRelay }?.name
    }

    private static func distance(_ span: SourceSpan, _ figure: Range<Int>) -> Int {
        if span.end <= figure.lowerBound { return figure.lowerBound - span.end }
        if span.start >= figure.upperBound { return span.start - figure.upperBound }
        return 0
    }

    /// `il secondo giorno`, `un secondo attacco`: an ordinal, not `secondo X`.
    private func isOrdinalUse(_ tokens: [Token], _ index: Int) -> Bool {
        guard tokens[index].id == vocabulary.keyWords.secondo else { return false }
        return index > 0 && vocabulary.determiners.contains(tokens, at: index - 1) && tokens[index - 1].id != vocabulary.keyWords.e
    }

    /// End of the phrase after an opener: up to punctuation, a number, or a function word other
    /// than the prepositions a source name may hold (`ministero della Difesa`).
    private func rawPhraseEnd(_ tokens: [Token], from start: Int) -> Int {
        var index = start
        while index < tokens.count, index - start < 8 {
            let token = tokens[index]
            if token.isPunctuation || token.kind == .number { break }
            if token.id == vocabulary.keyWords.che { break }
            if vocabulary.sourcePrepositions.contains(tokens, at: index) || token.id == vocabulary.keyWords.e {
                index += 1
                continue
            }
            if vocabulary.determiners.contains(tokens, at: index) { break }
            index += 1
        }
        while index > start, vocabulary.sourcePrepositions.contains(tokens, at: index - 1) || tokens[index - 1].id == vocabulary.keyWords.e { index -= 1 }
        return index
    }

    private func firstSource(_ tokens: [Token], in range: Range<Int>) -> SourceSpan? {
        var index = range.lowerBound
        while index < range.upperBound {
            if let source = sourceAt(tokens, index) { return source }
            index += 1
        }
        return nil
    }

    /// A known alias or a source-headed phrase starting at `index`.
    private func sourceAt(_ tokens: [Token], _ index: Int) -> SourceSpan? {
        if let alias = vocabulary.sourceAliases.match(tokens, at: index) {
            let end = index + alias.length
            return SourceSpan(start: index, end: end, name: .canonical(alias.payload), isExplicit: false, isAlias: true, isNamed: true)
        }
        guard let head = vocabulary.sourceHeads.match(tokens, at: index) else { return nil }
        let end = headPhraseEnd(tokens, from: index + head.length)
        var inner = index
        while inner < end {
            if let alias = vocabulary.sourceAliases.match(tokens, at: inner, limit: end) {
                return SourceSpan(start: index, end: end, name: .canonical(alias.payload), isExplicit: false, isAlias: false, isNamed: true)
            }
            inner += 1
        }
        return SourceSpan(
            start: index, end: end, name: text(tokens, index..<end, lowercaseFirst: true), isExplicit: false, isAlias: false,
            isBare: end == index + head.length
        )
    }

    /// The modifiers after a source head: adjectives (`ucraine e sudcoreane`), `di`-phrases
    /// (`di stato maggiore`, `della Difesa`), capitalized names (`Volodymyr Zelensky`).
    private func headPhraseEnd(_ tokens: [Token], from start: Int) -> Int {
        var index = start
        var steps = 0
        while index < tokens.count, steps < 8 {
            steps += 1
            if let modifier = vocabulary.sourceModifiers.match(tokens, at: index) {
                index += modifier.length
            } else if tokens[index].id == vocabulary.keyWords.e, let modifier = vocabulary.sourceModifiers.match(tokens, at: index + 1) {
                index += 1 + modifier.length
            } else if let preposition = vocabulary.sourcePrepositions.match(tokens, at: index),
                      index + preposition.length < tokens.count, tokens[index + preposition.length].isWord,
                      !vocabulary.determiners.contains(tokens, at: index + preposition.length) {
                let next = index + preposition.length
                if let head = vocabulary.sourceHeads.match(tokens, at: next) {
                    index = next + head.length
                } else if let alias = vocabulary.sourceAliases.match(tokens, at: next) {
                    index = next + alias.length
                } else {
                    index = next + 1
                }
            } else if tokens[index].isWord, tokens[index].isCapitalized {
                index += 1
            } else if tokens[index].isMark("("), index + 2 < tokens.count, tokens[index + 2].isMark(")"),
                      tokens[index + 1].isCapitalized {
                index += 3
            } else {
                break
            }
        }
        return index
    }

    /// Capitalized names right before a reporting verb (`Rudenko ha detto`, `Mosca conferma`).
    private func namedSubjects(_ tokens: [Token], reporting: [PhraseHit], excluding spans: [SourceSpan]) -> [SourceSpan] {
        var result: [SourceSpan] = []
        for hit in reporting {
            var index = hit.start - 1
            var steps = 0
            while index >= 0, steps < 3, vocabulary.reportingAuxiliaries.contains(tokens, at: index) {
                index -= 1
                steps += 1
            }
            // `Washington, che da settimane osserva il fronte, teme`: past a relative clause
            if index > 0, tokens[index].isMark(","), let open = (max(0, index - 16)..<index).last(where: { tokens[$0].isMark(",") }),
               open > 0, tokens[open + 1].id == vocabulary.keyWords.che {
                index = open - 1
            }
            guard index >= 0, tokens[index].isWord, tokens[index].isCapitalized else { continue }
            let last = index
            var first = index
            while first > 0 {
                if tokens[first - 1].isWord, tokens[first - 1].isCapitalized {
                    first -= 1
                } else if first > 1, vocabulary.sourcePrepositions.contains(tokens, at: first - 1), tokens[first - 2].isCapitalized {
                    first -= 2
                } else {
                    break
                }
            }
            while first < last, vocabulary.determiners.contains(tokens, at: first) { first += 1 }
            let range = first..<(last + 1)
            if spans.contains(where: { $0.range.overlaps(range) }) || result.contains(where: { $0.range.overlaps(range) }) { continue }
            if range.count == 1, vocabulary.determiners.contains(tokens, at: first) || vocabulary.unitForms.contains(tokens, at: first)
                || vocabulary.cues.contains(tokens, at: first) || vocabulary.reportingAuxiliaries.contains(tokens, at: first) { continue }
            result.append(SourceSpan(start: first, end: last + 1, name: text(tokens, range, lowercaseFirst: false), isExplicit: false, isAlias: false, verbEnd: hit.end))
        }
        return result
    }

    /// The name of the phrase `tokens[range]`, without leading articles and prepositions
    /// (`dell'amministrazione regionale` → `amministrazione regionale`).
    private func text(_ tokens: [Token], _ range: Range<Int>, lowercaseFirst: Bool) -> SourceName {
        var start = range.lowerBound
        while start + 1 < range.upperBound, let word = vocabulary.determiners.match(tokens, at: start, limit: range.upperBound - 1)
                ?? vocabulary.sourcePrepositions.match(tokens, at: start, limit: range.upperBound - 1) {
            start += word.length
        }
        let lowercase = start == range.lowerBound ? lowercaseFirst : lowercaseFirst && !tokens[start].isCapitalized
        return .text(tokens[start].start..<tokens[range.upperBound - 1].end, lowercaseFirst: lowercase)
    }

    /// The text of a source name.
    func name(_ name: SourceName) -> String {
        let range: Range<Int>
        let lowercaseFirst: Bool
        switch name {
        case let .canonical(index):
            return vocabulary.sourceNames[index]
        case let .text(textRange, lowercase):
            range = textRange
            lowercaseFirst = lowercase
        }
        var result = DocumentText.string(scalars, range)
        if lowercaseFirst, let first = result.first, first.isUppercase,
           result.dropFirst().first.map({ !$0.isUppercase }) ?? true {
            result = first.lowercased() + result.dropFirst()
        }
        return result
    }
}

extension SourceSpan {
    var range: Range<Int> { start..<end }
}
