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

    /// Reads up to three glued parts separated by `/`, `-` or `.` starting at `i`.
    private func parts(_ c: Context, _ i: Int) -> (parts: [Part], seps: [UInt32], last: Int) {
        var parts: [Part] = []
        var seps: [UInt32] = []
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
                    seps.append(0x2C)
                    k = s + 1
                    continue
                }
                break
            }
            if !seps.isEmpty, seps.last != c.tokens[s].ch, seps.last != 0x2C { break }
            seps.append(c.tokens[s].ch)
            k = s + 1
        }
        return (parts, seps, parts.last?.token ?? i)
    }

    /// Interprets parts as (year, month, day?); nil when they are not a date.
    private func interpret(_ p: [Part], _ seps: [UInt32]) -> (y: Int, m: Int, d: Int?)? {
        if p.count == 3 {
            if p[0].digits == 4 {  // Y-M-D, Y/mon/D
                let (y, m, d) = (p[0].value, p[1].value, p[2].value)
                return Cal.valid(y, m, d) ? (y, m, d) : nil
            }
            guard p[2].digits == 4 || (p[2].digits == 2 && seps.allSatisfy { $0 == 0x2F || $0 == 0x2E }),
                  p[0].digits <= 2, p[1].digits <= 2 || p[1].isMonthWord else { return nil }
            var (d, m) = (p[0].value, p[1].value)
            // Two-digit years: 00–49 → 2000s, 50–99 → 1900s (`3/3/15`, `14/4/74`).
            let y = p[2].digits == 2 ? (p[2].value < 50 ? 2000 + p[2].value : 1900 + p[2].value) : p[2].value
            if !p[1].isMonthWord, m > 12, d <= 12 { swap(&d, &m) }
            return Cal.valid(y, m, d) ? (y, m, d) : nil
        }
        if p.count == 2, seps.first != 0x2C {
            if p[0].digits == 4, p[1].digits <= 2 || p[1].isMonthWord, (1...12).contains(p[1].value), (1000...2100).contains(p[0].value) {
                if seps[0] == 0x2E, p[1].digits == 2, !p[1].isMonthWord { return nil }  // 2015.12 reads as a decimal
                return (p[0].value, p[1].value, nil)
            }
            if p[1].digits == 4, p[0].digits <= 2, seps[0] == 0x2F, (1...12).contains(p[0].value),
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
        let (p, seps, last) = parts(c, i)
        // Year range 2014-2018.
        if p.count == 2, seps == [0x2D], p[0].digits == 4, p[1].digits == 4,
           (1000...2100).contains(p[0].value), p[1].value > p[0].value, p[1].value <= 2100 {
            var v = Cal.yearSpan(p[0].value)
            v.end = Cal.yearSpan(p[1].value).end
            return DateFound(first: i, last: last, value: v)
        }
        // Day range 10/1-11/2/2017: D/M - D/M/Y
        if p.count == 2, p[0].digits <= 2, p[1].digits <= 2, seps == [0x2F], c.isPunct(last + 1, "-"), c.glued(last + 1) {
            let (q, qs, qlast) = parts(c, last + 2)
            if let b = interpret(q, qs), let bd = b.d, q.count == 3, qs.first == 0x2F {
                var (d, m) = (p[0].value, p[1].value)
                if m > 12, d <= 12 { swap(&d, &m) }
                if Cal.valid(b.y, m, d) {
                    let a = Day(year: b.y, month: m, day: d), e = Day(year: b.y, month: b.m, day: bd)
                    if a <= e { return DateFound(first: i, last: qlast, value: .span(a, e, .day)) }
                }
            }
        }
        // Day and month without a year, `15/2`, `10/12`: small fractions (`1/2`, `3/4`) stay numbers.
        if p.count == 2, seps == [0x2F], p[0].digits <= 2, p[1].digits <= 2, !(c.glued(last + 1) && c.isPunct(last + 1, "-")) {
            let (d, m) = (p[0].value, p[1].value)
            let fraction = d < m && m <= 10
            if !fraction, (1...12).contains(m), (1...31).contains(d), let v = c.dayValue(m, d, year: nil, at: i) {
                return DateFound(first: i, last: last, value: v)
            }
            return nil
        }
        guard p.count >= 2, let r = interpret(p, seps) else { return nil }
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
