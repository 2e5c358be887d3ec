/// A lookup of multi-word phrases by their first token, each with an integer payload.
///
/// Lookups are one dictionary access plus a comparison of the few phrases that share a first
/// word; the longest phrase wins. Phrases are tokenized with ``Tokenizer`` so they match the
/// text the same way (`l'invio` is `l'` · `invio`).
///
///     var table = PhraseTable()
///     table.insert("tra morti e feriti", payload: 4)
///     table.match(tokens, at: 3)   // (length: 4, payload: 4) when tokens[3...] read "tra morti e feriti"
struct PhraseTable: Sendable {
    private struct Entry: Sendable {
        var rest: [String]
        var payload: Int
    }

    private var entries: [String: [Entry]] = [:]

    /// Whether the table holds no phrase.
    var isEmpty: Bool { entries.isEmpty }

    /// Adds a phrase; a phrase already present takes the new payload.
    mutating func insert(_ phrase: String, payload: Int) {
        insert(keys: Tokenizer.keys(of: phrase), payload: payload)
    }

    /// Adds a phrase given as token keys.
    mutating func insert(keys: [String], payload: Int) {
        guard let first = keys.first else { return }
        let rest = Array(keys.dropFirst())
        var list = entries[first] ?? []
        if let existing = list.firstIndex(where: { $0.rest == rest }) {
            list[existing].payload = payload
        } else {
            list.append(Entry(rest: rest, payload: payload))
            list.sort { $0.rest.count > $1.rest.count }
        }
        entries[first] = list
    }

    /// The longest phrase starting at `tokens[index]`, as its length in tokens and its payload.
    func match(_ tokens: [Token], at index: Int, limit: Int? = nil) -> (length: Int, payload: Int)? {
        let end = limit ?? tokens.count
        guard index >= 0, index < end, let list = entries[tokens[index].key] else { return nil }
        for entry in list where index + 1 + entry.rest.count <= end {
            var matches = true
            for (offset, key) in entry.rest.enumerated() where tokens[index + 1 + offset].key != key {
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
