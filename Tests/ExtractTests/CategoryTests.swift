import PipelineCore
import Testing
@testable import Extract

/// Unit and category of the first figure of each sentence.
struct CategoryTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var marked: String
        var unit: String
        var category: String
        var testDescription: String { marked }
    }

    static let cases: [Case] = [
        // troops sent
        Case(marked: "Pyongyang ha inviato [[almeno 5.000|5000|at_least]] soldati nella regione di Kursk.", unit: "soldato", category: "troops_sent"),
        Case(marked: "Sono [[circa 8mila|8000|approx]] i militari nordcoreani già schierati al confine.", unit: "militare", category: "troops_sent"),
        Case(marked: "Mosca ha ricevuto [[2.000|2000]] nuovi soldati arrivati in treno da Vladivostok.", unit: "soldato", category: "troops_sent"),
        Case(marked: "Nel Kursk sarebbero presenti [[oltre 10mila|10000|more_than]] uomini dell'esercito di Kim.", unit: "uomo", category: "troops_sent"),
        Case(marked: "Il contingente conta [[circa 14 mila|14000|approx]] effettivi.", unit: "effettivo", category: "troops_sent"),
        Case(marked: "Con la nave sono sbarcati [[500|500]] soldati.", unit: "soldato", category: "troops_sent"),
        Case(marked: "Kim ha mandato [[tremila|3000]] ingegneri a ricostruire le strade.", unit: "ingegnere", category: "troops_sent"),
        Case(marked: "Lo scorso mese erano arrivati [[1.200|1200]] istruttori militari.", unit: "istruttore", category: "troops_sent"),
        Case(marked: "Pyongyang invia altri [[6.000|6000]] genieri per sminare la regione.", unit: "geniere", category: "troops_sent"),
        Case(marked: "Pyongyang ha schierato [[quattro|4]] brigate nella zona di confine.", unit: "brigata", category: "troops_sent"),
        // troops planned
        Case(marked: "La Corea del Nord potrebbe inviare [[fino a 100mila|100000|up_to]] soldati entro l'estate.", unit: "soldato", category: "troops_planned"),
        Case(marked: "Kim è pronto a mandare altri [[20mila|20000]] soldati al fronte.", unit: "soldato", category: "troops_planned"),
        Case(marked: "Il regime ha pianificato il dispiegamento di ulteriori reparti, per un totale di [[15.000|15000]] unità.", unit: "unità", category: "troops_planned"),
        Case(marked: "Secondo Seul, altri [[5.000|5000]] soldati arriveranno nei prossimi mesi.", unit: "soldato", category: "troops_planned"),
        Case(marked: "Pyongyang invierà [[30mila|30000]] militari in primavera.", unit: "militare", category: "troops_planned"),
        Case(marked: "Non è escluso il possibile invio di [[10mila|10000]] soldati.", unit: "soldato", category: "troops_planned"),
        // killed, wounded, both
        Case(marked: "[[Almeno 200|200|at_least]] soldati nordcoreani sono stati uccisi dai droni.", unit: "soldato", category: "killed"),
        Case(marked: "Nell'attacco sono morti [[dodici|12]] militari russi.", unit: "militare", category: "killed"),
        Case(marked: "Il raid ha causato [[decine|10-90|approx]] di vittime civili.", unit: "vittima", category: "killed"),
        Case(marked: "Il bombardamento ha ferito [[almeno 15|15|at_least]] persone.", unit: "persona", category: "wounded"),
        Case(marked: "[[Un centinaio|100|approx]] di soldati sono rimasti feriti negli scontri.", unit: "soldato", category: "wounded"),
        Case(marked: "Le forze di Kim hanno perso [[circa 1.000|1000|approx]] uomini tra morti e feriti.", unit: "uomo", category: "killed_or_wounded"),
        Case(marked: "[[Oltre 3mila|3000|more_than]] soldati di Pyongyang sarebbero stati uccisi o feriti.", unit: "soldato", category: "killed_or_wounded"),
        Case(marked: "Le perdite nordcoreane ammontano a [[circa 4.500|4500|approx]] soldati.", unit: "soldato", category: "killed_or_wounded"),
        // captured, prisoners
        Case(marked: "Kiev ha catturato [[due|2]] soldati nordcoreani nel Kursk.", unit: "soldato", category: "captured"),
        Case(marked: "[[Tre|3]] militari di Pyongyang sono stati fatti prigionieri.", unit: "militare", category: "captured"),
        Case(marked: "Mosca ha reclutato [[oltre 100mila|100000|more_than]] detenuti dalle carceri.", unit: "detenuto", category: "prisoners_recruited"),
        Case(marked: "Il Cremlino ha arruolato [[50mila|50000]] carcerati in un anno.", unit: "carcerato", category: "prisoners_recruited"),
        Case(marked: "Almeno [[20mila|20000]] prigionieri sono stati mandati al fronte.", unit: "prigioniero", category: "prisoners_recruited"),
        // weapons, munitions
        Case(marked: "La Russia ha lanciato [[sei|6]] missili balistici su Kharkiv.", unit: "missile", category: "weapons"),
        Case(marked: "Pyongyang avrebbe fornito [[200|200]] lanciarazzi multipli.", unit: "lanciarazzi", category: "weapons"),
        Case(marked: "Nella notte sono stati abbattuti [[40|40]] droni.", unit: "drone", category: "weapons"),
        Case(marked: "Sono arrivati [[oltre 5 milioni|5000000|more_than]] di proiettili d'artiglieria.", unit: "proiettile", category: "munitions"),
        Case(marked: "Pyongyang fornisce [[circa il 60%|60|approx|%]] dei proiettili usati da Mosca.", unit: "percento", category: "munitions"),
        Case(marked: "La Corea del Nord ha consegnato [[20|20]] carri armati.", unit: "carro armato", category: "weapons"),
        // distance, duration, money
        Case(marked: "Il missile ha colpito un edificio a [[40|40]] chilometri dal confine.", unit: "chilometro", category: "distance"),
        Case(marked: "I soldati hanno percorso [[quasi 9.000|9000|almost]] km in treno.", unit: "chilometro", category: "distance"),
        Case(marked: "Gli scontri sono durati [[tre|3]] giorni.", unit: "giorno", category: "duration"),
        Case(marked: "L'addestramento dura [[almeno sei|6|at_least]] settimane.", unit: "settimana", category: "duration"),
        Case(marked: "Ogni missile costa [[circa 3 milioni|3000000|approx]] di dollari.", unit: "dollaro", category: "money"),
        Case(marked: "Seul stima un guadagno di [[20 miliardi|20000000000]] di won.", unit: "won", category: "money"),
        // elided nouns and nouns before the number
        Case(marked: "Circa 300 soldati sono stati uccisi e altri [[1.800|1800]] feriti.", unit: "soldato", category: "wounded"),
        Case(marked: "I nuovi soldati si uniranno agli [[8mila|8000]] inviati in autunno.", unit: "soldato", category: "troops_sent"),
        Case(marked: "[[Circa duemila|2000|approx]] di questi militari sono stati feriti.", unit: "militare", category: "wounded"),
        Case(marked: "Pyongyang ha inviato altre truppe, portando il totale dei soldati schierati a [[circa 13.000|13000|approx]].", unit: "soldato", category: "troops_sent"),
        Case(marked: "Le truppe nordcoreane schierate nel Kursk sarebbero [[circa 12mila|12000|approx]].", unit: "soldato", category: "troops_sent"),
        Case(marked: "Tra i militari coreani, i feriti sarebbero [[circa 900|900|approx]].", unit: "militare", category: "wounded"),
        Case(marked: "Dei soldati inviati, [[almeno 400|400|at_least]] sono morti.", unit: "soldato", category: "killed"),
        Case(marked: "Sul fronte i missili sono molti: la Russia ne ha lanciati [[almeno 50|50|at_least]].", unit: "missile", category: "weapons"),
        // percentages
        Case(marked: "Le perdite sfiorano [[il 30%|30|%]] delle truppe inviate.", unit: "percento", category: "troops_sent"),
        Case(marked: "Il sondaggio indica che [[il 55%|55|%]] approva.", unit: "percento", category: "other"),
        // other countable things
        Case(marked: "Nell'ultima settimana si sono registrati [[120|120]] attacchi nella regione.", unit: "attacco", category: "other"),
        Case(marked: "Le forze russe hanno riconquistato [[1.000|1000]] chilometri quadrati di territorio.", unit: "chilometro quadrato", category: "other"),
    ]

    @Test(arguments: cases)
    func firstFigure(_ example: Case) throws {
        let figures = MarkedText(example.marked).figures()
        let figure = try #require(figures.first, "no figure")
        #expect(figure.unit == example.unit)
        #expect(figure.category == example.category)
    }

    @Test func sequenceOfCasualties() throws {
        let figures = MarkedText("Secondo Kiev [[circa 300|300|approx]] soldati nordcoreani sono stati uccisi e altri [[2.700|2700]] feriti.").figures()
        #expect(figures.map(\.category) == ["killed", "wounded"])
        #expect(figures.map(\.unit) == ["soldato", "soldato"])
        #expect(figures.map(\.qualifier) == [.approx, .exact])
    }

    @Test func coordinatedNumbersShareTheCue() {
        let figures = MarkedText("Sono stati uccisi [[300|300]] soldati e [[40|40]] ufficiali.").figures()
        #expect(figures.map(\.category) == ["killed", "killed"])
        #expect(figures.map(\.unit) == ["soldato", "ufficiale"])
    }

    @Test func sentAndPlannedInOneSentence() {
        let figures = MarkedText("Pyongyang ha già inviato [[11mila|11000]] soldati, ma potrebbe mandarne altri [[25mila|25000]] nei prossimi mesi.").figures()
        #expect(figures.map(\.category) == ["troops_sent", "troops_planned"])
    }

    @Test func pastParticipleAfterAPlanIsSent() {
        let figures = MarkedText("Altri soldati potrebbero partire a breve, aggiungendosi ai [[10mila|10000]] inviati in autunno.").figures()
        #expect(figures.map(\.category) == ["troops_sent"])
    }

    @Test func prisonersInAHeadline() {
        let figures = MarkedText("Russia, [[120mila|120000]] detenuti inviati al fronte - Lo riferisce la Cnn.").figures()
        #expect(figures.first?.category == "prisoners_recruited")
        #expect(figures.first?.attribution == "CNN")
    }
}

