/// Why a distributed step (`pipeline pack`, `map`, `reduce`, `finalize`) refused its input.
///
/// Every case names the file (or `stdin`) and, where it applies, the line, so a failed Spark
/// task says which record broke it:
/// `stdin:12: not a document record: "content" is missing (expected text or base64 bytes)`.
public enum ShuffleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A line that is not what the step reads.
    case badLine(source: String, line: Int, reason: String)
    /// `pipeline reduce` saw a band key again after its group had ended.
    case notGrouped(source: String, line: Int, key: String)
    /// Candidate pairs name stories that no `D` line holds (lost or truncated map output).
    case unknownStories(count: Int, examples: [String])
    /// Two `D` lines of the same document differ (two configs or two binaries were mixed).
    case conflictingResults(documentID: String)
    /// A file or directory could not be read.
    case unreadable(path: String, reason: String)
    /// A file or directory could not be written.
    case cannotWrite(path: String, reason: String)

    /// The exit status: 65 (data error) for bad input, 66 for an unreadable one, 73 for output.
    public var exitStatus: ExitStatus {
        switch self {
        case .badLine, .notGrouped, .unknownStories, .conflictingResults: .dataError
        case .unreadable: .inputMissing
        case .cannotWrite: .cannotWriteOutput
        }
    }

    /// The message shown to the user.
    public var description: String {
        switch self {
        case .badLine(let source, let line, let reason):
            "\(source):\(line): \(reason)"
        case .notGrouped(let source, let line, let key):
            "\(source):\(line): band key \(key) seen again after its group ended; reduce needs the lines of one key together (repartition by key and sort within partitions)"
        case .unknownStories(let count, let examples):
            "\(count) candidate pair stories have no D line (missing or truncated map output), e.g. \(examples.joined(separator: ", "))"
        case .conflictingResults(let documentID):
            "two different D lines for document \(documentID): map outputs from different configs or binaries were mixed"
        case .unreadable(let path, let reason):
            "cannot read \(path): \(reason)"
        case .cannotWrite(let path, let reason):
            "cannot write \(path): \(reason)"
        }
    }
}
