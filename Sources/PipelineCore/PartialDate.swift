/// A calendar date known to a year, a month or a day, as found in a document
/// (`2025`, `2025-02`, `2025-02-13`).
public struct PartialDate: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// Four-digit year.
    public var year: Int
    /// Month 1–12, when known.
    public var month: Int?
    /// Day of month 1–31, when known (only together with a month).
    public var day: Int?

    /// Creates a partial date. A day without a month is dropped.
    public init(year: Int, month: Int? = nil, day: Int? = nil) {
        self.year = year
        self.month = month
        self.day = month == nil ? nil : day
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a time part after `T` is ignored).
    public init?(iso text: some StringProtocol) {
        let head = String(text).prefix { $0 != "T" }
        let parts = head.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, let year = Int(parts[0]) else { return nil }
        var month: Int?
        var day: Int?
        if parts.count >= 2 {
            guard parts[1].count == 2, let m = Int(parts[1]), (1...12).contains(m) else { return nil }
            month = m
        }
        if parts.count == 3 {
            guard parts[2].count == 2, let d = Int(parts[2]), (1...CalendarMath.daysInMonth(year: year, month: month!)).contains(d) else { return nil }
            day = d
        }
        self.init(year: year, month: month, day: day)
    }

    /// The precision of this date.
    public var grain: DateGrain {
        day != nil ? .day : (month != nil ? .month : .year)
    }

    /// ISO 8601 form at its own precision: `2025`, `2025-02`, `2025-02-13`.
    public var iso: String {
        var text = String(format4: year)
        if let month { text += "-" + String(format2: month) }
        if let day { text += "-" + String(format2: day) }
        return text
    }

    /// First day of the period this date denotes.
    public var firstDay: Day {
        Day(year: year, month: month ?? 1, day: day ?? 1)
    }

    /// Last day of the period this date denotes.
    public var lastDay: Day {
        let m = month ?? 12
        return Day(year: year, month: m, day: day ?? CalendarMath.daysInMonth(year: year, month: m))
    }

    public var description: String { iso }

    public static func < (lhs: PartialDate, rhs: PartialDate) -> Bool {
        (lhs.year, lhs.month ?? 0, lhs.day ?? 0) < (rhs.year, rhs.month ?? 0, rhs.day ?? 0)
    }
}

/// One day of the proleptic Gregorian calendar, with locale-free arithmetic.
public struct Day: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// Creates a day; the caller guarantees the fields form a valid date.
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init?(iso text: some StringProtocol) {
        guard let date = PartialDate(iso: text), let month = date.month, let day = date.day else { return nil }
        self.init(year: date.year, month: month, day: day)
    }

    /// Days since 1970-01-01 (negative before).
    public var ordinal: Int { CalendarMath.daysFromCivil(year: year, month: month, day: day) }

    /// The day `ordinal` days after 1970-01-01.
    public init(ordinal: Int) {
        let (y, m, d) = CalendarMath.civilFromDays(ordinal)
        self.init(year: y, month: m, day: d)
    }

    /// This day moved by `days` (negative: back).
    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var weekday: Int {
        let w = (ordinal + 3) % 7  // 1970-01-01 was a Thursday (3 with Monday = 0)
        return (w < 0 ? w + 7 : w) + 1
    }

    /// `YYYY-MM-DD`.
    public var iso: String { String(format4: year) + "-" + String(format2: month) + "-" + String(format2: day) }

    public var description: String { iso }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.ordinal < rhs.ordinal }
}

/// Calendar arithmetic that never consults the process locale or time zone.
public enum CalendarMath {
    /// Whether `year` is a Gregorian leap year.
    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// Number of days in `month` (1–12) of `year`.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 for a civil date (Howard Hinnant's algorithm).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date `days` after 1970-01-01.
    public static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

extension String {
    /// Zero-padded two-digit form, independent of locale.
    public init(format2 value: Int) {
        self = value < 10 && value >= 0 ? "0\(value)" : "\(value)"
    }

    /// Zero-padded four-digit form, independent of locale.
    public init(format4 value: Int) {
        let digits = "\(abs(value))"
        self = (value < 0 ? "-" : "") + String(repeating: "0", count: Swift.max(0, 4 - digits.count)) + digits
    }
}