/// Nouns a number refers back to.
struct TopicNounTests {
    @Test func cliticPrefersACountedNoun() {
        let figures = MarkedText("[[Almeno 40|40|at_least]] missili lanciati su Kharkiv.\n\nLa procura ha esaminato la città e i villaggi vicini. Secondo il procuratore, la Russia ne ha lanciati [[almeno 40|40|at_least]] sulla regione.").figures()
        #expect(figures.map(\.unit) == ["missile", "missile"])
    }

    @Test func elidedNounStaysInItsStory() {
        let text = "Mosca ha schierato 2.000 militari al confine.\n\nKiev, attacco con droni: [[12|12]] feriti"
        let marked = MarkedText(text)
        let count = marked.text.unicodeScalars.count
        let split = Array(marked.text.unicodeScalars).firstIndex(of: "K")!
        var document = marked.document
        document.stories = [
            Story(documentID: "dtest", position: 0, title: nil, charStart: 0, charEnd: split),
            Story(documentID: "dtest", position: 1, title: nil, charStart: split, charEnd: count),
        ]
        let figures = Extractor().run(document, normalized: marked.normalized)
        #expect(figures.map(\.unit) == ["persona"])
        #expect(figures.map(\.storyID) == ["dtest-s1"])
    }
}

/// More everyday forms of counted numbers.
struct EverydayFormTests {
    @Test(arguments: [
        ("Le vittime sono salite a [[12|12]].", "vittima", "killed"),
        ("L'attacco ha causato [[3|3]] morti e decine di feriti.", "persona", "killed"),
        ("Il numero dei soldati nordcoreani in Russia è salito a [[15mila|15000]].", "soldato", "troops_sent"),
        ("[[Il 70%|70|%]] dei soldati colpiti è stato ferito.", "percento", "wounded"),
        ("Sono [[oltre 3.000|3000|more_than]] i soldati nordcoreani morti dall'inizio dell'offensiva.", "soldato", "killed"),
        ("Nell'attacco sono stati uccisi [[cinque|5]] russi.", "russo", "killed"),
        ("La guerra va avanti da [[quasi tre|3|almost]] anni.", "anno", "duration"),
        ("Kiev ha ricevuto aiuti per [[5 miliardi|5000000000]] di euro.", "euro", "money"),
    ] as [(String, String, String)])
    func everyday(_ marked: String, _ unit: String, _ category: String) throws {
        let figure = try #require(MarkedText(marked).figures().first)
        #expect(figure.unit == unit)
        #expect(figure.category == category)
    }

    @Test(arguments: [
        "[[Un|1]] soldato su [[tre|3]] non torna.",
        "L'allarme è scattato alle [[5|5]] del mattino.",
        "Il prezzo è cresciuto di [[tre|3]] volte.",
    ])
    func notCounted(_ marked: String) {
        #expect(MarkedText(marked).figures().isEmpty)
    }
}

/// Two numbers sharing the noun after the second.
struct SharedNounTests {
    @Test func coordinatedNumbersShareTheNoun() {
        let figures = MarkedText("Sono proiettili da [[122|122]] e [[152|152]] millimetri.").figures()
        #expect(figures.map(\.unit) == ["millimetro", "millimetro"])
    }

    @Test func cliticTakesTheNounOfItsOwnSentence() {
        let figures = MarkedText("Arrivano obici da [[152|152]] millimetri. Poi ci sono i missili: la Russia ne ha lanciati [[almeno 90|90|at_least]].").figures()
        #expect(figures.map(\.unit) == ["millimetro", "missile"])
    }
}
