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
    /// Cache use, stop requests, progress and logging.
    public let options: RunOptions

    /// Creates a runner for `config`.
    public init(config: PipelineConfig, options: RunOptions = RunOptions()) {
        self.config = config
        self.stages = DocumentPipeline(config: config)
        self.options = options
    }

    /// Runs everything and writes the datasets.
    ///
    /// Only one run at a time writes an output directory (``RunLock``); the results of
    /// unchanged inputs come from the previous run's cache (``ResultCache``) unless
    /// ``RunOptions/full`` is set.
    ///
    /// - Returns: What was written.
    /// - Throws: ``PipelineError/cannotWrite(path:reason:)`` when the output cannot be written
    ///   (the previous dataset stays in place); ``PipelineError/lockHeld(path:owner:waited:)``
    ///   when another run keeps the lock; ``PipelineError/stopped(signal:datasetWritten:)``
    ///   when ``RunOptions/cancellation`` was set.
    public func run() throws(PipelineError) -> RunSummary {
        let logger = options.logger
        let lock = try RunLock.acquire(
            outputDirectory: config.output.directory, timeout: config.output.lockTimeoutSeconds,
            isCancelled: { [cancellation = options.cancellation] in cancellation?.signal }
        )
        defer { withExtendedLifetime(lock) {} }
        let started = Date()
        var timings = StageTimings()
        var clock = StageClock()

        let discovery = InputDiscovery(inputs: config.inputs).discover()
        timings.add(.discover, clock.lap())
        logger.info("found \(discovery.files.count) input files", metadata: ["config": "\(config.file)", "workers": "\(config.workers)"])

        let (cache, loadWarning) = options.full ? (ResultCache(), nil) : ResultCache.load(outputDirectory: config.output.directory)
        defer { cache.close() }
        var cacheWarnings = loadWarning.map { [$0] } ?? []
        let cacheWriter: CacheWriter?
        do {
            cacheWriter = try CacheWriter(outputDirectory: config.output.directory)
        } catch {
            cacheWriter = nil
            cacheWarnings.append("the cache cannot be created beside \(config.output.directory) (\(error)); the next run analyses every document again")
        }
        defer { cacheWriter?.discard() }
        for warning in cacheWarnings { logger.warning("\(warning)") }
        if let summary = try keepUnchangedDataset(discovery, cache: cache, started: started, timings: timings) { return summary }
        options.progress?.begin(total: discovery.files.count)
        let details = DetailSpill(directory: PathText.parent(config.output.directory))
        var processed = processIncrementally(discovery.files, cache: cache, writer: cacheWriter, details: details)
        options.progress?.end()
        if let signal = options.cancellation?.signal { throw .stopped(signal: signal, datasetWritten: false) }
        timings.merge(processed.timings)
        timings.add(.documents, clock.lap())

        var results: [CorpusDocument] = []
        var rejects = discovery.rejects.map { Reject(path: $0.relativePath, stage: "discover", reason: $0.reason) }
        for outcome in processed.outcomes {
            switch outcome {
            case .accepted(let result): results.append(result)
            case .rejected(let reject): rejects.append(reject)
            }
        }
        processed.outcomes = []

        // Shuffle and reduce happen inside dedup (in-memory band buckets); `pipeline finalize`
        // builds the same dataset from the candidate pairs of `pipeline reduce`.
        let dataset = Finalize(config: config).dataset(
            documents: results, details: details, rejects: rejects, candidates: nil, timings: &timings, clock: &clock
        )
        results = []  // the dataset holds them now, in path order
        let corpus = dataset.corpus
        rejects = dataset.rejects

        var manifest = RunManifest(
            configDigest: config.digest, configFile: config.file, workers: config.workers, started: started,
            inputsSeen: discovery.files.count + discovery.rejects.count, documents: dataset.documentCount, rejected: rejects.count,
            rows: dataset.rowCounts, warnings: discovery.warnings + corpus.warnings + cacheWarnings
        )
        var changes = processed.counts
        changes.rejected = rejects.count
        manifest.changes = changes
        logger.info("documents: \(changes.new) new, \(changes.changed) changed, \(changes.reused) reused, \(changes.removed) removed, \(changes.rejected) rejected")
        if let signal = options.cancellation?.signal { throw .stopped(signal: signal, datasetWritten: false) }
        let writer = DatasetWriter(output: config.output)
        let inputKey = DatasetState.inputKey(config: config, discovery: discovery, inputDigests: processed.inputDigests)
        try writer.write(dataset.tables, extraFiles: { staging in
            if let files = FileStamp.stamps(in: staging) {
                cacheWriter?.record(DatasetState(
                    inputKey: inputKey, inputsSeen: manifest.inputsSeen, documents: dataset.documentCount, rejected: rejects.count,
                    rows: dataset.rowCounts, warnings: discovery.warnings + corpus.warnings, files: files
                ))
            }
            if let warning = try cacheWriter?.finish(into: staging + "/" + ResultCache.fileName) {
                logger.warning("\(warning)")
                manifest.warnings.append(warning)
            }
        }) { () -> String in
            timings.add(.write, clock.lap())
            manifest.finish(timings: timings)
            return manifest.json
        }
        for warning in manifest.warnings { logger.warning("\(warning)") }
        logger.info("wrote the datasets", metadata: ["directory": "\(config.output.directory)"])
        if let signal = options.cancellation?.signal { throw .stopped(signal: signal, datasetWritten: true) }
        return RunSummary(outputDirectory: config.output.directory, documents: dataset.documentCount, rejected: rejects.count, rows: dataset.rowCounts, warnings: manifest.warnings)
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
        switch read(file, maxBytes: maxBytes, timings: &timings) {
        case .bytes(let bytes): analyze(file, bytes: bytes, stages: stages, timings: &timings)
        case .rejected(let reject): .rejected(reject)
        }
    }

    /// Reads one file; a file that is too large or unreadable becomes a reject.
    static func read(_ file: InputFile, maxBytes: Int, timings: inout StageTimings) -> FileRead {
        var clock = StageClock()
        defer { timings.add(.read, clock.lap()) }
        switch readBytes(file.absolutePath, maxBytes: maxBytes) {
        case .success(let bytes):
            return .bytes(bytes)
        case .failure(.tooLarge(let size)):
            return .rejected(Reject(path: file.relativePath, stage: "ingest", reason: IngestError.tooLarge(bytes: size, limit: maxBytes).reason))
        case .failure(.unreadable(let reason)):
            return .rejected(Reject(path: file.relativePath, stage: "read", reason: "unreadable: " + reason))
        }
    }

    /// Runs the per-document stages on the bytes of one file; an ingest error becomes a reject.
    static func analyze(_ file: InputFile, bytes: [UInt8], stages: DocumentPipeline, timings: inout StageTimings) -> DocumentOutcome {
        do {
            let analysis = try stages.analyze(RawDocument(path: file.relativePath, bytes: bytes), timings: &timings)
            return .accepted(analysis.result)
        } catch {
            return .rejected(Reject(path: file.relativePath, stage: "ingest", reason: error.reason))
        }
    }

    /// A file's bytes, or why it could not be read.
    enum FileRead {
        case bytes([UInt8])
        case rejected(Reject)
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
