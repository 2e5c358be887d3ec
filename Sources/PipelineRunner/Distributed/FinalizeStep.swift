import Dedup
import Foundation
import PipelineCore

/// `pipeline finalize`: the map results (`D`, `R` lines) and the reduce results (`P`, `W`
/// lines) in, the datasets out — through ``Finalize``, the step the single-machine run ends with.
///
/// Reads every file of the two directories (a single file is accepted too), skipping names
/// that start with `.` or `_` (`_SUCCESS`, `.part-00000.crc`). Lines repeated by retried tasks
/// count once; two different results for the same document are an error.
///
///     let step = FinalizeStep(config: config)
///     try step.run(docs: "/data/mapped", pairs: "/data/pairs")   // writes config.output.directory
public struct FinalizeStep: Sendable {
    /// The resolved config (output directory already set by the caller).
    public let config: PipelineConfig

    /// Creates the step.
    public init(config: PipelineConfig) { self.config = config }

    /// What was read, before clustering.
    public struct Inputs: Sendable {
        /// One result per document, by document id.
        public var results: [String: DocumentResult] = [:]
        /// Distinct reject rows.
        public var rejects = Set<Reject>()
        /// Candidate pairs and capped buckets.
        public var candidates = CandidatePairs()
    }

    /// Reads both directories, checks the pairs against the documents, and writes the datasets.
    ///
    /// - Throws: ``ShuffleError`` for unreadable or inconsistent input, ``PipelineError`` when
    ///   the output cannot be written.
    public func run(docs: String, pairs: String) throws -> RunSummary {
        let started = Date()
        var timings = StageTimings()
        var clock = StageClock()
        var inputs = Inputs()
        for file in try Self.files(in: docs) { try Self.read(file, into: &inputs, accepting: ["D", "R"]) }
        for file in try Self.files(in: pairs) { try Self.read(file, into: &inputs, accepting: ["P", "W"]) }
        timings.add(.read, clock.lap())

        let storyIDs = Set(inputs.results.values.flatMap { $0.record.stories.map(\.id) })
        let unknown = inputs.candidates.unknownStories(storyIDs)
        guard unknown.isEmpty else { throw ShuffleError.unknownStories(count: unknown.count, examples: Array(unknown.prefix(3))) }

        let dataset = Finalize(config: config).dataset(
            results: Array(inputs.results.values), rejects: Array(inputs.rejects), candidates: inputs.candidates, timings: &timings, clock: &clock
        )
        var manifest = RunManifest(
            configDigest: config.digest, configFile: config.file, workers: config.workers, started: started,
            inputsSeen: inputs.results.count + inputs.rejects.count, documents: dataset.documentCount, rejected: dataset.rejects.count,
            rows: dataset.rowCounts, warnings: dataset.corpus.warnings
        )
        try DatasetWriter(output: config.output).write(dataset.tables) { () -> String in
            timings.add(.write, clock.lap())
            manifest.finish(timings: timings)
            return manifest.json
        }
        return RunSummary(
            outputDirectory: config.output.directory, documents: dataset.documentCount, rejected: dataset.rejects.count,
            rows: dataset.rowCounts, warnings: manifest.warnings
        )
    }

    /// The files to read under `path`: the path itself when it is a file, else its visible
    /// regular files (recursively), sorted.
    static func files(in path: String) throws(ShuffleError) -> [String] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .unreadable(path: path, reason: "no such file or directory") }
        guard isDirectory.boolValue else { return [path] }
        guard let names = manager.enumerator(atPath: path) else { throw .unreadable(path: path, reason: "cannot list the directory") }
        var files: [String] = []
        for case let name as String in names {
            let components = name.split(separator: "/")
            guard !components.contains(where: { $0.hasPrefix(".") || $0.hasPrefix("_") }) else { continue }
            let full = path + "/" + name
            var isDirectory: ObjCBool = false
            if manager.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue { files.append(full) }
        }
        return files.sorted()
    }

    /// Adds the lines of one file to `inputs`.
    static func read(_ path: String, into inputs: inout Inputs, accepting tags: Set<Character>) throws(ShuffleError) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .unreadable(path: path, reason: "cannot open the file") }
        defer { try? handle.close() }
        var lines = LineReader(handle: handle, name: path)
        let decoder = JSONDecoder()
        while let line = try lines.next() {
            guard let first = line.first else { continue }
            guard tags.contains(first) else {
                let expected = tags.sorted().map(String.init).joined(separator: " or ")
                throw .badLine(source: path, line: lines.lineNumber, reason: "expected \(expected) lines here, got a \(JSONText.quote(String(first))) line")
            }
            switch try ShuffleLine.parse(line, decoder: decoder, source: path, lineNumber: lines.lineNumber) {
            case .document(let id, let result):
                if let previous = inputs.results[id] {
                    guard previous == result else { throw .conflictingResults(documentID: id) }
                } else {
                    inputs.results[id] = result
                }
            case .reject(let reject):
                inputs.rejects.insert(reject)
            case .pair(let first, let second):
                inputs.candidates.insert(first, second)
            case .capped(let key, _, _):
                inputs.candidates.insertCapped(bucketKey: key)
            case .band, nil:
                break
            }
        }
    }
}
