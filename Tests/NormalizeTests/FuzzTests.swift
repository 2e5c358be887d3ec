import PipelineCore
import Testing
@testable import Normalize

/// Random and adversarial inputs: no crash, no overflow trap, offsets inside the text.
/// Sizes grow linearly; the rules are single passes, so a quadratic slowdown would show as a
/// test that never finishes rather than as a timing assertion.
@Suite("Fuzz: random and adversarial strings")
struct FuzzTests {
    static func check(_ text: String) {
        let scalars = Array(text.unicodeScalars)
        for reference in [nil, PartialDate(year: 2025, month: 2, day: 13), PartialDate(year: 2025, month: 2)] {
            let r = Fixture.normalizer.run(text, reference: reference)
            for n in r.numbers {
                #expect(n.value.isFinite && n.valueHigh.isFinite)
                #expect(0 <= n.charStart && n.charStart <= n.numeralStart && n.numeralStart <= n.charEnd && n.charEnd <= scalars.count)
            }
            for d in r.dates { #expect(0 <= d.charStart && d.charStart <= d.charEnd && d.charEnd <= scalars.count) }
        }
    }

    @Test(arguments: [
        String(repeating: "9", count: 5000), "1.2.3.4.5", "99999999999999999999mila", "1e999", "-1e-999",
        "99999999999999999999999 milioni di miliardi", String(repeating: "1.", count: 3000), String(repeating: "12/", count: 2000),
        "Ящик 12 апреля 2024 年 3 月 5 日 ٣٤٥ 𝟙𝟚𝟛", "mille mille mille mille", String(repeating: "cento ", count: 5000),
        String(repeating: "e ", count: 5000) + "mezzo", String(repeating: "tra 1 e ", count: 2000), "’’’'''---///%%%",
        String(repeating: "ventitré", count: 10), String(repeating: "a", count: 70), "2025-02-30 31/02/2024 2024-13-01 0/0/0",
        "\u{0}\u{1}\u{7F}\u{FEFF}\u{200B}12\u{00A0}000", "dal 31 al 1 febbraio", "un milione e mezzo e mezzo e mezzo",
    ])
    func adversarial(text: String) {
        Self.check(text)
    }

    @Test func randomStrings() {
        var rng = SeededGenerator(seed: 42)
        let alphabet = Array("0123456789.,'’-/%: eèàòù abcdefghilmnopqrstuvz\nMLKGmilamiliardicentoventitrénovembremar°ªº€$")
        for _ in 0..<300 {
            let length = Int.random(in: 0..<200, using: &rng)
            Self.check(String((0..<length).map { _ in alphabet.randomElement(using: &rng)! }))
        }
    }

    @Test func oneMegabyteWithoutSpaces() {
        let chunk = "1.500mila,ventitré-30%/2024-02-13marzo’"
        var text = ""
        text.reserveCapacity(1_050_000)
        while text.utf8.count < 1_000_000 { text += chunk }
        Self.check(text)
        Self.check(String(repeating: "7", count: 1_000_000))
    }
}
