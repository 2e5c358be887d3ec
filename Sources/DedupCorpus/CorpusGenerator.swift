import PipelineCore

/// One file of a generated corpus, with the story it tells (the generator's truth).
public struct GeneratedFile: Sendable, Hashable {
    /// Relative path (`gen/03_reordered.html`).
    public var path: String
    /// The file's bytes (UTF-8 text or HTML).
    public var bytes: [UInt8]
    /// The story it tells: files with the same `story` are renderings or variants of one story.
    public var story: String
    /// How it was derived from the story (`original`, `new_headline`, `boilerplate`,
    /// `dropped_paragraph`, `reordered`, `html`).
    public var variant: String

    /// Creates a generated file.
    public init(path: String, bytes: [UInt8], story: String, variant: String) {
        self.path = path
        self.bytes = bytes
        self.story = story
        self.variant = variant
    }
}

/// Builds a deduplication test corpus from articles, with a fixed seed.
///
/// Every story becomes six files: the original as text; a syndicated copy with a new headline
/// from another outlet; an HTML page with an added boilerplate paragraph; a text copy with one
/// paragraph dropped; an HTML page with the paragraphs reordered; and a plain HTML rendering of
/// the original. Besides the given articles, `extraStories` distinct stories on the same topic
/// are written by a word-bigram chain over the articles' paragraphs: they share vocabulary and
/// short phrases with the originals but not content. All stories are dated within one week, so
/// publication dates alone never tell them apart.
///
///     let files = CorpusGenerator(seed: 42).generate(from: articles, extraStories: 8)
///     // files.count == (articles.count + 8) * 6
public struct CorpusGenerator: Sendable {
    /// The seed: the same seed and articles give the same files.
    public let seed: UInt64

    /// Creates a generator.
    public init(seed: UInt64) { self.seed = seed }

    /// The fictional outlets that republish stories.
    static let outlets = ["Cronache dal Mondo", "La Voce del Territorio", "Notizie Est Europa", "Il Globo Quotidiano", "Agenzia Stampa Adriatica", "Il Corriere della Pianura"]

    /// Boilerplate paragraphs that outlets append to syndicated copy.
    static let boilerplate = [
        "Riproduzione riservata. Iscriviti alla nostra newsletter per ricevere ogni mattina le notizie più importanti dall'Italia e dal mondo, gratis nella tua casella di posta.",
        "Hai una segnalazione da fare alla redazione? Scrivici su WhatsApp o via email: le tue segnalazioni ci aiutano a raccontare meglio quello che succede ogni giorno.",
        "Questo articolo è stato ripreso da un'agenzia di stampa e adattato dalla nostra redazione. Seguici sui social per restare sempre aggiornato sugli esteri.",
    ]

    /// Generates the corpus.
    ///
    /// - Parameters:
    ///   - articles: the source articles (the project's samples).
    ///   - extraStories: how many distinct same-topic stories to write in addition.
    /// - Returns: six files per story, in a stable order.
    public func generate(from articles: [SampleArticle], extraStories: Int) -> [GeneratedFile] {
        var generator = SeededGenerator(seed: seed)
        var stories = articles
        let chain = BigramChain(paragraphs: articles.flatMap(\.paragraphs))
        for index in 0..<extraStories {
            stories.append(chain.article(name: "extra_\(index)", using: &generator))
        }
        let firstDay = Day(year: 2025, month: 3, day: 3)
        var files: [GeneratedFile] = []
        for (index, story) in stories.enumerated() {
            let day = firstDay.adding(days: Int(generator.next() % 7))
            let label = String(format2: index) + "_" + story.name
            let prefix = "gen/" + String(format2: index)
            let home = Self.outlets[Int(generator.next() % UInt64(Self.outlets.count))]
            let other = Self.outlets.first { $0 != home }!
            func file(_ variant: String, _ title: String, _ paragraphs: [String], html: Bool, outlet: String, lag: Int) -> GeneratedFile {
                let published = day.adding(days: lag)
                let bytes = html
                    ? Rendering.html(title: title, paragraphs: paragraphs, published: published, outlet: outlet, style: Int(generator.next() % 3))
                    : Rendering.text(title: title, paragraphs: paragraphs, published: published)
                return GeneratedFile(path: prefix + "_" + variant + (html ? ".html" : ".txt"), bytes: bytes, story: label, variant: variant)
            }
            let paragraphs = story.paragraphs
            files.append(file("original", story.title, paragraphs, html: false, outlet: home, lag: 0))
            files.append(file("new_headline", Self.newHeadline(for: story, outlet: other), paragraphs, html: false, outlet: other, lag: 1))
            let extra = Self.boilerplate[Int(generator.next() % UInt64(Self.boilerplate.count))]
            files.append(file("boilerplate", story.title, paragraphs + [extra], html: true, outlet: other, lag: 1))
            var dropped = paragraphs
            if dropped.count >= 3 { dropped.remove(at: Int(generator.next() % UInt64(dropped.count))) }
            files.append(file("dropped_paragraph", story.title, dropped, html: false, outlet: other, lag: 2))
            var reordered = paragraphs
            if reordered.count >= 2 {
                repeat { reordered.shuffle(using: &generator) } while reordered == paragraphs
            }
            files.append(file("reordered", story.title, reordered, html: true, outlet: home, lag: 2))
            files.append(file("html", story.title, paragraphs, html: true, outlet: home, lag: 0))
        }
        return files
    }

