import Foundation
import PipelineCore

/// What a written dataset was computed from, and what it consists of: kept in the result cache
/// beside it, so that a scheduled run over unchanged inputs can prove that the dataset it would
/// write is the one already there and keep it (``Runner/keepUnchangedDataset(_:cache:started:timings:)``).
///
/// The datasets are a pure function of the tool build, the config and the bytes of every input
/// (see ``inputKey(config:discovery:inputDigests:)``); `files` lets the run check that nobody
/// removed or rewrote an output file since.
public struct DatasetState: Sendable, Hashable, Codable {
    /// ``inputKey(config:discovery:inputDigests:)`` of the run that wrote the dataset.
    public var inputKey: String
    /// Input files found (documents + rejects).
    public var inputsSeen: Int
    /// Accepted documents.
    public var documents: Int
    /// Rejected inputs.
    public var rejected: Int
    /// Rows per table.
    public var rows: [String: Int]
    /// Warnings about the inputs and the corpus (not about the cache), repeated in run.json.
    public var warnings: [String]
    /// The dataset's files, except run.json and hidden files.
    public var files: [FileStamp]

    /// The SHA-256 that identifies everything a dataset is computed from: the build of the
    /// tool, the config (``PipelineConfig/digest``), the discovery's rejects and warnings, and
    /// every input file's path with the digest of its bytes (``inputDigest(_:)``), in discovery
    /// order.
    public static func inputKey(config: PipelineConfig, discovery: Discovery, inputDigests: [String]) -> String {
        var text = "pipeline-dataset-v1\n" + ResultCache.toolStamp + "\n" + config.digest + "\n"
        for (file, digest) in zip(discovery.files, inputDigests) {
            text += "f\t" + file.relativePath + "\t" + digest + "\n"
        }
        for reject in discovery.rejects { text += "r\t" + reject.relativePath + "\t" + reject.reason + "\n" }
        for warning in discovery.warnings { text += "w\t" + warning + "\n" }
        return SHA256Digest.hex(of: Array(text.utf8))
    }

    /// The digest of one input as the run read it: the SHA-256 of its bytes, or `!` and the
    /// reason it could not be read.
    static func inputDigest(_ read: Runner.FileRead) -> String {
        switch read {
        case .bytes(let bytes): SHA256Digest.hex(of: bytes)
        case .rejected(let reject): "!" + reject.reason
        }
    }
}

/// An output file's name, size and modification time (nanoseconds since 1970), as written.
public struct FileStamp: Sendable, Hashable, Codable {
    /// File name inside the output directory.
    public var name: String
    /// Size in bytes.
    public var size: Int64
    /// Modification time in nanoseconds since 1970.
    public var modifiedNanos: Int64

    /// The stamps of the dataset files in `directory` (hidden files and run.json left out),
    /// sorted by name; `nil` when the directory cannot be listed.
    static func stamps(in directory: String) -> [FileStamp]? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return nil }
        var stamps: [FileStamp] = []
        for name in names.sorted() where !name.hasPrefix(".") && name != "run.json" {
            var info = stat()
            guard stat(directory + "/" + name, &info) == 0 else { return nil }
            let nanos = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
            stamps.append(FileStamp(name: name, size: Int64(info.st_size), modifiedNanos: nanos))
        }
        return stamps
    }
}

extension Runner {
    /// Keeps the dataset in place when it was computed from exactly these inputs, this config
    /// and this build, and its files are as that run left them: then a full run would write the
    /// same bytes, so only run.json is replaced (atomically, with `"mode": "unchanged"`).
    ///
    /// - Returns: The summary of the kept dataset, or `nil` when anything differs (the caller
    ///   then runs as usual).
    func keepUnchangedDataset(_ discovery: Discovery, cache: ResultCache, started: Date, timings: StageTimings) throws(PipelineError) -> RunSummary? {
        guard !options.full, let state = cache.datasetState, cache.keys.count == discovery.files.count,
              discovery.files.allSatisfy({ cache.keys[$0.relativePath] != nil })
        else { return nil }
        let directory = config.output.directory
        guard FileStamp.stamps(in: directory) == state.files else { return nil }
        var clock = StageClock()
        let collector = ResultCollector<String>(count: discovery.files.count)
        let limit = config.ingest.maxBytes
        let files = discovery.files
        let cancellation = options.cancellation
        WorkerPool(workers: config.workers).forEach(count: files.count) { index in
            guard cancellation?.isCancelled != true else { return }
            var timings = StageTimings()
            let digest = DatasetState.inputDigest(Self.read(files[index], maxBytes: limit, timings: &timings))
            collector.store(digest, at: index, timings: timings)
        }
        if let signal = options.cancellation?.signal { throw .stopped(signal: signal, datasetWritten: false) }
        let (slots, readTimings) = collector.take()
        let digests = slots.compactMap { $0 }
        guard digests.count == files.count,
              DatasetState.inputKey(config: config, discovery: discovery, inputDigests: digests) == state.inputKey
        else { return nil }

        var all = timings
        all.merge(readTimings)
        all.add(.documents, clock.lap())
        var changes = ChangeCounts(full: false)
        changes.unchanged = true
        changes.reused = files.count
        changes.rejected = state.rejected
        var manifest = RunManifest(
            configDigest: config.digest, configFile: config.file, workers: config.workers, started: started,
            inputsSeen: state.inputsSeen, documents: state.documents, rejected: state.rejected,
            rows: state.rows, warnings: state.warnings
        )
        manifest.changes = changes
        manifest.finish(timings: all)
        try DatasetWriter.replaceManifest(in: directory, text: manifest.json)
        options.logger.info("inputs, config and tool unchanged since the dataset was written: kept it, replaced run.json", metadata: ["directory": "\(directory)"])
        return RunSummary(outputDirectory: directory, documents: state.documents, rejected: state.rejected, rows: state.rows, warnings: state.warnings)
    }
}
