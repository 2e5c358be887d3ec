/// The grammatical role of a cardinal morpheme (`Resources/number_words.tsv`).
enum MorphemeKind: String, Sendable {
    case unit, teen, ten, tenElided = "ten_elided", hundred, hundredElided = "hundred_elided", thousand, mila, scale
}

/// One cardinal morpheme: `venti` (20, ten), `mila` (1000, multiplier).
struct Morpheme: Sendable {
    var value: Double
    var kind: MorphemeKind
}

/// A trie of cardinal morphemes that decomposes one folded word (`centottantamila` =
/// `cent` + `ottanta` + `mila`) with backtracking, checking the Italian cardinal grammar.
///
/// Words that are not numbers fail after one or two letters (`sotto`, `ottobre`, `nonostante`:
/// the whole word must decompose), so the lexer can try every word.
struct MorphemeTrie: Sendable {
    /// 26 children per node (a–z), -1 when absent.
    private var children: [Int32] = Array(repeating: -1, count: 26)
    /// Morpheme index per node, -1 when no morpheme ends there.
    private var terminal: [Int32] = [-1]
    private var morphemes: [Morpheme] = []
    /// Which two-letter openings a morpheme has (26×26), to reject most words before the trie.
    private var openings: [Bool] = Array(repeating: false, count: 26 * 26)
    /// Three-letter openings (26×26×26) that some number word may have: a superset, built in
    /// `insert` so that no word `parseWord` accepts is rejected (see `mayOpen3`).
    private var openings3: [Bool] = Array(repeating: false, count: 26 * 26 * 26)

    /// Marks every three-letter opening a word may have once `word` is a morpheme. A word that
    /// parses is morphemes `m1 m2…`, or an ordinal `stem + esim + ending` whose stem (less perhaps a
    /// final vowel) parses. Its first three letters are: the first three of `m1`; or `m1` (two
    /// letters) and any letter; or a stem of two letters and `e`, one letter and `es`, none and
    /// `esi`; with a longer stem, the first three of a parsing cardinal. All of these are marked.
    private mutating func markOpenings3(_ word: [UInt8]) {
        func mark(_ a: Int, _ b: Int, _ c: Int) { openings3[(a * 26 + b) * 26 + c] = true }
        let e = 0x65 - 0x61, s = 0x73 - 0x61, i = 0x69 - 0x61
        let w = word.map { Int($0) - 0x61 }
        if w.count >= 3 { mark(w[0], w[1], w[2]) }
        if w.count == 2 { for x in 0..<26 { mark(w[0], w[1], x) } }
        if w.count == 1 { for x in 0..<26 { for y in 0..<26 { mark(w[0], x, y) } } }
        if w.count >= 2 { mark(w[0], w[1], e) }
        for x in 0..<26 { mark(x, e, s) }
        mark(e, s, i)
    }

    mutating func insert(_ word: [UInt8], _ morpheme: Morpheme) {
        if word.count >= 2 { openings[(Int(word[0]) - 0x61) * 26 + Int(word[1]) - 0x61] = true }
        if word.allSatisfy({ $0 &- 0x61 < 26 }) { markOpenings3(word) }
        var node = 0
        for b in word {
            let c = Int(b) - 0x61
            precondition(c >= 0 && c < 26, "number morphemes are lower-case ASCII")
            if children[node * 26 + c] < 0 {
                children[node * 26 + c] = Int32(terminal.count)
                terminal.append(-1)
                children.append(contentsOf: repeatElement(-1, count: 26))
            }
            node = Int(children[node * 26 + c])
        }
        terminal[node] = Int32(morphemes.count)
        morphemes.append(morpheme)
    }

    /// Parser state while decomposing a word.
    private struct State {
        var total: Double = 0
        var group: Double = 0
        var last: MorphemeKind? = nil
        var lastValue: Double = 0
        var count = 0
    }

    /// Applies `m` to `s` if the grammar allows it.
    private func step(_ s: State, _ m: Morpheme, ordinal: Bool) -> State? {
        var t = s
        let g = s.group
        switch m.kind {
        case .unit:
            if m.value == 0 { if s.count > 0 { return nil } }
            if s.last == .unit || s.last == .teen { return nil }
            if s.last == .tenElided, m.value != 1, m.value != 8 { return nil }
            if s.last == .hundredElided, m.value != 8 { return nil }
            if g.truncatingRemainder(dividingBy: 10) != 0 { return nil }
            t.group = g + m.value
        case .teen, .ten, .tenElided:
            if s.last == .unit || s.last == .teen || s.last == .ten || s.last == .tenElided { return nil }
            if s.last == .hundredElided, m.value != 80 { return nil }
            t.group = g + m.value
        case .hundred, .hundredElided:
            if g >= 10 || g == 1 || s.last == .hundred || s.last == .tenElided { return nil }
            t.group = (g == 0 ? 1 : g) * 100
        case .thousand:
            if s.last == .tenElided || s.last == .hundredElided { return nil }
            if g == 0 {
                if s.total.truncatingRemainder(dividingBy: 1_000_000) != 0 { return nil }
                t.total += 1000
            } else {
                t.total += g * 1000
            }
            t.group = 0
        case .mila:
            if g < 2 || s.last == .tenElided || s.last == .hundredElided { return nil }
            t.total += g * 1000
            t.group = 0
        case .scale:
            if g == 0, s.count == 0, ordinal { t.total = m.value; break }  // `bilionesimo`
            if g < 1 || s.last == .tenElided || s.last == .hundredElided { return nil }
            t.total += g * m.value
            t.group = 0
        }
        t.last = m.kind
        t.lastValue = m.value
        t.count += 1
        return t
    }

