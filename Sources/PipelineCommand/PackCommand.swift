import ArgumentParser
import PipelineRunner

/// `pipeline pack`: the configured inputs as JSON-lines files for a cluster's storage.
///
///     pipeline pack --config pipeline.json --out packed   # packed/part-00000.jsonl …
struct PackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pack",
        abstract: "Write the configured inputs as JSON-lines document records (the input of `pipeline map`)."
    )

    @Option(name: .long, help: "The config file.")
    var config = "pipeline.json"

    @Option(name: .long, help: "Output directory (replaced whole).")
    var out: String

    @Option(name: .long, help: "Records per output file.")
    var perFile = 1000

    func validate() throws {
        if perFile < 1 { throw ValidationError("--per-file must be at least 1") }
    }

    func run() throws {
        try runDistributedStep {
            let resolved = try ConfigLoader.load(path: config)
            let out = PathText.absolute(self.out, base: currentDirectory())
            let written = try PackStep(config: resolved, perFile: perFile).run(out: out)
            printOut("pipeline: packed \(written.records) records into \(written.files) files in \(out)\n")
        }
    }
}
