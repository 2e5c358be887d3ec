import Foundation

/// The word lists ingest uses to judge HTML containers, loaded once from
/// `Resources/page_vocabulary.json`.
///
/// A container whose class or id says `share-bar` or `articoli-correlati` is furniture; one that
/// says `article-body` or `testo-articolo` is likely the article.
struct PageVocabulary: Sendable {
    /// Class/id substrings that mark a container as unlikely to hold the article.
    var unlikely: [[UInt8]]
    /// Class/id substrings that override ``unlikely``.
    var likely: [[UInt8]]
    /// Class/id substrings that lower a container's score.
    var negative: [[UInt8]]
    /// Whole class/id tokens that lower a container's score (`ad`, `nav`).
    var negativeTokens: Set<String>
    /// ``negativeTokens`` as bytes.
    var negativeTokenBytes: [[UInt8]]
    /// Class/id substrings that raise a container's score.
    var positive: [[UInt8]]
    /// ARIA roles of page furniture.
    var furnitureRoles: Set<String>
    /// News agencies recognized in a leading `(ANSA)` tag.
    var agencies: Set<String>

    private struct File: Decodable {
        var unlikely_class_words: [String]
        var likely_class_words: [String]
        var negative_class_words: [String]
        var negative_class_tokens: [String]
        var positive_class_words: [String]
        var furniture_roles: [String]
        var agencies: [String]
    }

    /// The shared vocabulary. A missing or malformed resource is a build defect, reported loudly.
    static let shared: PageVocabulary = {
        guard let url = Bundle.module.url(forResource: "page_vocabulary", withExtension: "json") else {
            preconditionFailure("Ingest resource page_vocabulary.json is missing from the bundle")
        }
        do {
            let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
            let bytes = { (words: [String]) in words.map { Array($0.lowercased().utf8) } }
            return PageVocabulary(
                unlikely: bytes(file.unlikely_class_words), likely: bytes(file.likely_class_words),
                negative: bytes(file.negative_class_words), negativeTokens: Set(file.negative_class_tokens),
                negativeTokenBytes: bytes(file.negative_class_tokens),
                positive: bytes(file.positive_class_words), furnitureRoles: Set(file.furniture_roles),
                agencies: Set(file.agencies))
        } catch {
            preconditionFailure("Ingest resource page_vocabulary.json is malformed: \(error)")
        }
    }()

    /// What a class or id value says about its element.
    struct Verdict: Sendable {
        /// Score adjustment: −25, 0 or +25.
        var weight: Int16
        /// Whether the element is unlikely to hold the article.
        var unlikely: Bool
    }

    /// Judges one class or id attribute value (any case).
    func verdict(for value: UnsafeBufferPointer<UInt8>) -> Verdict {
        var lower = [UInt8](repeating: 0, count: value.count)
        for i in 0..<value.count {
            let c = value[i]
            lower[i] = c >= 0x41 && c <= 0x5A ? c | 0x20 : c
        }
        let isLikely = likely.contains { contains(lower, $0) }
        let isUnlikely = !isLikely && unlikely.contains { contains(lower, $0) }
        var weight: Int16 = 0
        var isNegative = negative.contains { contains(lower, $0) }
        if !isNegative {
            // Whole tokens: `ad`, `nav` between separators, never inside `header` or `canvas`.
            var start = 0
            for i in 0...lower.count {
                let c: UInt8 = i < lower.count ? lower[i] : 0x20
                if (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) { continue }
                if i > start, negativeTokenBytes.contains(where: { $0.elementsEqual(lower[start..<i]) }) {
                    isNegative = true
                    break
                }
                start = i + 1
            }
        }
        if isNegative { weight -= 25 }
        if positive.contains(where: { contains(lower, $0) }) { weight += 25 }
        return Verdict(weight: weight, unlikely: isUnlikely)
    }

    private func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        let n = needle.count
        guard n > 0, haystack.count >= n else { return false }
        let first = needle[0]
        var i = 0
        let last = haystack.count - n
        while i <= last {
            if haystack[i] == first {
                var k = 1
                while k < n && haystack[i + k] == needle[k] { k += 1 }
                if k == n { return true }
            }
            i += 1
        }
        return false
    }
}
