/// Numbers for the words of the vocabulary, so a token is hashed once and every table is then
/// looked up by an integer. Words the vocabulary does not know get `-1` and match nothing.
struct WordIndex: Sendable {
    private var ids: [String: Int] = [:]

    /// The id of `word`, assigning a new one when it is new.
    mutating func intern(_ word: String) -> Int {
        if let id = ids[word] { return id }
        let id = ids.count
        ids[word] = id
        return id
    }

    /// The id of `word`, or `-1` when no phrase of the vocabulary holds it.
    func id(of word: String) -> Int { ids[word] ?? -1 }
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
    private var count = 0

    /// Whether the table holds no phrase.
    var isEmpty: Bool { count == 0 }

    /// Adds a phrase; a phrase already present takes the new payload.
    mutating func insert(_ phrase: String, payload: Int, words: inout WordIndex) {
        let ids = Tokenizer.keys(of: phrase).map { words.intern($0) }
        guard let first = ids.first else { return }
        let rest = Array(ids.dropFirst())
        if entries.count <= first { entries.append(contentsOf: repeatElement([], count: first + 1 - entries.count)) }
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
    func match(_ tokens: [Token], at index: Int, limit: Int? = nil) -> (length: Int, payload: Int)? {
        let end = limit ?? tokens.count
        guard index >= 0, index < end else { return nil }
        let id = tokens[index].id
        guard id >= 0, id < entries.count else { return nil }
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
    func contains(_ tokens: [Token], at index: Int) -> Bool {
        match(tokens, at: index) != nil
    }
}
