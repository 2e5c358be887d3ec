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

/// One cached result: an input path, its key, and its outcome encoded as JSON.
public struct CacheEntry: Sendable, Hashable {
    /// Path relative to its input root (what `doc_id` derives from).
    public var path: String
    /// The key it was computed under.
    public var key: CacheKey
    /// The JSON encoding of its ``DocumentOutcome``.
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
/// The cache is written into the run's staging directory with the datasets and swapped in with
/// them, so it always describes exactly the dataset beside it: a removed input leaves it, a
/// killed run leaves the previous one. A rebuilt or upgraded tool, or a change to the options of
/// the per-document stages, makes every entry miss.
///
///     let cache = ResultCache.load(outputDirectory: "/srv/output")
///     cache.entries["notizie/kursk.html"]?.key.contentSHA256   // "3f2a…"
public struct ResultCache: Sendable {
    /// The cache's file name inside the output directory (hidden, so the writer carries it).
    public static let fileName = ".pipeline-cache.sqlite"
    /// Version of the table layout; a file with another version is ignored.
    static let schemaVersion = 1

    /// Entries by path.
    public var entries: [String: CacheEntry]

    /// Creates a cache holding `entries`.
    public init(entries: [String: CacheEntry] = [:]) {
        self.entries = entries
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

    /// Reads the cache of `outputDirectory`.
    ///
    /// - Returns: The entries, or an empty cache with a warning when the file exists but cannot
    ///   be read (it is then rebuilt by this run).
    public static func load(outputDirectory: String) -> (cache: ResultCache, warning: String?) {
        let path = outputDirectory + "/" + fileName
        guard FileManager.default.fileExists(atPath: path) else { return (ResultCache(), nil) }
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            let entries = try queue.read { db -> [String: CacheEntry] in
                let version = try Int.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'schema_version'")
                guard version == schemaVersion else { return [:] }
                var entries: [String: CacheEntry] = [:]
                let rows = try Row.fetchCursor(db, sql: "SELECT path, content_sha256, tool, config_digest, outcome FROM results")
                while let row = try rows.next() {
                    let entry = CacheEntry(
                        path: row["path"],
                        key: CacheKey(contentSHA256: row["content_sha256"], tool: row["tool"], configDigest: row["config_digest"]),
                        outcome: row["outcome"]
                    )
                    entries[entry.path] = entry
                }
                return entries
            }
            return (ResultCache(entries: entries), nil)
        } catch {
            return (ResultCache(), "the cache \(path) cannot be read (\(error)); every document is analysed again")
        }
    }

    /// Writes `entries` as a new cache file at `path` (inside the staging directory).
    public static func save(_ entries: [CacheEntry], to path: String) throws {
        try? FileManager.default.removeItem(atPath: path)
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = OFF")
            try db.inTransaction {
                try db.execute(sql: """
                    CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
                    CREATE TABLE results (
                        path TEXT PRIMARY KEY NOT NULL, content_sha256 TEXT NOT NULL, tool TEXT NOT NULL,
                        config_digest TEXT NOT NULL, outcome BLOB NOT NULL
                    );
                    """)
                try db.execute(sql: "INSERT INTO meta VALUES ('schema_version', ?)", arguments: [String(schemaVersion)])
                let insert = try db.makeStatement(sql: "INSERT INTO results VALUES (?, ?, ?, ?, ?)")
                for entry in entries.sorted(by: { $0.path < $1.path }) {
                    try insert.execute(arguments: [entry.path, entry.key.contentSHA256, entry.key.tool, entry.key.configDigest, entry.outcome])
                }
                return .commit
            }
        }
        try queue.close()
    }

    /// Encodes an outcome for the cache (non-finite numbers as strings).
    public static func encode(_ outcome: DocumentOutcome) -> Data? {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try? encoder.encode(outcome)
    }

    /// Decodes an outcome stored by ``encode(_:)``; `nil` when it cannot be read.
    public static func decode(_ data: Data) -> DocumentOutcome? {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try? decoder.decode(DocumentOutcome.self, from: data)
    }
}
