import PipelineCore

/// Quarters: `il terzo trimestre del 2016`, `quarto trimestre 2018`, `terzo trimestre di quest'anno`;
/// without a year, the most recent such quarter (the next one in a future-tense clause).
struct QuarterRule: DateRule {
    var triggers: [WordRole] { [.ordinal, .last] }
    var startsAtNumbers: Bool { true }

    func match(_ c: Context, at i: Int) -> DateFound? {
        // `il terzo trimestre`, `l'ultimo trimestre` (the fourth).
        guard c.roleValue(i + 1, .unit) == 4, !c.has(i + 1, .plural) else { return nil }
        let q: Int
        if let o = c.ordinal(i), (1...4).contains(Int(o.value)) { q = Int(o.value) } else if c.has(i, .last) { q = 4 } else { return nil }
        if let y = c.trailingYear(after: i + 1) {
            var v = Cal.quarterSpan(y.year, q)
            v.relative = y.relative
            return DateFound(first: i, last: y.last, value: v)
        }
        guard let (ry, rm) = c.refMonth else { return DateFound(first: i, last: i + 1, value: .unresolved(.quarter)) }
        let rq = (rm - 1) / 3 + 1
        let y = c.isFuture(around: i) ? (q >= rq ? ry : ry + 1) : (q <= rq ? ry : ry - 1)
        var v = Cal.quarterSpan(y, q)
        v.relative = true
        return DateFound(first: i, last: i + 1, value: v)
    }
}

/// Meteorological seasons: `nell'autunno del 2024` (2024-09-01…2024-11-30), `estate 2022`,
/// `l'estate scorsa`, `la scorsa primavera`, `quest'estate`, `in autunno` (most recent, or next in a
/// future-tense clause). Winter `Y` runs from December of `Y` to February of `Y+1`.
struct SeasonRule: DateRule {
    var triggers: [WordRole] { [.season, .past, .next, .this] }
    var startsAtNumbers: Bool { false }

    func match(_ c: Context, at i: Int) -> DateFound? {
        var k = i
        var shift: Int?
        if c.has(k, .past) { shift = -1; k += 1 } else if c.has(k, .next) { shift = 1; k += 1 } else if c.has(k, .this) {
            shift = 0
            k += 1
            if c.isPunct(k, "'") { k += 1 }
        }
        guard let s = c.roleValue(k, .season) else { return nil }
        let season = Int(s)
        var last = k
        if shift == nil {
            if let y = c.trailingYear(after: k) {
                var v = Cal.seasonSpan(y.year, season)
                v.relative = y.relative
                // `inverno 2024-2025`, `inverno 2024/25`: the winter that spans both years.
                let end = season == 4 && !y.relative ? nextYearEnd(c, after: y.last, year: y.year) ?? y.last : y.last
                return DateFound(first: i, last: end, value: v)
            }
            if c.has(k + 1, .past) { shift = -1; last = k + 1 } else if c.has(k + 1, .next) { shift = 1; last = k + 1 }
        }
        guard let (ry, rm) = c.refMonth else { return DateFound(first: i, last: last, value: .unresolved(.season)) }
        // The season containing the reference month, as (start year, index).
        let current: (Int, Int) = rm == 12 ? (ry, 4) : rm <= 2 ? (ry - 1, 4) : (ry, (rm - 3) / 3 + 1)
        let startYear: Int
        let before = season < current.1 ? current.0 : (season == current.1 ? current.0 : current.0 - 1)
        let after = season > current.1 ? current.0 : (season == current.1 ? current.0 : current.0 + 1)
        switch shift {
        case -1: startYear = season == current.1 ? current.0 - 1 : before
        case 1: startYear = season == current.1 ? current.0 + 1 : after
        case 0: startYear = season == current.1 ? current.0 : (c.isFuture(around: i) ? after : before)
        default: startYear = c.isFuture(around: i) ? after : before
        }
        var v = Cal.seasonSpan(startYear, season)
        v.relative = true
        return DateFound(first: i, last: last, value: v)
    }
}

extension SeasonRule {
    /// The last token of `-2025`, `/2025`, `-25` or `/25` right after the year `year` that ends at
    /// `j`, when it names the following year.
    func nextYearEnd(_ c: Context, after j: Int, year: Int) -> Int? {
        guard c.isPunct(j + 1, "-") || c.isPunct(j + 1, "/"), c.sameLine(j + 1), c.sameLine(j + 2),
              c.tokens[j + 1].gap < 2, c.isDigits(j + 2), let v = c.digitsValue(j + 2) else { return nil }
        let digits = c.digitCount(j + 2)
        guard (digits == 4 && v == year + 1) || (digits == 2 && v == (year + 1) % 100) else { return nil }
        if c.glued(j + 3), c.isDigits(j + 3) || c.isWord(j + 3) { return nil }
        return j + 2
    }
}

/// Years and decades: `nel 2023`, `del 2024`, `dal 2014`, `il 2022`, `entro il 2030`,
/// `Nel millenovecentoventotto`; `negli anni 1970`, `anni 2000`, `anni duemila`, `anni '90`,
/// `anni novanta` (a span of years). A four-digit number is a year only after such a word.
struct YearRule: DateRule {
    var triggers: [WordRole] { [.unit] }
    var startsAtNumbers: Bool { true }

