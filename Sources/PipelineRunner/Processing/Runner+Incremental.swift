import Foundation
import Logging
import PipelineCore

/// How a run was started, beyond its config: cache use, stop requests, progress and logging.
///
///     let options = RunOptions(full: true, cancellation: SignalHandling.install())
///     try Runner(config: config, options: options).run()
public struct RunOptions: Sendable {
    /// Ignore the cache and analyse every document again (`pipeline run --full`); the cache is
    /// rebuilt from this run's results.
    public var full: Bool
    /// Polled between documents; when set, the run stops without writing.
    public var cancellation: RunCancellation?
    /// Receives one tick per finished document.
    public var progress: RunProgress?
    /// Where the run logs what it does.
    public var logger: Logger

    /// A logger that drops everything (the default for library callers and tests).
    public static let silentLogger = Logger(label: "pipeline", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Creates run options.
    public init(full: Bool = false, cancellation: RunCancellation? = nil, progress: RunProgress? = nil, logger: Logger = silentLogger) {
        self.full = full
        self.cancellation = cancellation
        self.progress = progress
        self.logger = logger
    }
}

/// What an incremental run did with each input, recorded in run.json under `"changes"`.
///
///     {"mode": "incremental", "new": 12, "changed": 1, "reused": 1987, "removed": 3, "rejected": 2}
public struct ChangeCounts: Sendable, Hashable {
    /// Whether the cache was ignored (`--full`): then every analysed input counts as new.
    public var full: Bool
    /// Whether the run kept the previous dataset because nothing it depends on changed
    /// (`"mode": "unchanged"`; every input then counts as reused).
    public var unchanged = false
    /// Inputs analysed that the cache did not know.
    public var new = 0
    /// Inputs analysed again because their bytes, the tool or the per-document options changed.
    public var changed = 0
    /// Inputs whose cached result was reused.
    public var reused = 0
    /// Cached inputs that are no longer among the inputs (their rows left the dataset).
    public var removed = 0
    /// Rows of `rejects` (set once the rejects are known).
    public var rejected = 0

    /// Creates counts, all zero.
    public init(full: Bool) { self.full = full }

    /// The `"changes"` object of run.json.
    var node: JSONNode {
        .object([
            ("mode", .string(full ? "full" : unchanged ? "unchanged" : "incremental")),
            ("new", .integer(new)), ("changed", .integer(changed)), ("reused", .integer(reused)),
            ("removed", .integer(removed)), ("rejected", .integer(rejected)),
        ])
    }
}

/// The per-document part of a run with the cache: outcomes in input order, and the counts.
struct IncrementalResults: Sendable {
    var outcomes: [CorpusOutcome]
    /// ``DatasetState/inputDigest(_:)`` of every input, in input order (complete unless stopped).
    var inputDigests: [String]
    var timings: StageTimings
    var counts: ChangeCounts
}

/// What a run keeps of one input: a document (its details spilled), or a reject row.
enum CorpusOutcome: Sendable {
    case accepted(CorpusDocument)
    case rejected(Reject)

    /// Keeps `outcome`, moving an accepted document's figures and dates into `details`.
    init(_ outcome: DocumentOutcome, details: DetailSpill) {
        switch outcome {
        case .accepted(let result): self = .accepted(CorpusDocument(result, spill: details))
        case .rejected(let reject): self = .rejected(reject)
        }
    }
}

/// One processed input on its way back from a worker.
struct ProcessedInput: Sendable {
    enum Origin: Sendable { case new, changed, reused, unreadable }
    var outcome: CorpusOutcome
    var origin: Origin
    var inputDigest: String
}

extension Runner {
    /// Reads every file on the worker pool and reuses the cached result of each file whose
    /// ``CacheKey`` is unchanged; analyses the others; hands every result to `writer` for the
    /// next cache. Stops taking new files once ``RunOptions/cancellation`` is set (the
    /// unprocessed slots are then absent from the result, which the caller discards).
    func processIncrementally(_ files: [InputFile], cache: ResultCache, writer: CacheWriter?, details: DetailSpill) -> IncrementalResults {
        let collector = ResultCollector<ProcessedInput>(count: files.count)
        let stages = self.stages
        let limit = config.ingest.maxBytes
        let digest = config.perDocumentDigest
        let full = options.full
        let cancellation = options.cancellation
        let progress = options.progress
        let logger = options.logger
        WorkerPool(workers: config.workers).forEach(count: files.count) { index in
            guard cancellation?.isCancelled != true else { return }
            var timings = StageTimings()
            let file = files[index]
            let processed: ProcessedInput
            let read = Self.read(file, maxBytes: limit, timings: &timings)
            let inputDigest = DatasetState.inputDigest(read)
            switch read {
            case .rejected(let reject):
                processed = ProcessedInput(outcome: .rejected(reject), origin: .unreadable, inputDigest: inputDigest)
            case .bytes(let bytes):
                let key = CacheKey(contentSHA256: inputDigest, tool: ResultCache.toolStamp, configDigest: digest)
                let previous = full ? nil : cache.keys[file.relativePath]
                if previous == key, let stored = cache.outcome(for: file.relativePath), let outcome = ResultCache.decode(stored) {
                    processed = ProcessedInput(outcome: CorpusOutcome(outcome, details: details), origin: .reused, inputDigest: inputDigest)
                    writer?.add(CacheEntry(path: file.relativePath, key: key, outcome: stored))
                } else {
                    let outcome = Self.analyze(file, bytes: bytes, stages: stages, timings: &timings)
                    processed = ProcessedInput(outcome: CorpusOutcome(outcome, details: details), origin: previous == nil ? .new : .changed, inputDigest: inputDigest)
                    if let encoded = ResultCache.encode(outcome) {
                        writer?.add(CacheEntry(path: file.relativePath, key: key, outcome: encoded))
                    }
                }
            }
            logger.debug("\(processed.origin == .reused ? "reused" : "analysed") \(file.relativePath)")
            collector.store(processed, at: index, timings: timings)
            progress?.documentFinished(reused: processed.origin == .reused)
        }
        let (slots, timings) = collector.take()
        var results = IncrementalResults(outcomes: [], inputDigests: [], timings: timings, counts: ChangeCounts(full: full))
        for slot in slots {
            guard let slot else { continue }
            results.outcomes.append(slot.outcome)
            results.inputDigests.append(slot.inputDigest)
            switch slot.origin {
            case .new: results.counts.new += 1
            case .changed: results.counts.changed += 1
            case .reused: results.counts.reused += 1
            case .unreadable: break
            }
        }
        if !full {
            let present = Set(files.map(\.relativePath))
            results.counts.removed = cache.keys.keys.filter { !present.contains($0) }.count
        }
        return results
    }
}
