import PipelineCore

/// Calendar helpers for resolving Italian date expressions against a reference date.
enum Cal {
    static func valid(_ y: Int, _ m: Int, _ d: Int) -> Bool {
        (1...12).contains(m) && d >= 1 && d <= CalendarMath.daysInMonth(year: y, month: m) && (1000...2200).contains(y)
    }

    static func monthEnd(_ y: Int, _ m: Int) -> Day { Day(year: y, month: m, day: CalendarMath.daysInMonth(year: y, month: m)) }

    /// The month `delta` months after (y, m).
    static func addMonths(_ y: Int, _ m: Int, _ delta: Int) -> (Int, Int) {
        let total = y * 12 + (m - 1) + delta
        let ny = total >= 0 ? total / 12 : (total - 11) / 12
        return (ny, total - ny * 12 + 1)
    }

    /// `day` moved by calendar months, the day clamped to the month's length.
    static func addMonths(_ day: Day, _ delta: Int) -> Day {
        let (y, m) = addMonths(day.year, day.month, delta)
        return Day(year: y, month: m, day: min(day.day, CalendarMath.daysInMonth(year: y, month: m)))
    }

    static func monday(_ d: Day) -> Day { d.adding(days: 1 - d.weekday) }

    static func monthSpan(_ y: Int, _ m: Int) -> DateValue {
        .span(Day(year: y, month: m, day: 1), monthEnd(y, m), .month)
    }

    static func yearSpan(_ y: Int) -> DateValue {
        .span(Day(year: y, month: 1, day: 1), Day(year: y, month: 12, day: 31), .year)
    }

    static func quarterSpan(_ y: Int, _ q: Int) -> DateValue {
        .span(Day(year: y, month: q * 3 - 2, day: 1), monthEnd(y, q * 3), .quarter)
    }

    /// Meteorological seasons: 1 spring (Mar–May), 2 summer, 3 autumn, 4 winter (Dec–Feb of the next year).
    static func seasonSpan(_ y: Int, _ s: Int) -> DateValue {
        let m = [3, 6, 9, 12][s - 1]
        let (ey, em) = addMonths(y, m, 2)
        return .span(Day(year: y, month: m, day: 1), monthEnd(ey, em), .season)
    }

    /// Month thirds: 1 = days 1–10, 2 = 11–20, 3 = 21–end.
    static func monthPart(_ y: Int, _ m: Int, _ part: Int) -> DateValue {
        let a = [1, 11, 21][part - 1]
        let b = part == 3 ? CalendarMath.daysInMonth(year: y, month: m) : a + 9
        return .span(Day(year: y, month: m, day: a), Day(year: y, month: m, day: b), .monthPart)
    }

    /// Month halves: 1 = days 1–15, 2 = 16–end (grain `month_part`).
    static func monthHalf(_ y: Int, _ m: Int, _ half: Int) -> DateValue {
        let a = half == 1 ? 1 : 16
        let b = half == 1 ? 15 : CalendarMath.daysInMonth(year: y, month: m)
        return .span(Day(year: y, month: m, day: a), Day(year: y, month: m, day: b), .monthPart)
    }

    /// Easter Sunday (anonymous Gregorian algorithm).
    static func easter(_ y: Int) -> Day {
        let a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return Day(year: y, month: month, day: day)
    }

    /// The `n`-th (1…5, or -1 = last) weekday `w` (1 Monday … 7 Sunday) of a month.
    static func nthWeekday(_ y: Int, _ m: Int, _ w: Int, _ n: Int) -> Day? {
        if n < 0 {
            let last = monthEnd(y, m)
            return last.adding(days: -((last.weekday - w + 7) % 7))
        }
        let first = Day(year: y, month: m, day: 1)
        let d = first.adding(days: (w - first.weekday + 7) % 7 + (n - 1) * 7)
        return d.month == m ? d : nil
    }
}

/// How a holiday’s day is computed (`holidays.tsv`).
enum HolidayDate: Sendable {
    case fixed(month: Int, day: Int)
    case nthWeekday(n: Int, weekday: Int, month: Int)
    case easter(offset: Int)

    /// Parses `MM-DD`, `N:W:MM` or `easter+N`.
    init?(_ text: String) {
        if text.hasPrefix("easter") {
            guard let n = Int(String(text.dropFirst(6).filter { $0 != "+" })) else { return nil }
            self = .easter(offset: n)
            return
        }
        let colon = text.split(separator: ":").compactMap { Int($0) }
        if colon.count == 3 { self = .nthWeekday(n: colon[0], weekday: colon[1], month: colon[2]); return }
        let dash = text.split(separator: "-").compactMap { Int($0) }
        guard dash.count == 2, (1...12).contains(dash[0]), (1...31).contains(dash[1]) else { return nil }
        self = .fixed(month: dash[0], day: dash[1])
    }

    func day(in y: Int) -> Day? {
        switch self {
        case .fixed(let m, let d): return Cal.valid(y, m, d) ? Day(year: y, month: m, day: d) : nil
        case .nthWeekday(let n, let w, let m): return Cal.nthWeekday(y, m, w, n)
        case .easter(let k): return Cal.easter(y).adding(days: k)
        }
    }
}
