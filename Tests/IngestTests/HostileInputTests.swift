import Foundation
import PipelineCore
import Testing
@testable import Ingest

/// Inputs meant to break a reader. Each must end in a document or a reject, never a crash, and
/// never in unbounded work.
struct HostileInputTests {
    let article = """
        <p>Secondo il ministero della Difesa, la Corea del Nord ha inviato altri 3.000 soldati in Russia, \
        portando il totale a circa 11.000 uomini dall'inizio del conflitto.</p>
        <p>Le perdite stimate sono di almeno 4.000 tra morti e feriti, secondo l'intelligence sudcoreana, \
        che cita fonti sul campo e immagini satellitari.</p>
        """

    func ingest(_ bytes: [UInt8], path: String = "pagina.html", options: IngestOptions = IngestOptions()) -> Result<Document, IngestError> {
        Result { () throws(IngestError) -> Document in try Ingest(options: options).run(RawDocument(path: path, bytes: bytes)) }
    }

    @Test func emptyFileIsRejectedAsEmpty() {
        #expect(throws: IngestError.empty) { try Ingest().run(RawDocument(path: "vuoto.txt", bytes: [])) }
        #expect(throws: IngestError.empty) { try Ingest().run(RawDocument(path: "spazi.txt", bytes: Array("  \n\n\t ".utf8))) }
    }

    @Test func binaryFileIsRejectedAsBinary() {
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += (0..<4000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        #expect(throws: IngestError.binary) { try Ingest().run(RawDocument(path: "foto.html", bytes: png)) }
        let noise = (0..<5000).map { UInt8(truncatingIfNeeded: ($0 &* 7919) >> 3) }
        #expect(throws: IngestError.binary) { try Ingest().run(RawDocument(path: "dati.txt", bytes: noise)) }
    }

    @Test func truncatedHTMLStillYieldsItsText() throws {
        let page = "<html><head><title>Truppe a Kursk</title></head><body><article>" + article + "<p>Il documento aggiunge che il contingente potrebbe cresc"
        let doc = try ingest(Array(page.utf8)).get()
        #expect(doc.text.contains("11.000 uomini"))
        #expect(doc.text.hasSuffix("potrebbe cresc"))
    }

    @Test func fiftyThousandNestedDivsAreRejectedAsTooDeep() {
        let page = String(repeating: "<div>", count: 50_000) + "testo" + String(repeating: "</div>", count: 50_000)
        let result = ingest(Array(page.utf8))
        #expect(throws: IngestError.tooDeep(limit: 256)) { try result.get() }
    }

    @Test func nestingWithinTheLimitIsRead() throws {
        let page = "<html><body>" + String(repeating: "<div>", count: 100) + article + String(repeating: "</div>", count: 100) + "</body></html>"
        let doc = try ingest(Array(page.utf8)).get()
        #expect(doc.text.contains("4.000 tra morti e feriti"))
    }

    @Test func billionLaughsIsNotExpanded() throws {
        var page = "<?xml version=\"1.0\"?>\n<!DOCTYPE html [\n<!ENTITY lol \"lol\">\n"
        page += "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
        for level in 2...9 {
            page += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">\n"
        }
        page += "]>\n<html><body><article>" + article + "<p>&lol9;</p></article></body></html>"
        let doc = try ingest(Array(page.utf8)).get()
        #expect(doc.text.count < 2_000)
        #expect(!doc.text.contains("lollol"))
        #expect(doc.text.contains("11.000 uomini"))
    }

    @Test func externalEntityIsNeverLoaded() throws {
        let page = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE html [ <!ENTITY segreto SYSTEM "file:///etc/passwd"> ]>
            <html xmlns="http://www.w3.org/1999/xhtml"><head><title>Prova</title></head>
            <body><article>\(article)<p>Contenuto: &segreto;</p></article></body></html>
            """
        let doc = try ingest(Array(page.utf8), path: "pagina.xhtml").get()
        #expect(!doc.text.contains("root:"))
        #expect(!doc.text.contains("/bin/"))
        #expect(doc.text.contains("11.000 uomini"))
    }

    @Test func nulBytesAreDroppedFromText() throws {
        var bytes = Array("Kiev, 13 febbraio\n\nIl ministero ha confermato l'invio di 1.500\0 soldati.\0".utf8)
        bytes.insert(0, at: 3)
        let doc = try ingest(bytes, path: "nul.txt").get()
        #expect(!doc.text.unicodeScalars.contains("\0"))
        #expect(doc.text.contains("1.500 soldati."))
    }

    @Test func mostlyNulBytesAreBinary() {
        let bytes = [UInt8](repeating: 0, count: 3000) + Array("testo".utf8)
        #expect(throws: IngestError.binary) { try Ingest().run(RawDocument(path: "zero.txt", bytes: bytes)) }
    }

    @Test func twentyMegabyteSingleLineIsReadInLinearTime() throws {
        let sentence = Array("La Russia ha arruolato circa 180mila detenuti, secondo Kiev. ".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20_000_000 + sentence.count)
        while bytes.count < 20_000_000 { bytes += sentence }
        let doc = try ingest(bytes, path: "riga.txt").get()
        #expect(doc.stories.count == 1)
        #expect(doc.chars > 19_000_000)
    }

    @Test func twentyMegabyteSingleLineHTMLIsRead() throws {
        let cell = "<p>La Russia ha arruolato circa 180mila detenuti, secondo Kiev, e li ha inviati al fronte.</p>"
        var page = "<html><body><article>"
        page.reserveCapacity(20_100_000)
        while page.utf8.count < 20_000_000 { page += cell }
        page += "</article></body></html>"
        let doc = try ingest(Array(page.utf8)).get()
        #expect(doc.chars > 10_000_000)
    }

    @Test func fileOverTheSizeLimitIsRejected() {
        let options = IngestOptions(maxBytes: 1_000)
        let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 1_001)
        #expect(throws: IngestError.tooLarge(bytes: 1_001, limit: 1_000)) {
            try Ingest(options: options).run(RawDocument(path: "grande.txt", bytes: bytes))
        }
    }

    @Test func concurrentParsesAgree() async throws {
        let page = Array(("<html><body><article>" + article + "</article></body></html>").utf8)
        let expected = try ingest(page).get().text
        try await withThrowingTaskGroup(of: String.self) { group in
            for i in 0..<16 {
                group.addTask { try Ingest().run(RawDocument(path: "p\(i).html", bytes: page)).text }
            }
            for try await text in group { #expect(text == expected) }
        }
    }
}
