import PipelineCore

/// Readers shared by the date rules: days, months, years, tense, and resolution against the
/// reference date.
extension Context {
    /// The reference day, when the reference is known to the day.
    var refDay: Day? {
        guard let r = reference, let m = r.month, let d = r.day else { return nil }
        return Day(year: r.year, month: m, day: d)
    }

    /// The reference month, when known.
    var refMonth: (year: Int, month: Int)? {
        guard let r = reference, let m = r.month else { return nil }
        return (r.year, m)
    }

    /// Whether the clause around token `i` is in the future tense (`arriveranno`, `sarà`, `tornerò`).
    func isFuture(around i: Int) -> Bool {
        var a = i
        while a > 0, !isSentenceEnd(a - 1), i - a < 40 { a -= 1 }
        var b = i
        while b + 1 < count, !isSentenceEnd(b + 1), b - i < 40 { b += 1 }
        let p = bytes
        for t in a...b where tokens[t].kind == .word {
            let s = Int(tokens[t].byteStart), e = Int(tokens[t].byteEnd)
            guard e - s >= 4 else { continue }
            // -rà, -rò (accented, two bytes each)
            if p[e - 2] == 0xC3, p[e - 1] == 0xA0 || p[e - 1] == 0xB2, p[e - 3] | 0x20 == 0x72 { return true }
            // -ranno, -remo, -rete (compared as written, lower case)
            if e - s >= 6, p[e - 1] == 0x6F || p[e - 1] == 0x65 {
                if Self.endsWith(p, e, "ranno") || Self.endsWith(p, e, "remo") || Self.endsWith(p, e, "rete") { return true }
            }
        }
        return false
    }

    /// Whether the bytes before `end` spell `suffix` (ASCII).
    @inline(__always)
    private static func endsWith(_ p: UnsafeBufferPointer<UInt8>, _ end: Int, _ suffix: StaticString) -> Bool {
        let n = suffix.utf8CodeUnitCount
        guard end >= n else { return false }
        let s = suffix.utf8Start
        for k in 0..<n where p[end - n + k] != s[k] { return false }
        return true
    }

    private func isSentenceEnd(_ t: Int) -> Bool {
        if tokens[t].gap == 3 { return true }
        guard tokens[t].kind == .punct else { return false }
        let ch = tokens[t].ch
        return ch == 0x2E || ch == 0x21 || ch == 0x3F || ch == 0x3B
    }

    /// A year at `i`: four plain digits 1000–2100, or a number word in that range (`duemiladiciotto`).
    func year(at i: Int) -> (year: Int, last: Int)? {
        if isDigits(i), digitCount(i) == 4, let v = digitsValue(i), (1000...2100).contains(v) {
            if (isPunct(i + 1, ".") || isPunct(i + 1, ",")) && glued(i + 1) && isDigits(i + 2) && glued(i + 2) { return nil }
            return (v, i)
        }
        if let n = cardinal(i), n.value >= 1000, n.value <= 2100, n.value == n.value.rounded() { return (Int(n.value), i) }
        return nil
    }

    /// A day of the month at `i`: `15`, `1º`, `primo`, `ventidue`. Returns the day and its last token.
    func dayOfMonth(at i: Int) -> (day: Int, last: Int)? {
        if isDigits(i), digitCount(i) <= 2, let v = digitsValue(i), (1...31).contains(v) {
            if (isPunct(i + 1, "º") || isPunct(i + 1, "°")) && glued(i + 1) { return (v, i + 1) }
            return (v, i)
        }
        if let o = ordinal(i), o.ending == 0x6F, o.value >= 1, o.value <= 31 {
            // `primo marzo`; other ordinals only before `di` + month: `il secondo di agosto`.
            if o.value == 1 || (has(i + 1, .of) && month(at: i + 1 + (isPunct(i + 2, "'") ? 2 : 1), abbreviations: false) != nil) {
                return (Int(o.value), i)
            }
        }
        if let n = cardinal(i), n.value >= 1, n.value <= 31, n.value == n.value.rounded() {
            let t = tokens[i]
            if t.end - t.start <= 3, bytes[Int(t.byteStart)] | 0x20 == 0x75 { return nil }  // un/una/uno
            return (Int(n.value), i)
        }
        return nil
    }

    /// A month at `i` (`gennaio`, or an abbreviation `gen`, `dic.` when `abbreviations`).
    func month(at i: Int, abbreviations: Bool) -> (month: Int, last: Int)? {
        if let m = roleValue(i, .month) { return (Int(m), i) }
        if abbreviations, let m = roleValue(i, .monthAbbr) {
            if isPunct(i + 1, "."), glued(i + 1) { return (Int(m), i + 1) }
            return (Int(m), i)
        }
        return nil
    }

