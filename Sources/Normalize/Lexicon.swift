import Foundation
import PipelineCore

/// The word roles the numeral and date rules look for, as declared in `Resources/lexicon.tsv`.
enum WordRole: Int, CaseIterable, Sendable {
    case month, monthAbbr, weekday, weekdayAbbr, ordinal, last
    case collective, collectiveExact, vague, vagueExact, scale, half
    case article, and, or, between, from, to, of, `in`
    case relDay, past, next, this, unit, ago
    case monthPart, season, per, percent, cento, over, point, negative
    case clock, meridiem, suffix, after, arrival, rest, currency, some, unitDegree, now, daypart, other, plural
    case measure, minus
    /// Set on the first word of each holiday phrase (not used in `lexicon.tsv`).
    case holidayStart

    /// Parses the snake-case name used in `lexicon.tsv` (`month_abbr`).
    init?(name: String) {
        guard let role = Self.byName[name] else { return nil }
        self = role
    }

    /// Every role by its snake-case name (built once: the lexicon names a role on each line).
    private static let byName: [String: WordRole] = Dictionary(uniqueKeysWithValues: allCases.map { role in
        let snake = String(describing: role).unicodeScalars.map { $0.properties.isUppercase ? "_" + String($0).lowercased() : String($0) }.joined()
        return (snake, role)
    })

    /// Bit index of the role.
    @inline(__always) var index: Int { rawValue }
}

/// Everything the lexicon knows about one folded word.
struct WordEntry: Sendable {
    /// Bit `i` set when the word has role `WordRole.allCases[i]`.
    var roles: UInt64 = 0
    /// The value given with each role, indexed like `WordRole.allCases`.
    var values: [Double] = []

    func has(_ role: WordRole) -> Bool { roles & (1 << UInt64(role.index)) != 0 }
    func value(_ role: WordRole) -> Double { values.isEmpty ? 0 : values[role.index] }
}


/// A problem in a vocabulary file, with the file and line it was found on.
public struct VocabularyError: Error, CustomStringConvertible, Sendable {
    /// The resource file name.
    public var file: String
    /// 1-based line number (0 when the whole file is concerned).
    public var line: Int
    /// What is wrong.
    public var message: String
    /// `file:line: message`, e.g. `lexicon.tsv:12: expected word<TAB>role<TAB>value with a known role`.
    public var description: String { "\(file):\(line): \(message)" }
}

/// Folds a word for lookup: ASCII lower case, Italian accented vowels to their base letter.
/// Any other non-ASCII scalar becomes `0xFF`, which no vocabulary entry contains.
///
///     Lexicon.fold("Metà")  // "meta"
enum Folding {
    /// Folds the UTF-8 bytes of one word into `out` (at most `out.count` bytes); returns the length.
    @inline(__always)
    static func fold(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var n = 0
        var i = range.lowerBound
        while i < range.upperBound, n < out.count {
            let b = bytes[i]
            if b < 0x80 {
                out[n] = b &- 0x41 < 26 ? b | 0x20 : b
                i += 1
            } else if b == 0xC3, i + 1 < range.upperBound {
                out[n] = latin1Vowel(bytes[i + 1])
                i += 2
            } else {
                out[n] = 0xFF
                i += 1
                while i < range.upperBound, bytes[i] & 0xC0 == 0x80 { i += 1 }
            }
            n += 1
        }
        return n
    }

    /// The base vowel of a Latin-1 accented letter given its UTF-8 continuation byte after `0xC3`.
    @inline(__always)
    static func latin1Vowel(_ c: UInt8) -> UInt8 {
        switch c | 0x20 {  // 0x80–0x9F upper case map onto 0xA0–0xBF lower case
        case 0xA0...0xA5: return UInt8(ascii: "a")
        case 0xA8...0xAB: return UInt8(ascii: "e")
        case 0xAC...0xAF: return UInt8(ascii: "i")
        case 0xB2...0xB6: return UInt8(ascii: "o")
        case 0xB9...0xBC: return UInt8(ascii: "u")
        default: return 0xFF
        }
    }

    /// Folds a Swift string (used when loading vocabulary, never in the hot loop).
    static func fold(_ text: String) -> [UInt8] {
        var copy = text
        return copy.withUTF8 { buf in
            var out = [UInt8](repeating: 0, count: buf.count)
            let n = out.withUnsafeMutableBufferPointer { fold(buf, 0..<buf.count, into: $0) }
            return Array(out[0..<n])
        }
    }
}

