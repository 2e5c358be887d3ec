import PipelineCore

/// Weeks, months, quarters and years named relative to the reference:
/// `questa settimana`, `la settimana scorsa`, `la prossima settimana`, `il mese scorso`,
/// `lo scorso mese`, `il mese in arrivo`, `il mese dopo il prossimo`, `questo trimestre`,
/// `nel prossimo trimestre`, `quest'anno`, `l'anno scorso`, `il prossimo anno`,
/// `l'anno dopo il prossimo`; with a weekday: `la prossima settimana, domenica`;
/// the rest of a period: `il resto di questa settimana`, `il resto dell'anno`.
struct RelativePeriodRule: DateRule {
    var triggers: [WordRole] { [.rest, .this, .past, .next, .unit] }
    var startsAtNumbers: Bool { false }

    func match(_ c: Context, at i: Int) -> DateFound? {
        var k = i
        var rest = false
        if c.has(k, .rest) {
            rest = true
            k += 1
            if c.has(k, .of) { k += 1 }
            if c.isPunct(k, "'") { k += 1 }
        }
        var offset: Int?
        var unit: Int
        var last: Int
        if c.has(k, .this) || c.has(k, .past) || c.has(k, .next) {
            offset = c.has(k, .this) ? 0 : (c.has(k, .past) ? -1 : 1)
            var u = k + 1
            if c.isPunct(u, "'") { u += 1 }
            guard let uv = c.roleValue(u, .unit) else { return nil }
            unit = Int(uv)
            last = u
        } else if let uv = c.roleValue(k, .unit) {
            unit = Int(uv)
            last = k
            if c.has(k + 1, .past) { offset = -1; last = k + 1 }
            else if c.has(k + 1, .next) { offset = 1; last = k + 1 }
            else if c.has(k + 1, .this) { offset = 0; last = k + 1 }
            else if c.has(k + 1, .in), c.has(k + 2, .arrival) { offset = 1; last = k + 2 }
            else if rest { offset = 0 }
            // `il mese dopo il prossimo`
            if offset == nil, c.has(k + 1, .after), c.has(k + 2, .article), c.has(k + 3, .next) { offset = 2; last = k + 3 }
        } else {
            return nil
        }
        // Plurals are vague (`nelle prossime settimane`, `nei mesi scorsi`), not one period.
        guard let offset, (2...5).contains(unit), !c.has(last, .plural), !c.has(last - 1, .plural) else { return nil }
        let grain: DateGrain = unit == 2 ? .week : unit == 3 ? .month : unit == 4 ? .quarter : .year
        // Weekday inside a relative week: `la prossima settimana, di venerdì`.
        var weekday: Int?
        if unit == 2 {
            var w = last + 1
            if c.isPunct(w, ",") { w += 1 }
            if c.has(w, .of) { w += 1 }
            if let wd = c.roleValue(w, .weekday) { weekday = Int(wd); last = w }
        }
        guard let ref = c.refDay ?? c.refMonth.map({ Day(year: $0.year, month: $0.month, day: 1) }) else {
            return DateFound(first: i, last: last, value: .unresolved(weekday != nil ? .day : grain))
        }
        if c.refDay == nil, unit == 2 { return DateFound(first: i, last: last, value: .unresolved(grain)) }
        var a: Day, b: Day
        switch unit {
        case 2:
            a = Cal.monday(ref).adding(days: 7 * offset)
            b = a.adding(days: 6)
            if let weekday {
                a = a.adding(days: weekday - 1)
                b = a
            }
        case 3:
            let (y, m) = Cal.addMonths(ref.year, ref.month, offset)
            a = Day(year: y, month: m, day: 1); b = Cal.monthEnd(y, m)
        case 4:
            let q = (ref.month - 1) / 3 + offset
            let (y, m) = Cal.addMonths(ref.year, 1, q * 3)
            a = Day(year: y, month: m, day: 1); b = Cal.monthEnd(Cal.addMonths(y, m, 2).0, Cal.addMonths(y, m, 2).1)
        default:
            a = Day(year: ref.year + offset, month: 1, day: 1); b = Day(year: ref.year + offset, month: 12, day: 31)
        }
        var g = weekday != nil ? DateGrain.day : grain
        if rest, c.refDay != nil { a = ref; g = .day }
        return DateFound(first: i, last: last, value: .span(a, b, g, relative: true))
    }
}

