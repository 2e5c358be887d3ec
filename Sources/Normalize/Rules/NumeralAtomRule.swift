/// Finds the numerals themselves, one atom each: digits with Italian separators and suffixes,
/// and number words.
///
/// - `1.500`, `1.234.567`, `2,5`, `6.700,54`, `10'000`, `10’000`, `100 000`, `,77` → one value each;
/// - `11mila`, `11 mila`, `2,5 milioni`, `100K`, `1,2M`, `1e10`, `-12e-1` → the multiplied value;
/// - `-1200`, `negativo 1200` → negative; `1/2` → 0.5;
/// - `3ª`, `21esima`, `10°` (ordinals), `F-16`, `A320`, `192.168.1.2` (identifiers) → nothing;
/// - `trentatré`, `duemilacinquecento`, `ventun`, `settant'` → their value; `un`/`una` are kept as
///   articles, to be dropped later unless they quantify (`un migliaio`, `un mese`).
struct NumeralAtomRule: NumeralRule {
    func apply(_ c: Context) {
        var i = 0
        while i < c.count {
            let t = c.tokens[i]
            if t.kind == .word, t.number < 0 {  // most tokens: a word that is no number (one role lookup)
                let roles = c.roles(i)
                if roles & Self.halfBit == 0 {
                    if roles & VaguePluralRule.triggers != 0 { c.vagueCandidates.append(i) }
                    i += 1
                    continue
                }
            }
            if t.kind == .digits || (t.kind == .punct && t.ch == 0x2C && c.isDigits(i + 1) && c.glued(i + 1)
                && !(c.isDigits(i - 1) && c.glued(i))) {
                i = digits(c, i)
            } else if t.kind == .word, let n = c.cardinal(i) {
                var a = Atom(first: i, last: i, value: n.value)
                a.slot = n.slot
                a.isWord = true
                if c.has(i - 1, .negative) || (i == 1 && c.has(0, .minus)) {  // `negativo tre`, `meno cinque` opening a text
                    a.negative = true
                    a.first = i - 1
                    a.mentionFirst = i - 1
                }
                let first = c.bytes[Int(t.byteStart)] | 0x20
                if n.value == 1, t.end - t.start <= 3, first == 0x75 {  // un, una, uno
                    let isUno = t.end - t.start == 3 && c.bytes[Int(t.byteStart) + 2] | 0x20 == 0x6F
                    a.isArticle = !isUno || unoIsArticle(c, i + 1)
                }
                c.atoms.append(a)
                i += 1
            } else if t.kind == .word, c.has(i, .half), !c.has(i - 1, .in), !c.has(i - 1, .of), !c.has(i - 1, .to),
                      !c.has(i - 1, .per), !c.isWord(i - 1, c.known.un) {
                var a = Atom(first: i, last: i, value: 0.5)
                a.isWord = true
                c.atoms.append(a)
                i += 1
            } else {
                if t.kind == .word, c.roles(i) & VaguePluralRule.triggers != 0 { c.vagueCandidates.append(i) }
                i += 1
            }
        }
    }

    @inline(__always) private static var halfBit: UInt64 { 1 << UInt64(WordRole.half.rawValue) }

    /// `uno` is an article before s + consonant, z, gn, ps, x, y (`uno sciopero`).
    private func unoIsArticle(_ c: Context, _ j: Int) -> Bool {
        guard c.isWord(j), c.tokens[j].gap > 0, c.tokens[j].gap < 3 else { return false }
        let b = c.bytes
        let s = Int(c.tokens[j].byteStart), e = Int(c.tokens[j].byteEnd)
        let b0 = b[s] | 0x20
        let b1: UInt8 = s + 1 < e ? b[s + 1] | 0x20 : 0
        if b0 == 0x7A || b0 == 0x78 || b0 == 0x79 { return true }
        if b0 == 0x73 { return !"aeiou".utf8.contains(b1) && b1 != 0 }
        if b0 == 0x67, b1 == 0x6E { return true }
        if b0 == 0x70, b1 == 0x73 { return true }
        return false
    }

