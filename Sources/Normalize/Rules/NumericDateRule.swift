import PipelineCore

/// Dates written with digits: `9/1/2025`, `25.02.2018`, `2025-01-09`, `2015-3-3`, `2015/08/12`,
/// `04/21/2016` (month first when the middle number cannot be a month), `08/12,2015`,
/// `07.feb.2014`, `2020/set/23`, and months `2025-02`, `2015.3`, `2015/3`, `3/2015`; a day range
/// `10/1-11/2/2017`; a year range `2014-2018`.
/// Plain numbers (`6005`, `73 20`, `000`) are not dates.
struct NumericDateRule: DateRule {
    var triggers: [WordRole] { [.month] }
    var startsAtNumbers: Bool { true }

    private struct Part { var value: Int; var digits: Int; var isMonthWord: Bool; var token: Int }

    /// Up to three parts and their separators, kept inline (no array per call).
    private struct Parts {
        private var p0 = Part(value: 0, digits: 0, isMonthWord: false, token: 0), p1 = Part(value: 0, digits: 0, isMonthWord: false, token: 0)
        private var p2 = Part(value: 0, digits: 0, isMonthWord: false, token: 0)
        private var s0: UInt32 = 0, s1: UInt32 = 0, s2: UInt32 = 0
        private(set) var count = 0
        private(set) var sepCount = 0

        subscript(k: Int) -> Part { k == 0 ? p0 : k == 1 ? p1 : p2 }
        func sep(_ k: Int) -> UInt32 { k == 0 ? s0 : k == 1 ? s1 : s2 }
        var firstSep: UInt32? { sepCount > 0 ? s0 : nil }
        var lastSep: UInt32? { sepCount > 0 ? sep(sepCount - 1) : nil }
        /// Exactly one separator, `s`.
        func onlySep(_ s: UInt32) -> Bool { sepCount == 1 && s0 == s }

        mutating func append(_ p: Part) {
            switch count { case 0: p0 = p; case 1: p1 = p; default: p2 = p }
            count += 1
        }

        mutating func appendSep(_ s: UInt32) {
            switch sepCount { case 0: s0 = s; case 1: s1 = s; default: s2 = s }
            sepCount += 1
        }
    }

    /// Reads up to three glued parts separated by `/`, `-` or `.` starting at `i`.
    private func parts(_ c: Context, _ i: Int) -> (parts: Parts, last: Int) {
        var parts = Parts()
        var k = i
        while true {
            if c.isDigits(k), c.digitCount(k) <= 4, let v = c.digitsValue(k) {
                parts.append(Part(value: v, digits: c.digitCount(k), isMonthWord: false, token: k))
            } else if let m = c.month(at: k, abbreviations: true), m.last == k {
                parts.append(Part(value: m.month, digits: 0, isMonthWord: true, token: k))
            } else {
                break
            }
            guard parts.count < 3 else { break }
            let s = k + 1
            guard c.glued(s), c.isPunct(s, "/") || c.isPunct(s, "-") || c.isPunct(s, "."),
                  c.glued(s + 1), c.isDigits(s + 1) || c.isWord(s + 1) else {
                // 08/12,2015: a comma before the year
                if parts.count == 2, c.isPunct(s, ","), c.glued(s), c.isDigits(s + 1), c.digitCount(s + 1) == 4, c.glued(s + 1) {
                    parts.appendSep(0x2C)
                    k = s + 1
                    continue
                }
                break
            }
            if let l = parts.lastSep, l != c.tokens[s].ch, l != 0x2C { break }
            parts.appendSep(c.tokens[s].ch)
            k = s + 1
        }
        return (parts, parts.count > 0 ? parts[parts.count - 1].token : i)
    }

    /// Interprets parts as (year, month, day?); nil when they are not a date.
    private func interpret(_ p: Parts) -> (y: Int, m: Int, d: Int?)? {
        if p.count == 3 {
            if p[0].digits == 4 {  // Y-M-D, Y/mon/D
                let (y, m, d) = (p[0].value, p[1].value, p[2].value)
                return Cal.valid(y, m, d) ? (y, m, d) : nil
            }
            guard p[2].digits == 4 || (p[2].digits == 2 && (0..<p.sepCount).allSatisfy { p.sep($0) == 0x2F || p.sep($0) == 0x2E }),
                  p[0].digits <= 2, p[1].digits <= 2 || p[1].isMonthWord else { return nil }
            var (d, m) = (p[0].value, p[1].value)
            // Two-digit years: 00–49 → 2000s, 50–99 → 1900s (`3/3/15`, `14/4/74`).
            let y = p[2].digits == 2 ? (p[2].value < 50 ? 2000 + p[2].value : 1900 + p[2].value) : p[2].value
            if !p[1].isMonthWord, m > 12, d <= 12 { swap(&d, &m) }
            return Cal.valid(y, m, d) ? (y, m, d) : nil
        }
        if p.count == 2, p.firstSep != 0x2C {
            if p[0].digits == 4, p[1].digits <= 2 || p[1].isMonthWord, (1...12).contains(p[1].value), (1000...2100).contains(p[0].value) {
                if p.sep(0) == 0x2E, p[1].digits == 2, !p[1].isMonthWord { return nil }  // 2015.12 reads as a decimal
                return (p[0].value, p[1].value, nil)
            }
            if p[1].digits == 4, p[0].digits <= 2, p.sep(0) == 0x2F, (1...12).contains(p[0].value),
               (1000...2100).contains(p[1].value) {
                return (p[1].value, p[0].value, nil)
            }
        }
        return nil
    }