    func match(_ c: Context, at i: Int) -> DateFound? {
        if c.roleValue(i, .unit) == 5, c.isWord(i, c.known.anni), let v = decade(c, i + 1) {
            return DateFound(first: i, last: v.last, value: v.value)
        }
        guard let (y, last) = c.year(at: i) else { return nil }
        // Singular introductions only: `nel`, `del`, `dal`, `al`, `nell'`, `entro`, `il`, `l'`;
        // `i 2000 soldati`, `dei 2000`, `di mille`, `a 1000` are counts.
        var p = i - 1
        let elided = c.isPunct(p, "'")
        if elided { p -= 1 }
        let article = (c.isWord(p, c.known.il) || (elided && c.isWord(p, c.known.l)))
        if article { p -= 1; if c.isPunct(p, "'") { p -= 1 } }
        let lastByte = c.isWord(p) ? c.bytes[Int(c.tokens[p].byteEnd) - 1] | 0x20 : 0
        let singular = lastByte == 0x6C || c.isPunct(p + 1, "'") || c.isWord(p, c.known.entro)
        let preposition = (c.has(p, .in) || c.has(p, .of) || c.has(p, .from) || c.has(p, .to)) && (singular || article)
        let intro = preposition || article || c.roleValue(p, .unit) == 5 || c.has(p, .monthPart) || c.has(p, .after)
            || c.isWord(p, c.known.prima) || (c.has(p, .between) && article)
        guard intro else { return nil }
        if !c.isDigits(i) { guard c.has(p, .in) || c.has(p, .of), y >= 1100 else { return nil } }
        if c.isDigits(i), c.has(i + 1, .unit) || c.has(i + 1, .scale) || c.isPunct(i + 1, "%") { return nil }
        return DateFound(first: i, last: last, value: Cal.yearSpan(y))
    }

    private func decade(_ c: Context, _ k: Int) -> (value: DateValue, last: Int)? {
        var j = k
        var start: Int?
        if c.isPunct(j, "'"), c.isDigits(j + 1), c.digitCount(j + 1) == 2, let v = c.digitsValue(j + 1), v % 10 == 0 {
            start = 1900 + v
            j += 1
        } else if c.isDigits(j), c.digitCount(j) == 4, let v = c.digitsValue(j), v % 10 == 0, (1000...2100).contains(v) {
            start = v
        } else if let n = c.cardinal(j), n.value == n.value.rounded() {
            let v = Int(n.value)
            if (20...90).contains(v), v % 10 == 0 { start = 1900 + v } else if v % 10 == 0, (1000...2100).contains(v) { start = v }
        }
        guard let start else { return nil }
        var v = Cal.yearSpan(start)
        v.end = Cal.yearSpan(start + 9).end
        return (v, j)
    }
}

/// Days named relative to the reference: `oggi`, `ieri`, `domani`, `dopodomani`, `l'altro ieri`,
/// `l'altroieri`, `ieri l'altro`, `domattina`, `in giornata`, `questo giorno`, `questa sera`,
/// `il giorno passato`.
struct RelativeDayRule: DateRule {
    var triggers: [WordRole] { [.relDay, .other, .in, .this, .unit, .next] }
    var startsAtNumbers: Bool { false }

    func match(_ c: Context, at i: Int) -> DateFound? {
        if let o = c.roleValue(i, .relDay) {
            // `ieri l'altro` = l'altro ieri
            if o == -1, c.has(i + 1, .article), c.isPunct(i + 2, "'"), c.has(i + 3, .other) {
                return DateFound(first: i, last: i + 3, value: c.relativeDay(-2))
            }
            return DateFound(first: i, last: c.has(i + 1, .daypart) ? i + 1 : i, value: c.relativeDay(Int(o)))
        }
        if c.has(i, .other), c.isWord(i + 1, c.known.ieri) { return DateFound(first: i, last: i + 1, value: c.relativeDay(-2)) }
        if c.has(i, .in), c.isWord(i + 1, c.known.giornata) { return DateFound(first: i, last: i + 1, value: c.relativeDay(0)) }
        if c.has(i, .this), c.isWord(i + 1, c.known.giorno) || c.has(i + 1, .daypart) {  // questo giorno, questa sera
            return DateFound(first: i, last: i + 1, value: c.relativeDay(0))
        }
        if c.isWord(i, c.known.giorno), c.has(i + 1, .past) { return DateFound(first: i, last: i + 1, value: c.relativeDay(-1)) }
        // `la prossima notte`: the coming night, tomorrow.
        if c.has(i, .next), c.isWord(i + 1, c.known.notte) { return DateFound(first: i, last: i + 1, value: c.relativeDay(1)) }
        return nil
    }
}

