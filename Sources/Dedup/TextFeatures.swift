import Foundation
import PipelineCore

/// Words of a paragraph as stable hashes: lowercase runs of letters and digits.
///
///     WordHashes("L'intelligence sudcoreana: 300 soldati".unicodeScalars, stopwords: []).words.count   // 5 (l, intelligence, sudcoreana, 300, soldati)
struct WordHashes {
    /// One hash per word, in text order.
    var words: [UInt64] = []
    /// Whether each word is a content word (four letters or more, alphabetic, not a stopword).
    var isContent: [Bool] = []
    /// Each word's stem hash: the hash of its first ``stemLength`` letters.
    var stems: [UInt64] = []
    /// Letters kept by the stem.
    static let stemLength = 5

    init<Scalars: Sequence<Unicode.Scalar>>(_ paragraph: Scalars, stopwords: Set<UInt64>) {
        var hash = StableHash.fnvOffset
        var stem = StableHash.fnvOffset
        var length = 0
        var alphabetic = true
        func finish() {
            guard length > 0 else { return }
            let value = StableHash.mix(hash)
            words.append(value)
            isContent.append(alphabetic && length >= 4 && !stopwords.contains(value))
            stems.append(StableHash.mix(length > Self.stemLength ? stem : hash))
            hash = StableHash.fnvOffset
            length = 0
            alphabetic = true
        }
        for scalar in paragraph {
            let isLetter: Bool
            let isDigit: Bool
            if scalar.isASCII {
                let v = scalar.value
                isDigit = v >= 48 && v <= 57
                isLetter = (v >= 65 && v <= 90) || (v >= 97 && v <= 122)
            } else {
                isLetter = scalar.properties.isAlphabetic
                isDigit = !isLetter && scalar.properties.numericType != nil
            }
            guard isLetter || isDigit else {
                finish()
                continue
            }
            let lower: UInt32
            if scalar.isASCII {
                lower = (scalar.value >= 65 && scalar.value <= 90) ? scalar.value + 32 : scalar.value
            } else if scalar.properties.changesWhenLowercased, let first = scalar.properties.lowercaseMapping.unicodeScalars.first {
                lower = first.value
            } else {
                lower = scalar.value
            }
            // Content words are compared by their first five letters (a light stem:
            // soldato/soldati, ucciso/uccisi, militare/militari).
            if length == Self.stemLength { stem = hash }
            hash = Self.feed(hash, lower)
            length += 1
            if isDigit { alphabetic = false }
        }
        finish()
    }

    /// One FNV-1a step per Unicode scalar value (its UTF-8 bytes for ASCII, the scalar otherwise).
    @inline(__always) static func feed(_ hash: UInt64, _ scalar: UInt32) -> UInt64 {
        (hash ^ UInt64(scalar)) &* 0x0000_0100_0000_01b3
    }

    /// The hash `WordHashes` gives a single lowercase word (for stopword tables).
    static func hash(of word: String) -> UInt64 {
        WordHashes(word.unicodeScalars, stopwords: []).words.first ?? 0
    }
}

/// The vocabulary the dedup stage reads from its resources, loaded once.
enum DedupVocabulary {
    /// Hashes of the Italian stopwords in `Resources/stopwords.json`.
    static let stopwords: Set<UInt64> = {
        struct File: Decodable { var stopwords: [String] }
        guard let url = Bundle.module.url(forResource: "stopwords", withExtension: "json") else {
            preconditionFailure("Dedup: resource stopwords.json is missing from the bundle (a packaging error)")
        }
        do {
            let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
            return Set(file.stopwords.map { WordHashes.hash(of: $0.lowercased()) })
        } catch {
            preconditionFailure("Dedup: Resources/stopwords.json cannot be read: \(error)")
        }
    }()
}

