import PipelineCore
import Testing
@testable import Extract

/// An estimate `in N` with its noun after (`stimano in 100 i caduti`), source names without a
/// leading article or preposition, and the subject of a reporting or belief verb winning over a
/// source in a later clause or sentence.
struct EstimateAndSubjectTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var marked: String
        var value: Double
        var category: String
        var source: String?
        var testDescription: String { marked }
    }

    @Test(arguments: [
        Case(marked: "Kiev stima in [[100|100]] i caduti nordcoreani.", value: 100, category: "killed", source: "Kiev"),
        Case(marked: "Le autorità ucraine stimano in [[oltre 200|200|at_least]] i morti tra i nordcoreani.", value: 200, category: "killed", source: "autorità ucraine"),
        Case(marked: "Il Pentagono valuta in [[circa 3.000|3000|approx]] i soldati feriti.", value: 3000, category: "wounded", source: "Pentagono"),
        Case(marked: "Il Pentagono valuta in [[circa 3.000|3000|approx]] i feriti.", value: 3000, category: "wounded", source: "Pentagono"),
    ])
    func estimateInNumber(_ example: Case) throws {
        let figure = try #require(MarkedText(example.marked).figures().first, "no figure")
        #expect(figure.value == example.value)
        #expect(figure.category == example.category)
        #expect(figure.attribution == example.source)
    }

    @Test(arguments: [
        ("Secondo i dati dell'amministrazione regionale, [[50|50]] soldati sono morti.", "amministrazione regionale"),
        ("Secondo dell'amministrazione regionale, [[50|50]] soldati sono morti.", "amministrazione regionale"),
        ("Secondo quanto riferito dalla prefettura di Kursk, [[50|50]] soldati sono morti.", "prefettura di Kursk"),
    ])
    func sourceNameWithoutLeadingArticle(_ marked: String, _ source: String) throws {
        let figure = try #require(MarkedText(marked).figures().first, "no figure")
        #expect(figure.attribution == source)
    }

    @Test(arguments: [
        "Washington teme che [[altri 2.000|2000]] soldati nordcoreani vengano inviati in Russia. Lo confermano gli analisti americani.",
        "Washington teme che [[altri 2.000|2000]] soldati nordcoreani vengano inviati in Russia. È quanto emerge secondo gli analisti americani.",
        "Washington, che da settimane osserva il fronte con preoccupazione crescente, teme che [[altri 2.000|2000]] soldati vengano inviati in Russia, secondo gli analisti americani.",
    ])
    func subjectOfABeliefVerbWins(_ marked: String) throws {
        let figure = try #require(MarkedText(marked).figures().first, "no figure")
        #expect(figure.attribution == "Washington")
    }

    @Test func sourceBetweenTheVerbAndTheFigureStillWins() throws {
        let figure = try #require(MarkedText("Zelensky ha detto che secondo il NIS [[300|300]] soldati sono morti, come riferisce la Cnn.").figures().first)
        #expect(figure.attribution == "NIS")
    }
}