/// Weekdays: `martedì scorso`, `il prossimo lunedì`, `questo venerdì`, `sabato` (the most recent
/// one not after the reference, or the next one in a future-tense clause), `lunedì di questa
/// settimana`, `lunedì della settimana prossima`, `domenica pomeriggio prossima`,
/// `da mar a gio` (abbreviations only in such a range).
struct WeekdayRule: DateRule {
    var triggers: [WordRole] { [.past, .next, .this, .from, .weekday] }
    var startsAtNumbers: Bool { false }

    func match(_ c: Context, at i: Int) -> DateFound? {
        var k = i
        var shift: Int?
        if c.has(k, .past) { shift = -1; k += 1 } else if c.has(k, .next) { shift = 1; k += 1 } else if c.has(k, .this) { shift = 0; k += 1 }
        // `da mar a gio`
        if shift == nil, c.has(i, .from), let a = c.roleValue(i + 1, .weekdayAbbr) ?? c.roleValue(i + 1, .weekday), c.has(i + 2, .to),
           let b = c.roleValue(i + 3, .weekdayAbbr) ?? c.roleValue(i + 3, .weekday), b > a {
            guard let ref = c.refDay else { return DateFound(first: i, last: i + 3, value: .unresolved(.day)) }
            let mon = Cal.monday(ref)
            return DateFound(first: i, last: i + 3, value: .span(mon.adding(days: Int(a) - 1), mon.adding(days: Int(b) - 1), .day, relative: true))
        }
        guard let w = c.roleValue(k, .weekday) else { return nil }
        let wd = Int(w)
        var last = k
        if c.has(last + 1, .daypart) { last += 1 }
        var weekOffset: Int?
        if shift == nil {
            if c.has(last + 1, .past) { shift = -1; last += 1 } else if c.has(last + 1, .next) { shift = 1; last += 1 }
            else if c.has(last + 1, .of), c.has(last + 2, .this) || c.has(last + 2, .next) || c.has(last + 2, .past),
                    c.roleValue(last + 3, .unit) == 2 {
                weekOffset = c.has(last + 2, .this) ? 0 : (c.has(last + 2, .next) ? 1 : -1)
                last += 3
            } else if c.has(last + 1, .of), c.roleValue(last + 2, .unit) == 2, c.has(last + 3, .next) || c.has(last + 3, .past) || c.has(last + 3, .this) {
                weekOffset = c.has(last + 3, .this) ? 0 : (c.has(last + 3, .next) ? 1 : -1)
                last += 3
            }
        }
        guard let ref = c.refDay else { return DateFound(first: i, last: last, value: .unresolved(.day)) }
        let d: Day
        if let weekOffset {
            d = Cal.monday(ref).adding(days: 7 * weekOffset + wd - 1)
        } else {
            switch shift {
            case -1: d = ref.adding(days: -((ref.weekday - wd + 6) % 7 + 1))
            case 1: d = Cal.monday(ref).adding(days: 7 + wd - 1)  // the weekday of next week
            case 0: d = Cal.monday(ref).adding(days: wd - 1)
            default:
                d = c.isFuture(around: i) ? ref.adding(days: (wd - ref.weekday + 7) % 7) : ref.adding(days: -((ref.weekday - wd + 7) % 7))
            }
        }
        return DateFound(first: i, last: last, value: .span(d, d, .day, relative: true))
    }
}

/// Holidays from `Resources/holidays.tsv`: `san valentino`, `festa della repubblica`,
/// `festa della mamma` (second Sunday of May), `pasquetta`, with an optional year
/// (`giorno del ringraziamento del 2010`); without one, the occurrence nearest the reference.
struct HolidayRule: DateRule {
    var triggers: [WordRole] { [.holidayStart] }
    var startsAtNumbers: Bool { false }

