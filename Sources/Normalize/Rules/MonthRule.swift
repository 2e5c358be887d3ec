import PipelineCore

/// A month, with or without its year, and parts of it:
/// `gennaio 2013`, `dic. 2013`, `a Giugno del 1999`, `luglio di quest'anno`, `a novembre`
/// (the most recent November not after the reference, the next one in a future-tense clause),
/// `novembre scorso`, `lo scorso aprile`, `il prossimo giugno`, month thirds `inizio`/`metà`/`fine
/// ottobre`, `ai primi di marzo`, `alla fine di aprile`, halves `la prima metà di gennaio` (1–15),
/// `la seconda metà di gennaio` (16–end), and `a Settembre, il ventuno, 1978`.
struct MonthRule: DateRule {
    var triggers: [WordRole] { [.month, .monthAbbr, .monthPart, .ordinal, .past, .next] }
    var startsAtNumbers: Bool { false }

    func match(_ c: Context, at i: Int) -> DateFound? {
        var k = i
        var part: Int?
        var half: Int?  // `prima metà` 1, `seconda metà` 2
        var shift = 0  // -1 scorso, +1 prossimo written before the month
        if let p = c.roleValue(k, .monthPart) {
            part = Int(p)
            k += 1
        } else if let o = c.ordinal(k), o.ending == 0x61, o.value == 1 || o.value == 2, c.roleValue(k + 1, .monthPart) == 2,
                  c.sameLine(k + 1) {  // la seconda metà di gennaio
            half = Int(o.value)
            part = 2
            k += 2
        } else if let o = c.ordinal(k), o.value == 1, o.ending == 0x69, c.has(k + 1, .of) {  // ai primi di marzo
            part = 1
            k += 1
        } else if c.has(k, .past) || c.has(k, .next) {
            shift = c.has(k, .past) ? -1 : 1
            k += 1
        }
        if part != nil, c.has(k, .of) { k += 1; if c.isPunct(k, "'") { k += 1 } }
        // Abbreviations (`dic`, `set`, `mar`) only with `scorso`/`prossimo` or a four-digit year: `dic. 2013`.
        guard c.sameLine(k), let (m, lm) = c.month(at: k, abbreviations: true) else { return nil }
        if shift == 0, c.has(k, .monthAbbr), !c.has(k, .month), !(c.sameLine(lm + 1) && c.isDigits(lm + 1) && c.year(at: lm + 1) != nil) {
            return nil
        }
        var last = lm
        // `a Settembre, il ventuno, millenovecentosettantotto`
        if part == nil, shift == 0, c.isPunct(lm + 1, ","), c.has(lm + 2, .article), let (d, ld) = c.dayOfMonth(at: lm + 3),
           let y = c.trailingYear(after: ld), let v = c.dayValue(m, d, year: y.year, at: i) {
            return DateFound(first: i, last: y.last, value: v)
        }
        // `Gennaio 12, 2016`
        if part == nil, shift == 0, c.isDigits(lm + 1), c.sameLine(lm + 1), let (d, ld) = c.dayOfMonth(at: lm + 1),
           c.isPunct(ld + 1, ","), let y = c.year(at: ld + 2), let v = c.dayValue(m, d, year: y.year, at: i) {
            return DateFound(first: i, last: y.last, value: v)
        }
        var v: DateValue
        if shift == 0, let y = c.trailingYear(after: lm) {
            v = c.monthValue(m, year: y.year, at: i)
            v.relative = y.relative
            last = y.last
        } else {
            var after = shift
            if shift == 0, c.has(lm + 1, .past) { after = -1; last = lm + 1 }
            if shift == 0, c.has(lm + 1, .next) { after = 1; last = lm + 1 }
            if after != 0 {
                guard let (ry, rm) = c.refMonth else { return DateFound(first: i, last: last, value: .unresolved(.month)) }
                // scorso: the most recent such month before the reference month; prossimo: the next one.
                let y = after < 0 ? (m < rm ? ry : ry - 1) : (m > rm ? ry : ry + 1)
                v = Cal.monthSpan(y, m)
                v.relative = true
            } else {
                v = c.monthValue(m, year: nil, at: i)
            }
        }
        if let part {
            guard let d = v.start?.day else {
                var u = DateValue.unresolved(.monthPart)
                u.month = m
                return DateFound(first: i, last: last, value: u)
            }
            let rel = v.relative
            v = half.map { Cal.monthHalf(d.year, m, $0) } ?? Cal.monthPart(d.year, m, part)
            v.relative = rel
        }
        return DateFound(first: i, last: last, value: v)
    }
}

/// Ordinal positions inside a month: `la prima settimana di febbraio` (days 1–7),
/// `l'ultima settimana di marzo`, `ultimo lunedì di marzo`, `terzo martedì di settembre 2014`,
/// `l'ultimo giorno di ottobre 2015`.
struct MonthOrdinalRule: DateRule {
    var triggers: [WordRole] { [.ordinal, .last] }
    var startsAtNumbers: Bool { true }

    func match(_ c: Context, at i: Int) -> DateFound? {
        var n: Int
        if c.has(i, .last) { n = -1 } else if let o = c.ordinal(i), o.value <= 5 { n = Int(o.value) } else { return nil }
        let what = i + 1
        var k = what + 1
        guard c.has(k, .of) else { return nil }
        k += 1
        guard let (m, lm) = c.month(at: k, abbreviations: false) else { return nil }
        let y = c.trailingYear(after: lm)
        let last = y?.last ?? lm
        let year: Int? = y?.year ?? c.yearlessDay(m, 15, at: i)
        let unit = c.roleValue(what, .unit)
        let weekday = c.roleValue(what, .weekday)
        guard unit == 1 || unit == 2 || weekday != nil else { return nil }
        guard let year else { return DateFound(first: i, last: last, value: .unresolved(unit == 2 ? .week : .day)) }
        let rel = y == nil || y?.relative == true
        if unit == 2 {
            let len = CalendarMath.daysInMonth(year: year, month: m)
            let a = n < 0 ? len - 6 : (n - 1) * 7 + 1
            guard a >= 1, a <= len else { return nil }
            let b = min(a + 6, len)
            return DateFound(first: i, last: last, value: .span(Day(year: year, month: m, day: a), Day(year: year, month: m, day: b), .week, relative: rel))
        }
        if unit == 1 {
            let d = n < 0 ? Cal.monthEnd(year, m) : Day(year: year, month: m, day: n)
            return DateFound(first: i, last: last, value: .span(d, d, .day, relative: rel))
        }
        guard let weekday, let d = Cal.nthWeekday(year, m, Int(weekday), n) else { return nil }
        return DateFound(first: i, last: last, value: .span(d, d, .day, relative: rel))
    }
}
