import PipelineCore

/// The normalize stage: finds Italian numerals and date expressions and resolves them.
///
///     Normalizer().run("circa 1.500 soldati a ottobre 2024", reference: nil)
///     // numbers: [1500 approx], dates: [2024-10-01…2024-10-31, month]
///
/// Offsets are Unicode-scalar offsets into `text`. Years, dates, times of day, ordinals and
/// identifiers are not numbers. Relative dates resolve against `reference` (the publication date);
/// without one they keep their grain and have no start, or `--MM-DD` for a known month and day.
public struct Normalizer: Sendable {
    /// The vocabulary the rules use.
    public let lexicon: Lexicon

    /// Creates the stage with the bundled vocabulary, or another one (`Lexicon.load(directory:)`).
    public init(lexicon: Lexicon = .bundled) {
        self.lexicon = lexicon
    }

    /// Finds numbers and dates in `text`; relative dates resolve against `reference`.
    ///
    ///     Normalizer().run("oltre 11mila soldati a novembre", reference: PartialDate(year: 2025, month: 7))
    ///     // numbers: [11000 more_than "oltre 11mila"], dates: [2024-11-01…2024-11-30]
    ///
    /// - Complexity: O(n) in the length of `text`.
    public func run(_ text: String, reference: PartialDate?) -> NormalizedText {
        var text = text
        // The context reads the text's own UTF-8 storage; it does not outlive this closure.
        return text.withUTF8 { run(utf8: $0, reference: reference) }
    }

    private func run(utf8 bytes: UnsafeBufferPointer<UInt8>, reference: PartialDate?) -> NormalizedText {
        let lexed = Lexer(lexicon: lexicon).lex(bytes)
        let c = Context(lexicon: lexicon, bytes: bytes, lexed: lexed, reference: reference)
        for rule in RuleRegistry.numerals { rule.apply(c) }
        findDates(c)
        for k in c.atoms.indices where (c.atoms[k].first...c.atoms[k].last).contains(where: { c.claimed[$0] }) {
            c.atoms[k].dropped = true
        }
        c.atoms.removeAll { $0.dropped }
        for rule in RuleRegistry.numeralsAfterDates { rule.apply(c) }
        return NormalizedText(numbers: numbers(c), dates: dates(c))
    }

    /// Runs the date rules at every token that can start a date, left to right.
    private func findDates(_ c: Context) {
        let starters = Self.dateStarters
        RuleRegistry.dates.withUnsafeBufferPointer { rules in
            var i = 0
            while i < c.count {
                let t = c.tokens[i]
                if t.kind == .punct || (t.kind == .word && t.number < 0 && c.roles(i) & starters == 0) || c.claimed[i] {
                    i += 1
                    continue
                }
                var next = i + 1
                let roles = c.roles(i)
                let numberBit = t.kind == .digits || t.number >= 0 ? Self.numberBit : 0
                for k in 0..<rules.count where rules[k].trigger & (roles | numberBit) != 0 {
                    if let d = rules[k].id.match(c, at: i) {
                        c.dates.append(d)
                        c.claim(d.first, d.last)
                        next = d.last + 1
                        break
                    }
                    if c.claimed[i] { break }
                }
                i = max(next, i + 1)
            }
        }
        DateRangeMerge.apply(c)
    }

    /// Roles of the words a date expression can start with; other words skip the date rules.
    private static let dateStarters: UInt64 = RuleRegistry.dates.reduce(0) { $0 | $1.mask }
    /// A bit no role uses, marking rules that start at numbers (`PreparedDateRule.trigger`).
    static let numberBit: UInt64 = PreparedDateRule.numberBit

    /// `PartialDate.iso`, written directly for the usual four-digit years.
    private static func iso(_ p: PartialDate) -> String {
        guard (0...9999).contains(p.year) else { return p.iso }
        switch (p.month, p.day) {
        case (let m?, let d?) where (1...12).contains(m) && (1...31).contains(d):
            return DateBound.day(Day(year: p.year, month: m, day: d)).iso
        case (let m?, nil) where (1...12).contains(m):
            return String(DateBound.day(Day(year: p.year, month: m, day: 1)).iso.utf8.prefix(7))!
        default:
            return p.iso
        }
    }

    private func numbers(_ c: Context) -> [NumberMention] {
        var out: [NumberMention] = []
        out.reserveCapacity(c.atoms.count)
        for a in c.atoms where a.value.isFinite && a.high.isFinite {
            let first = c.tokens[a.mentionFirst], last = c.tokens[a.last]
            out.append(NumberMention(
                surface: c.surface(a.mentionFirst, a.last), value: a.value, valueHigh: a.high, qualifier: a.qualifier,
                isPercent: a.isPercent, charStart: Int(first.start), charEnd: Int(last.end),
                numeralStart: Int(c.tokens[a.first].start)))
        }
        return out
    }

    private func dates(_ c: Context) -> [DateMention] {
        let referenceISO = c.dates.contains { $0.value.relative } ? c.reference.map(Self.iso) : nil
        return c.dates.map { d in
            DateMention(
                surface: c.surface(d.first, d.last), start: d.value.start?.iso, end: d.value.end?.iso, grain: d.value.grain,
                relative: d.value.relative, reference: d.value.relative ? referenceISO : nil,
                charStart: Int(c.tokens[d.first].start), charEnd: Int(c.tokens[d.last].end))
        }
    }
}