    /// Parses the digit numeral starting at token `i` (a digits token or a leading `,`);
    /// appends an atom unless it is an ordinal or an identifier. Returns the next token index.
    private func digits(_ c: Context, _ i: Int) -> Int {
        var j = i
        var leadingComma = false
        if c.tokens[i].kind == .punct { leadingComma = true; j = i + 1 }
        // Groups and separators glued together: 1.234.567,89 / 10'000 / 2,5. Group `k` is token
        // `j + 2k`, the separator after it token `j + 2k + 1`.
        var gc = 1
        while true {
            let s = j + 2 * gc - 1
            guard c.isPunct(s, ".") || c.isPunct(s, ",") || c.isPunct(s, "'"), c.glued(s), c.isDigits(s + 1), c.glued(s + 1) else { break }
            gc += 1
        }
        @inline(__always) func group(_ k: Int) -> Int { j + 2 * k }
        @inline(__always) func sep(_ k: Int) -> UInt32 { c.tokens[j + 2 * k + 1].ch }
        @inline(__always) func len(_ k: Int) -> Int { c.digitCount(j + 2 * k) }
        let sepCount = gc - 1
        var last = group(gc - 1)
        let next = last + 1
        // Identifier guards: `n. 231`, `nr. 45`, `num. 7` (a number sign, not a quantity);
        // letters glued in front (`A320`, `F-16`), dotted chains (`1.2.3`).
        if !leadingComma, isNumberSign(c, i) { return skipGlued(c, next) }
        if !leadingComma, c.glued(i) {
            if c.isWord(i - 1), !c.has(i - 1, .currency) { return skipGlued(c, next) }
            if (c.isPunct(i - 1, "-") || c.isPunct(i - 1, "/")), c.glued(i - 1), c.isDigits(i - 2) || c.isWord(i - 2) {
                if c.isWord(i - 2) { return skipGlued(c, next) }
            }
        }
        if c.isPunct(i - 1, "/") && c.glued(i) && c.isDigits(i - 2) && c.glued(i - 1) { return next }
        var value: Double
        var intLen = 0
        func digitsValue(_ g: Int) -> Double {
            var v = 0.0
            for k in Int(c.tokens[g].byteStart)..<Int(c.tokens[g].byteEnd) { v = v * 10 + Double(c.bytes[k] - 0x30) }
            return v
        }
        func fraction(_ g: Int) -> Double {
            let n = c.digitCount(g)
            guard n <= 22 else { return 0 }
            return digitsValue(g) / pow10(n)
        }
        var totalDigits = 0
        for k in 0..<gc { totalDigits += len(k) }
        guard totalDigits <= 24 else { return skipGlued(c, next) }
        if leadingComma {
            guard gc == 1 else { return skipGlued(c, next) }
            value = fraction(group(0))
        } else if sepCount == 0 {
            value = digitsValue(group(0))
            intLen = len(0)
        } else {
            let thousandSep = sep(0)
            let lastIsDecimal = sep(sepCount - 1) == 0x2C && (thousandSep != 0x2C || sepCount == 1)
            let intSeps = lastIsDecimal ? sepCount - 1 : sepCount
            var thousands = intSeps > 0 && (thousandSep == 0x2E || thousandSep == 0x27) && len(0) <= 3
            if thousands {
                for k in 1...intSeps where sep(k - 1) != thousandSep || len(k) != 3 { thousands = false; break }
            }
            if intSeps == 0 {
                value = digitsValue(group(0)) + fraction(group(1))
            } else if thousands {
                value = 0
                for g in 0...intSeps { value = value * 1000 + digitsValue(group(g)) }
                if lastIsDecimal { value += fraction(group(gc - 1)) }
            } else if sepCount == 1, thousandSep == 0x2E {
                value = digitsValue(group(0)) + fraction(group(1))  // 2.5 written the English way
            } else {
                return skipGlued(c, next)
            }
        }
        // Space-grouped thousands: 100 000, 3 000 000, 6 700,54
        if sepCount == 0, !leadingComma, (1...3).contains(len(0)) {
            var k = last
            var v = value
            var grouped = false
            while c.isDigits(k + 1), c.tokens[k + 1].gap == 1, c.digitCount(k + 1) == 3, !(c.isDigits(k + 2) && c.glued(k + 2)) {
                v = v * 1000 + digitsValue(k + 1)
                k += 1
                grouped = true
            }
            if grouped {
                if c.isPunct(k + 1, ","), c.glued(k + 1), c.isDigits(k + 2), c.glued(k + 2) {
                    v += fraction(k + 2)
                    k += 2
                }
                value = v
                last = k
                intLen = 0
            }
        }
        var a = Atom(first: leadingComma ? i : group(0), last: last, value: value)
        if sepCount == 0 && !leadingComma && a.last == group(0) { a.plainDigits = intLen }
        // Exponent: 1e10, -12e-1, -127,32e13
        if c.isWord(last + 1), c.glued(last + 1), c.tokens[last + 1].end - c.tokens[last + 1].start == 1,
           c.firstLetter(last + 1) == 0x65 {
            var k = last + 2
            var sign = 1.0
            if (c.isPunct(k, "-") || c.isPunct(k, "+")), c.glued(k) { sign = c.isPunct(k, "-") ? -1 : 1; k += 1 }
            if c.isDigits(k), c.glued(k), c.digitCount(k) <= 3, let e = c.digitsValue(k) {
                a.value *= pow10(Int(sign) * e)
                a.last = k
                a.plainDigits = 0
            }
        }
        // Glued suffix: ordinal marks, multipliers, units.
        let s = a.last + 1
        if c.glued(s) {
            if c.isPunct(s, "ª") || c.isPunct(s, "º") { return s + 1 }
            if c.isPunct(s, "°") {
                let u = s + 1
                if !((c.has(u, .unitDegree) || c.isWord(u, c.known.sotto)) && c.sameLine(u)) { return s + 1 }
            }
            if c.isWord(s) {
                let len = c.tokens[s].end - c.tokens[s].start
                let b0 = c.bytes[Int(c.tokens[s].byteStart)]
                if len >= 4, c.bytes[Int(c.tokens[s].byteStart)..<Int(c.tokens[s].byteStart) + 4].elementsEqual("esim".utf8) {
                    return s + 1
                }
                // `2a edizione`, `4o posto`: a glued lower-case a/o marks an ordinal.
                if len == 1, b0 == 0x61 || b0 == 0x6F, !(c.isDigits(s + 1) && c.glued(s + 1)) { return s + 1 }
                var mult = 1.0
                if let m = c.roleValue(s, .scale) ?? c.roleValue(s, .suffix) { mult = m }
                else if len == 1, b0 == 0x4D { mult = 1e6 }
                else if len == 1, b0 == 0x47 || b0 == 0x42 || b0 == 0x62 { mult = 1e9 }
                if mult != 1 {
                    a.value *= mult
                    a.scale = mult
                    a.slot = mult
                    a.last = s
                    a.plainDigits = 0
                }
            }
        } else if c.sameLine(s), let m = c.roleValue(s, .scale) ?? c.roleValue(s, .suffix) {
            a.value *= m
            a.scale = m
            a.slot = m
            a.last = s
            a.plainDigits = 0
        }
        // Sign.
        let f = a.first
        if c.isPunct(f - 1, "-"), c.glued(f), !(c.glued(f - 1) && (c.isDigits(f - 2) || c.isWord(f - 2))),
           !(c.isDigits(f - 2) || c.cardinal(f - 2) != nil) {
            a.value = -a.value
            a.first = f - 1
            a.plainDigits = 0
        } else if c.has(f - 1, .negative) || (f == 1 && c.has(0, .minus)) || (f == 1 && c.isPunct(0, "-")) {
            // `negativo 1200`; at the very start of a text also `meno 12` and `- 1.200.000`.
            a.value = -a.value
            a.plainDigits = 0
            if f == 1 { a.first = 0 }
        }
        // Fraction a/b (1/2, -4/5).
        if c.isPunct(a.last + 1, "/"), c.glued(a.last + 1), c.isDigits(a.last + 2), c.glued(a.last + 2),
           !(c.isPunct(a.last + 3, "/") && c.glued(a.last + 3)), a.isInteger, a.scale == 1 {
            let d = Double(c.digitsValue(a.last + 2) ?? 0)
            if d >= 2, d <= 100, abs(a.value) < d {
                a.value /= d
                a.last += 2
                a.plainDigits = 0
                a.isFraction = true
            } else {
                return a.last + 3
            }
        }
        a.high = a.value
        a.mentionFirst = a.first
        if a.value.isFinite, abs(a.value) < 1e21 { c.atoms.append(a) }
        return a.last + 1
    }

