import Testing
@testable import Extract

/// Sentence boundaries.
struct SentenceSplitterTests {
    func split(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        return SentenceSplitter(abbreviations: ["dott", "gen"]).sentences(of: scalars).map { sentence in
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[sentence.start..<sentence.end])
            return String(view)
        }
    }

    @Test(arguments: [
        ("Sono arrivati 1.500 soldati. Altri 300 sono feriti.", ["Sono arrivati 1.500 soldati.", "Altri 300 sono feriti."]),
        ("Lo ha detto il gen. Rossi ai giornalisti.", ["Lo ha detto il gen. Rossi ai giornalisti."]),
        ("Il dott. Kim conferma. Fine.", ["Il dott. Kim conferma.", "Fine."]),
        ("Parla J. Smith oggi.", ["Parla J. Smith oggi."]),
        ("Titolo senza punto\n\nCorpo del testo.", ["Titolo senza punto", "Corpo del testo."]),
        ("Russia, 300 morti - La notizia è di oggi. Poi - forse - altro.", ["Russia, 300 morti", "La notizia è di oggi.", "Poi - forse - altro."]),
        ("«Arriveranno.» Così ha detto.", ["«Arriveranno.»", "Così ha detto."]),
        ("Ha detto: \"sono 300.\" e poi è andato via.", ["Ha detto: \"sono 300.\" e poi è andato via."]),
    ])
    func sentences(_ text: String, _ expected: [String]) {
        #expect(split(text) == expected)
    }

    @Test func headlines() {
        let scalars = Array("Titolo\n\nRussia, 300 morti - Corpo. Altro.".unicodeScalars)
        let sentences = SentenceSplitter(abbreviations: []).sentences(of: scalars)
        #expect(sentences.map(\.isHeadline) == [true, true, false, false])
        #expect(sentences.map(\.paragraph) == [0, 1, 1, 1])
    }
}

/// The decoder's by-products: the splitter's stops and the UTF-8 checkpoints.
struct DocumentTextTests {
    static let texts = [
        "Secondo il NIS, circa 300 soldati sono morti. Altri 2.700 feriti!\nKursk – «dati»… ok? sì — è così\r\nfine",
        String(repeating: "abcdefgh.ijklmnop-qrst\u{2029}uvwxyzàèìòù ", count: 9),
        "",
        "1234567",
    ]

    @Test(arguments: texts)
    func stopsAndCheckpoints(_ text: String) {
        let (scalars, checkpoints, stops) = DocumentText.scalars(of: text)
        #expect(scalars == Array(text.unicodeScalars))
        #expect(stops == scalars.indices.filter { SentenceSplitter.isStop(scalars[$0]) })
        var expected: [Int] = []
        var offset = 0
        for (index, scalar) in scalars.enumerated() {
            if index % 16 == 0 { expected.append(offset) }
            offset += UTF8.width(scalar)
        }
        if scalars.count % 16 == 0 { expected.append(offset) }
        #expect(checkpoints == expected)
    }
}
