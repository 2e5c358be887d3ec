/// Joins neighbouring numeral atoms that form one quantity, left to right:
///
/// - scales and collectives: `cinquantuno milioni`, `un milione`, `mezzo milione`, `tre dozzine`,
///   `un migliaio` (approx), `una decina` (approx);
/// - additions into a free slot: `settecentosessantacinquemila duecento`, `cento e uno`,
///   `tremila e seicento`, `tre milioni e ottocentomila` (but `duecentomila quattordicimila` and
///   `trenta e dodici` stay two numbers);
/// - halves and fractions: `un milione e mezzo`, `uno e un quarto`, `due terzi`, `un ventunesimo`,
///   `sei milioni e due terzi`, `2 e 1/4`, `2 1/4`, `uno su 3`;
/// - decimals in words: `zero virgola cinque`, `duecento punto ventinove`.
///
/// Articles left alone (`un`, `una` not followed by a scale, collective, fraction or time unit)
/// are dropped: `un articolo`, `una dodicesima prova`.
struct CompositionRule: NumeralRule {
    func apply(_ c: Context) {
        var out: [Atom] = []
        out.reserveCapacity(c.atoms.count)
        var k = 0
        while k < c.atoms.count {
            var a = c.atoms[k]
            k += 1
            if a.dropped { continue }
            while extend(c, &a) {}
            if a.negative { a.value = -a.value }
            while k < c.atoms.count, c.atoms[k].first <= a.last { k += 1 }
            if a.isArticle {
                let j = a.last + 1
                // `un mese`, `un litro`, `un euro` quantify; so does `una` standing alone.
                let keep = j >= c.count || (c.kind(j) == .punct && !c.isPunct(j, "'"))
                    || ((c.has(j, .unit) || c.has(j, .measure)) && c.sameLine(j))
                if !keep { continue }
            }
            a.high = a.value
            out.append(a)
        }
        c.atoms = out
        belowZero(c)
    }

    /// `due gradi sotto zero`, `5° sotto zero`: the temperature is negative and `zero` is no figure.
    private func belowZero(_ c: Context) {
        for k in c.atoms.indices where !c.atoms[k].dropped && c.atoms[k].value > 0 {
            var j = c.atoms[k].last + 1
            if c.isPunct(j, "°") || c.isWord(j, c.known.gradi) || c.isWord(j, c.known.grado) { j += 1 } else { continue }
            guard c.isWord(j, c.known.sotto), let z = c.atom(at: j + 1), c.atoms[z].value == 0, c.atoms[z].isWord else { continue }
            c.atoms[k].value = -c.atoms[k].value
            c.atoms[k].high = c.atoms[k].value
            c.atoms[z].dropped = true
        }
        c.atoms.removeAll { $0.dropped }
    }

    /// The word atom starting at `j`, extended by its own scale word (`trecento mila`).
    private func wordAtom(_ c: Context, _ j: Int) -> Atom? {
        guard let b = c.atom(at: j), c.atoms[b].isWord else { return nil }
        var atom = c.atoms[b]
        if let s = c.roleValue(atom.last + 1, .scale), c.tokens[atom.last + 1].gap > 0, atom.value < s {
            atom.value *= s
            atom.slot = s
            atom.last += 1
        }
        return atom
    }

    /// A fraction at `j`: a numerator atom followed by a masculine ordinal (`due terzi`,
    /// `un quarto`), or a digit fraction (`1/4`). Returns its value and last token.
    private func fraction(_ c: Context, _ j: Int) -> (Double, Int)? {
        guard let b = c.atom(at: j) else { return nil }
        let atom = c.atoms[b]
        if atom.isFraction { return (atom.value, atom.last) }
        guard atom.isWord, let (d, ending) = denominator(c, atom.last + 1, numerator: atom.value) else { return nil }
        _ = ending
        return (atom.value / d, atom.last + 1)
    }

    /// An ordinal at `j` usable as a denominator for `numerator` (`quinto` after 1, `quinti` after more).
    private func denominator(_ c: Context, _ j: Int, numerator: Double) -> (Double, UInt8)? {
        guard c.isWord(j), c.tokens[j].gap > 0, c.sameLine(j), let (d, ending) = c.ordinal(j), d >= 3 else { return nil }
        if numerator == 1 ? ending == 0x6F : ending == 0x69 { return (d, ending) }
        return nil
    }

