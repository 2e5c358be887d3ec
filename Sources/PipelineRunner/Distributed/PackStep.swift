import Foundation
import Ingest
import PipelineCore

/// `pipeline pack`: the configured inputs as JSON-lines files of ``PackedDocument`` records,
/// ready to copy to a cluster's storage (HDFS, S3, a shared disk) for `pipeline map`.
///
/// Files are discovered exactly as the single-machine run discovers them; a file discovery
/// refuses, or that is too large or unreadable, is packed as a reject record so it still
/// reaches `rejects`. Output: `part-00000.jsonl`, `part-00001.jsonl`… with `perFile` records
/// each, in discovery order; the directory is replaced whole.
///
///     try PackStep(config: config, perFile: 1000).run(out: "/data/packed")
///     // part-00000.jsonl: {"content":"Kursk, inviati 11mila soldati…","format":"text","id":"d…","path":"kursk.txt"}
public struct PackStep: Sendable {
    /// The resolved config (inputs, `max_bytes`).
    public let config: PipelineConfig
    /// Records per output file.
    public let perFile: Int

    /// Creates the step.
    public init(config: PipelineConfig, perFile: Int = 1000) {
        self.config = config
        self.perFile = max(1, perFile)
    }

    /// Writes the records under `out`.
    ///
    /// - Returns: the number of records and of files written.
    /// - Throws: ``ShuffleError/cannotWrite(path:reason:)`` when the directory cannot be written.
    @discardableResult
    public func run(out: String) throws(ShuffleError) -> (records: Int, files: Int) {
        let discovery = InputDiscovery(inputs: config.inputs).discover()
        let staging = out + ".pack-\(ProcessInfo.processInfo.processIdentifier)"
        let manager = FileManager.default
        try? manager.removeItem(atPath: staging)
        do {
            try manager.createDirectory(atPath: staging, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path: staging, reason: (error as NSError).localizedDescription)
        }
        var records: [PackedDocument] = discovery.rejects.map {
            PackedDocument(reject: Reject(path: $0.relativePath, stage: "discover", reason: $0.reason))
        }
        var written = 0
        var files = 0
        let encoder = ShuffleLine.makeEncoder()
        func flush() throws(ShuffleError) {
            guard !records.isEmpty else { return }
            let path = staging + "/part-" + PackStep.partNumber(files) + ".jsonl"
            var text = ""
            for record in records {
                do {
                    text += try ShuffleLine.json(record, encoder) + "\n"
                } catch {
                    throw .cannotWrite(path: path, reason: "cannot encode \(record.path): \(error)")
                }
            }
            guard manager.createFile(atPath: path, contents: Data(text.utf8)) else { throw .cannotWrite(path: path, reason: "cannot create the file") }
            written += records.count
            files += 1
            records.removeAll(keepingCapacity: true)
        }
        for file in discovery.files {
            switch Runner.readBytes(file.absolutePath, maxBytes: config.ingest.maxBytes) {
            case .success(let bytes):
                records.append(PackedDocument(path: file.relativePath, bytes: bytes))
            case .failure(.tooLarge(let size)):
                let reason = IngestError.tooLarge(bytes: size, limit: config.ingest.maxBytes).reason
                records.append(PackedDocument(reject: Reject(path: file.relativePath, stage: "ingest", reason: reason)))
            case .failure(.unreadable(let reason)):
                records.append(PackedDocument(reject: Reject(path: file.relativePath, stage: "read", reason: "unreadable: " + reason)))
            }
            if records.count >= perFile { try flush() }
        }
        try flush()
        do {
            if manager.fileExists(atPath: out) { try manager.removeItem(atPath: out) }
            try manager.moveItem(atPath: staging, toPath: out)
        } catch {
            throw .cannotWrite(path: out, reason: (error as NSError).localizedDescription)
        }
        return (written, files)
    }

    /// `00042`: five digits, locale-free.
    static func partNumber(_ value: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }
}