/// Open-addressing table from folded words to small integer ids; no Swift `Hasher` involved.
/// The words' bytes live in one flat array, so a lookup touches no per-word allocation.
struct WordTable: Sendable {
    /// Per slot, the word id in the low 32 bits and the high half of its hash above (compared
    /// before the bytes), in one load; `empty` when free.
    private var slots: [UInt64]
    private static let empty = UInt64.max
    /// The folded bytes of all words, one after the other; word `id` is `bytes[starts[id]..<starts[id + 1]]`.
    private var bytes: [UInt8] = []
    private var starts: [Int32] = [0]
    private var mask: Int

    init(capacity: Int) {
        var size = 64
        while size < capacity * 4 { size <<= 1 }
        slots = Array(repeating: Self.empty, count: size)
        mask = size - 1
    }

    /// The slot entry of word `id` with hash `hash`.
    @inline(__always)
    private static func entry(_ id: Int, _ hash: Int) -> UInt64 {
        UInt64(UInt(bitPattern: hash) >> 32) << 32 | UInt64(UInt32(truncatingIfNeeded: id))
    }

    /// The table hash of a folded word: eight bytes at a time, then the tail, each step a
    /// multiply-xorshift. Only for lookups here (no output depends on it, so not `StableHash`).
    @inline(__always)
    static func hash(_ word: UnsafeBufferPointer<UInt8>) -> Int {
        let k: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(word.count)
        let raw = UnsafeRawBufferPointer(word)
        var i = 0
        while i &+ 8 <= word.count {
            h = (h ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))) &* k
            h ^= h >> 32
            i &+= 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < word.count {
            tail |= UInt64(word[i]) << shift
            shift &+= 8
            i &+= 1
        }
        h = (h ^ tail) &* k
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    /// `hash(word)` for a word followed by at least 8 readable bytes: the tail is one masked load.
    @inline(__always)
    static func hash(paddedWord word: UnsafeBufferPointer<UInt8>) -> Int {
        let k: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(word.count)
        let raw = UnsafeRawPointer(word.baseAddress!)
        var i = 0
        while i &+ 8 <= word.count {
            h = (h ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))) &* k
            h ^= h >> 32
            i &+= 8
        }
        let rest = word.count &- i  // 0…7 bytes, little-endian like the loop in `hash`
        let tail = rest == 0 ? 0 : UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) & (~0 >> (64 - 8 * UInt64(rest)))
        h = (h ^ tail) &* k
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    /// The id of `word`, inserting it when new.
    mutating func intern(_ word: [UInt8]) -> Int {
        if let id = find(word) { return id }
        let id = count
        bytes.append(contentsOf: word)
        starts.append(Int32(bytes.count))
        if count * 2 > slots.count { rehash() }
        insertSlot(id)
        return id
    }

    private mutating func insertSlot(_ id: Int) {
        let h = key(id).withUnsafeBufferPointer { WordTable.hash($0) }
        var i = h & mask
        while slots[i] != Self.empty { i = (i + 1) & mask }
        slots[i] = Self.entry(id, h)
    }

    private mutating func rehash() {
        slots = Array(repeating: Self.empty, count: slots.count * 2)
        mask = slots.count - 1
        for id in 0..<count { insertSlot(id) }
    }

    func find(_ word: [UInt8]) -> Int? {
        word.withUnsafeBufferPointer { find($0) }
    }

    @inline(__always)
    func find(_ word: UnsafeBufferPointer<UInt8>) -> Int? { find(word, hash: WordTable.hash(word)) }

    /// Looks up `word` whose hash (`WordTable.hash`) is already known.
    @inline(__always)
    func find(_ word: UnsafeBufferPointer<UInt8>, hash: Int) -> Int? {
        var i = hash & mask
        let high = Self.entry(0, hash)
        while true {
            let e = slots[i]
            if e == Self.empty { return nil }
            if e & 0xFFFF_FFFF_0000_0000 == high {
                let id = Int(UInt32(truncatingIfNeeded: e))
                if equals(id, word) { return id }
            }
            i = (i + 1) & mask
        }
    }

    /// Whether word `id` has exactly the bytes of `word`.
    @inline(__always)
    private func equals(_ id: Int, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let s = Int(starts[id]), e = Int(starts[id + 1])
        guard e - s == word.count else { return false }
        return bytes.withUnsafeBufferPointer { b in
            for k in 0..<word.count where b[s + k] != word[k] { return false }
            return true
        }
    }

    var count: Int { starts.count - 1 }

    /// The folded bytes of word `id`.
    func key(_ id: Int) -> [UInt8] { Array(bytes[Int(starts[id])..<Int(starts[id + 1])]) }
}

