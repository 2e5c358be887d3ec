import PipelineCore
import Foundation

/// The version of the `pipeline` tool, recorded in run.json.
public enum PipelineVersion {
    /// Semantic version of this build.
    public static let current = "0.1.0"
}

/// run.json: what a run did. The only output file that differs between two identical runs
/// (it records times).
///
///     {"tool":"pipeline","tool_version":"0.1.0","config_digest":"9c1e…","started":"2026-11-23T17:00:00Z",…}
public struct RunManifest: Sendable {
    /// SHA-256 of the canonical config.
    public var configDigest: String
    /// The config file, as given.
    public var configFile: String
    /// Worker count used.
    public var workers: Int
    /// When the run started.
    public var started: Date
    /// When the run finished writing (set by ``finish(timings:)``).
    public var finished: Date?
    /// Input files found (documents + rejects).
    public var inputsSeen: Int
    /// Accepted documents.
    public var documents: Int
    /// Rejected inputs.
    public var rejected: Int
    /// Rows per table.
    public var rows: [String: Int]
    /// Seconds per stage.
    public var timings = StageTimings()
    /// Problems that did not stop the run.
    public var warnings: [String]
    /// New, changed, reused, removed and rejected inputs (see ``ChangeCounts``).
    public var changes: ChangeCounts?

    /// Creates a manifest at the start of writing.
    public init(
        configDigest: String, configFile: String, workers: Int, started: Date, inputsSeen: Int, documents: Int, rejected: Int,
        rows: [String: Int], warnings: [String]
    ) {
        self.configDigest = configDigest
        self.configFile = configFile
        self.workers = workers
        self.started = started
        self.inputsSeen = inputsSeen
        self.documents = documents
        self.rejected = rejected
        self.rows = rows
        self.warnings = warnings
    }

    /// Records the end time and the stage timings.
    public mutating func finish(timings: StageTimings, at date: Date = Date()) {
        self.timings = timings
        finished = date
    }

    /// The JSON text of run.json.
    public var json: String {
        let seconds: [(String, JSONNode)] = Stage.allCases.compactMap { stage in
            timings.seconds[stage].map { (stage.rawValue, .number(($0 * 1000).rounded() / 1000)) }
        }
        return JSONNode.object([
            ("tool", .string("pipeline")),
            ("tool_version", .string(PipelineVersion.current)),
            ("config_file", .string(configFile)),
            ("config_digest", .string(configDigest)),
            ("started", .string(Self.timestamp(started))),
            ("finished", .string(finished.map(Self.timestamp))),
            ("workers", .integer(workers)),
            ("inputs_seen", .integer(inputsSeen)),
            ("documents", .integer(documents)),
            ("rejected", .integer(rejected)),
            ("changes", changes?.node ?? .null),
            ("rows", .object(Dataset.tableNames.map { ($0, .integer(rows[$0] ?? 0)) })),
            ("stage_seconds", .object(seconds)),
            ("warnings", .array(warnings.map { .string($0) })),
        ]).pretty + "\n"
    }

    /// ISO 8601 in UTC with milliseconds: `2026-11-23T17:00:00.123Z`.
    static func timestamp(_ date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let (days, inDay) = (millis / 86_400_000, millis % 86_400_000)
        let (whole, dayMillis) = inDay < 0 ? (days - 1, inDay + 86_400_000) : (days, inDay)
        let seconds = Int(dayMillis / 1000)
        let fraction = Int(dayMillis % 1000)
        return Day(ordinal: Int(whole)).iso + "T" + String(format2: seconds / 3600) + ":" + String(format2: seconds / 60 % 60) + ":"
            + String(format2: seconds % 60) + "." + String(format2: fraction / 10) + String(fraction % 10) + "Z"
    }
}
