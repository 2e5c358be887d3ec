import PipelineCore
import Testing
@testable import Extract

/// Who each figure is attributed to.
struct AttributionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var marked: String
        var source: String?
        var testDescription: String { marked }
    }

    static let cases: [Case] = [
        Case(marked: "Secondo il NIS, [[almeno 300|300|at_least]] soldati sono morti.", source: "NIS"),
        Case(marked: "Secondo i servizi segreti sudcoreani [[11mila|11000]] soldati sono nel Kursk.", source: "NIS"),
        Case(marked: "Gli 007 di Seul stimano che [[circa 3.000|3000|approx]] soldati siano stati uccisi.", source: "NIS"),
        Case(marked: "Il National Intelligence Service ha riferito di [[1.100|1100]] soldati uccisi.", source: "NIS"),
        Case(marked: "L'intelligence sudcoreana ha confermato l'arrivo di [[3.000|3000]] soldati.", source: "NIS"),
        Case(marked: "La Cnn riporta che [[altri 3.000|3000]] soldati sono arrivati a gennaio.", source: "CNN"),
        Case(marked: "Il Pentagono stima che [[tra 10mila e 12mila|10000-12000]] soldati siano in Russia.", source: "Pentagono"),
        Case(marked: "Zelensky ha dichiarato che [[due|2]] soldati nordcoreani sono stati catturati.", source: "Zelensky"),
        Case(marked: "Il presidente ucraino Volodymyr Zelensky ha detto che [[3.800|3800]] nordcoreani sono morti o feriti.", source: "Zelensky"),
        Case(marked: "Fonti ucraine e americane confermano la presenza di [[circa 8.000|8000|approx]] soldati.", source: "fonti ucraine e americane"),
        Case(marked: "Secondo fonti occidentali [[circa 5.000|5000|approx]] soldati sono stati feriti.", source: "fonti occidentali"),
        Case(marked: "I media ucraini riferiscono che [[sei|6]] ufficiali sono stati uccisi.", source: "media ucraini"),
        Case(marked: "Secondo lo stato maggiore ucraino [[circa 150|150|approx]] soldati nemici sono caduti.", source: "stato maggiore ucraino"),
        Case(marked: "Il servizio di intelligence estero dell'Ucraina ha dichiarato che Mosca ha reclutato [[150mila|150000]] detenuti.", source: "intelligence estera ucraina"),
        Case(marked: "Secondo quanto riferito dalla Reuters, [[400|400]] soldati sono arrivati al porto.", source: "Reuters"),
        Case(marked: "Secondo il ministro della Difesa sudcoreano, [[mille|1000]] soldati sono pronti a partire.", source: "ministero della Difesa sudcoreano"),
        Case(marked: "Secondo Kiev, Pyongyang avrebbe consegnato [[12 milioni|12000000]] di proiettili.", source: "Kiev"),
        Case(marked: "Pyongyang ha inviato [[3.000|3000]] soldati in Russia.", source: nil),
        Case(marked: "Il secondo giorno sono arrivati [[300|300]] soldati.", source: nil),
    ]

    @Test(arguments: cases)
    func attribution(_ example: Case) throws {
        let figure = try #require(MarkedText(example.marked).figures().first, "no figure")
        #expect(figure.attribution == example.source)
    }

    @Test func sourceInThePreviousSentence() {
        let figures = MarkedText("Lo riferiscono i media ucraini in una serie di rapporti. In particolare, [[otto|8]] ufficiali sarebbero morti in un raid.").figures()
        #expect(figures.first?.attribution == "media ucraini")
    }

    @Test func sourceInTheNextSentenceThatPointsBack() {
        let figures = MarkedText("Kim vuole inviare [[altri 20mila|20000]] soldati al fronte. È quanto emerge da un rapporto dell'intelligence ucraina visionato dalla Cnn.").figures()
        #expect(figures.first?.attribution == "intelligence ucraina")
        #expect(figures.first?.category == "troops_planned")
    }

    @Test func sourceDoesNotCrossParagraphs() {
        let figures = MarkedText("Secondo il NIS la situazione è grave.\n\nA gennaio [[1.000|1000]] soldati sono arrivati.").figures()
        #expect(figures.first?.attribution == nil)
    }

    @Test func headlineTakesTheSourceOfTheBody() {
        let figures = MarkedText("Kursk, [[500|500]] soldati nordcoreani uccisi - Il Pentagono ha aggiornato il bilancio delle perdite.").figures()
        #expect(figures.first?.attribution == "Pentagono")
    }

    @Test func nearestSourceWins() {
        let figures = MarkedText("Secondo il NIS i morti sono [[300|300]], mentre la Cnn riferisce di [[500|500]] soldati uccisi.").figures()
        #expect(figures.map(\.attribution) == ["NIS", "CNN"])
    }
}

