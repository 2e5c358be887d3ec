/// What each key of pipeline.json expects, in words; used by every config error message.
enum ConfigKeys {
    /// Expectations by key path, with `[]` standing for any array index.
    static let expectations: [String: String] = [
        "": "an object",
        "version": "the integer 1",
        "inputs": "a non-empty array of directories, files or glob patterns (strings)",
        "inputs[]": "a directory, file or glob pattern (a string)",
        "output": "an object",
        "output.directory": "a directory path (a string)",
        "output.formats": "a non-empty array of formats (\"csv\", \"json\", \"sqlite\")",
        "output.formats[]": "one of " + OutputFormat.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "),
        "output.csv": "an object",
        "output.csv.delimiter": "a single character other than a quote or a line break (a string such as \",\" or \";\")",
        "output.csv.bom": "true or false",
        "output.lock_timeout_seconds": "a number of seconds between 0 and 86400",
        "workers": "an integer between 1 and 1024",
        "stages": "an object",
        "stages.ingest": "an object",
        "stages.ingest.max_bytes": "a positive integer (bytes)",
        "stages.ingest.max_depth": "a positive integer",
        "stages.normalize": "an empty object",
        "stages.extract": "an object",
        "stages.extract.vocabulary": "the path of an existing vocabulary file (a string)",
        "stages.extract.replace_vocabulary": "true or false",
        "stages.dedup": "an object",
        "stages.dedup.shingle_size": "a positive integer",
        "stages.dedup.permutations": "a positive integer that is a multiple of stages.dedup.bands",
        "stages.dedup.bands": "a positive integer",
        "stages.dedup.threshold": "a number between 0 and 1",
    ]

    /// `stages.dedup.threshold`, `inputs[2]`.
    static func render(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text
    }

    /// The expectation for a rendered key path (`inputs[3]` looks up `inputs[]`).
    static func expectation(for keyPath: String) -> String {
        var pattern = ""
        var inIndex = false
        for character in keyPath {
            if character == "[" {
                inIndex = true
                pattern += "[]"
            } else if character == "]" {
                inIndex = false
            } else if !inIndex {
                pattern.append(character)
            }
        }
        return expectations[pattern] ?? "a valid value"
    }
}
