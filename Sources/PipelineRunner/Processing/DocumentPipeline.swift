import Dedup
import Extract
import Ingest
import Normalize
import PipelineCore

/// The per-document stages wired together: Ingest → Normalizer → Extractor → Fingerprinter.
///
/// A pure function of the input bytes and the config; the runner calls it on many documents
/// at once, and `pipeline inspect` calls it on one.
///
///     let stages = DocumentPipeline(config: config)
///     let analysis = try stages.analyze(RawDocument(path: "kursk.txt", bytes: Array("Inviati 11mila soldati".utf8)))
///     analysis.figures.count   // the figures of the text
public struct DocumentPipeline: Sendable {
    /// The ingest stage.
    public let ingest: Ingest
    /// The normalize stage.
    public let normalizer: Normalizer
    /// The extract stage.
    public let extractor: Extractor
    /// The per-document part of dedup.
    public let fingerprinter: Fingerprinter

    /// Builds the stages from a resolved config.
    public init(config: PipelineConfig) {
        ingest = Ingest(options: config.ingest)
        normalizer = Normalizer()
        extractor = Extractor(vocabulary: config.extract.vocabulary)
        fingerprinter = Fingerprinter(options: config.dedup)
    }

    /// Runs every per-document stage on one input, adding each stage's time to `timings`.
    ///
    /// - Throws: ``IngestError`` when the input cannot become a document.
    public func analyze(_ raw: RawDocument, timings: inout StageTimings) throws(IngestError) -> DocumentAnalysis {
        var clock = StageClock()
        let document: Document
        do {
            document = try ingest.run(raw)
        } catch {
            timings.add(.ingest, clock.lap())
            throw error
        }
        timings.add(.ingest, clock.lap())
        let normalized = normalizer.run(document.text, reference: document.published)
        timings.add(.normalize, clock.lap())
        let figures = extractor.run(document, normalized: normalized)
        timings.add(.extract, clock.lap())
        let fingerprints = fingerprinter.run(document, figures: figures)
        timings.add(.fingerprint, clock.lap())
        return DocumentAnalysis(document: document, normalized: normalized, figures: figures, fingerprints: fingerprints)
    }

    /// Runs every per-document stage on one input, without timing.
    public func analyze(_ raw: RawDocument) throws(IngestError) -> DocumentAnalysis {
        var timings = StageTimings()
        return try analyze(raw, timings: &timings)
    }
}

/// Everything the per-document stages found in one document, text included.
public struct DocumentAnalysis: Sendable {
    /// The ingested document.
    public var document: Document
    /// Its numbers and dates.
    public var normalized: NormalizedText
    /// Its figures.
    public var figures: [Figure]
    /// Its stories' fingerprints for corpus-wide dedup.
    public var fingerprints: [StoryFingerprint]

    /// Creates an analysis.
    public init(document: Document, normalized: NormalizedText, figures: [Figure], fingerprints: [StoryFingerprint]) {
        self.document = document
        self.normalized = normalized
        self.figures = figures
        self.fingerprints = fingerprints
    }

    /// The compact result the runner keeps (the text is dropped).
    public var result: DocumentResult {
        DocumentResult(
            record: DocumentRecord(document),
            dates: normalized.dates,
            figures: figures,
            fingerprints: fingerprints
        )
    }
}
