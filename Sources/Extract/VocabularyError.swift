/// Why a vocabulary file could not be used. The message names the file and the entry.
///
///     VocabularyError.invalidEntry(file: "extra.json", entry: "units[2].class", reason: "unknown class \"persone\"")
///     // extra.json: units[2].class: unknown class "persone"
public enum VocabularyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(file: String, reason: String)
    /// The file is not valid JSON for the vocabulary schema.
    case malformed(file: String, reason: String)
    /// The bundled vocabulary is missing from the package resources.
    case missingResource(name: String)
    /// One entry is wrong: `entry` is a path such as `categories[3].name`.
    case invalidEntry(file: String, entry: String, reason: String)

    /// One-line message for the user.
    public var description: String {
        switch self {
        case .unreadable(let file, let reason): "\(file): cannot read the vocabulary file: \(reason)"
        case .malformed(let file, let reason): "\(file): not a valid vocabulary file: \(reason)"
        case .missingResource(let name): "the bundled vocabulary \(name) is missing from the Extract module's resources"
        case .invalidEntry(let file, let entry, let reason): "\(file): \(entry): \(reason)"
        }
    }
}
