import Foundation
import PipelineCore
import Testing
@testable import Normalize

/// Runs ../shared/conformance with the rules of shared/tools/score_normalize.py:
/// a numeral case is right when the ordered list of [value, value_high] equals the expected one
/// (reference 2013-02-12); a date row is right when some returned date has its start and end.
@Suite("Conformance suites (Duckling, Recognizers-Text, text2num, num2words, dateparser)")
struct ConformanceTests {
    static let dir = Fixture.shared.appendingPathComponent("conformance")
    static let present = FileManager.default.fileExists(atPath: dir.appendingPathComponent("numerals.tsv").path)

    @Test(.enabled(if: present))
    func numerals() throws {
        let rows = try Fixture.tsv(Self.dir.appendingPathComponent("numerals.tsv"))
        let reference = PartialDate(year: 2013, month: 2, day: 12)
        var right = 0
        var failures: [String] = []
        for row in rows {
            let text = row["text"] ?? ""
            let data = Data((row["expected"] ?? "[]").utf8)
            let expected = (try JSONSerialization.jsonObject(with: data) as? [[Double]]) ?? []
            let got = Fixture.values(text, reference: reference)
            let ok = got.count == expected.count && zip(got, expected).allSatisfy {
                Fixture.close($0[0], $1[0]) && Fixture.close($0[1], $1.count > 1 ? $1[1] : $1[0])
            }
            if ok { right += 1 } else { failures.append("\(row["id"] ?? "") \(text): \(got) ≠ \(expected)") }
        }
        let accuracy = Double(right) / Double(max(rows.count, 1))
        print("conformance numerals \(String(format: "%.3f", accuracy)) (n=\(rows.count))\n  " + failures.joined(separator: "\n  "))
        #expect(accuracy >= 0.95, "numerals \(accuracy)")
    }

    @Test(.enabled(if: present))
    func dates() throws {
        let rows = try Fixture.tsv(Self.dir.appendingPathComponent("dates.tsv"))
        var right = 0
        var failures: [String] = []
        for row in rows {
            let text = row["text"] ?? ""
            let found = Fixture.dates(text, reference: PartialDate(iso: row["reference"] ?? ""))
            if found.contains(where: { $0.start == row["start"] && $0.end == row["end"] }) {
                right += 1
            } else {
                failures.append("\(row["id"] ?? "") \(text): \(found.map { "\($0.start ?? "-")…\($0.end ?? "-")" })")
            }
        }
        let accuracy = Double(right) / Double(max(rows.count, 1))
        print("conformance dates \(String(format: "%.3f", accuracy)) (n=\(rows.count))\n  " + failures.joined(separator: "\n  "))
        #expect(accuracy >= 0.90, "dates \(accuracy)")
    }
}
