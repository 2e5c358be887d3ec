/// How a number is hedged in the text (`circa`, `oltre`, `almeno`, `fino a`…).
public enum Qualifier: String, Sendable, Codable, Hashable, CaseIterable {
    /// No hedge: `3.000 soldati`.
    case exact
    /// `circa`, `intorno a`, `una stima di`, vague plurals such as `centinaia`.
    case approx
    /// `almeno`, `non meno di`.
    case atLeast = "at_least"
    /// `oltre`, `più di`.
    case moreThan = "more_than"
    /// `al massimo`, `non più di`.
    case atMost = "at_most"
    /// `meno di`.
    case lessThan = "less_than"
    /// `fino a`.
    case upTo = "up_to"
    /// `quasi`.
    case almost
}

/// A cardinal quantity found in text: `1.500`, `11mila`, `25-30mila`, `quattromila`, `centinaia`.
public struct NumberMention: Sendable, Hashable, Codable {
    /// The exact text of the numeral, including any qualifier words in front of it
    /// (`circa 1.500`), as it appears between `charStart` and `charEnd`.
    public var surface: String
    /// The value (the low end of a range).
    public var value: Double
    /// The high end of a range; equal to `value` for a single number.
    public var valueHigh: Double
    /// The hedge around the number.
    public var qualifier: Qualifier
    /// Whether the number is a percentage (`50%`, `50 per cento`).
    public var isPercent: Bool
    /// Start offset in Unicode scalars (inclusive).
    public var charStart: Int
    /// End offset in Unicode scalars (exclusive).
    public var charEnd: Int
    /// Start of the numeral proper, after any qualifier words (`1.500` in `circa 1.500`).
    public var numeralStart: Int

    /// Creates a number mention.
    public init(
        surface: String, value: Double, valueHigh: Double? = nil, qualifier: Qualifier = .exact,
        isPercent: Bool = false, charStart: Int, charEnd: Int, numeralStart: Int? = nil
    ) {
        self.surface = surface
        self.value = value
        self.valueHigh = valueHigh ?? value
        self.qualifier = qualifier
        self.isPercent = isPercent
        self.charStart = charStart
        self.charEnd = charEnd
        self.numeralStart = numeralStart ?? charStart
    }
}

/// The precision of a date expression.
public enum DateGrain: String, Sendable, Codable, Hashable, CaseIterable {
    case day
    case week
    /// A third of a month: `inizio`, `metà`, `fine ottobre`.
    case monthPart = "month_part"
    case month
    case quarter
    /// A meteorological season: `nell'autunno del 2024` = 2024-09-01…2024-11-30.
    case season
    case year
}

/// A date expression found in text, resolved to an inclusive range of days when possible.
public struct DateMention: Sendable, Hashable, Codable {
    /// The exact text between `charStart` and `charEnd`.
    public var surface: String
    /// First day, ISO `YYYY-MM-DD`; `--MM-DD` when only month and day are known; `nil` when
    /// the expression is relative and the document has no publication date.
    public var start: String?
    /// Last day (inclusive), in the same forms as `start`.
    public var end: String?
    /// The expression's precision.
    public var grain: DateGrain
    /// Whether resolving it needed a reference date (`ieri`, `a novembre`, `il mese scorso`).
    public var relative: Bool
    /// The reference date used to resolve it (ISO, at its own precision), or `nil`.
    public var reference: String?
    /// Start offset in Unicode scalars (inclusive).
    public var charStart: Int
    /// End offset in Unicode scalars (exclusive).
    public var charEnd: Int

    /// Creates a date mention.
    public init(
        surface: String, start: String?, end: String?, grain: DateGrain, relative: Bool,
        reference: String?, charStart: Int, charEnd: Int
    ) {
        self.surface = surface
        self.start = start
        self.end = end
        self.grain = grain
        self.relative = relative
        self.reference = reference
        self.charStart = charStart
        self.charEnd = charEnd
    }
}

/// What the normalize stage found in one text.
public struct NormalizedText: Sendable, Hashable, Codable {
    /// Cardinal quantities, in text order. Years, dates, times, ordinals are not here.
    public var numbers: [NumberMention]
    /// Date expressions, in text order.
    public var dates: [DateMention]

    /// Creates a normalize result.
    public init(numbers: [NumberMention], dates: [DateMention]) {
        self.numbers = numbers
        self.dates = dates
    }
}

/// A reported figure: a number that quantifies something, with what, how hedged, by whom, when.
public struct Figure: Sendable, Hashable, Codable {
    /// `DOCID-fN`, stable for the same document text.
    public var id: String
    /// The story it was found in.
    public var storyID: String
    /// Low end of the value.
    public var value: Double
    /// High end (equal to `value` unless a range).
    public var valueHigh: Double
    /// The hedge.
    public var qualifier: Qualifier
    /// Lemma of the counted noun (`soldato`, `missile`, `chilometro`, `percento`).
    public var unit: String
    /// What is counted (`troops_sent`, `killed`, `distance`… or a category from the config).
    public var category: String
    /// Canonical name of who the text says the figure comes from (`NIS`, `CNN`), or `nil`.
    public var attribution: String?
    /// First day of the period the figure refers to, when the sentence says.
    public var eventStart: String?
    /// Last day of that period.
    public var eventEnd: String?
    /// The text between `charStart` and `charEnd` (numeral, qualifier and counted noun).
    public var surface: String
    /// The sentence the figure was found in.
    public var sentence: String
    /// Start offset in the document text (Unicode scalars, inclusive).
    public var charStart: Int
    /// End offset (exclusive).
    public var charEnd: Int

    /// Creates a figure.
    public init(
        id: String, storyID: String, value: Double, valueHigh: Double, qualifier: Qualifier,
        unit: String, category: String, attribution: String?, eventStart: String?, eventEnd: String?,
        surface: String, sentence: String, charStart: Int, charEnd: Int
    ) {
        self.id = id
        self.storyID = storyID
        self.value = value
        self.valueHigh = valueHigh
        self.qualifier = qualifier
        self.unit = unit
        self.category = category
        self.attribution = attribution
        self.eventStart = eventStart
        self.eventEnd = eventEnd
        self.surface = surface
        self.sentence = sentence
        self.charStart = charStart
        self.charEnd = charEnd
    }
}
