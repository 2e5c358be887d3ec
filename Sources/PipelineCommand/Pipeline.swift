import ArgumentParser
import Foundation
import PipelineRunner

/// The `pipeline` command: runs the stages over the configured inputs and writes the datasets.
///
///     swift run pipeline --config pipeline.json
///     pipeline validate --config pipeline.json
///     pipeline inspect samples/kursk.html
///     echo "circa 11mila soldati" | pipeline normalize --reference-date 2025-01-13
struct Pipeline: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline",
        abstract: "Turn folders of Italian news articles into datasets of the figures they report.",
        discussion: """
            Exit codes: 0 success, 64 usage, 65 unusable input (inspect, finalize), 66 input missing, \
            70 internal error, 73 cannot write output, 75 output locked by another run, 78 config error, \
            130 interrupted (SIGINT), 143 stopped (SIGTERM).
            """,
        version: PipelineVersion.current,
        subcommands: [
            RunCommand.self, ValidateCommand.self, InspectCommand.self, NormalizeCommand.self,
            // The same run split for a cluster (docs/spark.md).
            PackCommand.self, MapCommand.self, ReduceCommand.self, FinalizeCommand.self,
        ],
        defaultSubcommand: RunCommand.self
    )
}

/// Prints a failure as `pipeline: message` on standard error and exits with its status.
func fail(_ error: PipelineError) -> ExitCode {
    printError("pipeline: \(error.description)")
    return ExitCode(error.exitStatus.rawValue)
}

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Writes text to standard output at once (no buffering surprises between commands).
func printOut(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}
