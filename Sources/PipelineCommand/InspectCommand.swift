import ArgumentParser
import Foundation
import PipelineCore
import PipelineRunner

/// `pipeline inspect`: what each stage finds in one document, for people tuning the rules.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show what each stage finds in a document (JSON), or only its main text (--text).",
        discussion: """
            Batch mode: --list FILE holds one input path per line; each result is written to \
            OUT/NAME.txt (--text) or OUT/NAME.json, NAME being the file name without its extension.
            """
    )

    @Argument(help: "The document (text or HTML).")
    var file: String?

    @Flag(name: .long, help: "Print only the extracted main text, paragraphs separated by a blank line.")
    var text = false

    @Option(name: .long, help: "A file listing one input path per line (batch mode).")
    var list: String?

    @Option(name: .long, help: "Output directory of batch mode.")
    var out: String?

    @Option(name: .long, help: "Take stage options from this config file.")
    var config: String?

    func validate() throws {
        if list == nil && file == nil { throw ValidationError("give a FILE, or --list LISTFILE --out DIR") }
        if list != nil && file != nil { throw ValidationError("give either a FILE or --list, not both") }
        if list != nil && out == nil { throw ValidationError("--list needs --out DIR") }
    }

    func run() throws {
        var resolved = Self.defaultConfig()
        if let config {
            do {
                resolved = try ConfigLoader.load(path: config)
            } catch {
                throw fail(error)
            }
        }
        let stages = DocumentPipeline(config: resolved)
        if let list, let out {
            try runBatch(list: list, out: out, stages: stages)
        } else if let file {
            switch render(file, stages: stages) {
            case .success(let output): printOut(output)
            case .failure(let problem):
                printError("pipeline: \(file): \(problem.message)")
                throw ExitCode(problem.status.rawValue)
            }
        }
    }

    struct Problem: Error {
        var message: String
        var status: ExitStatus
    }

    /// The output for one file: its main text or its JSON report.
    func render(_ path: String, stages: DocumentPipeline) -> Result<String, Problem> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(Problem(message: "cannot read the file", status: .inputMissing))
        }
        let raw = RawDocument(path: PathText.name(path), bytes: [UInt8](data))
        if text {
            do {
                return .success(Inspection.mainText(try stages.ingest.run(raw)))
            } catch {
                return .failure(Problem(message: "rejected by ingest: \(error.reason)", status: .dataError))
            }
        }
        do {
            return .success(Inspection.report(try stages.analyze(raw)).pretty + "\n")
        } catch {
            return .failure(Problem(message: "rejected by ingest: \(error.reason)", status: .dataError))
        }
    }

    /// Writes OUT/NAME.txt (or .json) for every path of the list; an unusable file gets an
    /// empty output and a message, and the batch goes on.
    func runBatch(list: String, out: String, stages: DocumentPipeline) throws {
        guard let listData = FileManager.default.contents(atPath: list) else {
            printError("pipeline: \(list): cannot read the list file")
            throw ExitCode(ExitStatus.inputMissing.rawValue)
        }
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            printError("pipeline: \(out): cannot create the output directory")
            throw ExitCode(ExitStatus.cannotWriteOutput.rawValue)
        }
        let paths = String(decoding: listData, as: UTF8.self).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let results = ResultsBox(count: paths.count)
        let command = self
        WorkerPool(workers: ProcessInfo.processInfo.activeProcessorCount).forEach(count: paths.count) { index in
            results.set(index, command.render(paths[index], stages: stages))
        }
        var failed = 0
        for (index, path) in paths.enumerated() {
            let target = out + "/" + PathText.stem(path) + (text ? ".txt" : ".json")
            var output = ""
            switch results.get(index) {
            case .success(let rendered): output = rendered
            case .failure(let problem):
                failed += 1
                printError("pipeline: \(path): \(problem.message)")
            }
            guard FileManager.default.createFile(atPath: target, contents: Data(output.utf8)) else {
                printError("pipeline: \(target): cannot write")
                throw ExitCode(ExitStatus.cannotWriteOutput.rawValue)
            }
        }
        if failed > 0 { printError("pipeline: \(failed) of \(paths.count) files could not be used") }
    }

    /// Stage options when no config is given: the defaults.
    static func defaultConfig() -> PipelineConfig {
        let here = FileManager.default.currentDirectoryPath
        return PipelineConfig(file: "(defaults)", baseDirectory: here, inputs: [], output: OutputSettings(directory: here + "/output"), workers: 1)
    }
}

/// Results of the batch, filled concurrently.
///
/// `@unchecked Sendable` is safe: `values` is only accessed while `lock` is held.
final class ResultsBox: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Result<String, InspectCommand.Problem>?]

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Result<String, InspectCommand.Problem>) {
        lock.lock()
        defer { lock.unlock() }
        values[index] = value
    }

    func get(_ index: Int) -> Result<String, InspectCommand.Problem> {
        lock.lock()
        defer { lock.unlock() }
        return values[index] ?? .failure(InspectCommand.Problem(message: "not processed", status: .internalError))
    }
}

func currentDirectory() -> String { FileManager.default.currentDirectoryPath }
