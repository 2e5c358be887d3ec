import Foundation
import PipelineCore

/// An article the corpus generator starts from: a headline, a publication date and paragraphs.
///
///     SampleArticle(name: "01_nis_perdite_kursk.txt", title: "Kursk, l'intelligence sudcoreana: …",
///                   published: PartialDate(iso: "2025-01-14"), paragraphs: ["Seul – Almeno 300 soldati …"])
public struct SampleArticle: Sendable, Hashable {
    /// The file it was read from (or a generated name).
    public var name: String
    /// The headline.
    public var title: String
    /// The publication date, when the file states one.
    public var published: PartialDate?
    /// The body, one paragraph per element.
    public var paragraphs: [String]

    /// Creates an article.
    public init(name: String, title: String, published: PartialDate?, paragraphs: [String]) {
        self.name = name
        self.title = title
        self.published = published
        self.paragraphs = paragraphs
    }
}

/// Why a sample could not be read.
public enum SampleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The directory cannot be listed.
    case unreadableDirectory(String)
    /// The file cannot be decoded as text in its declared encoding.
    case undecodable(String)
    /// The file has no headline or no paragraph.
    case noArticle(String)

    public var description: String {
        switch self {
        case .unreadableDirectory(let path): return "\(path): cannot list the sample directory"
        case .undecodable(let path): return "\(path): not text in its declared encoding"
        case .noArticle(let path): return "\(path): no headline and paragraphs found"
        }
    }
}

extension SampleArticle {
    /// Reads the project's own sample articles (`samples/*.txt` and `samples/*.html`), skipping
    /// the files named in `excluding`.
    ///
    /// Text files: an optional ` date YYYY-MM[-DD]` first line, the headline, then paragraphs
    /// separated by blank lines. HTML files: the `<h1>`, `article:published_time` or
    /// `datePublished`, and the `<p>` elements (these are pages we wrote, so a simple reading
    /// is enough; the product's HTML reading is the ingest stage's).
    ///
    /// - Throws: ``SampleError`` naming the file that could not be read.
    public static func load(directory: String, excluding: Set<String> = []) throws(SampleError) -> [SampleArticle] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        } catch {
            throw .unreadableDirectory(directory)
        }
        var articles: [SampleArticle] = []
        for name in names where !excluding.contains(name) && (name.hasSuffix(".txt") || name.hasSuffix(".html")) {
            let path = directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else { throw .undecodable(path) }
            let article = name.hasSuffix(".txt") ? try parseText(data, name: name, path: path) : try parseHTML(data, name: name, path: path)
            articles.append(article)
        }
        return articles
    }

    static func parseText(_ data: Data, name: String, path: String) throws(SampleError) -> SampleArticle {
        guard let text = String(data: data, encoding: .utf8) else { throw .undecodable(path) }
        var blocks = text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        var published: PartialDate?
        if let first = blocks.first, first.hasPrefix("date ") {
            var lines = first.components(separatedBy: "\n")
            published = PartialDate(iso: lines[0].dropFirst(5).trimmingCharacters(in: .whitespaces))
            lines.removeFirst()
            blocks[0] = lines.joined(separator: "\n")
            if blocks[0].isEmpty { blocks.removeFirst() }
        }
        guard blocks.count >= 2 else { throw .noArticle(path) }
        return SampleArticle(name: name, title: blocks[0], published: published, paragraphs: Array(blocks.dropFirst()))
    }

    static func parseHTML(_ data: Data, name: String, path: String) throws(SampleError) -> SampleArticle {
        let head = String(decoding: data.prefix(2048), as: UTF8.self).lowercased()
        let encoding: String.Encoding = head.contains("windows-1252") ? .windowsCP1252 : .utf8
        guard let html = String(data: data, encoding: encoding), !html.contains("\u{0}") else { throw .undecodable(path) }
        let title = elements(html, tag: "h1").first.map(plainText) ?? ""
        let paragraphs = elements(html, tag: "p").map(plainText).filter { $0.count > 80 }
        guard !title.isEmpty, !paragraphs.isEmpty else { throw .noArticle(path) }
        var published: PartialDate?
        for marker in ["article:published_time\" content=\"", "\"datePublished\":\"", "\"datePublished\": \""] {
            if let range = html.range(of: marker) {
                published = PartialDate(iso: html[range.upperBound...].prefix(10))
                if published != nil { break }
            }
        }
        return SampleArticle(name: name, title: title, published: published, paragraphs: paragraphs)
    }

    /// The inner HTML of every `<tag …>…</tag>` element, in order.
    static func elements(_ html: String, tag: String) -> [String] {
        var result: [String] = []
        var rest = html[...]
        while let open = rest.range(of: "<" + tag), let close = rest[open.upperBound...].range(of: "</" + tag + ">") {
            let afterName = rest[open.upperBound...]
            if let next = afterName.first, next != ">" && next != " " {
                rest = afterName
                continue
            }
            guard let tagEnd = afterName.firstIndex(of: ">"), tagEnd < close.lowerBound else {
                rest = rest[close.upperBound...]
                continue
            }
            result.append(String(rest[rest.index(after: tagEnd)..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return result
    }

    /// Markup removed, the few entities our pages use decoded, spaces collapsed.
    static func plainText(_ fragment: String) -> String {
        var text = ""
        var inTag = false
        for character in fragment {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { text.append(character) }
        }
        for (entity, value) in [("&quot;", "\""), ("&#39;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&nbsp;", " "), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: value)
        }
        return text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
