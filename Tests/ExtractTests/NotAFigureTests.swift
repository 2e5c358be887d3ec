import PipelineCore
import Testing
@testable import Extract

/// Numbers that must not become figures, and some that must.
struct NotAFigureTests {
    @Test(arguments: [
        "Il patto firmato [[nel 2023|2023]] prevede assistenza reciproca.",
        "Il trattato risale al [[2024|2024]].",
        "[[Un|1]] alto funzionario ha confermato la notizia.",
        "Lo ha detto Kim Jong [[Un|1]] durante la parata.",
        "Kiev ha colpito [[un|1]] deposito di munizioni.",
        "Le relazioni tra i [[due|2]] Paesi sono migliorate.",
        "Una delle [[due|2]] nazioni potrebbe ritirarsi.",
        "Le fabbriche lavorano [[24|24]] ore su [[24|24]].",
        "Quasi [[un|1|almost]] colpo su [[cinque|5]] non esplode.",
        "L'articolo [[5|5]] del trattato impone la difesa comune.",
        "Secondo i [[007|7]] di Seul la situazione è grave.",
        "Alle ore [[10|10]] è suonato l'allarme.",
    ])
    func noFigure(_ marked: String) {
        #expect(MarkedText(marked).figures().isEmpty)
    }

    @Test func numberInsideADateIsNotAFigure() {
        let marked = MarkedText("Dal {{[[25|25]] marzo|2025-03-25|2025-03-25}} non ci sono stati attacchi.")
        #expect(marked.figures().isEmpty)
    }

    @Test func backReferenceToReportedPrisoners() {
        let figures = MarkedText("Kiev ha catturato [[due|2]] soldati nordcoreani. Le foto dei [[due|2]] prigionieri sono state diffuse.").figures()
        #expect(figures.count == 1)
        #expect(figures.first?.category == "captured")
    }

    @Test func hedgedOneIsAFigure() {
        let figures = MarkedText("Dopo una pausa di [[circa un|1|approx]] mese i reparti sono tornati al fronte.").figures()
        #expect(figures.map(\.unit) == ["mese"])
        #expect(figures.first?.category == "duration")
    }

    @Test func surfaceIsTheTextBetweenOffsets() {
        let marked = MarkedText("Secondo l’intelligence, [[circa 1.500|1500|approx]] soldati nordcoreani sono stati inviati a Vladivostok, mentre [[altri 2.700|2700]] sono rimasti feriti. Il Pentagono stima che [[il 40%|40|%]] dei proiettili arrivi da Pyongyang.")
        let figures = marked.figures()
        #expect(figures.count == 3)
        let scalars = Array(marked.text.unicodeScalars)
        for figure in figures {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[figure.charStart..<figure.charEnd])
            #expect(String(view) == figure.surface)
        }
        #expect(figures.map(\.surface) == ["circa 1.500 soldati", "altri 2.700 sono rimasti feriti", "il 40%"])
        #expect(figures.map(\.id) == ["dtest-f0", "dtest-f1", "dtest-f2"])
    }
}
