import Foundation
import PipelineCore

/// Title, publication date and outlet of an HTML page, from the most explicit source available.
///
/// - title: `og:title` / `twitter:title`, then the article's `<h1>`, then `<title>`, each without a
///   trailing ` | Outlet` (`"Kim invia truppe | Il Post"` → `"Kim invia truppe"`);
/// - published: `article:published_time` and similar meta tags, JSON-LD `datePublished`,
///   `<time datetime>`, then a date in the canonical URL or the file path (`/2025/02/13/`);
/// - outlet: `og:site_name`, JSON-LD `publisher.name`, `application-name`.
struct PageMetadata {
    var title: String?
    var published: PartialDate?
    var outlet: String?

    private static let dateKeys = [
        "article:published_time", "og:article:published_time", "datepublished", "article.published",
        "og:published_time", "published_time", "pubdate", "publishdate", "publish-date", "publish_date",
        "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.created",
        "dcterms.date", "date", "article:modified_time", "datemodified",
    ]

    init(page: PageModel, main: MainTextExtractor.Result, path: String) {
        let metas = page.metas
        func meta(_ key: String) -> String? {
            metas.first { $0.key == key }.map { TextCleanup.collapseSpaces($0.value) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        let ld = JSONLDFacts(page.jsonLD)

        var outlet = meta("og:site_name") ?? ld.publisher ?? meta("application-name")
        if let o = outlet, o.unicodeScalars.count > 80 { outlet = nil }

        var title: String?
        if let og = meta("og:title") ?? meta("twitter:title") ?? ld.headline { title = Self.stripSiteSuffix(og, outlet: outlet) }
        if title == nil, let h1 = Self.headline(page: page, container: main.container) { title = h1 }
        if title == nil, let t = page.titleText.map({ TextCleanup.collapseSpaces($0) }), !t.isEmpty {
            title = Self.stripSiteSuffix(t, outlet: outlet)
        }
        self.title = title.map { TextCleanup.nfc($0) }
        self.outlet = outlet.map { TextCleanup.nfc($0) }

        var published: PartialDate?
        for key in Self.dateKeys {
            if let value = meta(key), let date = Self.parseDate(value) { published = date; break }
        }
        if published == nil, let value = ld.datePublished { published = Self.parseDate(value) }
        if published == nil {
            let inside = page.times.first { main.container >= 0 && page.isInside($0.element, main.container) }
            if let value = (inside ?? page.times.first)?.value { published = Self.parseDate(value) }
        }
        if published == nil {
            for url in [page.canonical, meta("og:url"), path].compactMap({ $0 }) {
                if let date = Self.dateInPath(url) { published = date; break }
            }
        }
        self.published = published
    }

    /// The first `<h1>` of the article: inside the chosen container, else the last one before it.
    static func headline(page: PageModel, container: Int32) -> String? {
        var before: String?
        for block in page.blocks where page.elements[Int(block.owner)].tag == .h1 {
            guard block.chars >= 8 else { continue }
            if container >= 0 && page.isInside(block.owner, container) { return page.string(of: block) }
            if container < 0 || block.owner < container { before = page.string(of: block) }
        }
        return before
    }

    /// Separators that put the site name after a headline.
    private static let separators = [" | ", " - ", " \u{2013} ", " \u{2014} ", " :: ", " \u{00BB} ", " \u{00B7} ", " / "]

    /// `"Kim invia truppe - Il Sole 24 Ore"` → `"Kim invia truppe"` when the tail names the outlet or
    /// is a short name after a longer headline.
    static func stripSiteSuffix(_ title: String, outlet: String?) -> String {
        var best = title
        for separator in separators {
            guard let cut = title.range(of: separator, options: .backwards) else { continue }
            let head = String(title[..<cut.lowerBound]).trimmingSpaces
            let tail = String(title[cut.upperBound...]).trimmingSpaces
            guard !head.isEmpty else { continue }
            let namesOutlet = outlet.map { TextCleanup.key($0).filter { !$0.isWhitespace } == TextCleanup.key(tail).filter { !$0.isWhitespace } } ?? false
            let shortName = TextCleanup.wordCount(tail) <= 4 && TextCleanup.wordCount(head) >= 4
                && !tail.contains(",") && tail.first.map { $0.isUppercase || $0.isNumber } == true
            if namesOutlet || shortName {
                if head.count < best.count { best = head }
            }
        }
        return best
    }

    /// Parses `2025-02-13T10:00:00+01:00`, `2025-02-13 10:00`, `2025/02/13` or `13/02/2025`.
    static func parseDate(_ value: String) -> PartialDate? {
        let text = value.trimmingSpaces
        let digits = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= digits.count else { return nil }
            var n = 0
            for i in range {
                guard digits[i] >= 0x30 && digits[i] <= 0x39 else { return nil }
                n = n * 10 + Int(digits[i] - 0x30)
            }
            return n
        }
        if let y = number(0..<4), digits.count >= 10, digits[4] == digits[7], digits[4] == 0x2D || digits[4] == 0x2F,
            let m = number(5..<7), let d = number(8..<10)
        {
            return valid(y, m, d)
        }
        if let d = number(0..<2), digits.count >= 10, digits[2] == 0x2F || digits[2] == 0x2E, digits[2] == digits[5],
            let m = number(3..<5), let y = number(6..<10)
        {
            return valid(y, m, d)
        }
        if let y = number(0..<4), let m = number(4..<6), let d = number(6..<8), digits.count == 8 || (digits.count > 8 && digits[8] == 0x54) {
            return valid(y, m, d)
        }
        return nil
    }

    private static func valid(_ y: Int, _ m: Int, _ d: Int) -> PartialDate? {
        guard (1990...2100).contains(y), (1...12).contains(m), d >= 1, d <= CalendarMath.daysInMonth(year: y, month: m) else {
            return nil
        }
        return PartialDate(year: y, month: m, day: d)
    }

    /// A date in a URL or path: `/2025/02/13/`, `/2025/02/`, `2025-02-13` or `20250213` between separators.
    static func dateInPath(_ path: String) -> PartialDate? {
        let parts = path.split(whereSeparator: { $0 == "/" || $0 == "?" || $0 == "&" || $0 == "=" || $0 == "_" }).map(String.init)
        for (i, part) in parts.enumerated() {
            if part.count == 4, let y = Int(part), (1990...2100).contains(y), i + 1 < parts.count,
                parts[i + 1].count == 2, let m = Int(parts[i + 1]), (1...12).contains(m)
            {
                if i + 2 < parts.count, parts[i + 2].count == 2, let d = Int(parts[i + 2]),
                    d >= 1, d <= CalendarMath.daysInMonth(year: y, month: m)
                {
                    return PartialDate(year: y, month: m, day: d)
                }
                return PartialDate(year: y, month: m)
            }
            let prefix = String(part.prefix(10))
            if prefix.count == 10, let date = parseDate(prefix), prefix.contains("-") { return date }
        }
        return nil
    }
}

/// The facts ingest reads from JSON-LD blocks: `datePublished`, `headline`, `publisher.name`,
/// searched through `@graph` arrays and nested objects.
struct JSONLDFacts {
    var datePublished: String?
    var headline: String?
    var publisher: String?

    init(_ scripts: [String]) {
        for script in scripts {
            guard let data = script.data(using: .utf8),
                let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            else { continue }
            visit(object, depth: 0)
        }
    }

    private mutating func visit(_ object: Any, depth: Int) {
        guard depth < 12 else { return }
        if let array = object as? [Any] {
            for item in array { visit(item, depth: depth + 1) }
            return
        }
        guard let dict = object as? [String: Any] else { return }
        if datePublished == nil, let value = dict["datePublished"] as? String { datePublished = value }
        if headline == nil, let value = dict["headline"] as? String, !value.isEmpty { headline = value }
        if publisher == nil, let pub = dict["publisher"] {
            if let p = pub as? [String: Any], let name = p["name"] as? String { publisher = name }
            if let list = pub as? [Any], let p = list.first as? [String: Any], let name = p["name"] as? String { publisher = name }
        }
        for key in dict.keys.sorted() where key != "publisher" {
            if let value = dict[key], value is [Any] || value is [String: Any] { visit(value, depth: depth + 1) }
        }
    }
}
