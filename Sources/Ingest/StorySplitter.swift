/// Splits a document into its stories: the main article, then the short items that some sites
/// append after it, one paragraph each, as `Titolo - corpo`.
///
///     "Colpito un deposito a Belgorod - Un attacco di droni ha distrutto nella notte un deposito…"
///     // a story titled "Colpito un deposito a Belgorod"
///
/// Only a trailing run of such paragraphs is split off, and the main article always keeps at
/// least one body paragraph; a dash inside running prose (`La Russia - ha detto Peskov - …`) does
/// not qualify because its "title" is too short or its "body" starts in lower case.
enum StorySplitter {
    /// A story as a range of paragraph indices, with its title.
    struct Range: Equatable {
        var title: String?
        var paragraphs: Swift.Range<Int>
    }

    /// The longest paragraph considered as an appended item, in UTF-8 bytes.
    static let maxItemBytes = 4_000

    /// Separators between an appended item's title and its body.
    private static let separators = [" - ", " \u{2013} ", " \u{2014} "]

    static func split(_ paragraphs: [String], bodyStart: Int, title: String?) -> [Range] {
        var items: [Range] = []
        var index = paragraphs.count - 1
        // Keep at least one body paragraph for the main story.
        while index > bodyStart, let itemTitle = itemTitle(paragraphs[index]) {
            items.append(Range(title: itemTitle, paragraphs: index..<index + 1))
            index -= 1
        }
        let main = Range(title: title, paragraphs: 0..<index + 1)
        return [main] + items.reversed()
    }

    /// The title of `paragraph` when it reads as `Titolo - corpo`.
    static func itemTitle(_ paragraph: String) -> String? {
        // Appended items are short; a long paragraph is never one, and is not searched.
        guard paragraph.utf8.count <= maxItemBytes else { return nil }
        for separator in separators {
            guard let cut = paragraph.range(of: separator) else { continue }
            let head = paragraph[..<cut.lowerBound]
            let body = paragraph[cut.upperBound...]
            let headLength = head.unicodeScalars.count
            guard headLength >= 15, headLength <= 200 else { continue }
            guard TextCleanup.wordCount(head) >= 3, !TextCleanup.endsWithClosingPunctuation(head) else { continue }
            guard !head.contains(". "), !head.contains("(") || head.contains(")") else { continue }
            guard let headFirst = head.unicodeScalars.first, startsLikeTitle(headFirst) else { continue }
            guard body.unicodeScalars.count >= 60, let bodyFirst = body.unicodeScalars.first, startsLikeTitle(bodyFirst)
            else { continue }
            guard body.contains(". ") || body.hasSuffix(".") else { continue }
            return String(head)
        }
        return nil
    }

    private static func startsLikeTitle(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isUppercase || ("0"..."9").contains(scalar) || "\"'\u{201C}\u{00AB}".unicodeScalars.contains(scalar)
    }
}
