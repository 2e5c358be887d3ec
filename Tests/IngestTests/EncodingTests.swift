import Foundation
import PipelineCore
import Testing
@testable import Ingest

/// Charsets as pages really serve them: declared, undeclared, wrong, late, UTF-16.
struct EncodingTests {
    static let body = """
        <p>Perché la città di Kursk è al centro del conflitto? Secondo l'intelligence, più di 11.000 soldati \
        nordcoreani sono arrivati in Russia, e altri potrebbero seguire nei prossimi mesi.</p>\
        <p>Le autorità ucraine affermano che l'offensiva è già cominciata, con perdite pesanti da entrambe le parti.</p>
        """

    static func page(head: String) -> String {
        "<html><head>\(head)<title>Truppe a Kursk</title></head><body><article>\(body)</article></body></html>"
    }

    static func windows1252(_ text: String) -> [UInt8] {
        text.unicodeScalars.map { scalar -> UInt8 in
            switch scalar.value {
            case 0..<0x100: UInt8(scalar.value)
            case 0x2019: 0x92
            case 0x20AC: 0x80
            default: UInt8(ascii: "?")
            }
        }
    }

    func read(_ bytes: [UInt8], path: String = "pagina.html") throws -> Document {
        try Ingest().run(RawDocument(path: path, bytes: bytes))
    }

    @Test func windows1252PageDeclaredAsLatin1() throws {
        let doc = try read(Self.windows1252(Self.page(head: "<meta charset=\"iso-8859-1\">")))
        #expect(doc.encoding == "windows-1252")
        #expect(doc.text.contains("Perché la città"))
        #expect(!doc.text.contains("\u{FFFD}"))
    }

    @Test func windows1252PageWithoutDeclaration() throws {
        let doc = try read(Self.windows1252(Self.page(head: "") + "<p>Costo: 5 € l’uno.</p>"))
        #expect(doc.encoding == "windows-1252")
        #expect(doc.text.contains("più di 11.000"))
    }

    @Test func wrongDeclaredCharsetFallsBackToSingleByte() throws {
        let doc = try read(Self.windows1252(Self.page(head: "<meta charset=\"utf-8\">")))
        #expect(doc.encoding == "windows-1252")
        #expect(doc.text.contains("Perché"))
        #expect(!doc.text.contains("\u{FFFD}"))
    }

    @Test func utf8PageDeclaredAsLatin1IsReadAsUTF8() throws {
        let doc = try read(Array(Self.page(head: "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">").utf8))
        #expect(doc.encoding == "utf-8")
        #expect(doc.text.contains("Perché la città"))
    }

    @Test func lateMetaCharsetAfterNonASCIIBytes() throws {
        let page = "<html><head><title>Città sotto attacco</title>" + String(repeating: "<!-- commento è lungo -->", count: 300)
            + "<meta charset=\"windows-1252\"></head><body><article>\(Self.body)</article></body></html>"
        let doc = try read(Array(page.utf8))
        #expect(doc.encoding == "utf-8")
        #expect(doc.text.contains("Perché la città"))
    }

    @Test func utf8WithoutDeclaration() throws {
        let doc = try read(Array(Self.page(head: "").utf8))
        #expect(doc.encoding == "utf-8")
        #expect(doc.text.contains("è già cominciata"))
    }

    @Test(arguments: [true, false])
    func utf16WithBOM(littleEndian: Bool) throws {
        var bytes: [UInt8] = littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
        for unit in Self.page(head: "<meta charset=\"utf-16\">").utf16 {
            let pair = littleEndian ? [UInt8(unit & 0xFF), UInt8(unit >> 8)] : [UInt8(unit >> 8), UInt8(unit & 0xFF)]
            bytes += pair
        }
        let doc = try read(bytes)
        #expect(doc.encoding == (littleEndian ? "utf-16le" : "utf-16be"))
        #expect(doc.text.contains("Perché la città"))
    }

    @Test func utf8BOMIsNotText() throws {
        let doc = try read([0xEF, 0xBB, 0xBF] + Array("Titolo della notizia di oggi\n\nIl testo è breve ma c'è.".utf8), path: "n.txt")
        #expect(doc.text.hasPrefix("Titolo"))
        #expect(doc.encoding == "utf-8")
    }

    @Test func decomposedAccentsBecomeNFC() throws {
        let doc = try read(Array("Titolo della notizia di oggi\n\nLa citta\u{300} e\u{301} vuota.".utf8), path: "n.txt")
        #expect(doc.text.contains("La città é vuota."))
    }

    @Test func typographicApostrophesAreKept() throws {
        let doc = try read(Array("Titolo della notizia di oggi\n\nQuest’anno l’esercito ha perso “molti” uomini.".utf8), path: "n.txt")
        #expect(doc.text.contains("Quest’anno l’esercito"))
    }

    @Test(arguments: [
        ("iso-8859-1", true), ("windows-1251", true), ("UTF-8", true),
    ])
    func declaredCharsetIsFound(name: String, present: Bool) {
        let bytes = Array("<html><head><meta charset='\(name)'></head>".utf8)
        #expect(EncodingDetector.declaredCharset(bytes) == name.lowercased())
    }

    @Test func cyrillicPageInWindows1251() throws {
        // "Москва" in windows-1251, repeated into an article.
        let word: [UInt8] = [0xCC, 0xEE, 0xF1, 0xEA, 0xE2, 0xE0]
        var bytes = Array("<html><head><meta charset=\"windows-1251\"></head><body><article><p>".utf8)
        for _ in 0..<60 { bytes += word + Array(", ".utf8) }
        bytes += Array("fine.</p></article></body></html>".utf8)
        let doc = try read(bytes)
        #expect(doc.encoding == "windows-1251")
        #expect(doc.text.contains("Москва, Москва"))
    }
}
