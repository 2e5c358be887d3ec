/// Decides what a figure counts.
///
/// A unit with a fixed category decides alone (`300 chilometri` → distance, `otto missili` →
/// weapons); a percentage takes the fixed category of its `di` noun (`il 50% delle munizioni` →
/// munitions). Otherwise the nearest category cue wins: inside the figure (`2.700 feriti`), up to
/// ten tokens before it (`ha arruolato circa 180mila detenuti`) or eight after it, not across
/// another number (`300 soldati … sono stati uccisi`). Ties go to the cue after. With no cue, a
/// figure joined to the one before it by `e` or a comma takes its category; else the unit's
/// default (`soldato` → troops_sent, `persona` → other).
///
/// Then shifts apply: a `from` category becomes `to` when a shift cue stands up to `window`
/// tokens before its cue in the same clause, or after the figure before the clause ends
/// (`ha pianificato l'invio di … 12.000 unità`, `potrebbe inviare` → troops_planned). Finally the
/// unit class remaps (`prigionieri inviati al fronte` → prisoners_recruited).
struct CategoryRule {
    var vocabulary: ExtractVocabulary

    /// The previous figure of the same sentence, for coordination.
    struct Previous {
        var endToken: Int
        var category: String
        var isPeople: Bool
    }

    func category(
        noun: CountedNoun, span: Range<Int>, numberTokens: Range<Int>, analysis: SentenceAnalysis, previous: Previous?
    ) -> String {
        let unit = noun.unit.map { vocabulary.units[$0] }
        if let fixed = unit?.fixedCategory { return fixed }
        if noun.kind == .percent {
            if let of = noun.ofUnit, let fixed = vocabulary.units[of].fixedCategory { return fixed }
            // a share restating a figure before it: `4mila uccisi o feriti, il 30% delle truppe`
            if let previous, previous.endToken <= span.lowerBound { return previous.category }
        }

        let cue = nearestCue(span: span, numberTokens: numberTokens, analysis: analysis)
        var category: String
        if let cue {
            category = vocabulary.categoryNames[cue.payload]
        } else if let previous, isCoordinated(previous.endToken..<span.lowerBound, analysis),
                  previous.isPeople == (unit?.isPeople ?? false) {
            category = previous.category
        } else if noun.kind == .percent {
            category = noun.ofUnit.map { vocabulary.units[$0].defaultCategory } ?? "other"
            if noun.ofUnit == nil { return category }
        } else {
            category = unit?.defaultCategory ?? "other"
        }
        let lookAfter = cue.map { $0.start < span.lowerBound } ?? true
        for shift in vocabulary.shifts where shift.from.contains(category) {
            if isShifted(anchor: cue?.start ?? span.lowerBound, span: span, window: shift.window, lookAfter: lookAfter, analysis: analysis) {
                category = shift.to
                break
            }
        }
        let remap = unit?.remap ?? noun.ofUnit.map { vocabulary.units[$0].remap } ?? [:]
        return remap[category] ?? category
    }

    private func nearestCue(span: Range<Int>, numberTokens: Range<Int>, analysis: SentenceAnalysis) -> PhraseHit? {
        var best: (hit: PhraseHit, distance: Int, side: Int)?
        for hit in analysis.cues {
            let distance: Int
            let side: Int
            if hit.start >= span.lowerBound, hit.start < span.upperBound {
                if numberTokens.contains(hit.start) { continue }
                distance = 0
                side = 0
            } else if hit.end <= span.lowerBound {
                distance = span.lowerBound - hit.end
                guard distance <= 10, !crossesStop(hit.end..<span.lowerBound, analysis, allowNumbers: true) else { continue }
                side = 2
            } else if hit.start >= span.upperBound {
                distance = hit.start - span.upperBound
                guard distance <= 8, !crossesStop(span.upperBound..<hit.start, analysis, allowNumbers: false),
                      !opensClause(span.upperBound..<hit.start, analysis) else { continue }
                side = 1
            } else {
                continue
            }
            if let current = best, (current.distance, current.side) <= (distance, side) { continue }
            best = (hit, distance, side)
        }
        return best?.hit
    }

    private func crossesStop(_ range: Range<Int>, _ analysis: SentenceAnalysis, allowNumbers: Bool) -> Bool {
        for index in range {
            if analysis.isHardStop(index) { return true }
            if !allowNumbers, analysis.numberOfToken[index] >= 0 { return true }
        }
        return false
    }

    /// Whether a clause opener (`per`, `che`, `mentre`) stands in `range`.
    private func opensClause(_ range: Range<Int>, _ analysis: SentenceAnalysis) -> Bool {
        range.contains { vocabulary.clauseOpeners.contains(analysis.tokens, at: $0) }
    }

    /// Whether only coordinators (`e`, `,`, `oltre a`) stand in `gap`, at most three tokens.
    private func isCoordinated(_ gap: Range<Int>, _ analysis: SentenceAnalysis) -> Bool {
        guard gap.lowerBound <= gap.upperBound, gap.count <= 3 else { return false }
        return gap.allSatisfy { vocabulary.coordinators.contains(analysis.tokens, at: $0) }
    }

    private func isShifted(anchor: Int, span: Range<Int>, window: Int, lookAfter: Bool, analysis: SentenceAnalysis) -> Bool {
        for hit in analysis.shifts {
            if hit.end <= anchor, anchor - hit.start <= window + hit.length - 1,
               !(hit.end..<anchor).contains(where: { analysis.isClauseStop($0) }) {
                return true
            }
            if lookAfter, hit.start >= span.upperBound, hit.start - span.upperBound <= window,
               !(span.upperBound..<hit.start).contains(where: { analysis.isClauseStop($0) || analysis.numberOfToken[$0] >= 0 || isConjunction(analysis.tokens, $0) }) {
                return true
            }
        }
        return false
    }

    private func isConjunction(_ tokens: [Token], _ index: Int) -> Bool {
        tokens[index].id == vocabulary.keyWords.e || tokens[index].id == vocabulary.keyWords.ed || vocabulary.clauseOpeners.contains(tokens, at: index)
    }
}
