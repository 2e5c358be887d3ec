import Foundation

/// Removes paragraphs that only repeat the headline (as a subtitle, a caption, or `Titolo - sito`),
/// so its words and figures are read once.
///
///     // headline: "Seul: altri 800 genieri di Pyongyang nel Kursk"
///     // "Seul: altri 800 genieri di Pyongyang nel Kursk Seul: altri 800 genieri di Pyongyang nel Kursk"  → removed
///     // "Seul: altri 800 genieri di Pyongyang nel Kursk - cronacheest.it"                         → removed, outlet "cronacheest.it"
enum HeadlineCollapser {
    /// Separators between a repeated headline and the site name after it.
    private static let suffixSeparators = [" - ", " | ", " \u{2013} ", " \u{2014} ", " :: ", " \u{00B7} "]

    /// Drops repeats of the headline after ``DraftDocument/headlineIndex``; returns the site name
    /// found after a repeat (`… - cronacheest.it`), if any.
    @discardableResult
    static func collapse(_ draft: inout DraftDocument) -> String? {
        guard let headline = draft.headlineIndex, let title = draft.title else { return nil }
        let titleKey = TextCleanup.key(title)
        guard titleKey.count >= 12 else { return nil }
        var site: String?
        var kept: [String] = []
        var newBodyStart = draft.bodyStart
        for (i, paragraph) in draft.paragraphs.enumerated() {
            if i > headline, let verdict = repeatVerdict(paragraph, titleKey: titleKey) {
                if let suffix = verdict, site == nil { site = suffix }
                if i < draft.bodyStart { newBodyStart -= 1 }
                continue
            }
            kept.append(paragraph)
        }
        if kept.count != draft.paragraphs.count {
            draft.paragraphs = kept
            draft.bodyStart = min(newBodyStart, kept.count)
        }
        return site
    }

    /// nil when `paragraph` is not a repeat; `.some(nil)` for a bare repeat; `.some(site)` for a
    /// repeat followed by a site name.
    private static func repeatVerdict(_ paragraph: String, titleKey: String) -> String?? {
        // A repeat is the headline a few times plus at most a short site name.
        let length = paragraph.utf8.count
        guard length <= titleKey.utf8.count * 4 + 120, length + 8 >= titleKey.utf8.count else { return nil }
        guard let first = paragraph.first, let titleFirst = titleKey.first,
            first.lowercased() == String(titleFirst) || !first.isLetter
        else { return nil }
        let key = TextCleanup.key(paragraph)
        var rest = Substring(key)
        var repeats = 0
        while rest.hasPrefix(titleKey) {
            repeats += 1
            rest = rest.dropFirst(titleKey.count)
            while rest.first == " " { rest = rest.dropFirst() }
        }
        guard repeats > 0 else { return nil }
        if rest.isEmpty { return .some(nil) }
        // A short tail after a separator is the site name.
        for separator in suffixSeparators {
            let mark = separator.trimmingSpaces
            guard rest.hasPrefix(mark) else { continue }
            let siteKey = rest.dropFirst(mark.count).drop { $0 == " " }
            guard !siteKey.isEmpty, siteKey.count <= 40, TextCleanup.wordCount(siteKey) <= 4 else { return nil }
            guard let cut = paragraph.range(of: separator, options: .backwards) else { return .some(nil) }
            return .some(paragraph[cut.upperBound...].trimmingSpaces)
        }
        return nil
    }
}

extension StringProtocol {
    /// The string without leading and trailing spaces.
    var trimmingSpaces: String {
        var s = Substring(String(self))
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
