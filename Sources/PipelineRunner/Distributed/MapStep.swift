import Dedup
import Foundation
import Ingest
import PipelineCore

/// `pipeline map`: every per-document stage over a stream of ``PackedDocument`` lines.
///
/// For each input line it writes, in input order, either one `R` line (a reject) or one `D`
/// line (the ``DocumentResult``) followed by one `B` line per LSH bucket of each story (see
/// ``ShuffleLine``). A pure function of the line and the config: a retried or speculative task
/// writes the same bytes.
///
///     let map = MapStep(config: config, workers: 1)
///     try map.lines(for: #"{"path":"kursk.txt","format":"text","content":"Inviati 11mila soldati"}"#,
///                   source: "stdin", lineNumber: 1)
///     // ["D\td…\t{…}", "B\t…\td…-s0\t{…}", …]
public struct MapStep: Sendable {
    /// The resolved config.
    public let config: PipelineConfig
    /// Documents analysed at once.
    public let workers: Int
    let stages: DocumentPipeline

    /// Creates the step; `workers` defaults to the config's.
    public init(config: PipelineConfig, workers: Int? = nil) {
        self.config = config
        self.workers = max(1, workers ?? config.workers)
        self.stages = DocumentPipeline(config: config)
    }

    /// Maps every line of `input` to `output`, `workers` documents at a time, in input order.
    ///
    /// - Returns: the number of input records.
    /// - Throws: ``ShuffleError`` for a line that is not a document record, or on I/O failure.
    @discardableResult
    public func run(input: inout LineReader, output: inout LineWriter) throws(ShuffleError) -> Int {
        let batchSize = workers * 16
        var records = 0
        while true {
            var batch: [(line: String, number: Int)] = []
            while batch.count < batchSize, let line = try input.next() {
                if !line.isEmpty { batch.append((String(line), input.lineNumber)) }
            }
            if batch.isEmpty { break }
            records += batch.count
            let collector = ResultCollector<Result<[String], ShuffleError>>(count: batch.count)
            let source = input.name
            let batchLines = batch
            WorkerPool(workers: workers).forEach(count: batchLines.count) { index in
                let item = batchLines[index]
                let result = Result { () throws(ShuffleError) in try self.lines(for: item.line, source: source, lineNumber: item.number) }
                collector.store(result, at: index, timings: StageTimings())
            }
            for (index, slot) in collector.take().values.enumerated() {
                guard let result = slot else { throw .badLine(source: source, line: batchLines[index].number, reason: "internal: no result was produced") }
                for line in try result.get() { try output.write(line) }
            }
        }
        try output.flush()
        return records
    }

    /// The output lines of one input line.
    public func lines(for line: String, source: String, lineNumber: Int) throws(ShuffleError) -> [String] {
        func bad(_ reason: String) -> ShuffleError { .badLine(source: source, line: lineNumber, reason: reason) }
        let record: PackedDocument
        do {
            record = try JSONDecoder().decode(PackedDocument.self, from: Data(line.utf8))
        } catch {
            throw bad("not a document record ({\"id\", \"path\", \"format\", \"content\"}): \(error)")
        }
        let unpacked: PackedDocument.Unpacked
        do {
            unpacked = try record.unpack()
        } catch {
            throw bad(error.text)
        }
        let encoder = ShuffleLine.makeEncoder()
        do {
            switch unpacked {
            case .rejected(let reject):
                return [try ShuffleLine.reject(reject).text(encoder: encoder)]
            case .raw(let raw):
                switch analyze(raw) {
                case .rejected(let reject):
                    return [try ShuffleLine.reject(reject).text(encoder: encoder)]
                case .accepted(let result):
                    var lines = [try ShuffleLine.document(id: result.record.id, result: result).text(encoder: encoder)]
                    for fingerprint in result.fingerprints {
                        let member = BandMember(fingerprint)
                        for key in fingerprint.bucketKeys {
                            lines.append(try ShuffleLine.band(key: key, member: member).text(encoder: encoder))
                        }
                    }
                    return lines
                }
            }
        } catch let error as ShuffleError {
            throw error
        } catch {
            throw bad("cannot encode the result: \(error)")
        }
    }

    /// Runs the per-document stages on one file's bytes, as the single-machine run does.
    func analyze(_ raw: RawDocument) -> DocumentOutcome {
        let limit = config.ingest.maxBytes
        guard raw.bytes.count <= limit else {
            return .rejected(Reject(path: raw.path, stage: "ingest", reason: IngestError.tooLarge(bytes: raw.bytes.count, limit: limit).reason))
        }
        do {
            return .accepted(try stages.analyze(raw).result)
        } catch {
            return .rejected(Reject(path: raw.path, stage: "ingest", reason: error.reason))
        }
    }
}
