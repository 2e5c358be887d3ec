import Dedup
import Foundation
import PipelineCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a run keeps in memory of one accepted document between its per-document stages and the
/// writers: the metadata and the dedup fingerprints. Its figures and dates, the bulk of a
/// result, wait in a ``DetailSpill`` and are read back one document at a time by the claims
/// step and the writers, so that a run's memory grows with the number of documents, not with
/// the number of figures they report.
struct CorpusDocument: Sendable {
    /// The document's metadata and stories.
    var record: DocumentRecord
    /// Its stories' fingerprints.
    var fingerprints: [StoryFingerprint]
    /// Number of figures.
    var figureCount: Int
    /// Number of date expressions.
    var dateCount: Int
    /// Where its figures are.
    var figures: DetailSpill.Handle
    /// Where its date expressions are (apart, so that each table reads only its own rows).
    var dates: DetailSpill.Handle

    /// Moves the figures and dates of `result` into `spill`.
    init(_ result: DocumentResult, spill: DetailSpill) {
        record = result.record
        fingerprints = result.fingerprints
        figureCount = result.figures.count
        dateCount = result.dates.count
        figures = spill.store(encoding: result.figures)
        dates = spill.store(encoding: result.dates)
    }
}

/// The figures and dates of the accepted documents, encoded (``BinaryWriter``) in an unnamed
/// temporary file beside the output directory, or in memory when no file can be made there.
///
/// Workers store concurrently; reads are positional and need no lock. The file is unlinked as
/// soon as it is created, so it disappears with the process however that ends.
///
/// `@unchecked Sendable` is safe: `end`, `memory` and `failure` are only touched while `lock` is held;
/// `descriptor` never changes after `init`, and `pwrite`/`pread` on distinct, reserved ranges
/// of one descriptor are safe from several threads.
final class DetailSpill: @unchecked Sendable {
    /// Where one document's details are.
    struct Handle: Sendable, Hashable {
        var offset: Int
        var length: Int
    }

    private let descriptor: Int32
    private let lock = NSLock()
    private var end = 0
    private var memory: [UInt8] = []
    private var failure: String?

    /// Opens a spill file in `directory`; keeps the details in memory when that fails.
    init(directory: String) {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/.pipeline-spill-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        let opened = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if opened >= 0 { unlink(path) }
        descriptor = opened
    }

    /// A spill that keeps everything in memory.
    init() { descriptor = -1 }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Stores `bytes` and returns where they are.
    func store(_ bytes: [UInt8]) -> Handle {
        lock.lock()
        if descriptor < 0 || failure != nil {
            defer { lock.unlock() }
            return keepInMemory(bytes)
        }
        let offset = end
        end += bytes.count
        lock.unlock()
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { raw in
                pwrite(descriptor, raw.baseAddress! + written, raw.count - written, off_t(offset + written))
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                // The disk is full or failing: keep this document (and the next ones) in memory.
                lock.lock()
                defer { lock.unlock() }
                failure = String(cString: strerror(errno))
                return keepInMemory(bytes)
            }
            written += count
        }
        return Handle(offset: offset, length: bytes.count)
    }

    /// Appends `bytes` to the in-memory store (call with `lock` held); such handles have
    /// negative offsets.
    private func keepInMemory(_ bytes: [UInt8]) -> Handle {
        let handle = Handle(offset: -1 - memory.count, length: bytes.count)
        memory.append(contentsOf: bytes)
        return handle
    }

    /// The bytes stored at `handle`.
    func bytes(at handle: Handle) -> [UInt8] {
        guard handle.length > 0 else { return [] }
        if handle.offset < 0 {
            lock.lock()
            defer { lock.unlock() }
            let start = -1 - handle.offset
            return Array(memory[start..<start + handle.length])
        }
        var bytes = [UInt8](repeating: 0, count: handle.length)
        var read = 0
        while read < handle.length {
            let count = bytes.withUnsafeMutableBytes { raw in
                pread(descriptor, raw.baseAddress! + read, raw.count - read, off_t(handle.offset + read))
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            read += count
        }
        return bytes
    }

    /// Encodes `values` (``BinaryWriter``) and stores them.
    func store<Value: BinaryCodable>(encoding values: [Value]) -> Handle {
        var writer = BinaryWriter(capacity: 256 * values.count + 8)
        writer.write(values)
        return store(writer.bytes)
    }

    /// The figures of one document.
    func figures(of document: CorpusDocument) -> [Figure] {
        decode(document.figures, of: document)
    }

    /// The date expressions of one document.
    func dates(of document: CorpusDocument) -> [DateMention] {
        decode(document.dates, of: document)
    }

    private func decode<Value: BinaryCodable>(_ handle: Handle, of document: CorpusDocument) -> [Value] {
        var reader = BinaryReader(bytes(at: handle))
        do {
            return try reader.read([Value].self)
        } catch {
            // Only bytes this process wrote are read back; a failure here is a bug or a failing disk.
            preconditionFailure("the spilled details of \(document.record.path) cannot be read back: \(error)")
        }
    }
}
