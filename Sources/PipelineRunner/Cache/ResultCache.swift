import Foundation
import GRDB
import PipelineCore

/// What decides whether a cached per-document result can be reused: the input's bytes, the
/// build of the tool that computed it, and the config options of the per-document stages.
public struct CacheKey: Sendable, Hashable {
    /// SHA-256 of the input file's bytes.
    public var contentSHA256: String
    /// ``ResultCache/toolStamp``: the tool version and the identity of its executable.
    public var tool: String
    /// ``PipelineConfig/perDocumentDigest`` of the config.
    public var configDigest: String

    /// Creates a key.
    public init(contentSHA256: String, tool: String, configDigest: String) {
        self.contentSHA256 = contentSHA256
        self.tool = tool
        self.configDigest = configDigest
    }
}

/// One cached result: an input path, its key, and its encoded outcome.
public struct CacheEntry: Sendable, Hashable {
    /// Path relative to its input root (what `doc_id` derives from).
    public var path: String
    /// The key it was computed under.
    public var key: CacheKey
    /// Its ``DocumentOutcome``, encoded by ``ResultCache/encode(_:)``.
    public var outcome: Data

    /// Creates an entry.
    public init(path: String, key: CacheKey, outcome: Data) {
        self.path = path
        self.key = key
        self.outcome = outcome
    }
}

/// The per-document results of the previous run, kept in the output directory as an SQLite
/// database (`.pipeline-cache.sqlite`, one row per input path) so that a scheduled run only
/// analyses new or changed files.
///
/// Only the keys are read up front; an outcome is read when its input turns out unchanged, so
/// a run never holds the whole cache in memory. The next cache is written by a ``CacheWriter``
/// as documents finish and is swapped in with the datasets, so it always describes exactly the
/// dataset beside it: a removed input leaves it, a killed run leaves the previous one. A rebuilt
/// or upgraded tool, or a change to the options of the per-document stages, makes every entry
/// miss.
///
///     let (cache, warning) = ResultCache.load(outputDirectory: "/srv/output")
///     cache.keys["notizie/kursk.html"]?.contentSHA256   // "3f2a…"
public struct ResultCache: Sendable {
    /// The cache's file name inside the output directory (hidden, so the writer carries it).
    public static let fileName = ".pipeline-cache.sqlite"
    /// Version of the table layout; a file with another version is ignored.
    static let schemaVersion = 2

    /// Keys by input path.
    public let keys: [String: CacheKey]
    /// What the dataset beside the cache was computed from and consists of (absent in caches
    /// of runs that stopped before writing, or of older versions).
    public let datasetState: DatasetState?
    private let database: DatabaseQueue?

    /// An empty cache.
    public init() {
        keys = [:]
        datasetState = nil
        database = nil
    }

    private init(keys: [String: CacheKey], datasetState: DatasetState?, database: DatabaseQueue) {
        self.keys = keys
        self.datasetState = datasetState
        self.database = database
    }

