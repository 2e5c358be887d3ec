/// Two numbers that bound one quantity become a range `[low, high]`:
/// `tra 20 e 30`, `fra gli 11 mila e i 12 mila`, `compreso tra 20 e 100`, `da 11.000 a 12.000`,
/// `dai 300 ai 500`, `tra 10 euro e 20 euro`, `10 - 20`, `25-30mila` (25 000–30 000: the multiplier
/// of the high end carries to the low end), `tra 2 e 3 milioni`.
/// The range words are part of the mention (`charStart` is at `tra`); `numeralStart` is at the low end.
struct RangeRule: NumeralRule {
    func apply(_ c: Context) {
        var k = 0
        let atoms = c.atoms
        var out: [Atom] = []
        out.reserveCapacity(atoms.count)
        while k < atoms.count {
            if atoms[k].dropped { k += 1; continue }
            var a = atoms[k]
            var n = k + 1  // the next atom left
            while n < atoms.count, atoms[n].dropped { n += 1 }
            if n < atoms.count, let merged = range(c, a, atoms[n]) {
                a = merged
                k = n + 1
            } else {
                k += 1
            }
            out.append(a)
        }
        c.atoms = out
    }

    private func skipArticle(_ c: Context, _ j: Int) -> Int { c.has(j, .article) && !c.isPunct(j + 1, "'") ? j + 1 : (c.has(j, .article) && c.isPunct(j + 1, "'") ? j + 2 : j) }

    private func range(_ c: Context, _ a: Atom, _ b: Atom) -> Atom? {
        guard !a.isPercent || b.isPercent, a.value >= 0 else { return nil }
        var j = a.last + 1
        var unitWord: Int32 = -1
        var start = -1
        var connectorOK = false
        // X - Y
        if c.isPunct(j, "-"), b.first == j + 1, c.sameLine(j), c.sameLine(j + 1) {
            connectorOK = true
            start = a.first
        } else {
            // Optional unit word after X, repeated after Y: `tra 10 euro e 20 euro`.
            if c.isWord(j), c.atom(at: j) == nil, !c.has(j, .and), !c.has(j, .to) {
                unitWord = c.tokens[j].word
                j += 1
            }
            var p = a.first - 1
            if c.has(p, .article) { p -= 1 }
            if c.isPunct(p, "'"), c.has(p - 1, .article) || c.has(p - 1, .from) || c.has(p - 1, .between) { p -= 1 }
            if c.has(p, .between), c.has(j, .and) {
                start = p
                j = skipArticle(c, j + 1)
                connectorOK = b.first == j
            } else if c.has(p, .from), c.has(j, .to) {
                start = p
                j += 1
                if c.isPunct(j, "'") { j += 1 }
                j = skipArticle(c, j)
                connectorOK = b.first == j
            }
        }
        guard connectorOK, start >= 0 else { return nil }
        var low = a.value
        let high = b.value
        if b.scale > 1, a.scale == 1, low < b.value / b.scale || (low < high && low * b.scale <= high) {
            if low * b.scale <= high { low *= b.scale }
        }
        guard low < high else { return nil }
        var r = a
        r.value = low
        r.high = high
        r.last = b.last
        if unitWord >= 0, c.isWord(b.last + 1), c.tokens[b.last + 1].word == unitWord { r.last = b.last + 1 }
        r.isPercent = a.isPercent || b.isPercent
        r.mentionFirst = start
        r.qualifier = a.qualifier == .approx || b.qualifier == .approx ? .approx : .exact
        return r
    }
}

/// Hedges before a number (`circa 1.500`, `più di 300`, `fino a 300`, `oltre i 300`, `circa il 50%`,
/// `non meno di`), from `Resources/qualifiers.tsv`; the phrase becomes part of the mention.
/// A prepositional phrase word matches its articulated forms (`fino ai`, `fino alle`).
struct QualifierRule: NumeralRule {
    func apply(_ c: Context) {
        for k in c.atoms.indices where !c.atoms[k].dropped {
            var p = c.atoms[k].mentionFirst - 1
            // Optional article between the hedge and the number: `oltre i 300`, `circa il 50%`.
            if c.has(p, .article), c.isWord(p) { p -= 1 } else if c.isPunct(p, "'"), c.has(p - 1, .article) { p -= 2 }
            guard c.isWord(p), c.tokens[p].word >= 0 else { continue }
            for index in c.lexicon.qualifiersEndingWith[Int(c.tokens[p].word)] {
                let (words, q) = c.lexicon.qualifiers[index]
                guard matches(c, words, endingAt: p) else { continue }
                var first = p
                for _ in 1..<max(words.count, 1) { first -= 1; if c.isPunct(first, "'") { first -= 1 } }
                if q != .exact || c.atoms[k].qualifier == .exact { c.atoms[k].qualifier = q }
                c.atoms[k].mentionFirst = first
                break
            }
        }
    }

    @inline(__always) private static var prepositions: UInt64 {
        1 << UInt64(WordRole.to.rawValue) | 1 << UInt64(WordRole.of.rawValue) | 1 << UInt64(WordRole.in.rawValue)
            | 1 << UInt64(WordRole.from.rawValue)
    }

    private func matches(_ c: Context, _ words: [Int], endingAt p: Int) -> Bool {
        guard p - words.count + 1 >= 0 else { return false }
        var t = p
        for w in words.reversed() {
            guard c.isWord(t), c.sameLine(t + 1) || t == p else { return false }
            let id = Int(c.tokens[t].word)
            if id != w {
                // A prepositional word matches any word sharing its role (`a` = `ai`, `alle`).
                if c.roleBits[w] & c.roles(t) & Self.prepositions == 0 { return false }
            }
            t -= 1
            if c.isPunct(t, "'") { t -= 1 }
        }
        return true
    }
}
