/// One word, number or punctuation mark of a sentence, with its offsets in the document.
///
/// A token holds no text of its own: rules compare word ids (``WordIndex``), and the few that
/// need the text read it from the document's scalars with ``Tokenizer/key(_:_:)``.
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
    /// The vocabulary's id for the lowercased text (see ``WordIndex``), `-1` when unknown.
    var id: Int
    var kind: Kind
    /// Whether the first scalar is an uppercase letter (`Zelensky`, `NIS`).
    var isCapitalized: Bool
    /// The first scalar, lowercased, with typographic apostrophes turned into `'` (for
    /// punctuation, the whole token: `;`, `(`).
    var first: Unicode.Scalar

    var isWord: Bool { kind == .word }
    var isPunctuation: Bool { kind == .punctuation }

    /// Whether the token is the punctuation mark `mark`.
    func isMark(_ mark: Unicode.Scalar) -> Bool { kind == .punctuation && first == mark }
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
    /// With `prefix`, stops once that many tokens have been read from the first word on.
    static func tokens(of scalars: [Unicode.Scalar], in range: Range<Int>, words: WordIndex? = nil, prefix: Int = .max) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(prefix < range.count ? prefix + 4 : range.count / 4 + 4)
        var firstWord = Int.max
        scalars.withUnsafeBufferPointer { scalars in
            var index = range.lowerBound
            let end = range.upperBound
            while index < end {
                if tokens.count >= firstWord, tokens.count - firstWord >= prefix { break }
                let scalar = scalars[index]
                if isSpace(scalar) {
                    index += 1
                    // the run of spaces at once (mostly a single ASCII space)
                    while index < end, isSpace(scalars[index]) { index += 1 }
                    continue
                }
                let first = lowered(scalar)
                guard isAlphanumeric(scalar) else {
                    tokens.append(Token(start: index, end: index + 1, id: words?.id(of: first) ?? -1, kind: .punctuation, isCapitalized: false, first: first))
                    index += 1
                    continue
                }
                // The word's key is hashed as it is read (see `WordIndex.id(of:_:hash:)`).
                var hash = WordIndex.mix(WordIndex.offsetBasis, first)
                var next = index + 1
                while next < end {
                    // ASCII letters and digits, the bulk of a word, in a tight loop: `| 0x20`
                    // lowercases a letter and leaves a digit as it is
                    var value = scalars[next].value
                    while ((value | 0x20) &- 97) < 26 || (value &- 48) < 10 {
                        hash = WordIndex.mix(hash, value | 0x20)
                        next += 1
                        guard next < end else { break }
                        value = scalars[next].value
                    }
                    // a space ends most words
                    guard next < end, value != 0x20 else { break }
                    let current = scalars[next]
                    if isAlphanumeric(current) {
                        hash = WordIndex.mix(hash, lowered(current))
                        next += 1
                    } else if current == "-", isLetter(scalars[next - 1]), next + 1 < end, isLetter(scalars[next + 1]) {
                        hash = WordIndex.mix(hash, current)
                        next += 1
                    } else if isNumberSeparator(current), isDigit(scalars[next - 1]), next + 1 < end, isDigit(scalars[next + 1]) {
                        hash = WordIndex.mix(hash, lowered(current))
                        next += 1
                    } else if isApostrophe(current), isLetter(scalars[next - 1]) {
                        hash = WordIndex.mix(hash, "'")
                        next += 1
                        break
                    } else {
                        break
                    }
                }
                let kind: Token.Kind = isDigit(scalar) ? .number : .word
                if kind == .word, firstWord == .max { firstWord = tokens.count }
                let id = words?.id(of: scalars, index..<next, hash: hash) ?? -1
                tokens.append(Token(start: index, end: next, id: id, kind: kind, isCapitalized: isUppercase(scalar), first: first))
                index = next
            }
        }
        return tokens
    }

    /// Tokens of a vocabulary phrase, as keys.
    static func keys(of phrase: String) -> [String] {
        let scalars = Array(phrase.unicodeScalars)
        return tokens(of: scalars, in: 0..<scalars.count).map { key(scalars, $0.start..<$0.end) }
    }

    /// `scalar` as it appears in a key: lowercased (when it lowercases to one scalar), with `’`,
    /// `‘` and `ʼ` turned into `'`.
    @inline(__always)
    static func lowered(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.isASCII {
            let value = scalar.value
            return value >= 65 && value <= 90 ? Unicode.Scalar(UInt8(value + 32)) : scalar
        }
        return loweredNonASCII(scalar)
    }

    @inline(never)
    private static func loweredNonASCII(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if isApostrophe(scalar) { return "'" }
        if scalar.properties.isUppercase {
            let mapping = scalar.properties.lowercaseMapping.unicodeScalars
            if mapping.count == 1, let mapped = mapping.first { return mapped }
        }
        return scalar
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
                let lowered = lowered(scalar)
                for byte in UTF8.encode(lowered)! {
                    buffer[length] = byte
                    length += 1
                }
            }
            return length
        }
    }

    @inline(__always)
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || (scalar.value &- 9) < 5 }
        return isSpaceNonASCII(scalar)
    }

    // Out of line: `Unicode.Scalar.Properties` is resilient, and inlined it costs every caller a
    // metadata lookup on entry.
    @inline(never)
    private static func isSpaceNonASCII(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace
    }

    @inline(__always)
    static func isUppercase(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return (scalar.value &- 65) < 26 }
        return isUppercaseNonASCII(scalar)
    }

    // Out of line: `Unicode.Scalar.Properties` is resilient, and inlined it costs every caller a
    // metadata lookup on entry.
    @inline(never)
    private static func isUppercaseNonASCII(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isUppercase
    }

    @inline(__always)
    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return ((scalar.value | 0x20) &- 97) < 26 }
        return isLetterNonASCII(scalar)
    }

    // Out of line: `Unicode.Scalar.Properties` is resilient, and inlined it costs every caller a
    // metadata lookup on entry.
    @inline(never)
    private static func isLetterNonASCII(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic
    }

    @inline(__always)
    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value &- 48) < 10
    }

    @inline(__always)
    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return ((scalar.value | 0x20) &- 97) < 26 || (scalar.value &- 48) < 10 }
        return isAlphanumericNonASCII(scalar)
    }

    // Out of line: `Unicode.Scalar.Properties` is resilient, and inlined it costs every caller a
    // metadata lookup on entry.
    @inline(never)
    private static func isAlphanumericNonASCII(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "'" || scalar == "\u{2019}" || scalar == "\u{2018}" || scalar == "\u{02BC}"
    }

    static func isNumberSeparator(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "." || scalar == "," || isApostrophe(scalar)
    }
}
