import Dedup
import Extract
import Ingest
import PipelineCore

/// A complete, checked configuration: every default filled in, every path absolute.
///
/// Built by ``ConfigLoader`` from a ``ConfigFile``; nothing runs before this exists, so a
/// wrong key fails in a second rather than after an hour of work.
public struct PipelineConfig: Sendable {
    /// The config file it came from (as given on the command line), for messages.
    public var file: String
    /// Directory relative paths in the config are resolved against.
    public var baseDirectory: String
    /// The inputs, in config order.
    public var inputs: [InputSpec]
    /// Where and how datasets are written.
    public var output: OutputSettings
    /// Number of concurrent per-document workers (at least 1).
    public var workers: Int
    /// Ingest limits.
    public var ingest: IngestOptions
    /// Figure vocabulary settings.
    public var extract: ExtractSettings
    /// Near-duplicate settings.
    public var dedup: DedupOptions

    /// Creates a resolved config; ``ConfigLoader`` is the usual way to get one.
    public init(
        file: String, baseDirectory: String, inputs: [InputSpec], output: OutputSettings, workers: Int,
        ingest: IngestOptions = IngestOptions(), extract: ExtractSettings = ExtractSettings(), dedup: DedupOptions = DedupOptions()
    ) {
        self.file = file
        self.baseDirectory = baseDirectory
        self.inputs = inputs
        self.output = output
        self.workers = workers
        self.ingest = ingest
        self.extract = extract
        self.dedup = dedup
    }
}

/// One entry of `inputs`: a directory, a single file or a glob pattern.
public struct InputSpec: Sendable, Hashable {
    /// The entry as written in the config (`"samples"`, `"archivio/**/*.html"`).
    public var written: String
    /// Its key path in the config (`inputs[0]`), for messages.
    public var keyPath: String
    /// The absolute path or pattern.
    public var absolute: String

    /// Creates an input entry.
    public init(written: String, keyPath: String, absolute: String) {
        self.written = written
        self.keyPath = keyPath
        self.absolute = absolute
    }

    /// Whether the entry contains glob characters (`*`, `?`, `[`).
    public var isPattern: Bool { Glob.isPattern(written) }
}

/// A dataset file format.
public enum OutputFormat: String, Sendable, Hashable, CaseIterable, Codable {
    /// RFC 4180 CSV, one file per table.
    case csv
    /// A JSON array of objects, one file per table.
    case json
    /// One SQLite database, `dataset.sqlite`, with a table per dataset table (see ``SQLiteDatasetWriter``).
    case sqlite

    /// Whether the format writes one file per table (`documents.csv`…) rather than one file in all.
    public var isPerTable: Bool { self != .sqlite }
}

/// The CSV dialect: delimiter and byte order mark.
public struct CSVDialect: Sendable, Hashable {
    /// The field separator (`,` by default; `;` for spreadsheets set to an Italian locale).
    public var delimiter: Unicode.Scalar
    /// Whether each file starts with a UTF-8 byte order mark.
    public var bom: Bool

    /// Creates a dialect.
    public init(delimiter: Unicode.Scalar = ",", bom: Bool = false) {
        self.delimiter = delimiter
        self.bom = bom
    }
}

/// Where and how the datasets are written.
public struct OutputSettings: Sendable, Hashable {
    /// Absolute path of the output directory.
    public var directory: String
    /// Formats to write, in a fixed order (csv, json, sqlite).
    public var formats: [OutputFormat]
    /// The CSV dialect.
    public var csv: CSVDialect
    /// How long a run waits for another run on the same directory to finish (``RunLock``).
    public var lockTimeoutSeconds: Double

    /// Creates output settings.
    public init(directory: String, formats: [OutputFormat] = [.csv, .json], csv: CSVDialect = CSVDialect(), lockTimeoutSeconds: Double = 60) {
        self.directory = directory
        self.formats = OutputFormat.allCases.filter(formats.contains)
        self.csv = csv
        self.lockTimeoutSeconds = lockTimeoutSeconds
    }
}

/// Options of the extract stage taken from `stages.extract`, with the vocabulary they give.
public struct ExtractSettings: Sendable {
    /// Absolute path of an extra vocabulary file, if configured.
    public var vocabularyPath: String?
    /// SHA-256 of that file's bytes when the config was loaded (part of the config digest).
    public var vocabularySHA256: String?
    /// Whether that file replaces the built-in vocabulary.
    public var replaceVocabulary: Bool
    /// The vocabulary the extractor reads figures with: the bundled one, extended by the
    /// configured file, or that file alone when `replaceVocabulary` is set.
    public var vocabulary: ExtractVocabulary

    /// Creates extract settings; the vocabulary defaults to the bundled one.
    public init(
        vocabularyPath: String? = nil, vocabularySHA256: String? = nil, replaceVocabulary: Bool = false,
        vocabulary: ExtractVocabulary = .standard
    ) {
        self.vocabularyPath = vocabularyPath
        self.vocabularySHA256 = vocabularySHA256
        self.replaceVocabulary = replaceVocabulary
        self.vocabulary = vocabulary
    }
}