    func match(_ c: Context, at i: Int) -> DateFound? {
        guard c.isWord(i), c.tokens[i].word >= 0 else { return nil }
        for (words, rule) in c.lexicon.holidays where Int(c.tokens[i].word) == words[0] {
            var t = i
            var ok = true
            for w in words.dropFirst() {
                t += 1
                if c.isPunct(t, "'") { t += 1 }
                guard c.isWord(t), Int(c.tokens[t].word) == w, c.sameLine(t) else { ok = false; break }
            }
            guard ok else { continue }
            if let y = c.trailingYear(after: t), let d = rule.day(in: y.year) {
                return DateFound(first: i, last: y.last, value: .span(d, d, .day, relative: y.relative))
            }
            guard let ref = c.refDay ?? c.refMonth.map({ Day(year: $0.year, month: $0.month, day: 15) }) else {
                return DateFound(first: i, last: t, value: .unresolved(.day))
            }
            var best: Day?
            for y in [ref.year - 1, ref.year, ref.year + 1] {
                if let d = rule.day(in: y), best == nil || abs(d.ordinal - ref.ordinal) < abs(best!.ordinal - ref.ordinal) { best = d }
            }
            guard let best else { return nil }
            return DateFound(first: i, last: t, value: .span(best, best, .day, relative: true))
        }
        return nil
    }
}

/// Joins two dates that bound one period: `tra gennaio e febbraio`, `da gennaio ad aprile 2021`,
/// `dal 2014 al 2018`, `da oggi fino a domani`, `12 gennaio 2016 - 22/01/2016`. A first date
/// without a year takes the second one's year.
enum DateRangeMerge {
    static func apply(_ c: Context) {
        weekOf(c)
        guard c.dates.count >= 2 else { return }
        var out: [DateFound] = []
        var k = 0
        while k < c.dates.count {
            var a = c.dates[k]
            if k + 1 < c.dates.count, let m = merge(c, a, c.dates[k + 1]) {
                a = m
                k += 2
            } else {
                k += 1
            }
            out.append(a)
        }
        c.dates = out
    }

    /// `la settimana del 18 febbraio`: the Monday–Sunday week containing that day.
    private static func weekOf(_ c: Context) {
        for k in c.dates.indices where c.dates[k].value.grain == .day {
            let f = c.dates[k].first
            guard c.has(f - 1, .of), c.roleValue(f - 2, .unit) == 2, !c.has(f - 2, .plural),
                  let d = c.dates[k].value.start?.day else { continue }
            let mon = Cal.monday(d)
            var v = DateValue.span(mon, mon.adding(days: 6), .week, relative: c.dates[k].value.relative)
            v.hadYear = c.dates[k].value.hadYear
            c.dates[k] = DateFound(first: f - 2, last: c.dates[k].last, value: v)
        }
    }

    private static func merge(_ c: Context, _ a: DateFound, _ b: DateFound) -> DateFound? {
        // Opener before the first date, past any time of day: `dalle 4pm di oggi`, `tra le 4pm del 1 gen`.
        var p = a.first - 1
        if c.has(p, .of), c.isTime[max(p - 1, 0)] { p -= 1 }
        while p >= 0, c.isTime[p], !c.has(p, .from) { p -= 1 }
        if c.has(p, .article) { p -= 1 }
        let opener = c.has(p, .from) || c.has(p, .between)
        // Connector, then an optional article, time of day and `di`: `alle 5pm di domani`, `e le 5pm di oggi`.
        var j = a.last + 1
        if c.isWord(j, c.known.fino) { j += 1 }
        guard c.has(j, .to) || c.has(j, .and) || c.isPunct(j, "-") else { return nil }
        if c.has(j, .and), !c.has(p, .between) { return nil }
        if c.has(j, .to), !opener, !c.isWord(a.last + 1, c.known.fino) { return nil }
        if !c.isTime[j] { j += 1 }
        if c.isPunct(j, "'") { j += 1 }
        if !c.isTime[j] { j = c.skipArticleForward(j) }
        var sawTime = false
        while j < b.first, c.isTime[j] { j += 1; sawTime = true }
        if sawTime, c.has(j, .of) { j += 1; if c.isPunct(j, "'") { j += 1 } }
        guard j == b.first else { return nil }
        var av = a.value
        let bv = b.value
        guard let be = bv.end, let bEnd = be.day else { return nil }
        if !av.hadYear, let m = av.month {
            let y = (m <= (bv.month ?? 12)) ? bEnd.year : bEnd.year - 1
            if let d = av.day, Cal.valid(y, m, d) {
                let day = Day(year: y, month: m, day: d)
                av = .span(day, day, .day)
            } else if av.day == nil {
                av = Cal.monthSpan(y, m)
            }
        }
        guard let sDay = av.start?.day, sDay <= bEnd else { return nil }
        var v = av
        v.end = be
        v.grain = av.grain == bv.grain ? av.grain : .day
        v.relative = av.relative || bv.relative
        return DateFound(first: a.first, last: b.last, value: v)
    }
}
