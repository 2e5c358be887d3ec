/// What one token is.
enum TokenKind: UInt8 {
    /// A run of letters (any script); `word` holds its lexicon id when known.
    case word
    /// A run of ASCII digits.
    case digits
    /// One punctuation or symbol scalar (`ch`), dashes folded to `-` and apostrophes to `'`.
    case punct
}

/// One token of the text, with its offsets in Unicode scalars and in UTF-8 bytes.
struct Token {
    var kind: TokenKind
    /// Whitespace before the token: 0 none, 1 one space, 2 more spaces or tabs, 3 a line break.
    var gap: UInt8
    /// The punctuation scalar (for `.punct`), or the first byte (for words and digits).
    var ch: UInt32
    var start: Int32
    var end: Int32
    var byteStart: Int32
    var byteEnd: Int32
    /// Lexicon id of the folded word, or -1.
    var word: Int32
    /// Index into `Lexed.numberWords` when the word is a cardinal or ordinal number word, or -1.
    var number: Int32
}

/// A cardinal or ordinal number word, decomposed into morphemes (`duemilacinquecento` = 2500).
struct WordNumber {
    var value: Double
    /// The largest value that may follow and be added (`duecentomila` + `trecento`): 1 when none.
    var slot: Double
    /// Ordinal (`terzo`, `ventunesimo`): ends in o, a, i or e.
    var ordinalEnding: UInt8
    var isOrdinal: Bool { ordinalEnding != 0 }
}

/// Tokens of one text plus the number words found in it. `tokens` is allocated by the lexer and
/// owned by whoever takes it (the `Context`, which frees it).
struct Lexed {
    var tokens: UnsafeMutableBufferPointer<Token>
    var numberWords: [WordNumber] = []
}

/// The tokens being written by the lexer: a plain growing buffer, so that adding a token is a
/// store (no uniqueness or capacity call per token); `finish` turns it into the array.
private struct TokenBuffer: ~Copyable {
    private var base: UnsafeMutablePointer<Token>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    @inline(__always)
    mutating func append(_ token: Token) {
        if count == capacity { grow() }
        (base + count).initialize(to: token)
        count &+= 1
    }

    private mutating func grow() {
        let bigger = UnsafeMutablePointer<Token>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }

    /// The tokens; the caller owns the buffer and must deallocate it.
    consuming func finish() -> UnsafeMutableBufferPointer<Token> {
        let tokens = UnsafeMutableBufferPointer(start: base, count: count)
        discard self
        return tokens
    }

    deinit { base.deallocate() }
}

/// Byte classes for the lexer's single pass.
private enum ByteClass: UInt8 { case other = 0, space, newline, digit, letter, high }

extension ByteClass {
    @inline(__always) init(byte b: UInt8) {
        if b >= 0x80 { self = .high; return }
        if b &- 0x61 < 26 || b &- 0x41 < 26 { self = .letter; return }
        if b &- 0x30 < 10 { self = .digit; return }
        if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0B || b == 0x0C { self = .space; return }
        self = b == 0x0A ? .newline : .other
    }
}

/// Splits text into tokens in one linear pass over its UTF-8 bytes.
struct Lexer {
    let lexicon: Lexicon

    /// Classifies a non-ASCII scalar: 0 letter, 1 whitespace, 2 punctuation.
    @inline(__always)
    private static func highClass(_ scalar: UInt32) -> UInt8 {
        switch scalar {
        case 0xA0, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return 1
        case 0xA1...0xBF, 0xD7, 0xF7, 0x2010...0x2027, 0x2030...0x205E, 0x20A0...0x20CF, 0x2190...0x23FF,
             0x2500...0x27BF, 0xFE50...0xFE6F, 0xFF01...0xFF0F:
            return 2
        default: return 0
        }
    }

    /// Decodes the scalar starting at `i`; returns it and its length in bytes (1 for malformed input).
    @inline(__always)
    private static func decode(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
        let b0 = UInt32(p[i])
        let n = p.count
        if b0 < 0xE0, b0 >= 0xC0, i + 1 < n { return (((b0 & 0x1F) << 6) | (UInt32(p[i + 1]) & 0x3F), 2) }
        if b0 < 0xF0, b0 >= 0xE0, i + 2 < n {
            return (((b0 & 0x0F) << 12) | ((UInt32(p[i + 1]) & 0x3F) << 6) | (UInt32(p[i + 2]) & 0x3F), 3)
        }
        if b0 >= 0xF0, i + 3 < n {
            return (((b0 & 0x07) << 18) | ((UInt32(p[i + 1]) & 0x3F) << 12) | ((UInt32(p[i + 2]) & 0x3F) << 6)
                | (UInt32(p[i + 3]) & 0x3F), 4)
        }
        return (0xFFFD, 1)
    }