    /// A year written after a month or a day: `2013`, `, 2018`, `del 1999`, `di quest'anno`,
    /// `dell'anno scorso`. Returns the year and the last token.
    func trailingYear(after j: Int) -> (year: Int, last: Int, relative: Bool)? {
        var k = j + 1
        if isPunct(k, ","), sameLine(k + 1) { k += 1 }
        if has(k, .of) && !has(k, .article) {
            k += 1
            if isPunct(k, "'") { k += 1 }
        }
        guard sameLine(k) else { return nil }
        if let y = year(at: k) { return (y.year, y.last, false) }
        // di quest'anno / dell'anno scorso / del prossimo anno / dello scorso anno
        if has(k, .this) {
            var u = k + 1
            if isPunct(u, "'") { u += 1 }
            if roleValue(u, .unit) == 5, let r = reference { return (r.year, u, true) }
        }
        if roleValue(k, .unit) == 5, let r = reference {
            if has(k + 1, .past) { return (r.year - 1, k + 1, true) }
            if has(k + 1, .next) { return (r.year + 1, k + 1, true) }
        }
        if (has(k, .past) || has(k, .next)), roleValue(k + 1, .unit) == 5, let r = reference {
            return (r.year + (has(k, .past) ? -1 : 1), k + 1, true)
        }
        return nil
    }

    /// Resolves a year-less month: the most recent one not after the reference, or the next one
    /// not before it when the clause is in the future tense (`arriveranno a novembre`).
    func yearlessMonth(_ m: Int, at i: Int) -> Int? {
        guard let (ry, rm) = refMonth else { return nil }
        if isFuture(around: i) { return m >= rm ? ry : ry + 1 }
        return m <= rm ? ry : ry - 1
    }

    /// Resolves a year-less day: the occurrence nearest to the reference; a future-tense clause
    /// takes the next one.
    func yearlessDay(_ m: Int, _ d: Int, at i: Int) -> Int? {
        if let ref = refDay {
            var best: Int?
            var bestDist = Int.max
            for y in [ref.year - 1, ref.year, ref.year + 1] where Cal.valid(y, m, d) {
                let dist = abs(Day(year: y, month: m, day: d).ordinal - ref.ordinal)
                if dist < bestDist { best = y; bestDist = dist }
            }
            if let b = best, Day(year: b, month: m, day: d) < ref, bestDist > 31, isFuture(around: i) { return b + 1 }
            return best
        }
        return yearlessMonth(m, at: i)
    }

    /// A day+month with an optional year, resolved; `--MM-DD` when no year can be known.
    func dayValue(_ m: Int, _ d: Int, year: Int?, at i: Int) -> DateValue? {
        if let y = year {
            guard Cal.valid(y, m, d) else { return nil }
            let day = Day(year: y, month: m, day: d)
            var v = DateValue.span(day, day, .day)
            v.month = m; v.day = d
            return v
        }
        guard (1...12).contains(m), d >= 1, d <= CalendarMath.daysInMonth(year: 2000, month: m) else { return nil }
        var v: DateValue
        if let y = yearlessDay(m, d, at: i), Cal.valid(y, m, d) {
            let day = Day(year: y, month: m, day: d)
            v = .span(day, day, .day, relative: true)
        } else {
            v = DateValue(start: .yearless(month: m, day: d), end: .yearless(month: m, day: d), grain: .day, relative: true)
        }
        v.month = m; v.day = d; v.hadYear = false
        return v
    }

    /// A month with an optional year, resolved.
    func monthValue(_ m: Int, year: Int?, at i: Int) -> DateValue {
        var v: DateValue
        if let y = year { v = Cal.monthSpan(y, m) } else if let y = yearlessMonth(m, at: i) {
            v = Cal.monthSpan(y, m)
            v.relative = true
        } else {
            v = .unresolved(.month)
        }
        v.month = m
        v.hadYear = year != nil
        return v
    }

    /// A day relative to the reference (`ieri` = -1).
    func relativeDay(_ offset: Int) -> DateValue {
        guard let ref = refDay else { return .unresolved(.day) }
        let d = ref.adding(days: offset)
        return .span(d, d, .day, relative: true)
    }

    /// The token after an article at `j` (`il`, `l'`), or `j` itself when it is no article.
    func skipArticleForward(_ j: Int) -> Int {
        if has(j, .article) { return isPunct(j + 1, "'") ? j + 2 : j + 1 }
        return j
    }
}
