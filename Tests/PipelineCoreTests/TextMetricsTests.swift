import Testing
import PipelineCore

@Suite("Word counts: runs of letters and digits, in any script")
struct TextMetricsTests {
    @Test(arguments: [
        ("Kyiv, 11mila soldati — 2,5% in più", 7),
        ("città perché l'Ucraina", 4),
        ("Пхеньян отправил 12 000 солдат", 5),
        ("", 0),
        ("  ...  ", 0),
        ("٣ jours", 2),
    ])
    func counts(text: String, expected: Int) {
        #expect(TextMetrics.wordCount(text) == expected)
    }
}

@Suite("Trimming blanks as Foundation's whitespace set does, without Foundation")
struct TrimmingTests {
    @Test(arguments: [
        ("\t 11mila soldati  ", "11mila soldati"),
        ("\u{00A0}Kursk\u{2009}", "Kursk"),
        ("riga\n", "riga\n"),
        ("   ", ""),
        ("", ""),
        ("a b", "a b"),
    ])
    func trims(text: String, expected: String) {
        #expect(text.trimmingBlanks == expected)
        #expect(text[...].trimmingBlanks == expected)
    }
}
