/// Numbers for the words of the vocabulary, so every table is looked up by an integer. Words the
/// vocabulary does not know get `-1` and match nothing.
///
/// The index is an open-addressing hash table over the words' lowercased scalars, so a token of
/// the text is looked up straight from the document's scalars, lowercasing as it goes, without
/// building a `String`.
struct WordIndex: Sendable {
    /// The lowercased scalars of every word, one word after another.
    private var storage: [Unicode.Scalar] = []
    /// For each id, where its word starts in `storage`; one more entry at the end.
    private var bounds: [Int] = [0]
    /// Hash slots holding `id + 1` in the low 32 bits and the low 32 bits of the word's hash in
    /// the high ones (so most mismatches are told without reading the word), `0` when empty; the
    /// count is a power of two, at least twice the number of words.
    private var slots: [UInt64] = Array(repeating: 0, count: 64)
    /// The length of the longest word: longer tokens are unknown without hashing.
    private var longest = 0

    /// The number of words.
    var count: Int { bounds.count - 1 }

    /// The id of `word`, assigning a new one when it is new.
    mutating func intern(_ word: String) -> Int {
        let scalars = word.unicodeScalars.map(Tokenizer.lowered)
        let found = scalars.withUnsafeBufferPointer { self.id(of: $0, 0..<$0.count) }
        if found >= 0 { return found }
        let id = count
        storage.append(contentsOf: scalars)
        bounds.append(storage.count)
        longest = max(longest, scalars.count)
        if (count + 1) * 2 > slots.count {
            slots = Array(repeating: 0, count: slots.count * 2)
            for existing in 0..<count { place(existing) }
        } else {
            place(id)
        }
        return id
    }

    /// The id of `word`, or `-1` when no phrase of the vocabulary holds it.
    func id(of word: String) -> Int {
        let scalars = Array(word.unicodeScalars)
        return scalars.withUnsafeBufferPointer { id(of: $0, 0..<$0.count) }
    }

    /// The id of the one-scalar word `scalar` (already lowercased), or `-1`.
    func id(of scalar: Unicode.Scalar) -> Int {
        guard longest >= 1 else { return -1 }
        let hash = Self.mix(Self.offsetBasis, scalar)
        var slot = self.slot(of: hash)
        while true {
            let entry = slots[slot]
            if entry == 0 { return -1 }
            let id = Int(truncatingIfNeeded: entry & 0xffff_ffff) - 1
            if entry >> 32 == hash & 0xffff_ffff, bounds[id + 1] - bounds[id] == 1, storage[bounds[id]] == scalar { return id }
            slot = (slot + 1) & (slots.count - 1)
        }
    }

    /// The id of the text `scalars[range]`, lowercased as ``Tokenizer/key(_:_:)`` does, or `-1`.
    func id(of scalars: UnsafeBufferPointer<Unicode.Scalar>, _ range: Range<Int>) -> Int {
        guard range.count <= longest, range.count > 0 else { return -1 }
        var hash = Self.offsetBasis
        for index in range { hash = Self.mix(hash, Tokenizer.lowered(scalars[index])) }
        return id(of: scalars, range, hash: hash)
    }

    /// The id of the text `scalars[range]` whose lowercased scalars hash (``mix(_:_:)`` from
    /// ``offsetBasis``) to `hash`, or `-1`.
    @inline(__always)
    func id(of scalars: UnsafeBufferPointer<Unicode.Scalar>, _ range: Range<Int>, hash: UInt64) -> Int {
        let length = range.count
        guard length <= longest, length > 0 else { return -1 }
        var slot = self.slot(of: hash)
        while true {
            let entry = slots[slot]
            if entry == 0 { return -1 }
            let id = Int(truncatingIfNeeded: entry & 0xffff_ffff) - 1
            if entry >> 32 == hash & 0xffff_ffff, bounds[id + 1] - bounds[id] == length {
                if matches(id, scalars, range.lowerBound, length) { return id }
            }
            slot = (slot + 1) & (slots.count - 1)
        }
    }

    /// Whether word `id` (of `length` scalars) is `scalars[lower..<lower + length]` lowercased.
    @inline(__always)
    private func matches(_ id: Int, _ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ lower: Int, _ length: Int) -> Bool {
        storage.withUnsafeBufferPointer { storage in
            let start = bounds[id]
            for offset in 0..<length {
                let stored = storage[start + offset]
                let scalar = scalars[lower + offset]
                // text mostly in lowercase already: lowercase only when they differ
                if stored != scalar, stored != Tokenizer.lowered(scalar) { return false }
            }
            return true
        }
    }

