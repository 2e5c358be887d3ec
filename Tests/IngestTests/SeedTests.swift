import Foundation
import PipelineCore
import Testing
@testable import Ingest

/// The five seed articles of `../shared/seeds`: titles, dates, stories, the repeated headline.
/// Skipped when the shared folder is not beside the package.
struct SeedTests {
    static let seedsDirectory: String = {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/seeds").path
    }()
    static let available = FileManager.default.fileExists(atPath: seedsDirectory)

    static func ingestSeed(_ prefix: String) throws -> Document {
        let names = try FileManager.default.contentsOfDirectory(atPath: seedsDirectory)
        let name = try #require(names.first { $0.hasPrefix(prefix) && $0.hasSuffix(".txt") })
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: seedsDirectory + "/" + name)))
        return try Ingest().run(RawDocument(path: name, bytes: bytes))
    }

    @Test(.enabled(if: available), arguments: [("000", nil), ("001", "2025-02"), ("002", nil), ("003", "2025-07"), ("004", nil)] as [(String, String?)])
    func publicationDate(seed: String, expected: String?) throws {
        let doc = try Self.ingestSeed(seed)
        #expect(doc.published?.iso == expected)
        #expect(doc.format == .text)
        #expect(doc.encoding == "utf-8")
    }

    @Test(.enabled(if: available))
    func dateMarkerStaysAsItsOwnLine() throws {
        let doc = try Self.ingestSeed("001")
        #expect(doc.text.hasPrefix("date 2025-02\n\n"))
        let title = try #require(doc.title)
        #expect(!title.contains("date"))
        #expect(title.hasPrefix("La Corea del Nord invia"))
        #expect(doc.text.contains("\n\n" + title + "\n\n"))
    }

    @Test(.enabled(if: available))
    func agencyTagGivesOutletAndNoHeadline() throws {
        let doc = try Self.ingestSeed("003")
        #expect(doc.outlet == "Adnkronos")
        #expect(doc.title == nil)
        #expect(doc.text.hasPrefix("date 2025-07\n\n(Adnkronos)"))
    }

    @Test(.enabled(if: available), arguments: ["000", "002", "004"])
    func headlineIsTheFirstParagraph(seed: String) throws {
        let doc = try Self.ingestSeed(seed)
        let title = try #require(doc.title)
        #expect(doc.text.hasPrefix(title + "\n\n"))
        #expect(doc.stories[0].title == title)
    }

    @Test(.enabled(if: available))
    func appendedItemsBecomeStories() throws {
        let doc = try Self.ingestSeed("000")
        #expect(doc.stories.count == 4)
        let scalars = Array(doc.text.unicodeScalars)
        for story in doc.stories.dropFirst() {
            let body = String(String.UnicodeScalarView(scalars[story.charStart..<story.charEnd]))
            let title = try #require(story.title)
            #expect(body.hasPrefix(title + " - "))
        }
        #expect(doc.stories[0].charStart == 0)
        #expect(doc.stories[1].charStart == doc.stories[0].charEnd + 2)
        #expect(doc.stories.last?.charEnd == doc.chars)
    }

    @Test(.enabled(if: available))
    func repeatedHeadlineIsReadOnce() throws {
        let doc = try Self.ingestSeed("004")
        let key = TextCleanup.key(try #require(doc.title))
        let occurrences = TextCleanup.key(doc.text).components(separatedBy: key).count - 1
        #expect(occurrences == 1)
        #expect(doc.outlet == "unita.tv")
        #expect(doc.stories.count == 1)
        #expect(doc.text.contains("3.000 soldati in Russia, portando il totale a 11.000"))
    }

    @Test(.enabled(if: available), arguments: ["000", "001", "002", "003", "004"])
    func textIsNFCWithParagraphBreaks(seed: String) throws {
        let doc = try Self.ingestSeed(seed)
        #expect(doc.text == doc.text.precomposedStringWithCanonicalMapping)
        #expect(!doc.text.contains("\n\n\n"))
        #expect(!doc.text.hasPrefix(" ") && !doc.text.hasSuffix("\n"))
        #expect(doc.stories.allSatisfy { $0.charStart < $0.charEnd && $0.charEnd <= doc.chars })
    }
}
