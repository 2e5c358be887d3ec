import ArgumentParser
import Foundation
import Logging
import PipelineRunner

/// `pipeline run`: the default command.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run every stage over the configured inputs and write the datasets (the default)."
    )

    @Option(name: .long, help: "The config file.")
    var config = "pipeline.json"

    @Option(name: .long, help: "Override the config's worker count.")
    var workers: Int?

    @Option(name: .long, help: "Override the config's output directory (relative to the current directory).")
    var output: String?

    @Flag(name: .long, help: "Ignore the cache of the previous run and analyse every document again.")
    var full = false

    @Flag(name: .shortAndLong, help: "Print only warnings and errors: no progress, no summary.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Log every document and the cache decisions (debug level).")
    var verbose = false

    func validate() throws {
        if let workers, !(1...1024).contains(workers) { throw ValidationError("--workers must be between 1 and 1024") }
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
    }

    func run() throws {
        do {
            var resolved = try ConfigLoader.load(path: config)
            if let workers { resolved.workers = workers }
            if let output { resolved.output.directory = PathText.absolute(output, base: currentDirectory()) }
            let summary = try Runner(config: resolved, options: runOptions()).run()
            guard !quiet else { return }
            let rows = Dataset.tableNames.map { "\($0) \(summary.rows[$0] ?? 0)" }.joined(separator: ", ")
            printOut("pipeline: \(summary.documents) documents, \(summary.rejected) rejected → \(summary.outputDirectory) (\(rows))\n")
        } catch {
            throw fail(error)
        }
    }

    /// Logging to standard error (plain lines, no control characters), the progress line or
    /// progress log lines, and SIGINT/SIGTERM handling.
    func runOptions() -> RunOptions {
        let level: Logger.Level = quiet ? .warning : (verbose ? .debug : .info)
        LoggingSystem.bootstrap { _ in PlainLogHandler(level: level) }
        let logger = Logger(label: "pipeline")
        let cancellation = SignalHandling.install { signal in
            logger.warning("received \(signal == SIGTERM ? "SIGTERM" : "SIGINT"): finishing the documents in progress, then stopping without writing")
        }
        let progress = RunProgress(style: quiet ? .none : .automatic, logger: logger)
        return RunOptions(full: full, cancellation: cancellation, progress: progress, logger: logger)
    }
}
