import CSupport
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a dataset atomically: every file goes into a staging directory beside the output
/// directory (`.output.staging-PID`), is flushed to disk, and only then is the staging
/// directory swapped in, with one `renameat2(RENAME_EXCHANGE)` where the file system supports
/// it, else by renaming the old directory aside and the new one into place.
///
/// A run that fails or is killed before the swap leaves the previous dataset untouched (the
/// next run removes the leftover staging directory). Hidden entries of the previous output
/// directory (`.gitkeep`, a cache) are carried over into the new one; everything else in it
/// belongs to the pipeline and is replaced whole.
public struct DatasetWriter: Sendable {
    /// Where and how to write.
    public let output: OutputSettings

    /// Creates a writer.
    public init(output: OutputSettings) { self.output = output }

    /// Writes every table in every configured format, then `manifest()` as run.json, then
    /// swaps the result in.
    ///
    /// - Parameters:
    ///   - extraFiles: Called with the staging directory after the tables are written, to add
    ///     files that are swapped in with them (the result cache).
    ///   - manifest: Called after the tables are written; returns run.json's text.
    /// - Throws: ``PipelineError/cannotWrite(path:reason:)``; the previous dataset is unchanged.
    public func write(_ tables: [Table], extraFiles: (String) throws -> Void = { _ in }, manifest: () -> String) throws(PipelineError) {
        let directory = output.directory
        let parent = PathText.parent(directory)
        let name = PathText.name(directory)
        let staging = parent + "/.\(name).staging-\(getpid())"
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path: directory, reason: "cannot create \(parent): \(Self.describe(error))")
        }
        Self.removeStale(in: parent, name: name)
        do {
            try? FileManager.default.removeItem(atPath: staging)
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: false)
            for table in tables { try writeTable(table, in: staging) }
            if output.formats.contains(.sqlite) {
                try SQLiteDatasetWriter().write(tables, to: staging + "/" + SQLiteDatasetWriter.fileName)
            }
            try extraFiles(staging)
            try Self.carryOverHiddenEntries(from: directory, to: staging)
            try Self.writeFile(staging + "/run.json", text: manifest())
            try Self.syncPath(staging)
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw .cannotWrite(path: directory, reason: Self.describe(error))
        }
        try Self.swapIn(staging: staging, directory: directory, parent: parent, name: name)
    }

    /// Writes one table in every per-table format, producing its rows once.
    private func writeTable(_ table: Table, in staging: String) throws {
        let csv = CSVFormat(dialect: output.csv)
        let json = JSONTableFormat()
        let keys = JSONTableFormat.keys(table.columns)
        var csvSink: FileSink?
        var jsonSink: FileSink?
        for format in output.formats where format.isPerTable {
            let sink = try FileSink(path: staging + "/\(table.name).\(format.rawValue)")
            switch format {
            case .csv:
                try sink.write(csv.preamble + csv.header(table.columns))
                csvSink = sink
            case .json:
                try sink.write(json.opening)
                jsonSink = sink
            case .sqlite:
                break  // one file for all tables: SQLiteDatasetWriter
            }
        }
        guard csvSink != nil || jsonSink != nil else { return }
        var index = 0
        try table.forEachRow { cells in
            try csvSink?.append { csv.append(row: cells, to: &$0) }
            try jsonSink?.append { json.append(row: cells, keys: keys, index: index, to: &$0) }
            index += 1
        }
        try csvSink?.close()
        if let jsonSink {
            try jsonSink.write(json.closing(count: index))
            try jsonSink.close()
        }
    }

    /// Replaces `directory/run.json` alone, atomically (a temporary file renamed over it), for a
    /// run that kept the dataset.
    ///
    /// - Throws: ``PipelineError/cannotWrite(path:reason:)``; the previous run.json then stays.
    static func replaceManifest(in directory: String, text: String) throws(PipelineError) {
        let temporary = directory + "/.run.json.tmp-\(getpid())"
        do {
            try writeFile(temporary, text: text)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw .cannotWrite(path: directory + "/run.json", reason: describe(error))
        }
        guard rename(temporary, directory + "/run.json") == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw .cannotWrite(path: directory + "/run.json", reason: "rename failed: \(reason)")
        }
        try? syncPath(directory)
    }

    static func writeFile(_ path: String, text: String) throws {
        let sink = try FileSink(path: path)
        try sink.write(text)
        try sink.close()
    }

    /// Swaps `staging` into `directory`; afterwards the old dataset is deleted.
    ///
    /// - Parameter exchange: Swaps two paths atomically, returning 0 or -1 with `errno` set;
    ///   `renameat2(RENAME_EXCHANGE)` unless a test passes one that fails.
    static func swapIn(
        staging: String, directory: String, parent: String, name: String,
        exchange: (String, String) -> Int32 = { pipeline_exchange_paths($0, $1) }
    ) throws(PipelineError) {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue {
            try? FileManager.default.removeItem(atPath: staging)
            throw .cannotWrite(path: directory, reason: "it exists and is not a directory")
        }
        if !exists {
            guard rename(staging, directory) == 0 else {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(atPath: staging)
                throw .cannotWrite(path: directory, reason: "rename failed: \(reason)")
            }
        } else if exchange(staging, directory) == 0 {
            try? FileManager.default.removeItem(atPath: staging)  // now holds the previous dataset
        } else {
            let aside = parent + "/.\(name).old-\(getpid())"
            try? FileManager.default.removeItem(atPath: aside)
            guard rename(directory, aside) == 0 else {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(atPath: staging)
                throw .cannotWrite(path: directory, reason: "cannot move the previous dataset aside: \(reason)")
            }
            guard rename(staging, directory) == 0 else {
                let reason = String(cString: strerror(errno))
                _ = rename(aside, directory)
                try? FileManager.default.removeItem(atPath: staging)
                throw .cannotWrite(path: directory, reason: "rename failed: \(reason)")
            }
            try? FileManager.default.removeItem(atPath: aside)
        }
        try? syncPath(parent)
    }

    /// Removes staging and set-aside directories left by runs that were killed (their process
    /// no longer exists).
    static func removeStale(in parent: String, name: String) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for entry in entries {
            for marker in [".\(name).staging-", ".\(name).old-"] where entry.hasPrefix(marker) {
                guard let pid = Int32(entry.dropFirst(marker.count)) else { continue }
                if pid == getpid() || (kill(pid, 0) != 0 && errno == ESRCH) {
                    try? FileManager.default.removeItem(atPath: parent + "/" + entry)
                }
            }
        }
    }

    static func carryOverHiddenEntries(from directory: String, to staging: String) throws {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for entry in entries.sorted() where entry.hasPrefix(".") {
            let target = staging + "/" + entry
            guard !FileManager.default.fileExists(atPath: target) else { continue }
            do {
                try FileManager.default.linkItem(atPath: directory + "/" + entry, toPath: target)
            } catch {
                try FileManager.default.copyItem(atPath: directory + "/" + entry, toPath: target)
            }
        }
    }

    /// Flushes a file or directory to disk.
    static func syncPath(_ path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        _ = fsync(descriptor)
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? POSIXError { return String(cString: strerror(error.code.rawValue)) }
        if let error = error as? FileSinkError { return error.description }
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}

/// Why a file could not be written.
struct FileSinkError: Error, CustomStringConvertible {
    var path: String
    var code: Int32
    var description: String { "\(path): \(String(cString: strerror(code)))" }
}

private func posixClose(_ descriptor: Int32) -> Int32 { close(descriptor) }
private func posixWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { write(descriptor, bytes, count) }

/// A file writer with its own 1 MiB buffer; ``close()`` flushes and fsyncs (the descriptor
/// itself is released when the sink is deallocated).
final class FileSink {
    private let descriptor: Int32
    private let path: String
    private var buffer: [UInt8] = []

    init(path: String) throws {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileSinkError(path: path, code: errno) }
        buffer.reserveCapacity(1 << 20)
    }

    deinit {
        if descriptor >= 0 { _ = posixClose(descriptor) }
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Lets `render` append bytes to the buffer directly.
    func append(_ render: (inout [UInt8]) -> Void) throws {
        render(&buffer)
        if buffer.count >= 1 << 20 { try flush() }
    }

    func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { raw in
                posixWrite(descriptor, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw FileSinkError(path: path, code: errno)
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        guard fsync(descriptor) == 0 || errno == EINVAL else { throw FileSinkError(path: path, code: errno) }
    }
}
