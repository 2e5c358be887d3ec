/// The noun a number counts, and the tokens that belong to the figure.
struct CountedNoun: Sendable, Hashable {
    /// How the noun was found.
    enum Kind: Sendable, Hashable {
        /// Written after the number: `3.000 soldati`, `decine di migliaia di soldati`.
        case after
        /// A percentage: `il 50% delle munizioni` (the noun after `di`, if any, is `of`).
        case percent
        /// Elided, with a participle after the number: `altri 2.700 feriti`, `agli 11mila inviati`.
        case elided
        /// Written before the number: `il totale delle truppe inviate a circa 11.000`,
        /// `i feriti sarebbero circa 2.700`, or referred to by a clitic: `se ne contano dodicimila`.
        case before
    }

    var kind: Kind
    /// Index into the vocabulary's units, or `nil` for a percentage or an unknown topic.
    var unit: Int?
    /// The lemma written to `unit`.
    var lemma: String
    /// Token range of the noun in the sentence, when it was read there.
    var nounRange: Range<Int>?
    /// For a percentage, the unit of the noun after `di` (`munizioni`).
    var ofUnit: Int?
    /// Token range of the participle of an elided noun (`feriti` in `2.700 feriti`).
    var cueRange: Range<Int>?
}

/// Finds the counted noun of a number.
///
/// In order: a percentage (`il 50% delle munizioni` → percento, of munizione); a unit written
/// after the number, across premodifiers and bridges (`3.000 nuovi soldati`, `circa quattromila di
/// questi soldati`, `300 i militari`); an elided noun, when a category participle follows
/// (`altri 2.700 feriti`, `2.700 sono rimasti feriti`), whose unit is the topic (the nearest people
/// noun before it); a clitic (`se ne contano dodicimila`); a total or a copula after a noun
/// (`portando il totale a 11.000`, `i feriti sarebbero 2.700`). A number with none of these is not
/// a figure (`il 2023`, `i due Paesi`).
struct CountedNounRule {
    var vocabulary: ExtractVocabulary
    /// The document's scalars (the tokens' offsets point into them).
    var scalars: [Unicode.Scalar]
    /// The ASCII clitic suffixes (`arne`), as scalars, for a quick test before the exact one;
    /// `nil` when some suffix is not ASCII (then every word takes the exact test).
    private let asciiSuffixes: [[Unicode.Scalar]]?

