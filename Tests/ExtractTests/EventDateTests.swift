import PipelineCore
import Testing
@testable import Extract

/// The event period of figures.
struct EventDateTests {
    @Test func dateOfTheSameSentence() {
        let figures = MarkedText("{{A ottobre 2024|2024-10-01|2024-10-31}}, [[circa 1.500|1500|approx]] soldati erano stati inviati a Vladivostok.").figures()
        #expect(figures.first?.eventStart == "2024-10-01")
        #expect(figures.first?.eventEnd == "2024-10-31")
    }

    @Test func nearestDateWins() {
        let figures = MarkedText("Pyongyang ha inviato [[11mila|11000]] soldati {{nell'autunno del 2024|2024-09-01|2024-11-30}} e solo {{a fine aprile|2025-04-21|2025-04-30}} Mosca ha confermato.").figures()
        #expect(figures.first?.eventStart == "2024-09-01")
    }

    @Test func noDateInTheSentence() {
        let figures = MarkedText("{{A gennaio|2025-01-01|2025-01-31}} la situazione era calma. Oggi [[300|300]] soldati sono feriti.").figures()
        #expect(figures.first?.eventStart == nil)
    }

    @Test func unresolvedDateGivesNothing() {
        let figures = MarkedText("{{Lo scorso giugno||}} sono arrivati [[500|500]] soldati.").figures()
        #expect(figures.first?.eventStart == nil)
    }
}
