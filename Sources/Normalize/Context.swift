import PipelineCore

/// A numeral candidate: a span of tokens with a value, built by the numeral rules.
struct Atom {
    /// First and last token (inclusive) of the numeral proper.
    var first: Int
    var last: Int
    var value: Double
    var high: Double
    /// Largest value that may still be added by composition (`duecentomila` → 1000); 1 when none.
    var slot: Double = 1
    /// The multiplier written after the number (`mila`, `milioni`, `K`), 1 when none.
    var scale: Double = 1
    var qualifier: Qualifier = .exact
    var isPercent = false
    /// Made of number words (not digits).
    var isWord = false
    /// A bare article `un`/`una`, kept only when it quantifies.
    var isArticle = false
    /// Written with a minus word in front (`meno cinque`); applied once composition is done.
    var negative = false
    /// A digit fraction `1/4` (joins a whole number: `2 1/4`, `2 e 1/4`).
    var isFraction = false
    /// A plain run of digits without separators or suffix: its digit count (years, days, times).
    var plainDigits = 0
    /// First token of the whole mention, including qualifier and range words.
    var mentionFirst: Int
    var dropped = false

    init(first: Int, last: Int, value: Double) {
        self.first = first
        self.last = last
        self.value = value
        self.high = value
        self.mentionFirst = first
    }

    var isInteger: Bool { value == value.rounded(.towardZero) }
}

/// A date expression found by a date rule, before resolution.
struct DateFound {
    var first: Int
    var last: Int
    var value: DateValue
}

/// The per-call working state shared by the rules: tokens, numerals and dates.
///
/// It lives only inside one `Normalizer.run` call: `bytes` points into the text's own UTF-8
/// storage, valid for that call, and `tokens` is owned here (freed in `deinit`). Plain pointers
/// instead of arrays spare the rules a bounds check and a retain on every token access; every
/// query below checks its index first.
final class Context {
    let lexicon: Lexicon
    let bytes: UnsafeBufferPointer<UInt8>
    let tokens: UnsafeBufferPointer<Token>
    let numberWords: [WordNumber]
    let roleBits: [UInt64]
    let roleValues: [Double]
    let known: KnownWords
    private let roleCount: Int
    // The mutable state below is read and written without Swift's dynamic exclusivity checks
    // (`@exclusivity(unchecked)`), which cost a thread-local lookup on every access from a
    // function that is not inlined. Why no two accesses can overlap: a `Context` is created,
    // used and released inside one `Normalizer.run` call, on that call's thread, and is never
    // captured by an escaping closure; every write is one statement (`c.atoms[k].x = …`,
    // `c.atoms.append`, `c.dates[k] = …`, `c.claimed[t] = true`) whose right-hand side is
    // evaluated first, no property is passed `inout`, and the only closures called during a
    // mutation (`removeAll`, `sort`) look at their arguments, not at the context. Bounds checks
    // stay on, and the static exclusivity diagnostics still apply.
    @exclusivity(unchecked) var atoms: [Atom] = []
    @exclusivity(unchecked) var dates: [DateFound] = []
    /// Words the vague-plural rule looks at (`centinaia`, `migliaia`, `milioni`…), found by the atom pass.
    @exclusivity(unchecked) var vagueCandidates: [Int] = []
    /// Tokens that belong to a date or a time of day (their numbers are not figures).
    @exclusivity(unchecked) var claimed: [Bool]
    /// Tokens that belong to a time of day (`alle 5pm`), which may sit inside a date range.
    @exclusivity(unchecked) var isTime: [Bool]
    let reference: PartialDate?

    init(lexicon: Lexicon, bytes: UnsafeBufferPointer<UInt8>, lexed: Lexed, reference: PartialDate?) {
        self.lexicon = lexicon
        self.bytes = bytes
        self.tokens = UnsafeBufferPointer(lexed.tokens)
        self.numberWords = lexed.numberWords
        self.roleBits = lexicon.roleBits
        self.roleValues = lexicon.roleValues
        self.known = lexicon.known
        self.roleCount = lexicon.roleCount
        self.claimed = Array(repeating: false, count: lexed.tokens.count)
        self.isTime = Array(repeating: false, count: lexed.tokens.count)
        self.reference = reference
        atoms.reserveCapacity(lexed.tokens.count / 8 + 8)
    }

    deinit { tokens.deallocate() }

    var count: Int { tokens.count }

    // MARK: token queries (all safe out of range)

