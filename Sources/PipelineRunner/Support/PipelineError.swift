import PipelineCore
import Foundation

/// The exit status of the `pipeline` command, in the style of BSD `sysexits.h`.
///
///     pipeline validate --config rotto.json; echo $?   // 78 when the config is wrong
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// The run finished (rejected inputs do not change this; they are rows of `rejects`).
    case success = 0
    /// Wrong command-line usage (`EX_USAGE`).
    case usage = 64
    /// A single input given to `inspect` could not be used (`EX_DATAERR`).
    case dataError = 65
    /// A configured input does not exist (`EX_NOINPUT`).
    case inputMissing = 66
    /// An unexpected internal failure (`EX_SOFTWARE`).
    case internalError = 70
    /// The output could not be written (`EX_CANTCREAT`); the previous dataset is left intact.
    case cannotWriteOutput = 73
    /// Another run holds the output directory's lock and did not finish within
    /// `output.lock_timeout_seconds` (`EX_TEMPFAIL`: try again later).
    case lockHeld = 75
    /// The config file is unreadable or wrong (`EX_CONFIG`).
    case config = 78
    /// Stopped by SIGINT (128 + 2); the previous dataset is left intact.
    case interrupted = 130
    /// Stopped by SIGTERM (128 + 15), as `systemctl stop` does; the previous dataset is left intact.
    case terminated = 143
}

/// Why a config cannot be used. ``description`` renders it as `FILE: KEY.PATH: problem`.
public enum ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file cannot be read.
    case unreadable(file: String, reason: String)
    /// The file is not valid JSON.
    case invalidJSON(file: String, reason: String)
    /// An object holds a key that does not exist there.
    case unknownKey(file: String, keyPath: String, known: [String])
    /// A value has the wrong type or is out of range.
    case invalidValue(file: String, keyPath: String, expected: String, got: String)
    /// A required key is absent.
    case missingKey(file: String, keyPath: String, expected: String)
    /// A file the config points to (a vocabulary) exists but is wrong; `problem` is its loader's message.
    case invalidReferencedFile(file: String, keyPath: String, problem: String)

    /// The message shown to the user.
    ///
    ///     pipeline.json: stages.dedup.threshold: expected a number between 0 and 1, got "high"
    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            "\(file): cannot read the config file: \(reason)"
        case .invalidJSON(let file, let reason):
            "\(file): not valid JSON: \(reason)"
        case .unknownKey(let file, let keyPath, let known):
            "\(file): \(keyPath): unknown key" + (known.isEmpty ? " (this object takes no keys)" : " (known keys here: \(known.joined(separator: ", ")))")
        case .invalidValue(let file, let keyPath, let expected, let got):
            "\(file): \(keyPath): expected \(expected), got \(got)"
        case .missingKey(let file, let keyPath, let expected):
            "\(file): \(keyPath): missing; expected \(expected)"
        case .invalidReferencedFile(let file, let keyPath, let problem):
            "\(file): \(keyPath): \(problem)"
        }
    }
}

/// A failure that stops a run, with the exit status it maps to.
public enum PipelineError: Error, Sendable, CustomStringConvertible {
    /// The config is wrong (exit 78).
    case config(ConfigError)
    /// A configured input does not exist (exit 66).
    case inputMissing(file: String, keyPath: String, path: String)
    /// The datasets could not be written (exit 73); the previous dataset is untouched.
    case cannotWrite(path: String, reason: String)
    /// The run was stopped by a signal (exit 130).
    case interrupted
    /// Another run holds the lock of the output directory (exit 75); `owner` is its process id.
    case lockHeld(path: String, owner: Int32?, waited: Double)
    /// SIGINT or SIGTERM stopped the run (exit 130 or 143); `datasetWritten` tells whether the
    /// new dataset had already been swapped in when the signal came.
    case stopped(signal: Int32, datasetWritten: Bool)
    /// Anything else (exit 70).
    case internalError(String)

    /// The exit status for this failure.
    public var exitStatus: ExitStatus {
        switch self {
        case .config: .config
        case .inputMissing: .inputMissing
        case .cannotWrite: .cannotWriteOutput
        case .interrupted: .interrupted
        case .lockHeld: .lockHeld
        case .stopped(let signal, _): signal == SIGTERM ? .terminated : .interrupted
        case .internalError: .internalError
        }
    }

    /// The message shown to the user.
    public var description: String {
        switch self {
        case .config(let error): error.description
        case .inputMissing(let file, let keyPath, let path): "\(file): \(keyPath): input not found: \(path)"
        case .cannotWrite(let path, let reason): "cannot write the output \(path): \(reason) (the previous dataset is unchanged)"
        case .interrupted: "interrupted; the previous dataset is unchanged"
        case .lockHeld(let path, let owner, let waited):
            "another run holds the lock \(path)" + (owner.map { " (process \($0))" } ?? "")
                + "; gave up after \(NumberText.format((waited * 10).rounded() / 10)) s (output.lock_timeout_seconds)"
        case .stopped(let signal, let written):
            "stopped by \(signal == SIGTERM ? "SIGTERM" : "SIGINT"); "
                + (written ? "the new dataset had already been written" : "the previous dataset is unchanged")
        case .internalError(let detail): "internal error: \(detail)"
        }
    }
}
