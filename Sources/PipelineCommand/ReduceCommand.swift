import ArgumentParser
import PipelineRunner

/// `pipeline reduce`: candidate near-copy pairs from band lines grouped by key.
///
///     sort -t "$(printf '\t')" -k2,2 bands.tsv | pipeline reduce --config pipeline.json > pairs.tsv
struct ReduceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reduce",
        abstract: "Read B lines grouped by bucket key on stdin; write candidate pairs (P) and capped buckets (W).",
        discussion: """
            All lines of one bucket key must be contiguous (their order inside the group does not matter). \
            A bucket admits at most max_bucket members with distinct text, in canonical story order; a \
            bucket that had more is written as a W line and reported by finalize in run.json.
            """
    )

    @Option(name: .long, help: "The config file (its inputs need not exist here).")
    var config = "pipeline.json"

    func run() throws {
        try runDistributedStep {
            let resolved = try ConfigLoader.load(path: config, checkInputs: false)
            var input = LineReader(handle: .standardInput, name: "stdin")
            var output = LineWriter(handle: .standardOutput, name: "stdout")
            try ReduceStep(config: resolved).run(input: &input, output: &output)
        }
    }
}