    func match(_ c: Context, at i: Int) -> DateFound? {
        guard c.isDigits(i) || (c.has(i, .month) && c.isPunct(i + 1, "-") && c.glued(i + 1)) else { return nil }
        if c.glued(i), c.isWord(i - 1) || ((c.isPunct(i - 1, "/") || c.isPunct(i - 1, ".")) && c.isDigits(i - 2)) {
            return nil
        }
        // settembre-2020-23
        if c.has(i, .month), c.isDigits(i + 2), c.digitCount(i + 2) == 4, c.isPunct(i + 3, "-"), c.glued(i + 3),
           c.isDigits(i + 4), c.glued(i + 4), let y = c.digitsValue(i + 2), let d = c.digitsValue(i + 4),
           let m = c.roleValue(i, .month), Cal.valid(y, Int(m), d) {
            let day = Day(year: y, month: Int(m), day: d)
            return DateFound(first: i, last: i + 4, value: .span(day, day, .day))
        }
        // Every form below has a glued `/`, `-` or `.` after the first number: a lone number is no date.
        guard c.isDigits(i), c.glued(i + 1), c.isPunct(i + 1, "/") || c.isPunct(i + 1, "-") || c.isPunct(i + 1, ".") else {
            return nil
        }
        let (p, last) = parts(c, i)
        // Year range 2014-2018.
        if p.count == 2, p.onlySep(0x2D), p[0].digits == 4, p[1].digits == 4,
           (1000...2100).contains(p[0].value), p[1].value > p[0].value, p[1].value <= 2100 {
            var v = Cal.yearSpan(p[0].value)
            v.end = Cal.yearSpan(p[1].value).end
            return DateFound(first: i, last: last, value: v)
        }
        // Day range 10/1-11/2/2017: D/M - D/M/Y
        if p.count == 2, p[0].digits <= 2, p[1].digits <= 2, p.onlySep(0x2F), c.isPunct(last + 1, "-"), c.glued(last + 1) {
            let (q, qlast) = parts(c, last + 2)
            if let b = interpret(q), let bd = b.d, q.count == 3, q.firstSep == 0x2F {
                var (d, m) = (p[0].value, p[1].value)
                if m > 12, d <= 12 { swap(&d, &m) }
                if Cal.valid(b.y, m, d) {
                    let a = Day(year: b.y, month: m, day: d), e = Day(year: b.y, month: b.m, day: bd)
                    if a <= e { return DateFound(first: i, last: qlast, value: .span(a, e, .day)) }
                }
            }
        }
        // Day and month without a year, `15/2`, `10/12`: small fractions (`1/2`, `3/4`) stay numbers.
        if p.count == 2, p.onlySep(0x2F), p[0].digits <= 2, p[1].digits <= 2, !(c.glued(last + 1) && c.isPunct(last + 1, "-")) {
            let (d, m) = (p[0].value, p[1].value)
            let fraction = d < m && m <= 10
            if !fraction, (1...12).contains(m), (1...31).contains(d), let v = c.dayValue(m, d, year: nil, at: i) {
                return DateFound(first: i, last: last, value: v)
            }
            return nil
        }
        guard p.count >= 2, let r = interpret(p) else { return nil }
        // A glued continuation means something else (a version, an IP address).
        if c.glued(last + 1), c.isPunct(last + 1, ".") || c.isPunct(last + 1, "/"), c.isDigits(last + 2), c.glued(last + 2) {
            return nil
        }
        if let d = r.d {
            let day = Day(year: r.y, month: r.m, day: d)
            return DateFound(first: i, last: last, value: .span(day, day, .day))
        }
        return DateFound(first: i, last: last, value: Cal.monthSpan(r.y, r.m))
    }
}
