import PipelineCore
import Testing
@testable import Ingest

/// Main text, metadata and non-article pages, on small pages written for these tests.
struct MainTextTests {
    static let paragraphs = [
        "Secondo il comando di stato maggiore sudcoreano, la Corea del Nord ha inviato almeno 3.000 soldati in Russia, portando il totale a circa 11.000 uomini.",
        "Questo supporto militare si accompagna a un bilancio pesante, con stime che indicano almeno 4.000 tra morti e feriti tra le fila nordcoreane, secondo Seul.",
        "Le autorità ucraine affermano che i nuovi reparti sono stati schierati nella regione di Kursk, dove i combattimenti continuano da settimane senza sosta.",
    ]

    static var body: String { paragraphs.map { "<p>\($0)</p>" }.joined(separator: "\n") }

    func ingest(_ html: String, path: String = "notizie/pagina.html") throws -> Document {
        try Ingest().run(RawDocument(path: path, bytes: Array(html.utf8)))
    }

    @Test func furnitureAroundTheArticleIsLeftOut() throws {
        let html = """
            <html><head><title>Truppe a Kursk | Il Quotidiano</title></head><body>
            <header><a href="/">Il Quotidiano</a> <nav><ul><li><a href="/esteri">Esteri</a></li><li><a href="/politica">Politica</a></li></ul></nav></header>
            <div class="cookie-banner">Questo sito usa cookie tecnici e di profilazione. Accetta per continuare la navigazione.</div>
            <main><article><h1>Truppe a Kursk</h1>
            <div class="share-bar"><a href="https://facebook.com/share">Condividi</a> <a href="https://x.com/share">Tweet</a></div>
            \(Self.body)
            </article>
            <aside><h3>Più letti</h3><ul><li><a href="/a">Il governo approva la manovra</a></li><li><a href="/b">Sciopero dei treni venerdì</a></li></ul></aside>
            <section class="comments"><p>Mario: non ci credo, sono tutte bugie, vergogna a voi e al vostro giornale.</p></section>
            </main><footer>© 2025 Il Quotidiano, P.IVA 01234567890</footer>
            <script>var tracker = "non deve apparire";</script><style>p { color: red }</style>
            </body></html>
            """
        let doc = try ingest(html)
        for paragraph in Self.paragraphs { #expect(doc.text.contains(paragraph)) }
        for noise in ["Esteri", "cookie", "Condividi", "Più letti", "manovra", "bugie", "P.IVA", "tracker", "color"] {
            #expect(!doc.text.contains(noise), "\(noise)")
        }
        #expect(doc.title == "Truppe a Kursk")
        #expect(doc.text.hasPrefix("Truppe a Kursk\n\n" + Self.paragraphs[0]))
        #expect(doc.format == .html)
    }

    @Test func articleBodyMarkupIsPreferred() throws {
        let teaser = (1...6).map { "<div class=\"box\"><p>Breve \($0): un riassunto di un altro articolo, con poche parole e nessun dato.</p></div>" }.joined()
        let html = """
            <html><body><div class="colonna">\(teaser)</div>
            <div itemprop="articleBody">\(Self.body)</div></body></html>
            """
        let doc = try ingest(html)
        #expect(doc.text.contains(Self.paragraphs[1]))
        #expect(!doc.text.contains("Breve 3"))
    }

    @Test func paragraphBoundariesAreKept() throws {
        let html = "<html><body><article>\(Self.body)<p>Prima riga<br>seconda riga</p></article></body></html>"
        let doc = try ingest(html)
        #expect(doc.text.contains(Self.paragraphs[0] + "\n\n" + Self.paragraphs[1]))
        #expect(doc.text.contains("Prima riga\n\nseconda riga"))
    }

    @Test func textWithoutContainersIsStillFound() throws {
        let html = "<html><body><table><tr><td><a href=\"/\">Home</a></td></tr><tr><td>\(Self.paragraphs.joined(separator: "<br><br>"))</td></tr></table></body></html>"
        let doc = try ingest(html)
        #expect(doc.text.contains(Self.paragraphs[2]))
        #expect(!doc.text.contains("Home"))
    }

    @Test func sectionFrontIsNotAnArticle() {
        let teasers = (1...8).map {
            "<div class=\"item\"><h2><a href=\"/n\($0)\">Titolo della notizia numero \($0) di oggi</a></h2><p>Breve sommario \($0).</p></div>"
        }.joined()
        let html = "<html><body><main>\(teasers)</main></body></html>"
        #expect {
            try ingest(html)
        } throws: { error in
            (error as? IngestError)?.reason.hasPrefix("not_an_article") == true
        }
    }

