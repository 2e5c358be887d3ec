/// Vague plurals with no number in front become approximate ranges (the gold files' convention):
/// `decine` 10–90, `centinaia` 100–900, `migliaia` 1 000–9 000, `decine di migliaia`
/// 10 000–90 000, `centinaia di migliaia` 100 000–900 000, `milioni di` 1 000 000–9 000 000;
/// `qualche centinaio` 100–900.
struct VaguePluralRule: NumeralRule {
    func apply(_ c: Context) {
        var added = false
        var cursor = 0
        let existing = c.atoms
        func covered(_ t: Int) -> Bool {
            while cursor < existing.count, existing[cursor].last < t { cursor += 1 }
            return cursor < existing.count && existing[cursor].first <= t && !existing[cursor].dropped
        }
        var skipUntil = -1
        for i in c.vagueCandidates {
            guard i > skipUntil, !covered(i) else { continue }
            var base: Double
            if let v = c.roleValue(i, .vague) ?? c.roleValue(i, .vagueExact) {
                base = v
            } else if let v = c.roleValue(i, .collective), c.has(i - 1, .some) {
                base = v
            } else if let v = c.roleValue(i, .scale), v >= 1e6, c.has(i + 1, .of), isPlural(c, i) {
                base = v
            } else {
                continue
            }
            var last = i
            if c.has(i + 1, .of), c.sameLine(i + 2), !covered(i + 2),
               let v2 = c.roleValue(i + 2, .vague) ?? c.roleValue(i + 2, .scale), v2 > base, isPlural(c, i + 2) {
                base *= v2
                last = i + 2
            }
            var a = Atom(first: i, last: last, value: base)
            a.high = base * 9
            a.qualifier = .approx
            a.isWord = true
            a.slot = 1
            c.atoms.append(a)
            added = true
            skipUntil = last
        }
        if added { c.atoms.sort { $0.first < $1.first } }
    }

    @inline(__always) static var triggers: UInt64 {
        1 << UInt64(WordRole.vague.rawValue) | 1 << UInt64(WordRole.vagueExact.rawValue)
            | 1 << UInt64(WordRole.collective.rawValue) | 1 << UInt64(WordRole.scale.rawValue)
    }

    /// Plural forms end in `i` or `a` (`milioni`, `migliaia`, `centinaia`) or `e` (`decine`).
    private func isPlural(_ c: Context, _ i: Int) -> Bool {
        let last = c.bytes[Int(c.tokens[i].byteEnd) - 1] | 0x20
        return last == 0x69 || last == 0x61 || last == 0x65
    }
}

/// Percentages: `50%`, `50 %`, `50 per cento`, `cento percento`, `100 percentuale`.
struct PercentRule: NumeralRule {
    func apply(_ c: Context) {
        for k in c.atoms.indices where !c.atoms[k].dropped {
            let j = c.atoms[k].last + 1
            guard c.sameLine(j) else { continue }
            var end = -1
            if c.isPunct(j, "%") { end = j }
            else if c.has(j, .percent), c.tokens[j].gap > 0 { end = j }
            else if c.has(j, .per), c.has(j + 1, .cento), c.sameLine(j + 1) { end = j + 1 }
            guard end >= 0 else { continue }
            c.atoms[k].isPercent = true
            c.atoms[k].last = end
            if let b = c.atom(at: end), b != k { c.atoms[b].dropped = true }
        }
    }
}