    /// The tool version and its executable's size and modification time: a rebuilt binary
    /// (whose rules may have changed) never reuses results of another build.
    ///
    ///     ResultCache.toolStamp   // "0.1.0+48213352-1763887200123"
    public static let toolStamp: String = {
        let executable = Bundle.main.executablePath ?? CommandLine.arguments.first ?? ""
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: executable),
              let size = attributes[.size] as? NSNumber, let modified = attributes[.modificationDate] as? Date
        else { return PipelineVersion.current }
        let millis = Int64((modified.timeIntervalSince1970 * 1000).rounded())
        return PipelineVersion.current + "+\(size.int64Value)-\(millis)"
    }()

    /// Opens the cache of `outputDirectory` and reads its keys.
    ///
    /// - Returns: The cache, or an empty cache with a warning when the file exists but cannot
    ///   be read (it is then rebuilt by this run).
    public static func load(outputDirectory: String) -> (cache: ResultCache, warning: String?) {
        let path = outputDirectory + "/" + fileName
        guard FileManager.default.fileExists(atPath: path) else { return (ResultCache(), nil) }
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let database = try DatabaseQueue(path: path, configuration: configuration)
            let (keys, state) = try database.read { db -> ([String: CacheKey], DatasetState?) in
                let version = try Int.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'schema_version'")
                guard version == schemaVersion else { return ([:], nil) }
                var keys: [String: CacheKey] = [:]
                let rows = try Row.fetchCursor(db, sql: "SELECT path, content_sha256, tool, config_digest FROM results")
                while let row = try rows.next() {
                    keys[row["path"]] = CacheKey(contentSHA256: row["content_sha256"], tool: row["tool"], configDigest: row["config_digest"])
                }
                let stateText = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'dataset_state'")
                let state = stateText.flatMap { try? JSONDecoder().decode(DatasetState.self, from: Data($0.utf8)) }
                return (keys, state)
            }
            return (ResultCache(keys: keys, datasetState: state, database: database), nil)
        } catch {
            return (ResultCache(), "the cache \(path) cannot be read (\(error)); every document is analysed again")
        }
    }

    /// The stored outcome of `path`, encoded; `nil` when absent or unreadable.
    public func outcome(for path: String) -> Data? {
        try? database?.read { try Data.fetchOne($0, sql: "SELECT outcome FROM results WHERE path = ?", arguments: [path]) }
    }

    /// Closes the file.
    public func close() {
        try? database?.close()
    }

    /// Creates the tables of an empty cache file.
    static func createSchema(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
            CREATE TABLE results (
                path TEXT PRIMARY KEY NOT NULL, content_sha256 TEXT NOT NULL, tool TEXT NOT NULL,
                config_digest TEXT NOT NULL, outcome BLOB NOT NULL
            );
            """)
        try db.execute(sql: "INSERT INTO meta VALUES ('schema_version', ?)", arguments: [String(schemaVersion)])
    }

    /// Encodes an outcome for the cache, in the binary layout of ``BinaryWriter``.
    public static func encode(_ outcome: DocumentOutcome) -> Data? {
        var writer = BinaryWriter()
        outcome.write(to: &writer)
        return Data(writer.bytes)
    }

    /// Decodes an outcome stored by ``encode(_:)``; `nil` when it cannot be read (truncated,
    /// corrupt or of another layout: the document is then analysed again).
    public static func decode(_ data: Data) -> DocumentOutcome? {
        var reader = BinaryReader([UInt8](data))
        guard let outcome = try? DocumentOutcome(from: &reader), reader.isAtEnd else { return nil }
        return outcome
    }
}

/// Writes the next cache while documents finish, in batches, into a file beside the output
/// directory (`.NAME.cache-PID.sqlite`); ``finish(into:)`` moves it into the staging directory.
///
/// A run that stops before that removes the file (``discard()``); one that is killed leaves it,
/// and the next run on the same output directory removes it.
///
/// `@unchecked Sendable` is safe: `pending` and `failure` are only touched while `lock` is
/// held; the database is a GRDB `DatabaseQueue`, which serializes its own accesses.
public final class CacheWriter: @unchecked Sendable {
    /// The temporary file.
    public let path: String
    private let database: DatabaseQueue
    private let lock = NSLock()
    private var pending: [CacheEntry] = []
    private var failure: String?
    private static let batchSize = 256

    /// Creates an empty cache file for a run on `outputDirectory`, after removing the ones that
    /// killed runs left.
    public init(outputDirectory: String) throws {
        let parent = PathText.parent(outputDirectory)
        let prefix = "." + PathText.name(outputDirectory) + ".cache-"
        Self.removeStale(in: parent, prefix: prefix)
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        path = parent + "/" + prefix + "\(getpid()).sqlite"
        try? FileManager.default.removeItem(atPath: path)
        database = try DatabaseQueue(path: path)
        try database.writeWithoutTransaction { db in
            // A private scratch file: no rollback journal; it is synced before it is moved.
            try db.execute(sql: "PRAGMA journal_mode = OFF")
            try db.execute(sql: "PRAGMA synchronous = OFF")
            try db.inTransaction {
                try ResultCache.createSchema(db)
                return .commit
            }
        }
    }

    /// Adds one entry (called concurrently by the workers).
    public func add(_ entry: CacheEntry) {
        lock.lock()
        pending.append(entry)
        guard pending.count >= Self.batchSize else { return lock.unlock() }
        let batch = pending
        pending = []
        lock.unlock()
        write(batch)
    }

    /// Records what the dataset written with this cache was computed from and consists of.
    public func record(_ state: DatasetState) {
        do {
            let text = String(decoding: try JSONEncoder().encode(state), as: UTF8.self)
            try database.write { db in
                try db.execute(sql: "INSERT OR REPLACE INTO meta VALUES ('dataset_state', ?)", arguments: [text])
            }
        } catch {
            lock.lock()
            defer { lock.unlock() }
            if failure == nil { failure = "the cache could not record the dataset's inputs (\(error)); the next run rebuilds the dataset even if nothing changed" }
        }
    }

    /// Writes the last entries, closes the file and moves it to `destination`.
    ///
    /// - Returns: A warning when some entries could not be stored (the cache then lacks them,
    ///   and the next run analyses those documents again).
    public func finish(into destination: String) throws -> String? {
        lock.lock()
        let batch = pending
        pending = []
        lock.unlock()
        write(batch)
        try database.close()
        try DatasetWriter.syncPath(path)
        try FileManager.default.moveItem(atPath: path, toPath: destination)
        lock.lock()
        defer { lock.unlock() }
        return failure
    }

    /// Closes and removes the file (the run stopped without writing).
    public func discard() {
        try? database.close()
        try? FileManager.default.removeItem(atPath: path)
    }

    private func write(_ batch: [CacheEntry]) {
        guard !batch.isEmpty else { return }
        do {
            try database.inTransaction { db in
                let insert = try db.cachedStatement(sql: "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?)")
                for entry in batch {
                    try insert.execute(arguments: [entry.path, entry.key.contentSHA256, entry.key.tool, entry.key.configDigest, entry.outcome])
                }
                return .commit
            }
        } catch {
            lock.lock()
            defer { lock.unlock() }
            if failure == nil { failure = "the cache could not store \(batch.count) results (\(error)); they will be analysed again next time" }
        }
    }

    /// Removes `PREFIX<pid>.sqlite` files of processes that no longer exist.
    private static func removeStale(in parent: String, prefix: String) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for entry in entries where entry.hasPrefix(prefix) && entry.hasSuffix(".sqlite") {
            guard let pid = Int32(entry.dropFirst(prefix.count).dropLast(".sqlite".count)) else { continue }
            if pid == getpid() || (kill(pid, 0) != 0 && errno == ESRCH) {
                try? FileManager.default.removeItem(atPath: parent + "/" + entry)
            }
        }
    }
}
