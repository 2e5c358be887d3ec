/// One word, number or punctuation mark of a sentence, with its offsets in the document.
struct Token: Sendable, Hashable {
    /// What kind of text the token holds.
    enum Kind: Sendable, Hashable {
        case word
        case number
        case punctuation
    }

    /// Start offset (Unicode scalars, inclusive).
    var start: Int
    /// End offset (exclusive).
    var end: Int
    /// Lowercased text, with typographic apostrophes turned into `'`.
    var key: String
    var kind: Kind
    /// Whether the first scalar is an uppercase letter (`Zelensky`, `NIS`).
    var isCapitalized: Bool
    /// The vocabulary's id for `key` (see ``WordIndex``), `-1` when unknown.
    var id: Int = -1

    var isWord: Bool { kind == .word }
    var isPunctuation: Bool { kind == .punctuation }
}

/// Splits text into tokens in one pass.
///
/// Words keep inner hyphens (`Jong-un`) and end after an elision apostrophe (`l'`, `dell'`);
/// numbers keep inner separators (`1.500`, `2,5`, `10'000`); any other non-space scalar is a
/// punctuation token of its own.
///
///     Tokenizer.tokens(of: Array("dell’intelligence: 1.500 soldati".unicodeScalars), in: 0..<33)
///     // dell' · intelligence · : · 1.500 · soldati
///
/// - Complexity: O(n) in the length of the range.
enum Tokenizer {
    /// Tokens of `scalars[range]`; offsets are positions in `scalars`; `words` gives their ids.
    static func tokens(of scalars: [Unicode.Scalar], in range: Range<Int>, words: WordIndex? = nil) -> [Token] {
        var tokens: [Token] = []
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            let scalar = scalars[index]
            if isSpace(scalar) {
                index += 1
                continue
            }
            guard isAlphanumeric(scalar) else {
                let text = key(scalars, index..<(index + 1))
                tokens.append(Token(start: index, end: index + 1, key: text, kind: .punctuation, isCapitalized: false, id: words?.id(of: text) ?? -1))
                index += 1
                continue
            }
            var next = index + 1
            while next < end {
                let current = scalars[next]
                if isAlphanumeric(current) {
                    next += 1
                } else if current == "-", isLetter(scalars[next - 1]), next + 1 < end, isLetter(scalars[next + 1]) {
                    next += 1
                } else if isNumberSeparator(current), isDigit(scalars[next - 1]), next + 1 < end, isDigit(scalars[next + 1]) {
                    next += 1
                } else if isApostrophe(current), isLetter(scalars[next - 1]) {
                    next += 1
                    break
                } else {
                    break
                }
            }
            let kind: Token.Kind = isDigit(scalar) ? .number : .word
            let text = key(scalars, index..<next)
            tokens.append(Token(start: index, end: next, key: text, kind: kind, isCapitalized: isUppercase(scalar), id: words?.id(of: text) ?? -1))
            index = next
        }
        return tokens
    }

    /// Tokens of a vocabulary phrase, as keys.
    static func keys(of phrase: String) -> [String] {
        let scalars = Array(phrase.unicodeScalars)
        return tokens(of: scalars, in: 0..<scalars.count).map(\.key)
    }

    /// Lowercased text of `scalars[range]`, with `’`, `‘` and `ʼ` turned into `'`.
    static func key(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> String {
        // Exact length first, so words of up to 15 bytes stay small strings (no allocation).
        var capacity = 0
        for index in range {
            capacity += scalars[index].isASCII ? 1 : 4
        }
        return String(unsafeUninitializedCapacity: capacity) { buffer in
            var length = 0
            for index in range {
                let scalar = scalars[index]
                if scalar.isASCII {
                    let value = UInt8(scalar.value)
                    buffer[length] = value >= 65 && value <= 90 ? value + 32 : value
                    length += 1
                    continue
                }
                let lowered: Unicode.Scalar
                if isApostrophe(scalar) {
                    lowered = "'"
                } else if scalar.properties.isUppercase, let mapped = scalar.properties.lowercaseMapping.unicodeScalars.first,
                          scalar.properties.lowercaseMapping.unicodeScalars.count == 1 {
                    lowered = mapped
                } else {
                    lowered = scalar
                }
                for byte in UTF8.encode(lowered)! {
                    buffer[length] = byte
                    length += 1
                }
            }
            return length
        }
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || (scalar.value >= 9 && scalar.value <= 13) }
        return scalar.properties.isWhitespace
    }

    static func isUppercase(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar.value >= 65 && scalar.value <= 90 }
        return scalar.properties.isUppercase
    }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (value >= 65 && value <= 90) || (value >= 97 && value <= 122)
        }
        return scalar.properties.isAlphabetic
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 48 && scalar.value <= 57
    }

    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        isLetter(scalar) || isDigit(scalar) || (!scalar.isASCII && scalar.properties.numericType != nil)
    }

    static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "'" || scalar == "\u{2019}" || scalar == "\u{2018}" || scalar == "\u{02BC}"
    }

    static func isNumberSeparator(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "." || scalar == "," || isApostrophe(scalar)
    }
}
