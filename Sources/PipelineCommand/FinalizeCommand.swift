import ArgumentParser
import PipelineRunner

/// `pipeline finalize`: verifies the candidate pairs, clusters, builds claims, writes the datasets.
///
///     pipeline finalize --config pipeline.json --docs mapped/ --pairs pairs/ --out output/
struct FinalizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "finalize",
        abstract: "Read map's D/R lines and reduce's P/W lines; write the datasets as the single-machine run does.",
        discussion: """
            --docs and --pairs are directories (every visible file is read; names starting with "." or "_" \
            are skipped) or single files. The datasets replace --out atomically, in the config's formats.
            """
    )

    @Option(name: .long, help: "The config file (its inputs need not exist here).")
    var config = "pipeline.json"

    @Option(name: .long, help: "Directory (or file) of D and R lines from `pipeline map`.")
    var docs: String

    @Option(name: .long, help: "Directory (or file) of P and W lines from `pipeline reduce`.")
    var pairs: String

    @Option(name: .long, help: "Output directory (default: the config's).")
    var out: String?

    func run() throws {
        try runDistributedStep {
            var resolved = try ConfigLoader.load(path: config, checkInputs: false)
            if let out { resolved.output.directory = PathText.absolute(out, base: currentDirectory()) }
            let summary = try FinalizeStep(config: resolved).run(docs: docs, pairs: pairs)
            let rows = Dataset.tableNames.map { "\($0) \(summary.rows[$0] ?? 0)" }.joined(separator: ", ")
            printOut("pipeline: \(summary.documents) documents, \(summary.rejected) rejected → \(summary.outputDirectory) (\(rows))\n")
            for warning in summary.warnings { printError("pipeline: warning: \(warning)") }
        }
    }
}
