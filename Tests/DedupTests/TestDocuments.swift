import Dedup
import Extract
import Foundation
import Ingest
import Normalize
import PipelineCore

/// Builds documents and runs stages for the dedup tests.
enum TestDocuments {
    /// The package root, derived from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    /// `../shared` beside the package, where the seed articles live.
    static let shared = packageRoot + "/../shared"
    /// The project's own samples.
    static let samples = packageRoot + "/samples"
    /// Samples that are not one single story of their own: the rejected binary, the near copy of
    /// `05`, the page of four stories, and the same story as `01` told by another outlet (the
    /// same-story rule is tested on them in `SamplesTests`).
    static let notSingleStories: Set<String> = [
        "09_immagine_salvata_male.html", "07_ripresa_munizioni_altra_testata.html",
        "08_notiziario_con_brevi.html", "11_nis_audizione_altra_testata.txt",
    ]

    /// A one-story document whose text is `paragraphs` joined by blank lines.
    static func document(_ path: String, published: String?, title: String? = nil, paragraphs: [String]) -> Document {
        let id = DocumentID.make(path: path)
        let text = paragraphs.joined(separator: "\n\n")
        let story = Story(documentID: id, position: 0, title: title, charStart: 0, charEnd: text.unicodeScalars.count)
        return Document(
            id: id, path: path, format: .text, encoding: "utf-8", title: title, published: published.flatMap { PartialDate(iso: $0) },
            outlet: nil, text: text, stories: [story], contentSHA256: SHA256Digest.hex(of: Array(text.utf8))
        )
    }

    /// A figure of `document`'s first story.
    static func figure(_ document: Document, _ index: Int, value: Double, category: String, unit: String = "soldato", at offset: Int = 0) -> Figure {
        Figure(
            id: "\(document.id)-f\(index)", storyID: document.stories[0].id, value: value, valueHigh: value, qualifier: .exact,
            unit: unit, category: category, attribution: nil, eventStart: nil, eventEnd: nil, surface: "", sentence: "",
            charStart: offset, charEnd: offset + 1
        )
    }

    /// Everything the real per-document stages produce for one file.
    struct Analysis {
        var document: Document
        var figures: [Figure]
        var fingerprints: [StoryFingerprint]
    }

    /// Runs ingest, normalize, extract and the fingerprinter on one file; `nil` when ingest rejects it.
    static func analyze(path: String, bytes: [UInt8], options: DedupOptions = DedupOptions()) -> Analysis? {
        let raw = RawDocument(path: path, bytes: bytes)
        guard let document = try? Ingest().run(raw) else { return nil }
        let normalized = Normalizer().run(document.text, reference: document.published)
        let figures = Extractor().run(document, normalized: normalized)
        return Analysis(document: document, figures: figures, fingerprints: Fingerprinter(options: options).run(document, figures: figures))
    }

    /// Reads a file of the project or of `../shared` and analyzes it.
    static func analyze(file: String, as path: String? = nil) -> Analysis? {
        guard let data = FileManager.default.contents(atPath: file) else { return nil }
        return analyze(path: path ?? URL(fileURLWithPath: file).lastPathComponent, bytes: Array(data))
    }
}
