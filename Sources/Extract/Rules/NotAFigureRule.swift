import PipelineCore

/// Numbers that are not figures even though the normalize stage found them.
///
/// - inside a date expression (`Dal 25 marzo`, `nel 2023`);
/// - a bare article read as one (`un attacco`, `Kim Jong Un`): `un`/`una`/`uno` with no hedge;
/// - inside a source name (`i 007 di Seul`);
/// - a rate (`24 ore su 24`, `un colpo su cinque`);
/// - a back-reference: a small number written as a word after a definite article or
///   demonstrative whose value was already reported (`i due prigionieri` after `due soldati
///   catturati`).
///
/// Numbers with no counted noun at all (`il 2023`, `i due Paesi`) are dropped by
/// ``CountedNounRule``.
struct NotAFigureRule {
    var vocabulary: ExtractVocabulary

    static let articleWords: Set<String> = ["un", "uno", "una", "un'"]

    func isInsideDate(_ number: NumberMention, dates: [DateMention]) -> Bool {
        var low = 0
        var high = dates.count
        while low < high {
            let mid = (low + high) / 2
            if dates[mid].charEnd <= number.charStart { low = mid + 1 } else { high = mid }
        }
        var index = low
        while index < dates.count, dates[index].charStart < number.charEnd {
            if dates[index].charEnd > number.charStart { return true }
            index += 1
        }
        return false
    }

    /// `un attacco`: `un`/`una`/`uno` read as 1 with no hedge (`scalars` is the document's text).
    func isBareArticle(_ number: NumberMention, scalars: [Unicode.Scalar]) -> Bool {
        guard number.value == 1, number.valueHigh == 1, number.qualifier == .exact else { return false }
        return Self.articleWords.contains(Tokenizer.key(scalars, max(number.numeralStart, number.charStart)..<number.charEnd))
    }

    func isInsideSource(_ analysis: SentenceAnalysis, token: Int) -> Bool {
        analysis.sources.contains { $0.isAlias && $0.range.contains(token) }
    }

    /// `24 ore su 24`: a ratio word after the figure followed by a number.
    func isRate(_ analysis: SentenceAnalysis, spanEnd: Int) -> Bool {
        guard spanEnd + 1 < analysis.tokens.count, vocabulary.ratioWords.contains(analysis.tokens, at: spanEnd) else { return false }
        return analysis.numberOfToken[spanEnd + 1] >= 0 || analysis.tokens[spanEnd + 1].kind == .number
    }

    func isBackReference(_ analysis: SentenceAnalysis, first: Int, numeralIsWord: Bool, value: Double, seen: Set<Double>) -> Bool {
        guard numeralIsWord, value <= 20, first > 0, seen.contains(value) else { return false }
        return vocabulary.definiteArticles.contains(analysis.tokens, at: first - 1)
    }
}