    /// Whether the digits at `i` follow the abbreviation `n.`, `nr.` or `num.` (any case) on the same line.
    private func isNumberSign(_ c: Context, _ i: Int) -> Bool {
        guard c.isPunct(i - 1, "."), c.glued(i - 1), c.isWord(i - 2), c.sameLine(i), c.sameLine(i - 1) else { return false }
        let s = Int(c.tokens[i - 2].byteStart), e = Int(c.tokens[i - 2].byteEnd)
        guard e - s <= 3, c.bytes[s] | 0x20 == 0x6E else { return false }  // n…
        switch e - s {
        case 1: return true
        case 2: return c.bytes[s + 1] | 0x20 == 0x72  // nr
        default: return c.bytes[s + 1] | 0x20 == 0x75 && c.bytes[s + 2] | 0x20 == 0x6D  // num
        }
    }

    /// Skips the rest of a glued run of letters, digits and inner punctuation (an identifier).
    private func skipGlued(_ c: Context, _ from: Int) -> Int {
        var k = from
        while k < c.count, c.glued(k), c.tokens[k].kind != .punct || (c.isDigits(k + 1) && c.glued(k + 1)) { k += 1 }
        return k
    }
}

/// 10^n for |n| ≤ 308, without Foundation.
func pow10(_ n: Int) -> Double {
    var r = 1.0
    var k = min(abs(n), 330)
    var base = 10.0
    while k > 0 {
        if k & 1 == 1 { r *= base }
        base *= base
        k >>= 1
    }
    return n < 0 ? 1 / r : r
}