    private func finish(_ s: State) -> WordNumber? {
        guard s.count > 0, let last = s.last else { return nil }
        if last == .hundredElided { return nil }
        let slot: Double
        switch last {
        case .scale, .mila, .thousand: slot = last == .scale ? s.lastValue : 1000
        case .hundred: slot = 100
        case .ten: slot = 10
        default: slot = 1
        }
        return WordNumber(value: s.total + s.group, slot: slot, ordinalEnding: 0)
    }

    /// Depth-first decomposition of `w[from...]`, longest morpheme first.
    private func parse(_ w: UnsafeBufferPointer<UInt8>, _ from: Int, _ s: State, depth: Int, ordinal: Bool) -> WordNumber? {
        if from == w.count { return finish(s) }
        if depth > 24 { return nil }
        var ends: (Int, Int, Int, Int) = (-1, -1, -1, -1)
        var found = 0
        var node = 0
        var i = from
        while i < w.count {
            let c = Int(w[i]) &- 0x61
            guard c >= 0, c < 26 else { break }
            let next = children[node * 26 + c]
            if next < 0 { break }
            node = Int(next)
            i += 1
            if terminal[node] >= 0, found < 4 {
                switch found {
                case 0: ends.0 = i
                case 1: ends.1 = i
                case 2: ends.2 = i
                default: ends.3 = i
                }
                found += 1
            }
        }
        var k = found - 1
        while k >= 0 {
            let end = k == 0 ? ends.0 : k == 1 ? ends.1 : k == 2 ? ends.2 : ends.3
            k -= 1
            let m = morphemes[Int(terminalAt(w, from, end))]
            if let t = step(s, m, ordinal: ordinal), let r = parse(w, end, t, depth: depth + 1, ordinal: ordinal) { return r }
        }
        return nil
    }

    private func terminalAt(_ w: UnsafeBufferPointer<UInt8>, _ from: Int, _ end: Int) -> Int32 {
        var node = 0
        for i in from..<end { node = Int(children[node * 26 + Int(w[i]) - 0x61]) }
        return terminal[node]
    }

    /// Parses a folded word as a cardinal (`trentatre` 33) or an ordinal in `-esimo`
    /// (`ventunesimo` 21, `millesimo` 1000). Returns nil for any other word.
    @inline(__always)
    func parseWord(_ w: UnsafeBufferPointer<UInt8>) -> WordNumber? {
        let n = w.count
        guard n >= 2, n <= 60 else { return nil }
        let c0 = Int(w[0]) &- 0x61, c1 = Int(w[1]) &- 0x61
        guard c0 >= 0, c0 < 26, c1 >= 0, c1 < 26, openings[c0 * 26 + c1] else { return nil }
        if n >= 3 {
            let c2 = Int(w[2]) &- 0x61
            guard c2 >= 0, c2 < 26, openings3[(c0 * 26 + c1) * 26 + c2] else { return nil }
        }
        return parseOpened(w)
    }

    /// `parseWord` for a word whose opening some number word has.
    private func parseOpened(_ w: UnsafeBufferPointer<UInt8>) -> WordNumber? {
        let n = w.count
        if let r = parse(w, 0, State(), depth: 0, ordinal: false) { return r }
        // Ordinals: stem + esim[oaie]; the stem may have lost its final vowel (`ventitre|esimo`, `dodic|esimo`).
        guard n > 5, w[n - 5] == 0x65, w[n - 4] == 0x73, w[n - 3] == 0x69, w[n - 2] == 0x6D else { return nil }
        let ending = w[n - 1]
        guard ending == 0x6F || ending == 0x61 || ending == 0x69 || ending == 0x65 else { return nil }
        var stem = Array(w[0..<(n - 5)])
        for vowel: UInt8 in [0, 0x65, 0x69, 0x6F, 0x61] {
            if vowel != 0 { stem.append(vowel) }
            let r = stem.withUnsafeBufferPointer { parse($0, 0, State(), depth: 0, ordinal: true) }
            if vowel != 0 { stem.removeLast() }
            if var r, r.value > 0 {
                r.ordinalEnding = ending
                r.slot = 1
                return r
            }
        }
        return nil
    }
}