/// The vocabulary of the normalize stage, loaded once from `Resources/`.
///
/// Files: `lexicon.tsv` (word roles: months, weekdays, units, prepositions…),
/// `number_words.tsv` (cardinal morphemes), `qualifiers.tsv` (hedges), `holidays.tsv`.
public struct Lexicon: Sendable {
    /// Interned folded words.
    var table: WordTable
    /// Entry per word id.
    var entries: [WordEntry]
    /// Role bits per word id (bit `WordRole.rawValue`), flattened for the hot loop.
    var roleBits: [UInt64] = []
    /// Role values per word id: `roleValues[id * WordRole.allCases.count + role.rawValue]`.
    var roleValues: [Double] = []
    /// Number of roles (the stride of `roleValues`).
    var roleCount = WordRole.allCases.count
    /// Longest word in the table, in folded bytes (longer words skip the lookup).
    var longestWord = 0
    /// For each word id, the qualifier phrases that can end with it (an articulated preposition
    /// stands for its bare form: `ai` ends `fino a`).
    var qualifiersEndingWith: [[Int]] = []
    /// Ids of single words some rules name (`fino`, `ieri`, `giorno`…).
    var known = KnownWords()
    /// Qualifier phrases as word-id sequences.
    var qualifiers: [(words: [Int], qualifier: Qualifier)]
    /// Holidays as word-id sequences with their rule.
    var holidays: [(words: [Int], rule: HolidayDate)]
    /// Cardinal morphemes, for compound number words.
    var morphemes: MorphemeTrie
    /// The number each word id reads as (`morphemes.parseWord` of its folded form), decided once at
    /// load time so the lexer parses only words the table does not know.
    var wordNumbers: [WordNumber?] = []

    /// The lexicon bundled with the module (loaded on first use).
    public static let bundled: Lexicon = {
        do { return try Lexicon.load() } catch {
            // The bundled files are part of the build; an error here is a packaging defect.
            preconditionFailure("Normalize resources are invalid: \(error)")
        }
    }()