/// A count of time units read as a number at `i` (digits, number words, `un`/`una`).
func countAt(_ c: Context, _ i: Int) -> Int? {
    if c.isDigits(i), c.digitCount(i) <= 4, !(c.glued(i + 1) && c.isPunct(i + 1, ",")) { return c.digitsValue(i) }
    if let n = c.cardinal(i), n.value == n.value.rounded(), n.value < 10000 { return Int(n.value) }
    return nil
}

/// Moves `day` by `n` units (1 day, 2 week, 3 month, 5 year).
func shift(_ day: Day, unit: Int, by n: Int) -> Day? {
    switch unit {
    case 1: return day.adding(days: n)
    case 2: return day.adding(days: 7 * n)
    case 3: return Cal.addMonths(day, n)
    case 5: return Cal.addMonths(day, 12 * n)
    default: return nil
    }
}

/// `7 giorni fa`, `tre mesi fa`, `due anni fa`, `1 mese, 2 anni e 21 giorni fa` (a day);
/// `tra 16 settimane`, `fra 10 giorni`, `in due settimane`, `tra due settimane da adesso`.
struct AgoRule: DateRule {
    var triggers: [WordRole] { [.between, .in] }
    var startsAtNumbers: Bool { true }

    func match(_ c: Context, at i: Int) -> DateFound? {
        // `negli ultimi 3 mesi` is a span, not the start of `3 mesi fa`.
        if c.has(i - 1, .last) || c.has(i - 1, .next) || c.has(i - 1, .past) { return nil }
        var k = i
        var sign = -1
        if c.has(i, .between) || (c.has(i, .in) && c.isWord(i, c.known.`in`)) { sign = 1; k += 1 }
        // A count and a unit open it: most numbers stop here, before anything is built.
        guard Self.isUnit(c.roleValue(k + 1, .unit)), c.sameLine(k + 1), countAt(c, k) != nil else { return nil }
        var parts: [(Int, Int)] = []
        var last = -1
        while let n = countAt(c, k), let u = c.roleValue(k + 1, .unit), Self.isUnit(u), c.sameLine(k + 1) {
            parts.append((n, Int(u)))
            last = k + 1
            if sign > 0 { break }
            var nk = k + 2
            if c.isPunct(nk, ",") || c.has(nk, .and) { nk += 1 }
            if countAt(c, nk) == nil { break }
            k = nk
        }
        guard !parts.isEmpty else { return nil }
        if sign < 0 {
            guard c.has(last + 1, .ago) else { return nil }
            last += 1
        } else if c.has(last + 1, .from), c.has(last + 2, .now) {
            last += 2
        } else if c.has(last + 1, .from), c.has(last + 2, .this), c.has(last + 3, .now) {
            last += 3
        }
        guard let ref = c.refDay else { return DateFound(first: i, last: last, value: .unresolved(.day)) }
        var d = ref
        for (n, u) in parts { d = shift(d, unit: u, by: sign * n) ?? d }
        return DateFound(first: i, last: last, value: .span(d, d, .day, relative: true))
    }

    /// Days, weeks, months or years (`unit` values 1, 2, 3, 5).
    @inline(__always) private static func isUnit(_ u: Double?) -> Bool { u == 1 || u == 2 || u == 3 || u == 5 }
}

/// Rolling spans of days and calendar weeks next to the reference: `gli ultimi due giorni`,
/// `i 2 giorni passati`, `i prossimi 3 giorni`, `le ultime 2 settimane`, `le 3 prossime settimane`,
/// `le 3 settimane precedenti`. Spans of months or years are left as durations.
struct RollingSpanRule: DateRule {
    var triggers: [WordRole] { [.last, .past, .next] }
    var startsAtNumbers: Bool { true }

    func match(_ c: Context, at i: Int) -> DateFound? {
        var dir = 0
        var k = i
        if c.has(k, .last) || c.has(k, .past) { dir = -1; k += 1 } else if c.has(k, .next) { dir = 1; k += 1 }
        guard let n = countAt(c, k) else { return nil }
        k += 1
        if dir == 0 {
            if c.has(k, .last) || c.has(k, .past) { dir = -1; k += 1 } else if c.has(k, .next) { dir = 1; k += 1 }
        }
        guard let u = c.roleValue(k, .unit), u == 1 || u == 2 else { return nil }
        var last = k
        if dir == 0 {
            if c.has(k + 1, .past) || c.has(k + 1, .last) { dir = -1; last = k + 1 } else if c.has(k + 1, .next) { dir = 1; last = k + 1 }
        }
        guard dir != 0, n > 0, n < 1000 else { return nil }
        let grain: DateGrain = u == 1 ? .day : .week
        guard let ref = c.refDay else { return DateFound(first: i, last: last, value: .unresolved(grain)) }
        let a: Day, b: Day
        if u == 1 {
            (a, b) = dir < 0 ? (ref.adding(days: -n), ref.adding(days: -1)) : (ref.adding(days: 1), ref.adding(days: n))
        } else {
            let mon = Cal.monday(ref)
            (a, b) = dir < 0 ? (mon.adding(days: -7 * n), mon.adding(days: -1)) : (mon.adding(days: 7), mon.adding(days: 7 * n + 6))
        }
        return DateFound(first: i, last: last, value: .span(a, b, grain, relative: true))
    }
}
