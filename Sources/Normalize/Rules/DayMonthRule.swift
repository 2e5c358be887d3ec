import PipelineCore

/// A day with its month: `il 9 gennaio 2025`, `Lunedì 18 febbraio`, `primo marzo`, `il 1º marzo`,
/// `16 giu 2014`, `16. Nov. 2016`, `il dieci di Settembre, duemila`, `ventidue Gen, 2018`;
/// day ranges `dal 13 al 15 luglio`, `tra il 2 e il 7 feb 2018`, `13-15 luglio`;
/// a day of a relative month `il 20 del prossimo mese`, `dal 4 al 22 questo mese`;
/// a weekday with a day number `sabato 23` (the nearest such day).
/// Without a year, the occurrence nearest the reference is taken (`--03-25` when there is none).
struct DayMonthRule: DateRule {
    var triggers: [WordRole] { [.weekday, .weekdayAbbr, .ordinal] }
    var startsAtNumbers: Bool { true }

    func match(_ c: Context, at i: Int) -> DateFound? {
        var k = i
        var weekday: Int?
        if let w = c.roleValue(k, .weekday) ?? (c.has(k, .weekdayAbbr) && c.dayOfMonth(at: k + 1) != nil ? c.roleValue(k, .weekdayAbbr) : nil) {
            weekday = Int(w)
            k += 1
            if c.isPunct(k, ",") { k += 1 }
            k = c.skipArticleForward(k)
        }
        guard c.sameLine(k), let (d1, l1) = c.dayOfMonth(at: k) else { return nil }
        var j = l1 + 1
        if c.isPunct(j, "."), c.glued(j) { j += 1 }
        var d2: Int?
        if c.has(j, .to) || c.has(j, .and) || (c.isPunct(j, "-") && c.sameLine(j + 1)) {
            let k2 = c.skipArticleForward(j + 1)
            if let (dd, l2) = c.dayOfMonth(at: k2), dd > d1 {
                let after = l2 + 1
                let ofAfter = c.has(after, .of) ? after + 1 : after
                if c.month(at: ofAfter, abbreviations: true) != nil || relativeMonth(c, after) != nil {
                    d2 = dd
                    j = after
                }
            }
        }
        if c.has(j, .of), c.month(at: j + 1, abbreviations: false) != nil || relativeMonth(c, j) != nil { j += 1 }
        if let (m, lm) = c.month(at: j, abbreviations: true), c.sameLine(j) {
            let y = c.trailingYear(after: lm)
            guard var v = c.dayValue(m, d1, year: y?.year, at: i) else { return nil }
            var last = y?.last ?? lm
            if let d2, let v2 = c.dayValue(m, d2, year: y?.year ?? yearOf(v), at: i) { v.end = v2.end }
            if y?.relative == true { v.relative = true }
            if y == nil, d2 == nil, c.has(last + 1, .past) {
                // `il 15 marzo scorso`: the most recent such day before the reference.
                last += 1
                if let ref = c.refDay, let day = v.start?.day, day >= ref,
                   var earlier = c.dayValue(m, d1, year: day.year - 1, at: i) {
                    earlier.relative = true
                    v = earlier
                }
            }
            if c.has(last + 1, .daypart) { last += 1 }
            return DateFound(first: i, last: last, value: v)
        }
        if let (ym, last) = relativeMonth(c, j) {
            guard let (y, m) = ym else { return DateFound(first: i, last: last, value: .unresolved(.day)) }
            guard Cal.valid(y, m, d1) else { return nil }
            let a = Day(year: y, month: m, day: d1)
            var b = a
            if let d2, Cal.valid(y, m, d2) { b = Day(year: y, month: m, day: d2) }
            return DateFound(first: i, last: last, value: .span(a, b, .day, relative: true))
        }
        if let weekday, d2 == nil, let ref = c.refDay {
            // `sabato 23`: the month around the reference where the 23rd is a Saturday.
            var best: Day?
            for delta in [0, -1, 1, -2, 2] {
                let (y, m) = Cal.addMonths(ref.year, ref.month, delta)
                if Cal.valid(y, m, d1), Day(year: y, month: m, day: d1).weekday == weekday {
                    let cand = Day(year: y, month: m, day: d1)
                    if best == nil || abs(cand.ordinal - ref.ordinal) < abs(best!.ordinal - ref.ordinal) { best = cand }
                }
            }
            if let best { return DateFound(first: i, last: l1, value: .span(best, best, .day, relative: true)) }
        }
        return nil
    }

    private func yearOf(_ v: DateValue) -> Int? {
        guard let d = v.start?.day else { return nil }
        return d.year
    }

    /// `questo mese`, `il prossimo mese`, `del prossimo mese`, `nel prossimo mese`, `il mese scorso`:
    /// the (year, month) it denotes (nil without a reference) and its last token.
    func relativeMonth(_ c: Context, _ j: Int) -> ((Int, Int)?, Int)? {
        var k = j
        if c.has(k, .of) || c.has(k, .in) || c.has(k, .article) { k += 1 }
        var offset: Int?
        var last = k
        if roleValue(c, k) == 3 {
            if c.has(k + 1, .next) { offset = 1; last = k + 1 }
            else if c.has(k + 1, .past) { offset = -1; last = k + 1 }
        } else if roleValue(c, k + 1) == 3 {
            if c.has(k, .next) { offset = 1 } else if c.has(k, .past) { offset = -1 } else if c.has(k, .this) { offset = 0 }
            last = k + 1
        }
        guard let offset else { return nil }
        guard let (ry, rm) = c.refMonth else { return (nil, last) }
        let (y, m) = Cal.addMonths(ry, rm, offset)
        return ((y, m), last)
    }

    private func roleValue(_ c: Context, _ k: Int) -> Double? { c.roleValue(k, .unit) }
}
