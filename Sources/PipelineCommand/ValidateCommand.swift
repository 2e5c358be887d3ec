import ArgumentParser
import PipelineRunner

/// `pipeline validate`: checks a config without running.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a config file (keys, types, ranges, inputs) without running."
    )

    @Option(name: .long, help: "The config file.")
    var config = "pipeline.json"

    func run() throws {
        do {
            let resolved = try ConfigLoader.load(path: config)
            let formats = resolved.output.formats.map(\.rawValue).joined(separator: ", ")
            printOut("\(config): ok (\(resolved.inputs.count) inputs, \(resolved.workers) workers, formats \(formats), output \(resolved.output.directory), digest \(resolved.digest.prefix(12)))\n")
        } catch {
            throw fail(error)
        }
    }
}