    private static let collectiveRoles: [WordRole] = [.collective, .collectiveExact, .vague, .vagueExact]
    @inline(__always) private static var collectives: UInt64 {
        1 << UInt64(WordRole.collective.rawValue) | 1 << UInt64(WordRole.collectiveExact.rawValue)
            | 1 << UInt64(WordRole.vague.rawValue) | 1 << UInt64(WordRole.vagueExact.rawValue)
    }

    /// Tries one extension of `a`; returns whether it grew.
    private func extend(_ c: Context, _ a: inout Atom) -> Bool {
        let j = a.last + 1
        guard j < c.count, c.sameLine(j) else { return false }
        let spaced = c.tokens[j].gap > 0
        // Scale word: `cinquantuno milioni`, `un milione`, `mezzo milione`.
        if spaced, a.isWord, a.scale == 1, let s = c.roleValue(j, .scale), a.value < s, a.value > 0 {
            a.value *= s
            a.scale = s
            a.slot = s
            a.last = j
            a.isArticle = false
            return true
        }
        // Collective noun: `un migliaio`, `tre dozzine`, `due centinaia`, `mezza dozzina`.
        if spaced, a.value > 0, a.scale == 1, a.isInteger || a.value == 0.5, c.roles(j) & Self.collectives != 0 {
            for role in Self.collectiveRoles {
                if let v = c.roleValue(j, role) {
                    a.value *= v
                    a.slot = 1
                    a.last = j
                    a.isArticle = false
                    if role == .collective || role == .vague { a.qualifier = .approx }
                    return true
                }
            }
        }
        // Fraction: `due terzi`, `un ventunesimo`, `cento trentacinquesimi`.
        if a.isWord || a.scale > 1, a.value >= 1, a.isInteger, let (d, _) = denominator(c, j, numerator: a.value) {
            a.value /= d
            a.last = j
            a.slot = 1
            a.isArticle = false
            return true
        }
        // Addition into the free slot: `settecentosessantacinquemila duecento`.
        if spaced, a.isWord, !a.isArticle, a.slot > 1, let b = wordAtom(c, j), !b.isArticle, b.value < a.slot,
           b.value >= 1 {
            a.value += b.value
            a.slot = b.slot
            a.last = b.last
            return true
        }
        // Mixed number: `2 1/4`.
        if c.tokens[j].gap == 1, !a.isWord, a.isInteger, a.scale == 1, let b = c.atom(at: j), c.atoms[b].isFraction,
           c.atoms[b].value > 0 {
            a.value += a.value < 0 ? -c.atoms[b].value : c.atoms[b].value
            a.last = c.atoms[b].last
            return true
        }
        // `e` / `ed` + half, fraction or smaller number.
        if spaced, c.has(j, .and), c.sameLine(j + 1) {
            let unit = a.slot >= 1000 ? a.slot : 1
            if c.has(j + 1, .half), let h = c.atom(at: j + 1) {
                let hAtom = c.atoms[h]
                if let s = c.roleValue(hAtom.last + 1, .scale), s < a.slot {
                    a.value += s / 2
                    a.last = hAtom.last + 1
                } else {
                    a.value += unit / 2
                    a.last = hAtom.last
                }
                a.slot = 1
                a.isArticle = false
                return true
            }
            if a.isWord || a.scale > 1 || a.isInteger, let (f, last) = fraction(c, j + 1), f > 0, f < 1 {
                a.value += f * unit
                a.last = last
                a.slot = 1
                a.isArticle = false
                return true
            }
            if a.isWord, !a.isArticle, a.slot > 1, let b = wordAtom(c, j + 1), !b.isArticle, b.value < a.slot, b.value >= 1 {
                a.value += b.value
                a.slot = b.slot
                a.last = b.last
                return true
            }
        }
        // Decimals in words: `zero virgola cinque`, `duecento punto ventinove`.
        if spaced, a.isWord, !a.isArticle, c.has(j, .point), let b = wordAtom(c, j + 1), b.isInteger, b.value >= 1 {
            var digits = 0
            var v = b.value
            while v >= 1, digits < 15 { v /= 10; digits += 1 }
            a.value += b.value / pow10(digits)
            a.last = b.last
            a.slot = 1
            return true
        }
        // `uno su 3`, `1 su ventuno`.
        if spaced, c.has(j, .over), a.isInteger, a.value >= 1, let b = c.atom(at: j + 1), c.atoms[b].value >= a.value,
           c.atoms[b].isInteger {
            a.value /= c.atoms[b].value
            a.last = c.atoms[b].last
            a.slot = 1
            a.isArticle = false
            return true
        }
        return false
    }
}