/// Named subjects of reporting verbs.
struct NamedSubjectTests {
    @Test(arguments: [
        ("La Russia ha annunciato che [[otto|8]] missili sono stati intercettati.", "Russia"),
        ("Rudenko ha dichiarato che [[mille|1000]] soldati sono arrivati.", "Rudenko"),
        ("Si stima che [[oltre 1.000|1000|more_than]] soldati siano stati inviati.", nil),
        ("La Corea del Nord conferma l'invio di [[2.000|2000]] soldati.", "Corea del Nord"),
    ] as [(String, String?)])
    func namedSubject(_ marked: String, _ source: String?) throws {
        let figure = try #require(MarkedText(marked).figures().first)
        #expect(figure.attribution == source)
    }
}

/// Sources that point elsewhere: relative openers, bare heads, relays, headline colons.
struct IndirectSourceTests {
    @Test func relativeOpenerKeepsTheNamedSource() {
        let figures = MarkedText("Lo sostiene l'intelligence sudcoreana, secondo cui il contingente conta [[9.000|9000]] uomini.").figures()
        #expect(figures.first?.attribution == "NIS")
    }

    @Test func bareHeadTakesTheEarlierName() {
        let figures = MarkedText("Il NIS ha riferito ai deputati le ultime stime. L'agenzia ha anche confermato che [[due|2]] soldati sono stati catturati.").figures()
        #expect(figures.first?.attribution == "NIS")
    }

    @Test func bareHeadWithoutAnEarlierNameStays() {
        let figures = MarkedText("Le fonti riferiscono che [[200|200]] soldati sono morti.").figures()
        #expect(figures.first?.attribution == "fonti")
    }

    @Test func relayingOutletIsNotTheSource() {
        let figures = MarkedText("Fonti dell'intelligence ucraina, citate dalla stampa locale, parlano di [[5.000|5000]] soldati arrivati.").figures()
        #expect(figures.first?.attribution == "intelligence ucraina")
    }

    @Test func headlineColon() {
        let figures = MarkedText("Il Pentagono: \"[[Diecimila|10000]] nordcoreani nel Kursk\"").figures()
        #expect(figures.first?.attribution == "Pentagono")
    }

    @Test func citingIsNotAnOpener() {
        let figures = MarkedText("Tokyo aumenta le spese di [[20 miliardi|20000000000]] di yen, citando le minacce di Pyongyang.").figures()
        #expect(figures.allSatisfy { $0.attribution == nil })
    }
}

/// Category details found on longer sentences.
struct CategoryDetailTests {
    @Test func purposeClauseDoesNotGiveTheCategory() {
        let figures = MarkedText("Pyongyang ha mandato in Russia tra marzo e aprile [[almeno 2.000|2000|at_least]] soldati per rimpiazzare le perdite.").figures()
        #expect(figures.first?.category == "troops_sent")
    }

    @Test func shareRestatesTheFigureBefore() {
        let figures = MarkedText("Sono [[circa 5mila|5000|approx]] i soldati uccisi o feriti, una quota pari [[al 40%|40|%]] delle truppe inviate.").figures()
        #expect(figures.map(\.category) == ["killed_or_wounded", "killed_or_wounded"])
    }

    @Test func caliberIsNotAWeapon() {
        let figures = MarkedText("Sono arrivati [[100|100]] obici da [[152|152]] millimetri.").figures()
        #expect(figures.map(\.category) == ["weapons", "other"])
    }

    @Test func areaIsNotADeployment() {
        let figures = MarkedText("Sarebbero presenti mine su un'area di [[circa 200|200|approx]] chilometri quadrati.").figures()
        #expect(figures.first?.category == "other")
    }

    @Test func pastDeadlineIsNotAPlan() {
        let figures = MarkedText("Almeno [[6.000|6000]] soldati erano già arrivati entro la fine di ottobre.").figures()
        #expect(figures.first?.category == "troops_sent")
    }

    @Test func exchangedSoldiersAreOther() {
        let figures = MarkedText("Nello scambio sono stati rilasciati [[150|150]] soldati ucraini.").figures()
        #expect(figures.first?.category == "other")
    }
}
