import Foundation
import PipelineCore

/// Generates a corpus of synthetic Italian news articles about the war, as text files and
/// HTML pages with boilerplate, from sentence templates and a fixed seed: the same seed and
/// count always give the same bytes.
///
/// Every tenth document (by default) is a near copy of a recent one under another outlet
/// (new headline, one paragraph dropped, one boilerplate paragraph added), and every 500th file
/// is a binary blob that the pipeline must reject.
///
///     CorpusGenerator(seed: 7).article(index: 0).title   // e.g. "Kursk, inviati 11mila soldati"
struct CorpusGenerator {
    var seed: UInt64
    var htmlShare: Double = 0.5
    var copyShare: Double = 0.1

    /// Counts of what was written.
    struct Stats {
        var documents = 0
        var html = 0
        var copies = 0
        var binary = 0
        var bytes = 0
        /// Each near copy's path and its original's, relative to the corpus directory.
        var plantedCopies: [(copy: String, original: String)] = []
    }

    /// One generated article before rendering.
    struct Article {
        var title: String
        var outlet: String
        var published: Day
        var paragraphs: [String]
    }

    /// Writes `count` files under `directory` (1000 per sub-folder).
    func write(count: Int, to directory: String) throws -> Stats {
        var stats = Stats()
        var rng = SeededGenerator(seed: seed)
        var recent: [(article: Article, path: String)] = []
        for index in 0..<count {
            let folder = directory + "/lotto-" + String(format4: index / 1000)
            if index % 1000 == 0 { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            let name = folder + "/articolo-" + String(format4: index % 1000)
            let bytes: [UInt8]
            let path: String
            if index % 500 == 499 {
                bytes = (0..<2048).map { _ in UInt8(truncatingIfNeeded: rng.next()) } + [0]
                path = name + ".bin"
                stats.binary += 1
            } else {
                var article: Article
                var original: String?
                if !recent.isEmpty, chance(copyShare, &rng) {
                    let source = recent[pick(recent.count, &rng)]
                    article = nearCopy(of: source.article, &rng)
                    original = source.path
                    stats.copies += 1
                } else {
                    article = compose(&rng)
                }
                if chance(htmlShare, &rng) {
                    bytes = Array(html(article, &rng).utf8)
                    path = name + ".html"
                    stats.html += 1
                } else {
                    bytes = Array(text(article).utf8)
                    path = name + ".txt"
                }
                let relative = String(path.dropFirst(directory.count + 1))
                if let original {
                    stats.plantedCopies.append((relative, original))
                } else {
                    recent.append((article, relative))
                    if recent.count > 50 { recent.removeFirst() }
                }
            }
            guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
            stats.documents += 1
            stats.bytes += bytes.count
        }
        return stats
    }

    // MARK: Composition

    private static let places = ["Kursk", "Sudzha", "Kharkiv", "Zaporizhzhia", "Donetsk", "Belgorod", "Pokrovsk", "Kherson", "Kupiansk", "Vovchansk", "Toretsk", "Chasiv Yar"]
    private static let sources = [
        "il NIS sudcoreano", "l'intelligence ucraina", "il Pentagono", "la CNN", "il ministero della Difesa britannico",
        "Zelensky", "fonti militari di Kiev", "l'Institute for the Study of War", "lo Stato maggiore ucraino", "la Reuters",
    ]
    private static let outlets = ["Cronache dal Fronte", "Il Corriere dell'Est", "Notizie 24", "La Gazzetta Internazionale", "Agenzia Nova Press", "Il Quotidiano Europeo"]
    private static let counted: [(noun: String, verbs: [String])] = [
        ("soldati nordcoreani", ["sono stati inviati nella regione di", "sono stati schierati vicino a", "sono stati uccisi o feriti nei combattimenti a"]),
        ("militari", ["sono stati catturati nei pressi di", "sono stati addestrati prima di essere mandati a", "sono morti negli scontri intorno a"]),
        ("missili balistici", ["sono stati lanciati contro", "sono stati intercettati sopra", "hanno colpito infrastrutture a"]),
        ("droni", ["sono stati abbattuti nella notte su", "hanno attaccato depositi di carburante a", "sono stati usati nell'offensiva su"]),
        ("proiettili di artiglieria", ["sono stati consegnati alle truppe di", "sono stati sparati ogni giorno su", "sono arrivati in treno a"]),
        ("carri armati", ["sono stati distrutti vicino a", "sono stati trasferiti verso", "sono stati avvistati a est di"]),
    ]
    private static let months = ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"]
    private static let fillers = [
        "Non è stato possibile verificare in modo indipendente queste informazioni.",
        "La situazione resta tesa lungo tutta la linea del fronte.",
        "Gli analisti invitano alla cautela sulle cifre diffuse dalle due parti.",
        "Mosca non ha commentato le notizie, mentre Kiev chiede nuovi aiuti agli alleati.",
        "Nelle ultime settimane i combattimenti si sono intensificati soprattutto di notte.",
        "Il governo ha convocato una riunione straordinaria per discutere la risposta.",
        "Secondo gli osservatori, il conflitto entra in una fase nuova e più logorante.",
        "Le organizzazioni umanitarie segnalano difficoltà crescenti nel raggiungere i civili.",
    ]
    private static let boilerplate = [
        "Iscriviti alla newsletter per ricevere ogni mattina le notizie più importanti.",
        "Riproduzione riservata. Tutti i diritti sono tutelati a norma di legge.",
        "Seguici sui social per gli aggiornamenti in tempo reale dal fronte.",
    ]

    private func compose(_ rng: inout SeededGenerator) -> Article {
        let published = Day(year: 2024 + pick(2, &rng), month: 1 + pick(12, &rng), day: 1 + pick(28, &rng))
        let place = Self.places[pick(Self.places.count, &rng)]
        let lead = Self.counted[pick(Self.counted.count, &rng)]
        let leadNumber = number(&rng)
        var paragraphs = ["\(capitalized(Self.sources[pick(Self.sources.count, &rng)])) riferisce che \(leadNumber) \(lead.noun) \(lead.verbs[pick(lead.verbs.count, &rng)]) \(place) \(date(published, &rng))."]
        for _ in 0..<(3 + pick(6, &rng)) {
            var sentences: [String] = []
            for _ in 0..<(2 + pick(3, &rng)) { sentences.append(sentence(published, &rng)) }
            paragraphs.append(sentences.joined(separator: " "))
        }
        let verb = lead.verbs[pick(lead.verbs.count, &rng)].split(separator: " ").prefix(3).joined(separator: " ")
        return Article(title: "\(place), \(leadNumber) \(lead.noun): \(verb)", outlet: Self.outlets[pick(Self.outlets.count, &rng)], published: published, paragraphs: paragraphs)
    }

    private func sentence(_ published: Day, _ rng: inout SeededGenerator) -> String {
        let thing = Self.counted[pick(Self.counted.count, &rng)]
        let place = Self.places[pick(Self.places.count, &rng)]
        let source = Self.sources[pick(Self.sources.count, &rng)]
        switch pick(5, &rng) {
        case 0: return "Secondo \(source), \(number(&rng)) \(thing.noun) \(thing.verbs[pick(thing.verbs.count, &rng)]) \(place) \(date(published, &rng))."
        case 1: return "\(capitalized(date(published, &rng))) \(source) ha riferito che \(number(&rng)) \(thing.noun) \(thing.verbs[pick(thing.verbs.count, &rng)]) \(place)."
        case 2: return "Il \(pick(60, &rng) + 20)% delle forze impiegate a \(place) proviene da altre regioni, sostiene \(source)."
        case 3: return "Il fronte si trova a \(pick(90, &rng) + 5) chilometri da \(place) e i combattimenti durano da \(pick(20, &rng) + 2) giorni."
        default: return Self.fillers[pick(Self.fillers.count, &rng)]
        }
    }

    /// An Italian numeral in one of the forms the articles use.
    private func number(_ rng: inout SeededGenerator) -> String {
        let thousands = 1 + pick(30, &rng)
        switch pick(9, &rng) {
        case 0: return "\(thousands)mila"
        case 1: return "\(thousands) mila"
        case 2: return "circa \(thousands).\(pick(10, &rng))00"
        case 3: return "oltre \(100 + pick(900, &rng))"
        case 4: return "almeno \(10 + pick(90, &rng))"
        case 5: return ["dodici", "sette", "quattromila", "un migliaio di", "centinaia di", "decine di migliaia di"][pick(6, &rng)]
        case 6: return "tra i \(thousands) e i \(thousands + 1 + pick(5, &rng)) mila"
        case 7: return "\(thousands),\(1 + pick(9, &rng)) milioni di"
        default: return "\(1 + pick(999, &rng))"
        }
    }

    private func date(_ published: Day, _ rng: inout SeededGenerator) -> String {
        let earlier = published.adding(days: -pick(90, &rng))
        switch pick(6, &rng) {
        case 0: return "il \(earlier.day) \(Self.months[earlier.month - 1])"
        case 1: return "a \(Self.months[earlier.month - 1])"
        case 2: return "il \(earlier.day) \(Self.months[earlier.month - 1]) \(earlier.year)"
        case 3: return "ieri"
        case 4: return "la scorsa settimana"
        default: return "all'inizio di \(Self.months[earlier.month - 1])"
        }
    }

    private func nearCopy(of original: Article, _ rng: inout SeededGenerator) -> Article {
        var copy = original
        copy.outlet = Self.outlets[pick(Self.outlets.count, &rng)]
        copy.title = "Ultime notizie: " + original.title.lowercased()
        copy.published = original.published.adding(days: pick(3, &rng))
        if copy.paragraphs.count > 3 { copy.paragraphs.remove(at: 1 + pick(copy.paragraphs.count - 1, &rng)) }
        copy.paragraphs.append(Self.boilerplate[pick(Self.boilerplate.count, &rng)])
        return copy
    }

    // MARK: Rendering

    private func text(_ article: Article) -> String {
        " date \(article.published.iso)\n\n\(article.title)\n\n" + article.paragraphs.joined(separator: "\n\n") + "\n"
    }

    private func html(_ article: Article, _ rng: inout SeededGenerator) -> String {
        let escape = { (text: String) in
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        let related = (0..<4).map { _ in
            "<li><a href=\"/notizie/\(pick(100_000, &rng))\">\(escape(Self.places[pick(Self.places.count, &rng)])): gli aggiornamenti della giornata</a></li>"
        }.joined(separator: "\n")
        return """
            <!DOCTYPE html>
            <html lang="it">
            <head>
            <meta charset="utf-8">
            <title>\(escape(article.title)) | \(escape(article.outlet))</title>
            <meta property="og:site_name" content="\(escape(article.outlet))">
            <meta property="article:published_time" content="\(article.published.iso)T08:\(String(format2: pick(60, &rng))):00+01:00">
            <script>window.dataLayer = window.dataLayer || []; dataLayer.push({"sezione": "esteri"});</script>
            <style>body { font-family: serif; } nav a { margin: 0 4px; }</style>
            </head>
            <body>
            <nav><a href="/">Home</a> <a href="/esteri">Esteri</a> <a href="/politica">Politica</a> <a href="/economia">Economia</a></nav>
            <main>
            <article>
            <h1>\(escape(article.title))</h1>
            <time datetime="\(article.published.iso)">\(article.published.day) \(Self.months[article.published.month - 1]) \(article.published.year)</time>
            \(article.paragraphs.map { "<p>\(escape($0))</p>" }.joined(separator: "\n"))
            </article>
            <aside><h2>Leggi anche</h2><ul>
            \(related)
            </ul></aside>
            </main>
            <footer><p>© \(article.published.year) \(escape(article.outlet)) · P.IVA 0123456789 · Privacy · Cookie</p></footer>
            </body>
            </html>

            """
    }

    // MARK: Randomness

    private func pick(_ count: Int, _ rng: inout SeededGenerator) -> Int { Int(rng.next() % UInt64(count)) }

    private func chance(_ probability: Double, _ rng: inout SeededGenerator) -> Bool {
        Double(rng.next() >> 11) / Double(1 << 53) < probability
    }

    private func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
}