    private mutating func place(_ id: Int) {
        var hash = Self.offsetBasis
        for index in bounds[id]..<bounds[id + 1] { hash = Self.mix(hash, storage[index]) }
        var slot = self.slot(of: hash)
        while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
        slots[slot] = (hash & 0xffff_ffff) << 32 | UInt64(id + 1)
    }

    /// The first slot of a hash: its high bits after a multiply, so every scalar counts.
    @inline(__always)
    private func slot(of hash: UInt64) -> Int {
        Int(truncatingIfNeeded: (hash &* 0x9e37_79b9_7f4a_7c15) >> 32) & (slots.count - 1)
    }

    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    /// One FNV-1a step over a scalar's value.
    @inline(__always)
    static func mix(_ hash: UInt64, _ scalar: Unicode.Scalar) -> UInt64 {
        mix(hash, scalar.value)
    }

    /// One FNV-1a step over a scalar value.
    @inline(__always)
    static func mix(_ hash: UInt64, _ value: UInt32) -> UInt64 {
        (hash ^ UInt64(value)) &* 0x0000_0100_0000_01b3
    }
}

/// A lookup of multi-word phrases by their first word, each with an integer payload.
///
/// Lookups are one dictionary access on the token's word id plus a comparison of the few phrases
/// that share a first word; the longest phrase wins. Phrases are tokenized with ``Tokenizer`` so
/// they match the text the same way (`l'invio` is `l'` · `invio`).
///
///     var words = WordIndex()
///     var table = PhraseTable()
///     table.insert("tra morti e feriti", payload: 4, words: &words)
///     table.match(tokens, at: 3)   // (length: 4, payload: 4) when tokens[3...] read "tra morti e feriti"
struct PhraseTable: Sendable {
    private struct Entry: Sendable {
        var rest: [Int]
        var payload: Int
    }

    /// Phrases by the id of their first word (a dense array: word ids are small integers).
    private var entries: [[Entry]] = []
    /// Whether a phrase starts with the word of each id: the one test most tokens need.
    private var heads: [Bool] = []
    private var count = 0
    /// The number of tokens of the longest phrase.
    private(set) var longest = 0

    /// Whether the table holds no phrase.
    var isEmpty: Bool { count == 0 }

    /// Adds a phrase; a phrase already present takes the new payload.
    mutating func insert(_ phrase: String, payload: Int, words: inout WordIndex) {
        let ids = Tokenizer.keys(of: phrase).map { words.intern($0) }
        guard let first = ids.first else { return }
        let rest = Array(ids.dropFirst())
        if entries.count <= first {
            entries.append(contentsOf: repeatElement([], count: first + 1 - entries.count))
            heads.append(contentsOf: repeatElement(false, count: first + 1 - heads.count))
        }
        heads[first] = true
        longest = max(longest, ids.count)
        if let existing = entries[first].firstIndex(where: { $0.rest == rest }) {
            entries[first][existing].payload = payload
        } else {
            entries[first].append(Entry(rest: rest, payload: payload))
            entries[first].sort { $0.rest.count > $1.rest.count }
            count += 1
        }
    }

    /// The longest phrase starting at `tokens[index]` (ending by `limit`), as its length in
    /// tokens and its payload.
    @inline(__always)
    func match(_ tokens: [Token], at index: Int, limit: Int? = nil) -> (length: Int, payload: Int)? {
        let end = limit ?? tokens.count
        guard index >= 0, index < end else { return nil }
        let id = tokens[index].id
        guard id >= 0, id < heads.count, heads[id] else { return nil }
        return match(tokens, at: index, end: end, id: id)
    }

    private func match(_ tokens: [Token], at index: Int, end: Int, id: Int) -> (length: Int, payload: Int)? {
        for entry in entries[id] where index + 1 + entry.rest.count <= end {
            var matches = true
            for (offset, word) in entry.rest.enumerated() where tokens[index + 1 + offset].id != word {
                matches = false
                break
            }
            if matches { return (entry.rest.count + 1, entry.payload) }
        }
        return nil
    }

    /// Whether a phrase starts at `tokens[index]`.
    @inline(__always)
    func contains(_ tokens: [Token], at index: Int) -> Bool {
        match(tokens, at: index) != nil
    }
}