    /// A syndicated headline: the outlet's kicker and the opening words of the story.
    static func newHeadline(for story: SampleArticle, outlet: String) -> String {
        let words = (story.paragraphs.first ?? story.title).split(separator: " ").prefix(9)
        let kicker = ["Esteri", "Ultim'ora", "Il punto", "Guerra in Ucraina"][outlet.count % 4]
        return kicker + " | " + words.joined(separator: " ").trimmingCharacters(in: [",", ".", ":", "–"]) + "…"
    }
}

/// A word-bigram chain that writes same-topic paragraphs: plausible vocabulary, new content.
struct BigramChain {
    var successors: [String: [String]] = [:]
    var starts: [String] = []

    init(paragraphs: [String]) {
        for paragraph in paragraphs {
            let words = paragraph.split(separator: " ").map(String.init)
            guard let first = words.first else { continue }
            starts.append(first)
            for (word, next) in zip(words, words.dropFirst()) { successors[word, default: []].append(next) }
        }
    }

    /// A paragraph of 40–80 words ending at a full stop when one comes.
    func paragraph(using generator: inout SeededGenerator) -> String {
        guard !starts.isEmpty else { return "" }
        var word = starts[Int(generator.next() % UInt64(starts.count))]
        var words = [word]
        while words.count < 80 {
            guard let next = successors[word], !next.isEmpty else { break }
            word = next[Int(generator.next() % UInt64(next.count))]
            words.append(word)
            if words.count >= 40, word.hasSuffix(".") { break }
        }
        return words.joined(separator: " ")
    }

    /// A four-paragraph article with a headline taken from its first words.
    func article(name: String, using generator: inout SeededGenerator) -> SampleArticle {
        let paragraphs = (0..<4).map { _ in paragraph(using: &generator) }
        let title = paragraphs[0].split(separator: " ").prefix(8).joined(separator: " ")
        return SampleArticle(name: name, title: title, published: nil, paragraphs: paragraphs)
    }
}

/// Text and HTML renderings of a story.
public enum Rendering {
    /// ` date YYYY-MM-DD`, the headline, then the paragraphs separated by blank lines.
    public static func text(title: String, paragraphs: [String], published: Day) -> [UInt8] {
        Array((" date " + published.iso + "\n" + title + "\n\n" + paragraphs.joined(separator: "\n\n") + "\n").utf8)
    }

    /// A news page with navigation, cookie banner, scripts, share bar, related links and footer
    /// around the article; `style` picks one of three page layouts.
    public static func html(title: String, paragraphs: [String], published: Day, outlet: String, style: Int) -> [UInt8] {
        let escapedTitle = escape(title)
        let body = paragraphs.map { "<p>" + escape($0) + "</p>" }.joined(separator: "\n")
        let head = """
            <!DOCTYPE html>
            <html lang="it"><head><meta charset="utf-8">
            <title>\(escapedTitle) - \(escape(outlet))</title>
            <meta property="og:title" content="\(escapedTitle)">
            <meta property="og:site_name" content="\(escape(outlet))">
            <meta property="article:published_time" content="\(published.iso)T08:00:00+01:00">
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"\(published.iso)"}</script>
            <script>window.dataLayer=window.dataLayer||[];</script>
            </head><body>
            """
        let article: String
        switch style % 3 {
        case 0:
            article = """
                <div class="cookie-banner">Questo sito usa cookie tecnici e di profilazione. <button>Accetta</button></div>
                <header><nav><ul><li><a href="/">Home</a></li><li><a href="/esteri">Esteri</a></li><li><a href="/economia">Economia</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
                <main><article><h1>\(escapedTitle)</h1>
                \(body)
                </article>
                <aside class="share"><a href="#">Condividi su Facebook</a> <a href="#">Condividi su X</a></aside>
                <section class="related"><h2>Leggi anche</h2><ul><li><a href="/a">Seul alza il livello di allerta al confine</a></li><li><a href="/b">Vertice Nato sul sostegno a Kiev</a></li></ul></section></main>
                <footer><p>© \(escape(outlet)) — Tutti i diritti riservati — <a href="/privacy">Privacy</a></p></footer>
                """
        case 1:
            article = """
                <nav id="top"><a href="/">Prima pagina</a> | <a href="/mondo">Mondo</a> | <a href="/meteo">Meteo</a></nav>
                <div class="consent">Usiamo i cookie per migliorare la tua esperienza. <a href="#">OK</a></div>
                <div class="content"><h1 class="entry-title">\(escapedTitle)</h1><div class="entry-content">
                \(body)
                </div><div class="social-share">Condividi: <a href="#">Telegram</a> <a href="#">Email</a></div>
                <div class="correlati"><h3>Articoli correlati</h3><ul><li><a href="/1">Nuovo attacco con droni su Odessa</a></li><li><a href="/2">Tokyo e Seul rafforzano la cooperazione</a></li></ul></div></div>
                <footer class="site-footer">\(escape(outlet)) — Registrazione Tribunale — Riproduzione riservata</footer>
                """
        default:
            article = """
                <div class="topbar"><a href="/">\(escape(outlet))</a> <a href="/ultimora">Ultim'ora</a> <a href="/login">Accedi</a></div>
                <div class="article-body"><h1>\(escapedTitle)</h1>
                \(body)
                </div>
                <div class="related-news"><p>Correlati:</p><ol><li><a href="/x">Putin ringrazia Kim per l'aiuto militare</a></li><li><a href="/y">Mine nel Kursk, mesi per la bonifica</a></li></ol></div>
                <footer id="foot">\(escape(outlet)) - Riproduzione riservata</footer>
                """
        }
        return Array((head + "\n" + article + "\n<script src=\"/js/app.js\"></script>\n</body></html>\n").utf8)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