    @inline(__always) func kind(_ i: Int) -> TokenKind? { i >= 0 && i < tokens.count ? tokens[i].kind : nil }

    @inline(__always) func isWord(_ i: Int) -> Bool { kind(i) == .word }

    @inline(__always) func isDigits(_ i: Int) -> Bool { kind(i) == .digits }

    @inline(__always) func isPunct(_ i: Int, _ c: Unicode.Scalar) -> Bool {
        i >= 0 && i < tokens.count && tokens[i].kind == .punct && tokens[i].ch == c.value
    }

    /// Whether token `i` follows the previous one without whitespace.
    @inline(__always) func glued(_ i: Int) -> Bool { i >= 0 && i < tokens.count && tokens[i].gap == 0 }

    /// Whether token `i` is on the same line as the previous one.
    @inline(__always) func sameLine(_ i: Int) -> Bool { i >= 0 && i < tokens.count && tokens[i].gap < 3 }

    /// Role bits of word `i` (0 for unknown words and non-words).
    @inline(__always) func roles(_ i: Int) -> UInt64 {
        guard i >= 0, i < tokens.count else { return 0 }
        let w = Int(tokens[i].word)
        return w >= 0 ? roleBits[w] : 0
    }

    @inline(__always) func has(_ i: Int, _ role: WordRole) -> Bool { roles(i) & (1 << UInt64(role.rawValue)) != 0 }

    @inline(__always) func roleValue(_ i: Int, _ role: WordRole) -> Double? {
        guard has(i, role) else { return nil }
        return roleValues[Int(tokens[i].word) * roleCount + role.rawValue]
    }

    /// The cardinal value of a number word at `i` (not ordinals).
    @inline(__always) func cardinal(_ i: Int) -> WordNumber? {
        guard i >= 0, i < tokens.count, tokens[i].number >= 0 else { return nil }
        let n = numberWords[Int(tokens[i].number)]
        return n.isOrdinal ? nil : n
    }

    /// The value and ending (o, a, i, e) of an ordinal word at `i` (`terzo`, `ventunesimo`).
    func ordinal(_ i: Int) -> (value: Double, ending: UInt8)? {
        guard i >= 0, i < tokens.count, tokens[i].kind == .word else { return nil }
        if tokens[i].number >= 0 {
            let n = numberWords[Int(tokens[i].number)]
            if n.isOrdinal { return (n.value, n.ordinalEnding) }
        }
        if let v = roleValue(i, .ordinal) { return (v, bytes[Int(tokens[i].byteEnd) - 1] | 0x20) }
        return nil
    }

    /// Whether word `i` is the word with lexicon id `id` (`c.isWord(i, c.known.fino)`).
    @inline(__always) func isWord(_ i: Int, _ id: Int) -> Bool {
        i >= 0 && i < tokens.count && id >= 0 && Int(tokens[i].word) == id
    }

    /// The integer value of a digits token.
    func digitsValue(_ i: Int) -> Int? {
        guard isDigits(i) else { return nil }
        let t = tokens[i]
        guard t.byteEnd - t.byteStart <= 9 else { return nil }
        var v = 0
        for b in bytes[Int(t.byteStart)..<Int(t.byteEnd)] { v = v * 10 + Int(b - 0x30) }
        return v
    }

    /// Number of digits of a digits token.
    func digitCount(_ i: Int) -> Int { isDigits(i) ? Int(tokens[i].byteEnd - tokens[i].byteStart) : 0 }

    /// Lower-case first letter of a word token.
    func firstLetter(_ i: Int) -> UInt8 { isWord(i) ? bytes[Int(tokens[i].byteStart)] | 0x20 : 0 }

    /// The text between the start of token `a` and the end of token `b`.
    func surface(_ a: Int, _ b: Int) -> String {
        String(decoding: bytes[Int(tokens[a].byteStart)..<Int(tokens[b].byteEnd)], as: UTF8.self)
    }

    /// Marks tokens `a...b` as part of a date or time.
    func claim(_ a: Int, _ b: Int) {
        guard a <= b else { return }
        for i in max(0, a)...min(b, tokens.count - 1) { claimed[i] = true }
    }

    /// The atom starting exactly at token `i`, if not dropped (atoms are kept sorted by `first`).
    func atom(at i: Int) -> Int? {
        var lo = 0, hi = atoms.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if atoms[mid].first < i { lo = mid + 1 } else { hi = mid }
        }
        return lo < atoms.count && atoms[lo].first == i && !atoms[lo].dropped ? lo : nil
    }

}
