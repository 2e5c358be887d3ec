/// The contents of `pipeline.json` exactly as written: every field optional, nothing resolved.
///
/// Decoding is strict: a key this type does not know is an error naming its key path
/// (`pipeline.json: stages.dedup.treshold: unknown key`), so a typo never silently falls back
/// to a default. ``ConfigLoader`` turns it into a complete ``PipelineConfig``.
///
///     {
///       "inputs": ["samples"],
///       "output": {"directory": "output", "formats": ["csv", "json"], "csv": {"delimiter": ";", "bom": true}},
///       "workers": 4,
///       "stages": {"dedup": {"threshold": 0.6}}
///     }
public struct ConfigFile: Codable, Sendable, Hashable {
    /// Format version of the file; only `1` exists.
    public var version: Int?
    /// Input directories, files or glob patterns (`articoli/**/*.html`), relative to the config file.
    public var inputs: [String]?
    /// Where and how the datasets are written.
    public var output: Output?
    /// Number of concurrent per-document workers; omitted = the machine's cores.
    public var workers: Int?
    /// Per-stage options.
    public var stages: Stages?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case version, inputs, output, workers, stages
    }

    /// Creates a config file value (all fields optional, as in the file).
    public init(version: Int? = nil, inputs: [String]? = nil, output: Output? = nil, workers: Int? = nil, stages: Stages? = nil) {
        self.version = version
        self.inputs = inputs
        self.output = output
        self.workers = workers
        self.stages = stages
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        version = try container.strict(Int.self, forKey: .version)
        inputs = try container.strict([String].self, forKey: .inputs)
        output = try container.strict(Output.self, forKey: .output)
        workers = try container.strict(Int.self, forKey: .workers)
        stages = try container.strict(Stages.self, forKey: .stages)
    }

    /// `output` in pipeline.json.
    public struct Output: Codable, Sendable, Hashable {
        /// Output directory, relative to the config file (`"output"`).
        public var directory: String?
        /// Formats to write: `"csv"`, `"json"`.
        public var formats: [String]?
        /// The CSV dialect.
        public var csv: CSV?
        /// Seconds to wait for another run on the same output directory; default 60.
        public var lockTimeoutSeconds: Double?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case directory, formats, csv
            case lockTimeoutSeconds = "lock_timeout_seconds"
        }

        /// Creates the `output` section.
        public init(directory: String? = nil, formats: [String]? = nil, csv: CSV? = nil, lockTimeoutSeconds: Double? = nil) {
            self.directory = directory
            self.formats = formats
            self.csv = csv
            self.lockTimeoutSeconds = lockTimeoutSeconds
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
            directory = try container.strict(String.self, forKey: .directory)
            formats = try container.strict([String].self, forKey: .formats)
            csv = try container.strict(CSV.self, forKey: .csv)
            lockTimeoutSeconds = try container.strict(Double.self, forKey: .lockTimeoutSeconds)
        }
    }

    /// `output.csv` in pipeline.json: `{"delimiter": ";", "bom": true}` suits a spreadsheet set to Italian.
    public struct CSV: Codable, Sendable, Hashable {
        /// One character separating fields; default `","`.
        public var delimiter: String?
        /// Whether to start each CSV file with a UTF-8 byte order mark; default `false`.
        public var bom: Bool?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case delimiter, bom
        }

        /// Creates the `output.csv` section.
        public init(delimiter: String? = nil, bom: Bool? = nil) {
            self.delimiter = delimiter
            self.bom = bom
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
            delimiter = try container.strict(String.self, forKey: .delimiter)
            bom = try container.strict(Bool.self, forKey: .bom)
        }
    }

    /// `stages` in pipeline.json.
    public struct Stages: Codable, Sendable, Hashable {
        /// `stages.ingest`.
        public var ingest: IngestStage?
        /// `stages.normalize` (no options yet: only `{}` is accepted).
        public var normalize: NormalizeStage?
        /// `stages.extract`.
        public var extract: ExtractStage?
        /// `stages.dedup`.
        public var dedup: DedupStage?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case ingest, normalize, extract, dedup
        }

        /// Creates the `stages` section.
        public init(ingest: IngestStage? = nil, normalize: NormalizeStage? = nil, extract: ExtractStage? = nil, dedup: DedupStage? = nil) {
            self.ingest = ingest
            self.normalize = normalize
            self.extract = extract
            self.dedup = dedup
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
            ingest = try container.strict(IngestStage.self, forKey: .ingest)
            normalize = try container.strict(NormalizeStage.self, forKey: .normalize)
            extract = try container.strict(ExtractStage.self, forKey: .extract)
            dedup = try container.strict(DedupStage.self, forKey: .dedup)
        }
    }

    /// `stages.ingest`: limits against hostile inputs.
    public struct IngestStage: Codable, Sendable, Hashable {
        /// Files larger than this are rejected (`too_large`).
        public var maxBytes: Int?
        /// HTML nested deeper than this is rejected (`too_deep`).
        public var maxDepth: Int?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case maxBytes = "max_bytes"
            case maxDepth = "max_depth"
        }

        /// Creates the `stages.ingest` section.
        public init(maxBytes: Int? = nil, maxDepth: Int? = nil) {
            self.maxBytes = maxBytes
            self.maxDepth = maxDepth
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
            maxBytes = try container.strict(Int.self, forKey: .maxBytes)
            maxDepth = try container.strict(Int.self, forKey: .maxDepth)
        }
    }

    /// `stages.normalize`: no options yet; the object must be empty.
    public struct NormalizeStage: Codable, Sendable, Hashable {
        /// Creates the `stages.normalize` section.
        public init() {}

        public init(from decoder: any Decoder) throws {
            _ = try decoder.strictContainer(keyedBy: NoKeys.self)
        }

        public func encode(to encoder: any Encoder) throws {
            _ = encoder.container(keyedBy: NoKeys.self)
        }
    }

    /// `stages.extract`: the figure vocabulary.
    public struct ExtractStage: Codable, Sendable, Hashable {
        /// Path (relative to the config file) of an extra vocabulary file.
        public var vocabulary: String?
        /// Whether that file replaces the built-in vocabulary instead of extending it.
        public var replaceVocabulary: Bool?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case vocabulary
            case replaceVocabulary = "replace_vocabulary"
        }

        /// Creates the `stages.extract` section.
        public init(vocabulary: String? = nil, replaceVocabulary: Bool? = nil) {
            self.vocabulary = vocabulary
            self.replaceVocabulary = replaceVocabulary
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
            vocabulary = try container.strict(String.self, forKey: .vocabulary)
            replaceVocabulary = try container.strict(Bool.self, forKey: .replaceVocabulary)
        }
    }

    /// `stages.dedup`: near-duplicate detection.
    public struct DedupStage: Codable, Sendable, Hashable {
        /// Words per shingle.
        public var shingleSize: Int?
        /// MinHash permutations; a multiple of `bands`.
        public var permutations: Int?
        /// LSH bands.
        public var bands: Int?
        /// Minimum verified similarity (0–1) to call two stories near copies.
        public var threshold: Double?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case shingleSize = "shingle_size"
            case permutations, bands, threshold
        }

        /// Creates the `stages.dedup` section.
        public init(shingleSize: Int? = nil, permutations: Int? = nil, bands: Int? = nil, threshold: Double? = nil) {
            self.shingleSize = shingleSize
            self.permutations = permutations
            self.bands = bands
            self.threshold = threshold
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
            shingleSize = try container.strict(Int.self, forKey: .shingleSize)
            permutations = try container.strict(Int.self, forKey: .permutations)
            bands = try container.strict(Int.self, forKey: .bands)
            threshold = try container.strict(Double.self, forKey: .threshold)
        }
    }
}
