import Dedup
import Extract
import Foundation
import Ingest
import PipelineCore

/// Reads pipeline.json, checks every key, and resolves it into a ``PipelineConfig``.
///
///     let config = try ConfigLoader.load(path: "pipeline.json")
///     config.workers   // 2 on a two-core machine when "workers" is omitted
///
/// Errors name the file and the key path:
/// `pipeline.json: stages.dedup.threshold: expected a number between 0 and 1, got "high"`.
public enum ConfigLoader {
    /// Loads and resolves the config file at `path` (relative to the current directory).
    ///
    /// - Throws: ``PipelineError/config(_:)`` for an unreadable or wrong file,
    ///   ``PipelineError/inputMissing(file:keyPath:path:)`` when a configured input does not exist.
    /// - Parameter checkInputs: `false` for the distributed steps (`pipeline map`, `reduce`,
    ///   `finalize`), which run where the configured inputs do not exist and never read them.
    public static func load(path: String, checkInputs: Bool = true) throws(PipelineError) -> PipelineConfig {
        let absolute = PathText.absolute(path, base: FileManager.default.currentDirectoryPath)
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: absolute))
        } catch {
            let reason = FileManager.default.fileExists(atPath: absolute) ? "permission denied or not a file" : "no such file"
            throw .config(.unreadable(file: path, reason: reason))
        }
        let file = try decode(data, name: path)
        return try resolve(file, name: path, baseDirectory: PathText.parent(absolute), checkInputs: checkInputs)
    }

    /// Decodes the bytes of a config file strictly (unknown keys and wrong types are errors).
    public static func decode(_ data: Data, name: String) throws(PipelineError) -> ConfigFile {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw .config(.invalidJSON(file: name, reason: syntaxReason(error, data: data)))
        }
        let tree: JSONValue
        do {
            tree = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw .config(.invalidJSON(file: name, reason: "\(error)"))
        }
        do {
            return try JSONDecoder().decode(ConfigFile.self, from: data)
        } catch let error as UnknownConfigKey {
            throw .config(.unknownKey(file: name, keyPath: ConfigKeys.render(error.codingPath), known: error.known))
        } catch let error as DecodingError {
            let path: [any CodingKey]
            switch error {
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context), .dataCorrupted(let context):
                path = context.codingPath
            @unknown default:
                path = []
            }
            let keyPath = ConfigKeys.render(path)
            let got = tree.value(at: path)?.quoted ?? "nothing"
            throw .config(.invalidValue(file: name, keyPath: keyPath.isEmpty ? "(top level)" : keyPath, expected: ConfigKeys.expectation(for: keyPath), got: got))
        } catch {
            throw .internalError("decoding \(name): \(error)")
        }
    }

    /// Fills defaults, checks ranges, makes paths absolute and checks that the inputs exist.
    ///
    /// - Parameters:
    ///   - file: The decoded file.
    ///   - name: The file's name for messages (`pipeline.json`).
    ///   - baseDirectory: Absolute directory that relative paths are resolved against.
    ///   - checkInputs: Whether a configured input that does not exist is an error.
    public static func resolve(_ file: ConfigFile, name: String, baseDirectory: String, checkInputs: Bool = true) throws(PipelineError) -> PipelineConfig {
        func invalid(_ keyPath: String, _ got: String) -> PipelineError {
            .config(.invalidValue(file: name, keyPath: keyPath, expected: ConfigKeys.expectation(for: keyPath), got: got))
        }

        if let version = file.version, version != 1 { throw invalid("version", "\(version)") }

        guard let writtenInputs = file.inputs else {
            throw .config(.missingKey(file: name, keyPath: "inputs", expected: ConfigKeys.expectation(for: "inputs")))
        }
        guard !writtenInputs.isEmpty else { throw invalid("inputs", "an empty array") }
        var inputs: [InputSpec] = []
        for (index, written) in writtenInputs.enumerated() {
            let keyPath = "inputs[\(index)]"
            guard !written.isEmpty else { throw invalid(keyPath, "\"\"") }
            let spec = InputSpec(written: written, keyPath: keyPath, absolute: PathText.absolute(written, base: baseDirectory))
            let mustExist = spec.isPattern ? Glob.fixedPrefix(of: spec.absolute) : spec.absolute
            guard !checkInputs || FileManager.default.fileExists(atPath: mustExist) else {
                throw .inputMissing(file: name, keyPath: keyPath, path: mustExist)
            }
            inputs.append(spec)
        }

        let output = try resolveOutput(file.output, baseDirectory: baseDirectory, invalid: invalid)

        let workers = file.workers ?? ProcessInfo.processInfo.activeProcessorCount
        guard (1...1024).contains(workers) else { throw invalid("workers", "\(workers)") }

        let defaults = IngestOptions()
        let ingest = IngestOptions(
            maxBytes: file.stages?.ingest?.maxBytes ?? defaults.maxBytes,
            maxDepth: file.stages?.ingest?.maxDepth ?? defaults.maxDepth
        )
        guard ingest.maxBytes > 0 else { throw invalid("stages.ingest.max_bytes", "\(ingest.maxBytes)") }
        guard ingest.maxDepth > 0 else { throw invalid("stages.ingest.max_depth", "\(ingest.maxDepth)") }

        var extract = ExtractSettings(replaceVocabulary: file.stages?.extract?.replaceVocabulary ?? false)
        if let vocabulary = file.stages?.extract?.vocabulary {
            let path = PathText.absolute(vocabulary, base: baseDirectory)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                  let bytes = FileManager.default.contents(atPath: path)
            else { throw invalid("stages.extract.vocabulary", JSONText.quote(vocabulary) + " (not a readable file)") }
            extract.vocabularyPath = path
            extract.vocabularySHA256 = SHA256Digest.hex(of: bytes)
            do {
                extract.vocabulary = extract.replaceVocabulary
                    ? try ExtractVocabulary(data: Data(bytes), origin: PathText.name(path))
                    : try ExtractVocabulary.standard.merging(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw .config(.invalidReferencedFile(file: name, keyPath: "stages.extract.vocabulary", problem: error.description))
            }
        } else if extract.replaceVocabulary {
            throw invalid("stages.extract.vocabulary", "nothing, but replace_vocabulary is true")
        }

        let dedupDefaults = DedupOptions()
        let dedupFile = file.stages?.dedup
        let dedup = DedupOptions(
            shingleSize: dedupFile?.shingleSize ?? dedupDefaults.shingleSize,
            permutations: dedupFile?.permutations ?? dedupDefaults.permutations,
            bands: dedupFile?.bands ?? dedupDefaults.bands,
            threshold: dedupFile?.threshold ?? dedupDefaults.threshold
        )
        guard dedup.shingleSize > 0 else { throw invalid("stages.dedup.shingle_size", "\(dedup.shingleSize)") }
        guard dedup.bands > 0 else { throw invalid("stages.dedup.bands", "\(dedup.bands)") }
        guard dedup.permutations > 0, dedup.permutations % dedup.bands == 0 else {
            throw invalid("stages.dedup.permutations", "\(dedup.permutations) (bands: \(dedup.bands))")
        }
        guard dedup.threshold.isFinite, (0...1).contains(dedup.threshold) else {
            throw invalid("stages.dedup.threshold", NumberText.format(dedup.threshold))
        }

        return PipelineConfig(
            file: name, baseDirectory: baseDirectory, inputs: inputs, output: output, workers: workers,
            ingest: ingest, extract: extract, dedup: dedup
        )
    }

    private static func resolveOutput(
        _ section: ConfigFile.Output?, baseDirectory: String, invalid: (String, String) -> PipelineError
    ) throws(PipelineError) -> OutputSettings {
        let directoryText = section?.directory ?? "output"
        guard !directoryText.isEmpty else { throw invalid("output.directory", "\"\"") }
        let directory = PathText.absolute(directoryText, base: baseDirectory)
        guard directory != "/" else { throw invalid("output.directory", JSONText.quote(directoryText)) }

        var formats: [OutputFormat] = []
        let writtenFormats = section?.formats ?? [OutputFormat.csv.rawValue, OutputFormat.json.rawValue]
        guard !writtenFormats.isEmpty else { throw invalid("output.formats", "an empty array") }
        for (index, text) in writtenFormats.enumerated() {
            guard let format = OutputFormat(rawValue: text) else { throw invalid("output.formats[\(index)]", JSONText.quote(text)) }
            formats.append(format)
        }

        let delimiterText = section?.csv?.delimiter ?? ","
        let scalars = Array(delimiterText.unicodeScalars)
        guard scalars.count == 1, !["\"", "\n", "\r"].contains(scalars[0]) else {
            throw invalid("output.csv.delimiter", JSONText.quote(delimiterText))
        }
        let lockTimeout = section?.lockTimeoutSeconds ?? 60
        guard lockTimeout.isFinite, (0...86_400).contains(lockTimeout) else {
            throw invalid("output.lock_timeout_seconds", NumberText.format(lockTimeout))
        }
        return OutputSettings(
            directory: directory, formats: formats, csv: CSVDialect(delimiter: scalars[0], bom: section?.csv?.bom ?? false),
            lockTimeoutSeconds: lockTimeout
        )
    }

    /// The parser's complaint with its character offset turned into a line and column.
    private static func syntaxReason(_ error: any Error, data: Data) -> String {
        let detail = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
        guard let range = detail.range(of: "character "),
              let offset = Int(detail[range.upperBound...].prefix(while: \.isNumber))
        else { return detail }
        var line = 1
        var column = 1
        for byte in data.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        let message = detail[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
            .replacingOccurrences(of: " around", with: "")
        return "\(message) at line \(line), column \(column)"
    }
}