/// MinHash over 32-bit shingle hashes with multiply-shift permutations drawn from a fixed seed.
///
/// Permutation `i` maps a shingle `x` to the high 32 bits of `a[i] * x + b[i]` (mod 2^64, `a[i]`
/// odd); the signature keeps the minimum per permutation, and band `j` is the stable hash of
/// rows `j*r ..< (j+1)*r`.
struct MinHasher: Sendable {
    /// Fixed seed of the permutations: the same signatures in every process and on every machine.
    static let seed: UInt64 = 0x6d69_6e68_6173_6831
    let multipliers: [UInt64]
    let offsets: [UInt64]
    let bands: Int
    let rows: Int

    init(permutations: Int, bands: Int) {
        var generator = SeededGenerator(seed: Self.seed)
        var multipliers: [UInt64] = []
        var offsets: [UInt64] = []
        for _ in 0..<max(permutations, 0) {
            multipliers.append(generator.next() | 1)
            offsets.append(generator.next())
        }
        self.multipliers = multipliers
        self.offsets = offsets
        self.bands = max(bands, 1)
        self.rows = bands > 0 ? permutations / bands : 0
    }

    /// The MinHash signature of a non-empty set.
    func signature(_ shingles: [UInt32]) -> [UInt32] {
        var signature = [UInt32](repeating: .max, count: multipliers.count)
        for index in 0..<multipliers.count {
            let a = multipliers[index]
            let b = offsets[index]
            var minimum = UInt32.max
            for x in shingles {
                let value = UInt32(truncatingIfNeeded: (a &* UInt64(x) &+ b) >> 32)
                if value < minimum { minimum = value }
            }
            signature[index] = minimum
        }
        return signature
    }

    /// One stable key per band; empty for an empty set (nothing to compare).
    func bandKeys(_ shingles: [UInt32]) -> [UInt64] {
        guard !shingles.isEmpty, rows > 0 else { return [] }
        let signature = signature(shingles)
        return (0..<bands).map { band in
            var key = StableHash.mix(UInt64(band) &+ Self.seed)
            for row in 0..<rows { key = StableHash.combine(key, UInt64(signature[band * rows + row])) }
            return key
        }
    }
}

/// Exact similarity of two sorted sets of distinct hashes.
enum SetSimilarity {
    /// Size of the intersection of two sorted, duplicate-free arrays.
    static func intersection(_ a: [UInt32], _ b: [UInt32]) -> Int {
        intersection(a, b, reaching: 0) ?? 0
    }

    /// Size of the intersection of two sorted, duplicate-free arrays, or `nil` as soon as it
    /// is certain to stay below `minimum` (the walk then stops early).
    static func intersection(_ a: [UInt32], _ b: [UInt32], reaching minimum: Int) -> Int? {
        var i = 0, j = 0, shared = 0
        while i < a.count && j < b.count {
            if shared + min(a.count - i, b.count - j) < minimum { return nil }
            let x = a[i], y = b[j]
            if x == y {
                shared += 1
                i += 1
                j += 1
            } else if x < y {
                i += 1
            } else {
                j += 1
            }
        }
        return shared < minimum ? nil : shared
    }

    /// Jaccard similarity: shared over union (0 for two empty sets).
    static func jaccard(_ a: [UInt32], _ b: [UInt32]) -> Double {
        let shared = intersection(a, b)
        let union = a.count + b.count - shared
        return union == 0 ? 0 : Double(shared) / Double(union)
    }

    /// Overlap coefficient: shared over the smaller set (0 when either is empty).
    static func containment(_ a: [UInt32], _ b: [UInt32]) -> Double {
        let smaller = min(a.count, b.count)
        return smaller == 0 ? 0 : Double(intersection(a, b)) / Double(smaller)
    }
}

extension Array where Element == UInt32 {
    /// Sorted, without duplicates.
    func sortedUnique() -> [UInt32] {
        var copy = sorted()
        var write = 0
        for read in copy.indices where read == 0 || copy[read] != copy[write - 1] {
            copy[write] = copy[read]
            write += 1
        }
        copy.removeLast(copy.count - write)
        return copy
    }
}