    /// Loads the vocabulary files from `directory` (default: the module's resources).
    /// - Throws: `VocabularyError` naming the file and line of a malformed row.
    public static func load(directory: URL? = nil) throws -> Lexicon {
        func read(_ name: String) throws -> [(line: Int, fields: [String])] {
            let url: URL
            if let directory { url = directory.appendingPathComponent(name) } else {
                guard let u = Bundle.module.url(forResource: name, withExtension: nil) else {
                    throw VocabularyError(file: name, line: 0, message: "resource not found in the Normalize bundle")
                }
                url = u
            }
            let text: String
            do { text = try String(contentsOf: url, encoding: .utf8) } catch {
                throw VocabularyError(file: name, line: 0, message: "cannot read: \(error.localizedDescription)")
            }
            var rows: [(Int, [String])] = []
            for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = raw.trimmingBlanks
                if line.isEmpty || line.hasPrefix("#") { continue }
                rows.append((n + 1, line.split(separator: "\t").map { $0.trimmingBlanks }))
            }
            return rows
        }
        var table = WordTable(capacity: 512)
        var entries: [WordEntry] = []
        func id(_ word: String) -> Int {
            let w = table.intern(Folding.fold(word))
            while entries.count <= w { entries.append(WordEntry(values: Array(repeating: 0, count: WordRole.allCases.count))) }
            return w
        }
        func phrase(_ text: String) -> [Int] {
            text.split(whereSeparator: { $0 == " " || $0 == "'" || $0 == "’" }).map { id(String($0)) }
        }
        for (line, f) in try read("lexicon.tsv") {
            guard f.count >= 2, let role = WordRole(name: f[1]) else {
                throw VocabularyError(file: "lexicon.tsv", line: line, message: "expected `word<TAB>role<TAB>value` with a known role")
            }
            let value = f.count > 2 ? Double(f[2]) : 0
            guard let value else { throw VocabularyError(file: "lexicon.tsv", line: line, message: "value is not a number") }
            let w = id(f[0])
            entries[w].roles |= 1 << UInt64(role.index)
            entries[w].values[role.index] = value
        }
        var qualifiers: [(words: [Int], qualifier: Qualifier)] = []
        for (line, f) in try read("qualifiers.tsv") {
            guard f.count == 2, let q = Qualifier(rawValue: f[1]) else {
                throw VocabularyError(file: "qualifiers.tsv", line: line, message: "expected `phrase<TAB>qualifier` with a known qualifier")
            }
            qualifiers.append((phrase(f[0]), q))
        }
        // Longer phrases first, so `non più di` wins over `più di`.
        qualifiers.sort { $0.words.count > $1.words.count }
        var holidays: [(words: [Int], rule: HolidayDate)] = []
        for (line, f) in try read("holidays.tsv") {
            guard f.count == 2, let rule = HolidayDate(f[1]) else {
                throw VocabularyError(file: "holidays.tsv", line: line, message: "expected `phrase<TAB>rule` (MM-DD, N:W:MM or easter+N)")
            }
            holidays.append((phrase(f[0]), rule))
        }
        holidays.sort { $0.words.count > $1.words.count }
        for h in holidays { entries[h.words[0]].roles |= 1 << UInt64(WordRole.holidayStart.index) }
        var known = KnownWords()
        for (path, word) in KnownWords.words { known[keyPath: path] = id(word) }
        var morphemes = MorphemeTrie()
        for (line, f) in try read("number_words.tsv") {
            guard f.count == 3, let v = Double(f[1]), let kind = MorphemeKind(rawValue: f[2]) else {
                throw VocabularyError(file: "number_words.tsv", line: line, message: "expected `morpheme<TAB>value<TAB>kind`")
            }
            morphemes.insert(Array(f[0].utf8), Morpheme(value: v, kind: kind))
        }
        var lexicon = Lexicon(table: table, entries: entries, qualifiers: qualifiers, holidays: holidays, morphemes: morphemes)
        lexicon.known = known
        let n = WordRole.allCases.count
        lexicon.roleBits = entries.map(\.roles)
        lexicon.longestWord = (0..<table.count).map { table.key($0).count }.max() ?? 0
        lexicon.wordNumbers = (0..<table.count).map { id in table.key(id).withUnsafeBufferPointer { morphemes.parseWord($0) } }
        lexicon.qualifiersEndingWith = Array(repeating: [], count: entries.count)
        for (k, q) in qualifiers.enumerated() {
            let lastWord = q.words[q.words.count - 1]
            let prepositions: [WordRole] = [.to, .of, .in, .from]
            if let role = prepositions.first(where: { entries[lastWord].has($0) }) {
                for w in entries.indices where entries[w].has(role) { lexicon.qualifiersEndingWith[w].append(k) }
            } else {
                lexicon.qualifiersEndingWith[lastWord].append(k)
            }
        }
        lexicon.roleValues = Array(repeating: 0, count: entries.count * n)
        for (w, e) in entries.enumerated() {
            for r in WordRole.allCases where e.has(r) { lexicon.roleValues[w * n + r.index] = e.value(r) }
        }
        return lexicon
    }

    /// The id of a folded word known to the lexicon.
    func id(_ word: String) -> Int? { table.find(Folding.fold(word)) }
}

/// Word ids the rules compare against directly.
struct KnownWords: Sendable {
    var un = -1, fino = -1, anni = -1, di = -1, a = -1, ad = -1, da = -1, `in` = -1, d = -1, prima = -1
    var ieri = -1, giornata = -1, giorno = -1, notte = -1, meno = -1, quarto = -1, gradi = -1, grado = -1, sotto = -1
    var il = -1, l = -1, entro = -1

    static var words: [(WritableKeyPath<KnownWords, Int>, String)] { [
        (\.un, "un"), (\.fino, "fino"), (\.anni, "anni"), (\.di, "di"), (\.a, "a"), (\.ad, "ad"), (\.da, "da"),
        (\.in, "in"), (\.d, "d"), (\.prima, "prima"), (\.ieri, "ieri"), (\.giornata, "giornata"), (\.giorno, "giorno"),
        (\.notte, "notte"), (\.meno, "meno"), (\.quarto, "quarto"), (\.gradi, "gradi"), (\.grado, "grado"),
        (\.sotto, "sotto"), (\.il, "il"), (\.l, "l"), (\.entro, "entro"),
    ] }
}
