import ArgumentParser
import Foundation
import PipelineRunner

/// `pipeline map`: the per-document stages over JSON-lines document records on stdin.
///
///     pipeline pack --config pipeline.json --out packed
///     pipeline map --config pipeline.json < packed/part-00000.jsonl > mapped.tsv
struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Read document records (JSON lines) on stdin; write D, R and B lines (tab-separated) on stdout.",
        discussion: """
            Input: one {"id", "path", "format", "content"} record per line (format "text" or "base64"), \
            as `pipeline pack` writes them. Output, in input order: a D line (document id, per-document \
            result as JSON) and one B line per LSH bucket of each story (bucket key, story id, member), \
            or an R line (reject). A pure function of the input and the config. See docs/spark.md.
            """
    )

    @Option(name: .long, help: "The config file (its inputs need not exist here).")
    var config = "pipeline.json"

    @Option(name: .long, help: "Documents analysed at once (default: the config's workers).")
    var workers: Int?

    func validate() throws {
        if let workers, !(1...1024).contains(workers) { throw ValidationError("--workers must be between 1 and 1024") }
    }

    func run() throws {
        try runDistributedStep {
            let resolved = try ConfigLoader.load(path: config, checkInputs: false)
            var input = LineReader(handle: .standardInput, name: "stdin")
            var output = LineWriter(handle: .standardOutput, name: "stdout")
            try MapStep(config: resolved, workers: workers).run(input: &input, output: &output)
        }
    }
}

/// Runs a distributed step, turning its failures into a message and an exit status.
func runDistributedStep(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as PipelineError {
        throw fail(error)
    } catch let error as ShuffleError {
        printError("pipeline: \(error.description)")
        throw ExitCode(error.exitStatus.rawValue)
    }
}