    /// Folds punctuation variants: typographic apostrophes to `'`, dashes to `-`.
    @inline(__always)
    private static func normalizePunct(_ c: UInt32) -> UInt32 {
        switch c {
        case 0x2018, 0x2019, 0x201B, 0x2032, 0x60, 0xB4: return 0x27
        case 0x2010...0x2015, 0x2212: return 0x2D
        default: return c
        }
    }

    /// Tokenizes UTF-8 `bytes`.
    /// - Complexity: O(n) in the byte count; each word is folded and looked up once.
    func lex(_ p: UnsafeBufferPointer<UInt8>) -> Lexed {
        // 64 bytes for the folded word, and 8 more so that `WordTable.hash` may read past its end.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 72) { scratch in
            scratch.initialize(repeating: 0)
            return lex(p, scratch: UnsafeMutableBufferPointer(rebasing: scratch[0..<64]))
        }
    }

    private func lex(_ p: UnsafeBufferPointer<UInt8>, scratch folded: UnsafeMutableBufferPointer<UInt8>) -> Lexed {
        var tokens = TokenBuffer(capacity: p.count / 4 + 16)
        var numberWords: [WordNumber] = []
        numberWords.reserveCapacity(p.count / 64 + 4)
        let n = p.count
        var i = 0
        var scalar = 0
        var gap: UInt8 = 1  // the first token counts as preceded by a space
        while i < n {
            let b = p[i]
            if b == 0x20 {  // the commonest byte first: a plain space
                if gap < 2 { gap &+= 1 }
                i &+= 1; scalar &+= 1
                continue
            }
            switch ByteClass(byte: b) {
            case .space:
                if gap == 0 { gap = 1 } else if gap == 1 { gap = 2 }
                i += 1; scalar += 1
            case .newline:
                gap = 3; i += 1; scalar += 1
            case .digit:
                let s0 = scalar, b0 = i
                while i < n, p[i] &- 0x30 < 10 { i += 1 }
                scalar += i - b0
                tokens.append(Token(kind: .digits, gap: gap, ch: UInt32(b), start: Int32(s0), end: Int32(scalar),
                                        byteStart: Int32(b0), byteEnd: Int32(i), word: -1, number: -1))
                gap = 0
            case .letter, .high:
                if ByteClass(byte: b) == .high {
                    let (c, len) = Lexer.decode(p, i)
                    let cls = Lexer.highClass(c)
                    if cls == 1 {
                        if gap == 0 { gap = 1 } else if gap == 1 { gap = 2 }
                        i += len; scalar += 1
                        continue
                    }
                    if cls == 2 {
                        tokens.append(Token(kind: .punct, gap: gap, ch: Lexer.normalizePunct(c), start: Int32(scalar),
                                                end: Int32(scalar + 1), byteStart: Int32(i), byteEnd: Int32(i + len),
                                                word: -1, number: -1))
                        i += len; scalar += 1; gap = 0
                        continue
                    }
                }
                // One pass: find the word's end and fold it into `folded`, one byte per scalar.
                // `folded` holds 64 bytes; a longer word keeps being measured (its bytes wrap around
                // and are never looked up).
                let s0 = scalar, b0 = i
                var len = 0
                let cap = folded.count
                while true {
                    while i < n {  // ASCII letters (a byte ≥ 0x80 or'ed with 0x20 is no letter)
                        let f = p[i] | 0x20
                        guard f &- 0x61 < 26 else { break }
                        folded[len & 63] = f
                        len &+= 1
                        i &+= 1
                    }
                    guard i < n, p[i] >= 0x80 else { break }
                    let (u, l) = Lexer.decode(p, i)
                    if Lexer.highClass(u) != 0 { break }
                    folded[len & 63] = p[i] == 0xC3 && l == 2 ? Folding.latin1Vowel(p[i + 1]) : 0xFF
                    len &+= 1
                    i &+= l
                }
                scalar += len
                var token = Token(kind: .word, gap: gap, ch: UInt32(b), start: Int32(s0), end: Int32(scalar),
                                  byteStart: Int32(b0), byteEnd: Int32(i), word: -1, number: -1)
                if len <= cap {
                    let f = UnsafeBufferPointer(rebasing: folded[0..<len])
                    let number: WordNumber?
                    if len <= lexicon.longestWord, let id = lexicon.table.find(f, hash: WordTable.hash(paddedWord: f)) {
                        token.word = Int32(id)
                        number = lexicon.wordNumbers[id]
                    } else {
                        number = lexicon.morphemes.parseWord(f)
                    }
                    if let number {
                        token.number = Int32(numberWords.count)
                        numberWords.append(number)
                    }
                }
                tokens.append(token)
                gap = 0
            case .other:
                tokens.append(Token(kind: .punct, gap: gap, ch: Lexer.normalizePunct(UInt32(b)), start: Int32(scalar),
                                        end: Int32(scalar + 1), byteStart: Int32(i), byteEnd: Int32(i + 1),
                                        word: -1, number: -1))
                i += 1; scalar += 1; gap = 0
            }
        }
        return Lexed(tokens: tokens.finish(), numberWords: numberWords)
    }
}
