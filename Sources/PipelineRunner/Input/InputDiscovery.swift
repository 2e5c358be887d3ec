import PipelineCore
import Foundation

/// One input file found by discovery.
public struct InputFile: Sendable, Hashable {
    /// Absolute path of the file.
    public var absolutePath: String
    /// Path relative to its input root, with `/` separators: what `doc_id` and `path` derive from.
    public var relativePath: String

    /// Creates an input file entry.
    public init(absolutePath: String, relativePath: String) {
        self.absolutePath = absolutePath
        self.relativePath = relativePath
    }
}

/// What discovery found: files to read, and inputs refused before reading.
public struct Discovery: Sendable, Hashable {
    /// The files, sorted by relative path (then absolute path): the order of every table.
    public var files: [InputFile]
    /// Files refused at discovery (a second file with the same relative path).
    public var rejects: [RejectedInput]
    /// Notes for run.json (a pattern that matched nothing).
    public var warnings: [String]
}

/// A file refused before its bytes were read.
public struct RejectedInput: Sendable, Hashable {
    /// Its path relative to its input root.
    public var relativePath: String
    /// Why.
    public var reason: String
}

/// Finds the input files of a config: the files under each directory (recursively), a single
/// file, or the files matching a glob pattern.
///
/// Hidden entries (names starting with `.`) are skipped, and so is anything that is not a
/// regular file or a directory. A file's relative path is taken from its input root: the
/// directory itself, the file's parent, or the fixed leading directories of a pattern.
/// A file reached by two inputs is read once; two different files with the same relative
/// path get one document (the first by absolute path) and one `discover` reject.
///
///     inputs ["samples"]            → samples/a.txt            as "a.txt"
///     inputs ["archivio/**/*.html"] → archivio/2025/b.html      as "2025/b.html"
public struct InputDiscovery: Sendable {
    /// The configured inputs.
    public let inputs: [InputSpec]

    /// Creates discovery over the configured inputs.
    public init(inputs: [InputSpec]) { self.inputs = inputs }

    /// Lists the files, sorted and deduplicated.
    public func discover() -> Discovery {
        var found: [InputFile] = []
        var warnings: [String] = []
        for spec in inputs {
            let files: [InputFile]
            if spec.isPattern {
                let root = Glob.fixedPrefix(of: spec.absolute)
                let pattern = PathText.relative(spec.absolute, to: root)
                files = walk(root, warnings: &warnings).filter { Glob.matches(pattern, $0.relativePath) }
            } else if isDirectory(spec.absolute) {
                files = walk(spec.absolute, warnings: &warnings)
            } else {
                files = [InputFile(absolutePath: spec.absolute, relativePath: PathText.name(spec.absolute))]
            }
            if files.isEmpty { warnings.append("\(spec.keyPath) \(JSONText.quote(spec.written)) matched no files") }
            found += files
        }
        found.sort { ($0.relativePath, $0.absolutePath) < ($1.relativePath, $1.absolutePath) }
        var files: [InputFile] = []
        var rejects: [RejectedInput] = []
        for file in found {
            guard let previous = files.last, previous.relativePath == file.relativePath else {
                files.append(file)
                continue
            }
            if previous.absolutePath != file.absolutePath {
                rejects.append(RejectedInput(relativePath: file.relativePath, reason: "duplicate_path: another input root holds the same relative path (\(previous.absolutePath) was used, \(file.absolutePath) was not)"))
            }
        }
        return Discovery(files: files, rejects: rejects, warnings: warnings)
    }

    private func isDirectory(_ path: String) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &flag) && flag.boolValue
    }

    /// Regular files under `root`, recursively, hidden entries skipped, symlinks not followed
    /// into directories.
    private func walk(_ root: String, warnings: inout [String]) -> [InputFile] {
        var result: [InputFile] = []
        var pending = [root]
        let manager = FileManager.default
        while let directory = pending.popLast() {
            guard let names = try? manager.contentsOfDirectory(atPath: directory) else {
                warnings.append("cannot list the directory \(directory); its files were not read")
                continue
            }
            for name in names.sorted() where !name.hasPrefix(".") {
                let path = directory + "/" + name
                guard let attributes = try? manager.attributesOfItem(atPath: path), let type = attributes[.type] as? FileAttributeType else { continue }
                if type == .typeDirectory {
                    pending.append(path)
                } else if type == .typeRegular {
                    result.append(InputFile(absolutePath: path, relativePath: PathText.relative(path, to: root)))
                } else if type == .typeSymbolicLink, !isDirectory(path) {
                    result.append(InputFile(absolutePath: path, relativePath: PathText.relative(path, to: root)))
                }
            }
        }
        return result
    }
}
