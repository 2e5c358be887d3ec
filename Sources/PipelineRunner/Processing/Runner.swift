import Dedup
import Foundation
import Ingest
import PipelineCore

/// Runs the whole pipeline for a config: discover → per-document stages on a bounded set of
/// Dispatch workers → corpus-wide dedup and claims → tables → atomic write.
///
///     let config = try ConfigLoader.load(path: "pipeline.json")
///     let summary = try Runner(config: config).run()
///     summary.rows["figures"]   // number of figures written
///
/// The output never depends on the number of workers: files are processed in any order but
/// their results are kept in the discovery order (sorted relative paths).
public struct Runner: Sendable {
    /// The resolved config.
    public let config: PipelineConfig
    /// The per-document stages.
    public let stages: DocumentPipeline

    /// Creates a runner for `config`.
    public init(config: PipelineConfig) {
        self.config = config
        self.stages = DocumentPipeline(config: config)
    }

    /// Runs everything and writes the datasets.
    ///
    /// - Returns: What was written.
    /// - Throws: ``PipelineError/cannotWrite(path:reason:)`` when the output cannot be written
    ///   (the previous dataset stays in place).
    public func run() throws(PipelineError) -> RunSummary {
        let started = Date()
        var timings = StageTimings()
        var clock = StageClock()

        let discovery = InputDiscovery(inputs: config.inputs).discover()
        timings.add(.discover, clock.lap())

        let (outcomes, documentTimings) = processDocuments(discovery.files)
        timings.merge(documentTimings)
        timings.add(.documents, clock.lap())

        var results: [DocumentResult] = []
        var rejects = discovery.rejects.map { Reject(path: $0.relativePath, stage: "discover", reason: $0.reason) }
        for outcome in outcomes {
            switch outcome {
            case .accepted(let result): results.append(result)
            case .rejected(let reject): rejects.append(reject)
            }
        }

        // Shuffle and reduce happen inside dedup (in-memory band buckets); `pipeline finalize`
        // runs the same step with the candidate pairs of `pipeline reduce` instead.
        let finalize = Finalize(config: config, started: started, inputsSeen: discovery.files.count + discovery.rejects.count, warnings: discovery.warnings)
        return try finalize.run(results: results, rejects: rejects, candidates: nil, timings: &timings, clock: &clock)
    }

    /// Reads and analyses every file on the worker pool; results in the order of `files`.
    public func processDocuments(_ files: [InputFile]) -> (outcomes: [DocumentOutcome], timings: StageTimings) {
        let collector = ResultCollector<DocumentOutcome>(count: files.count)
        let stages = self.stages
        let limit = config.ingest.maxBytes
        WorkerPool(workers: config.workers).forEach(count: files.count) { index in
            var timings = StageTimings()
            let outcome = Self.process(files[index], stages: stages, maxBytes: limit, timings: &timings)
            collector.store(outcome, at: index, timings: timings)
        }
        let (slots, timings) = collector.take()
        let outcomes = slots.enumerated().map { index, slot in
            slot ?? .rejected(Reject(path: files[index].relativePath, stage: "read", reason: "internal: no result was produced"))
        }
        return (outcomes, timings)
    }

    /// Reads one file and runs the per-document stages on it; a problem becomes a reject.
    public static func process(_ file: InputFile, stages: DocumentPipeline, maxBytes: Int, timings: inout StageTimings) -> DocumentOutcome {
        var clock = StageClock()
        let bytes: [UInt8]
        switch readBytes(file.absolutePath, maxBytes: maxBytes) {
        case .success(let read):
            bytes = read
        case .failure(let failure):
            timings.add(.read, clock.lap())
            switch failure {
            case .tooLarge(let size): return .rejected(Reject(path: file.relativePath, stage: "ingest", reason: IngestError.tooLarge(bytes: size, limit: maxBytes).reason))
            case .unreadable(let reason): return .rejected(Reject(path: file.relativePath, stage: "read", reason: "unreadable: " + reason))
            }
        }
        timings.add(.read, clock.lap())
        do {
            let analysis = try stages.analyze(RawDocument(path: file.relativePath, bytes: bytes), timings: &timings)
            return .accepted(analysis.result)
        } catch {
            return .rejected(Reject(path: file.relativePath, stage: "ingest", reason: error.reason))
        }
    }

    enum ReadFailure: Error {
        case tooLarge(Int)
        case unreadable(String)
    }

    /// The bytes of a file, refusing files over `maxBytes` before reading them.
    static func readBytes(_ path: String, maxBytes: Int) -> Result<[UInt8], ReadFailure> {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(.unreadable(FileManager.default.isReadableFile(atPath: path) ? "cannot open the file" : "permission denied or file vanished"))
        }
        defer { try? handle.close() }
        do {
            let size = try handle.seekToEnd()
            if size > UInt64(maxBytes) { return .failure(.tooLarge(Int(clamping: size))) }
            try handle.seek(toOffset: 0)
            let data = try handle.readToEnd() ?? Data()
            if data.count > maxBytes { return .failure(.tooLarge(data.count)) }
            return .success([UInt8](data))
        } catch {
            return .failure(.unreadable((error as NSError).localizedDescription))
        }
    }
}

/// What a run wrote.
public struct RunSummary: Sendable, Hashable {
    /// The output directory.
    public var outputDirectory: String
    /// Accepted documents.
    public var documents: Int
    /// Rejected inputs.
    public var rejected: Int
    /// Rows per table.
    public var rows: [String: Int]
    /// Warnings recorded in run.json.
    public var warnings: [String]
}
