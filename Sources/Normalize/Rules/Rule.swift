import PipelineCore

/// A numeral rule: one linear pass over the context's atoms or tokens.
protocol NumeralRule: Sendable {
    func apply(_ c: Context)
}

/// A date rule: tries to read a date expression starting at token `i`.
protocol DateRule: Sendable {
    /// Roles of the words the rule can start at (besides digits and number words).
    var triggers: [WordRole] { get }
    /// Whether the rule can start at digits or a number word.
    var startsAtNumbers: Bool { get }
    /// The date found at `i` (its tokens are claimed), or nil.
    func match(_ c: Context, at i: Int) -> DateFound?
}

/// A date rule with its trigger mask, computed once.
struct PreparedDateRule: Sendable {
    let id: DateRuleID
    let mask: UInt64
    let numbers: Bool
    /// `mask`, plus `numberBit` when the rule starts at numbers.
    let trigger: UInt64
    /// A bit no role uses, marking rules that start at numbers.
    static let numberBit: UInt64 = 1 << 63

    init(_ id: DateRuleID) {
        self.id = id
        let rule = id.rule
        mask = rule.triggers.reduce(0) { $0 | (1 << UInt64($1.rawValue)) }
        numbers = rule.startsAtNumbers
        trigger = mask | (numbers ? Self.numberBit : 0)
    }

    var rule: any DateRule { id.rule }
}

/// The date rules, in the order they are tried at each token. `match` calls each rule directly,
/// so the per-token loop makes no existential copies.
enum DateRuleID: Int, CaseIterable, Sendable {
    case timeOfDay, numericDate, holiday, dayMonth, month, monthOrdinal, quarter, season
    case year, relativeDay, ago, rollingSpan, relativePeriod, weekday

    var rule: any DateRule {
        switch self {
        case .timeOfDay: TimeOfDayRule()
        case .numericDate: NumericDateRule()
        case .holiday: HolidayRule()
        case .dayMonth: DayMonthRule()
        case .month: MonthRule()
        case .monthOrdinal: MonthOrdinalRule()
        case .quarter: QuarterRule()
        case .season: SeasonRule()
        case .year: YearRule()
        case .relativeDay: RelativeDayRule()
        case .ago: AgoRule()
        case .rollingSpan: RollingSpanRule()
        case .relativePeriod: RelativePeriodRule()
        case .weekday: WeekdayRule()
        }
    }

    /// The rule's `match(_:at:)`.
    @inline(__always)
    func match(_ c: Context, at i: Int) -> DateFound? {
        switch self {
        case .timeOfDay: TimeOfDayRule().match(c, at: i)
        case .numericDate: NumericDateRule().match(c, at: i)
        case .holiday: HolidayRule().match(c, at: i)
        case .dayMonth: DayMonthRule().match(c, at: i)
        case .month: MonthRule().match(c, at: i)
        case .monthOrdinal: MonthOrdinalRule().match(c, at: i)
        case .quarter: QuarterRule().match(c, at: i)
        case .season: SeasonRule().match(c, at: i)
        case .year: YearRule().match(c, at: i)
        case .relativeDay: RelativeDayRule().match(c, at: i)
        case .ago: AgoRule().match(c, at: i)
        case .rollingSpan: RollingSpanRule().match(c, at: i)
        case .relativePeriod: RelativePeriodRule().match(c, at: i)
        case .weekday: WeekdayRule().match(c, at: i)
        }
    }
}

/// One end of a resolved date: a day, or a month and day whose year cannot be known (`--03-25`).
/// Kept as numbers while the rules run, in eight bytes (the rules pass dates around by value);
/// written as text only for the output.
struct DateBound: Equatable {
    /// The year, or `Int32.min` when it cannot be known.
    private var year: Int32
    private var month: UInt8
    private var dayOfMonth: UInt8

    static func day(_ d: Day) -> DateBound {
        DateBound(year: Int32(truncatingIfNeeded: d.year), month: UInt8(truncatingIfNeeded: d.month),
                  dayOfMonth: UInt8(truncatingIfNeeded: d.day))
    }

    static func yearless(month: Int, day: Int) -> DateBound {
        DateBound(year: .min, month: UInt8(truncatingIfNeeded: month), dayOfMonth: UInt8(truncatingIfNeeded: day))
    }

    /// The day, when the year is known.
    var day: Day? { year == .min ? nil : Day(year: Int(year), month: Int(month), day: Int(dayOfMonth)) }

    /// `YYYY-MM-DD` (the text of `Day.iso`, written without string interpolation), or `--MM-DD`
    /// without a year.
    var iso: String {
        guard let d = day else { return "--" + String(format2: Int(month)) + "-" + String(format2: Int(dayOfMonth)) }
        guard (0...9999).contains(d.year), (1...12).contains(d.month), (1...31).contains(d.day) else { return d.iso }
        return String(unsafeUninitializedCapacity: 10) { out in
            out[0] = 0x30 + UInt8(d.year / 1000)
            out[1] = 0x30 + UInt8(d.year / 100 % 10)
            out[2] = 0x30 + UInt8(d.year / 10 % 10)
            out[3] = 0x30 + UInt8(d.year % 10)
            out[4] = 0x2D
            out[5] = 0x30 + UInt8(d.month / 10)
            out[6] = 0x30 + UInt8(d.month % 10)
            out[7] = 0x2D
            out[8] = 0x30 + UInt8(d.day / 10)
            out[9] = 0x30 + UInt8(d.day % 10)
            return 10
        }
    }
}

/// The resolved value of a date expression (kept small: rules return it by value).
struct DateValue {
    var start: DateBound?
    var end: DateBound?
    var grain: DateGrain
    var relative: Bool
    /// Month (1–12) and day as written, or -1 (see `month`, `day`).
    private var writtenMonth: Int8 = -1
    private var writtenDay: Int8 = -1
    var hadYear = true

    init(start: DateBound?, end: DateBound?, grain: DateGrain, relative: Bool) {
        self.start = start
        self.end = end
        self.grain = grain
        self.relative = relative
    }

    /// For year-less expressions: month (and day) as written, so a range can give them its year.
    var month: Int? {
        get { writtenMonth < 0 ? nil : Int(writtenMonth) }
        set { writtenMonth = newValue.map { Int8(truncatingIfNeeded: $0) } ?? -1 }
    }

    var day: Int? {
        get { writtenDay < 0 ? nil : Int(writtenDay) }
        set { writtenDay = newValue.map { Int8(truncatingIfNeeded: $0) } ?? -1 }
    }

    static func span(_ a: Day, _ b: Day, _ grain: DateGrain, relative: Bool = false) -> DateValue {
        DateValue(start: .day(a), end: .day(b), grain: grain, relative: relative)
    }

    static func unresolved(_ grain: DateGrain) -> DateValue {
        DateValue(start: nil, end: nil, grain: grain, relative: true)
    }
}

/// The order in which the rules run. Numeral rules build the numbers; date rules then claim
/// their tokens (a year, a day, a time of day is not a figure); the last numeral rules read
/// ranges and hedges around what is left.
enum RuleRegistry {
    /// Numeral rules before dates.
    static let numerals: [any NumeralRule] = [NumeralAtomRule(), CompositionRule(), VaguePluralRule(), PercentRule()]
    /// Date rules, tried in this order at each token (the order of `DateRuleID`).
    static let dates: [PreparedDateRule] = DateRuleID.allCases.map(PreparedDateRule.init)
    /// Numeral rules after dates.
    static let numeralsAfterDates: [any NumeralRule] = [RangeRule(), QualifierRule()]
}