    init(vocabulary: ExtractVocabulary, scalars: [Unicode.Scalar]) {
        self.vocabulary = vocabulary
        self.scalars = scalars
        let suffixes = vocabulary.cliticSuffixes
        asciiSuffixes = suffixes.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } } ? suffixes.map { Array($0.unicodeScalars) } : nil
    }

    /// - Parameters:
    ///   - first: first token of the number mention (qualifier words included).
    ///   - after: token after the number mention.
    ///   - topic: finds the topic noun before a token (people only when the flag is set).
    func find(
        in analysis: SentenceAnalysis, first: Int, after: Int, isPercent: Bool,
        topic: (_ before: Int, _ peopleOnly: Bool, _ sentenceOnly: Bool) -> Int?
    ) -> CountedNoun? {
        let tokens = analysis.tokens
        if isPercent {
            var noun = CountedNoun(kind: .percent, unit: nil, lemma: vocabulary.percentUnit, nounRange: nil, ofUnit: nil, cueRange: nil)
            var index = after
            if let bridge = vocabulary.bridges.match(tokens, at: index), tokens[index].id != vocabulary.keyWords.i, tokens[index].id != vocabulary.keyWords.gli,
               tokens[index].id != vocabulary.keyWords.le {
                index += bridge.length
                index = skipPremodifiers(tokens, index)
                if let unit = vocabulary.unitForms.match(tokens, at: index) {
                    noun.ofUnit = unit.payload
                    noun.nounRange = index..<(index + unit.length)
                }
            }
            return noun
        }
        if let found = unitAfter(tokens, after) {
            return CountedNoun(kind: .after, unit: found.unit, lemma: vocabulary.units[found.unit].lemma, nounRange: found.range, ofUnit: nil, cueRange: nil)
        }
        // `da 122 e 152 millimetri`: the noun of the number joined after it
        if after + 1 < tokens.count, tokens[after].id == vocabulary.keyWords.e || tokens[after].id == vocabulary.keyWords.o, analysis.numberOfToken[after + 1] >= 0 {
            var next = after + 1
            while next < tokens.count, analysis.numberOfToken[next] == analysis.numberOfToken[after + 1] { next += 1 }
            if let found = unitAfter(tokens, next) {
                return CountedNoun(kind: .before, unit: found.unit, lemma: vocabulary.units[found.unit].lemma, nounRange: nil, ofUnit: nil, cueRange: nil)
            }
        }
        var index = after
        // an estimate names what it counts after an article: `stimano in 100 i caduti`,
        // `valuta in circa 3.000 i feriti`
        if first >= 2, tokens[first - 1].id == vocabulary.keyWords.in, analysis.reporting.contains(where: { $0.end == first - 1 }),
           index < tokens.count, [vocabulary.keyWords.i, vocabulary.keyWords.gli, vocabulary.keyWords.le].contains(tokens[index].id) {
            index += 1
        }
        var skipped = 0
        while skipped < 3, let auxiliary = vocabulary.auxiliaries.match(tokens, at: index) {
            index += auxiliary.length
            skipped += 1
        }
        if let cue = vocabulary.cues.match(tokens, at: index), analysis.numberOfToken[index] < 0 {
            let unit = topic(first, true, false)
            return CountedNoun(kind: .elided, unit: unit, lemma: unit.map { vocabulary.units[$0].lemma } ?? "persona", nounRange: nil, ofUnit: nil, cueRange: index..<(index + cue.length))
        }
        if hasClitic(tokens, before: first) {
            let unit = topic(first, false, false)
            guard let unit else { return nil }
            return CountedNoun(kind: .before, unit: unit, lemma: vocabulary.units[unit].lemma, nounRange: nil, ofUnit: nil, cueRange: nil)
        }
        return nounBefore(analysis, first: first, topic: topic)
    }

    /// A unit right after the number, possibly after premodifiers and a bridge.
    func unitAfter(_ tokens: [Token], _ after: Int) -> (unit: Int, range: Range<Int>)? {
        var index = skipPremodifiers(tokens, after)
        if let unit = vocabulary.unitForms.match(tokens, at: index) {
            return (unit.payload, index..<(index + unit.length))
        }
        guard let bridge = vocabulary.bridges.match(tokens, at: index) else { return nil }
        index += bridge.length
        if let demonstrative = vocabulary.demonstratives.match(tokens, at: index) { index += demonstrative.length }
        index = skipPremodifiers(tokens, index)
        if let unit = vocabulary.unitForms.match(tokens, at: index) {
            return (unit.payload, index..<(index + unit.length))
        }
        return nil
    }

    private func skipPremodifiers(_ tokens: [Token], _ start: Int) -> Int {
        var index = start
        var skipped = 0
        while skipped < 2, let premodifier = vocabulary.premodifiers.match(tokens, at: index) {
            index += premodifier.length
            skipped += 1
        }
        return index
    }

    /// `ne` / `se ne` within the three tokens before the number, with no punctuation between.
    private func hasClitic(_ tokens: [Token], before first: Int) -> Bool {
        var index = first - 1
        while index >= 0, index >= first - 3 {
            if tokens[index].isPunctuation { return false }
            if vocabulary.clitics.contains(tokens, at: index) { return true }
            if tokens[index].isWord, !vocabulary.cliticSuffixes.isEmpty, endsWithSuffix(tokens[index]) {
                let key = Tokenizer.key(scalars, tokens[index].start..<tokens[index].end)
                // an ASCII key has as many characters as bytes; only others need counting
                let length = key.utf8.count == tokens[index].end - tokens[index].start ? key.utf8.count : key.count
                if vocabulary.cliticSuffixes.contains(where: { length > $0.count + 2 && key.hasSuffix($0) }) { return true }
            }
            index -= 1
        }
        return false
    }

    /// Whether the token's last scalars, lowercased, are those of a clitic suffix: a quick test
    /// before the exact one on its text (a key can end with a suffix only if they are).
    private func endsWithSuffix(_ token: Token) -> Bool {
        guard let suffixes = asciiSuffixes else { return true }
        for suffix in suffixes where suffix.count <= token.end - token.start {
            var offset = 1
            while offset <= suffix.count, Tokenizer.lowered(scalars[token.end - offset]) == suffix[suffix.count - offset] { offset += 1 }
            if offset > suffix.count { return true }
        }
        return false
    }

    /// A noun before the number, joined by a total (`il totale delle truppe inviate a 11.000`) or
    /// a copula (`le truppe schierate sarebbero circa 11mila`, `i feriti sarebbero 2.700`).
    private func nounBefore(
        _ analysis: SentenceAnalysis, first: Int, topic: (_ before: Int, _ peopleOnly: Bool, _ sentenceOnly: Bool) -> Int?
    ) -> CountedNoun? {
        let tokens = analysis.tokens
        guard first > 0 else { return nil }
        var totalAt: Int?
        var noun: (unit: Int, range: Range<Int>)?
        var cueNoun = false
        var index = first - 1
        while index >= 0, index >= first - 10 {
            if analysis.isClauseStop(index) || analysis.numberOfToken[index] >= 0 { break }
            if totalAt == nil, vocabulary.totals.contains(tokens, at: index) { totalAt = index }
            if noun == nil, let unit = vocabulary.unitForms.match(tokens, at: index, limit: first), isNounPosition(tokens, index) {
                noun = (unit.payload, index..<(index + unit.length))
            }
            if !cueNoun, vocabulary.cues.contains(tokens, at: index), index > 0, vocabulary.determiners.contains(tokens, at: index - 1) {
                cueNoun = true
            }
            index -= 1
        }
        let linked = vocabulary.links.contains(tokens, at: first - 1)
        guard totalAt != nil || (linked && (noun != nil || cueNoun)) else { return nil }
        if let noun {
            return CountedNoun(kind: .before, unit: noun.unit, lemma: vocabulary.units[noun.unit].lemma, nounRange: noun.range, ofUnit: nil, cueRange: nil)
        }
        let unit = topic(first, true, true)
        guard unit != nil || cueNoun else { return nil }
        return CountedNoun(kind: .before, unit: unit, lemma: unit.map { vocabulary.units[$0].lemma } ?? "persona", nounRange: nil, ofUnit: nil, cueRange: nil)
    }

    /// Whether a unit form at `index` is used as a noun: first in the sentence, or after an
    /// article, preposition, number, premodifier or punctuation (`il supporto militare` is an
    /// adjective; `dei militari` a noun).
    func isNounPosition(_ tokens: [Token], _ index: Int) -> Bool {
        guard index > 0 else { return true }
        let previous = tokens[index - 1]
        return previous.isPunctuation || previous.kind == .number || vocabulary.determiners.contains(tokens, at: index - 1)
            || vocabulary.premodifiers.contains(tokens, at: index - 1)
    }
}