    @Test func linkListIsNotAnArticle() {
        let links = (1...30).map { "<li><a href=\"/tag/\($0)\">Argomento numero \($0)</a></li>" }.joined()
        #expect {
            try ingest("<html><body><ul>\(links)</ul></body></html>")
        } throws: { error in
            (error as? IngestError)?.reason.hasPrefix("not_an_article") == true
        }
    }

    @Test(arguments: [
        ("<meta property=\"article:published_time\" content=\"2025-02-13T10:00:00+01:00\">", "2025-02-13"),
        ("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"NewsArticle\",\"datePublished\":\"2025-03-04\"}]}</script>", "2025-03-04"),
        ("<meta name=\"date\" content=\"04/03/2025\">", "2025-03-04"),
        ("", "2025-07"),
    ])
    func publicationDate(head: String, expected: String) throws {
        let html = "<html><head>\(head)</head><body><article>\(Self.body)</article></body></html>"
        let doc = try ingest(html, path: "esteri/2025/07/kursk.html")
        #expect(doc.published?.iso == expected)
    }

    @Test func timeElementInTheArticleGivesTheDate() throws {
        let html = "<html><body><article><time datetime=\"2024-11-20T08:00\">20 novembre</time>\(Self.body)</article></body></html>"
        #expect(try ingest(html).published?.iso == "2024-11-20")
    }

    @Test(arguments: [
        ("Truppe a Kursk, la Corea invia 3.000 soldati | Il Post", "Il Post", "Truppe a Kursk, la Corea invia 3.000 soldati"),
        ("Truppe a Kursk, la Corea invia 3.000 soldati - Corriere della Sera", "Corriere della Sera", "Truppe a Kursk, la Corea invia 3.000 soldati"),
        ("Guerra Russia - Ucraina, le ultime notizie", nil, "Guerra Russia - Ucraina, le ultime notizie"),
    ] as [(String, String?, String)])
    func siteSuffixIsRemovedFromTitles(title: String, outlet: String?, expected: String) {
        #expect(PageMetadata.stripSiteSuffix(title, outlet: outlet) == expected)
    }

    @Test func metadataFromOpenGraphAndJSONLD() throws {
        let html = """
            <html><head><meta property="og:title" content="La Corea invia altri soldati | Agenzia Esempio">
            <meta property="og:site_name" content="Agenzia Esempio">
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"x","datePublished":"2025-01-15T09:30:00Z","publisher":{"@type":"Organization","name":"Altro Nome"}}</script>
            </head><body><h1>Titolo diverso in pagina</h1><article>\(Self.body)</article></body></html>
            """
        let doc = try ingest(html)
        #expect(doc.title == "La Corea invia altri soldati")
        #expect(doc.outlet == "Agenzia Esempio")
        #expect(doc.published?.iso == "2025-01-15")
    }

    @Test func agencyTagInHTMLGivesTheOutlet() throws {
        let html = "<html><body><article><p>(ANSA) - ROMA, 13 FEB - " + Self.paragraphs[0] + "</p>\(Self.body)</article></body></html>"
        #expect(try ingest(html).outlet == "ANSA")
    }

    @Test func captionRepeatingTheHeadlineIsReadOnce() throws {
        let html = """
            <html><head><title>La Corea invia 3.000 soldati in Russia</title></head><body><article>
            <h1>La Corea invia 3.000 soldati in Russia</h1>
            <p>La Corea invia 3.000 soldati in Russia - Il Quotidiano</p>\(Self.body)</article></body></html>
            """
        let doc = try ingest(html)
        #expect(doc.text.components(separatedBy: "La Corea invia 3.000 soldati").count == 2)
        #expect(doc.outlet == "Il Quotidiano")
    }

    @Test(arguments: [
        ("<!DOCTYPE html><html><body><p>testo</p></body></html>", "a.dat", DocumentFormat.html),
        ("  <p>Un paragrafo</p>", "b", .html),
        ("Titolo\n\nTesto con < e > dentro.", "c.dat", .text),
        ("<p>testo</p>", "d.txt", .text),
    ])
    func formatIsSniffed(content: String, path: String, expected: DocumentFormat) {
        #expect(FormatSniffer.format(path: path, bytes: Array(content.utf8)) == expected)
    }
}

/// A front page whose teasers each sit in an `<article>` with a linked headline.
struct TeaserFrontTests {
    @Test func frontOfArticleTeasersIsNotAnArticle() {
        let teasers = (1...10).map {
            "<li><article><h2><a href=\"/n\($0)\">Notizia \($0): cosa succede oggi a Kiev e a Mosca</a></h2><p>Firma \($0)</p></article></li>"
        }.joined()
        let intro = "<p>Per fuori sembrava un successo, ma dentro qualcosa non andava, e lo racconta la nostra firma di oggi.</p>"
        let html = "<html><body><main><section><ol>\(teasers)</ol>\(intro)</section></main></body></html>"
        #expect {
            try Ingest().run(RawDocument(path: "prima-pagina.html", bytes: Array(html.utf8)))
        } throws: { error in
            (error as? IngestError)?.reason.hasPrefix("not_an_article") == true
        }
    }
}
