import PipelineCore

/// Reads a plain-text article: one paragraph per non-empty line, an optional leading
/// ` date YYYY-MM[-DD]` marker, a headline, and an agency tag opening the body.
///
///     " date 2025-02 La Corea del Nord invia truppe\n\n(ANSA) - Pyongyang ha inviato…"
///     // text: "date 2025-02\n\nLa Corea del Nord invia truppe\n\n(ANSA) - Pyongyang ha inviato…"
///     // published 2025-02, title "La Corea del Nord invia truppe", outlet "ANSA"
enum TextFileReader {
    /// The longest line still taken for a headline, in characters.
    static let maxHeadlineChars = 220

    static func read(_ text: [UInt8]) -> DraftDocument {
        var lines: [String] = []
        var buffer: [UInt8] = []
        for line in text.split(whereSeparator: { $0 == 0x0A || $0 == 0x0D }) {
            buffer.removeAll(keepingCapacity: true)
            TextCleanup.collapseSpaces(utf8: line, into: &buffer)
            if !buffer.isEmpty { lines.append(TextCleanup.nfc(String(decoding: buffer, as: UTF8.self))) }
        }
        var paragraphs: [String] = []
        var published: PartialDate?
        if let first = lines.first, let marker = DateMarker.parse(first) {
            published = marker.date
            paragraphs.append(marker.line)
            lines.removeFirst()
            if !marker.rest.isEmpty { lines.insert(marker.rest, at: 0) }
        }
        var headlineIndex: Int?
        var title: String?
        if let first = lines.first, lines.count >= 2, looksLikeHeadline(first) {
            headlineIndex = paragraphs.count
            title = first
        }
        paragraphs += lines
        let bodyStart = headlineIndex.map { $0 + 1 } ?? (published == nil ? 0 : 1)
        let outlet = bodyStart < paragraphs.count ? AgencyTag.find(in: paragraphs[bodyStart]) : nil
        var draft = DraftDocument(
            paragraphs: paragraphs, headlineIndex: headlineIndex, bodyStart: bodyStart, title: title,
            published: published, outlet: outlet)
        let site = HeadlineCollapser.collapse(&draft)
        if draft.outlet == nil { draft.outlet = site }
        return draft
    }

    /// A short line without closing punctuation that does not open with an agency tag.
    static func looksLikeHeadline(_ line: String) -> Bool {
        let chars = line.unicodeScalars.count
        guard chars <= maxHeadlineChars, TextCleanup.wordCount(line) >= 3 else { return false }
        guard !TextCleanup.endsWithClosingPunctuation(line) else { return false }
        return AgencyTag.find(in: line) == nil
    }
}

/// The ` date YYYY-MM[-DD]` marker that opens some text files.
enum DateMarker {
    /// The marker as kept in the text (`date 2025-02`), its date, and what follows on the line.
    struct Match {
        var line: String
        var date: PartialDate
        var rest: String
    }

    static func parse(_ line: String) -> Match? {
        let trimmed = line.trimmingSpaces
        guard trimmed.lowercased().hasPrefix("date ") else { return nil }
        let afterKeyword = trimmed.dropFirst(5).drop { $0 == " " }
        let token = afterKeyword.prefix { $0.isNumber || $0 == "-" }
        guard token.count == 7 || token.count == 10, let date = PartialDate(iso: token) else { return nil }
        let rest = afterKeyword.dropFirst(token.count)
        guard rest.isEmpty || rest.first == " " else { return nil }
        return Match(line: "date " + token, date: date, rest: rest.trimmingSpaces)
    }
}

/// A news agency named in parentheses at the start of a body: `(ANSA) - …`, `(Adnkronos) – …`.
enum AgencyTag {
    /// The agency's name as written, when `paragraph` opens with a known agency tag.
    static func find(in paragraph: String) -> String? {
        guard paragraph.hasPrefix("("), let close = paragraph.firstIndex(of: ")") else { return nil }
        let name = paragraph[paragraph.index(after: paragraph.startIndex)..<close].trimmingSpaces
        guard !name.isEmpty, name.count <= 30 else { return nil }
        let agencies = PageVocabulary.shared.agencies
        if agencies.contains(name) { return name }
        // "(ANSA) ROMA" style variants: an agency followed by a place or a slash.
        let head = name.split(whereSeparator: { $0 == " " || $0 == "/" || $0 == "-" }).first.map(String.init) ?? name
        return agencies.contains(head) ? name : nil
    }
}
