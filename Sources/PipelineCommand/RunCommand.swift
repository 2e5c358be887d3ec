import ArgumentParser
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

    func validate() throws {
        if let workers, !(1...1024).contains(workers) { throw ValidationError("--workers must be between 1 and 1024") }
    }

    func run() throws {
        do {
            var resolved = try ConfigLoader.load(path: config)
            if let workers { resolved.workers = workers }
            if let output { resolved.output.directory = PathText.absolute(output, base: currentDirectory()) }
            let summary = try Runner(config: resolved).run()
            let rows = Dataset.tableNames.map { "\($0) \(summary.rows[$0] ?? 0)" }.joined(separator: ", ")
            printOut("pipeline: \(summary.documents) documents, \(summary.rejected) rejected → \(summary.outputDirectory) (\(rows))\n")
            for warning in summary.warnings { printError("pipeline: warning: \(warning)") }
        } catch {
            throw fail(error)
        }
    }
}
