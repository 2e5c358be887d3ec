import ArgumentParser
import Foundation

/// `pipeline-bench generate`: writes a generated corpus to a directory, for other tools.
struct GenerateCorpus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a generated corpus (text and HTML, fixed seed) to a directory."
    )

    @OptionGroup var corpus: CorpusOptions

    @Option(name: .long, help: "Directory to write into (created if missing).")
    var out: String

    @Option(name: .long, help: "Also write the planted near copies here: one `copy<TAB>original` line each (paths relative to --out).")
    var truth: String?

    func run() throws {
        let stats = try corpus.generator.write(count: corpus.docs, to: out)
        if let truth {
            let lines = stats.plantedCopies.map { $0.copy + "\t" + $0.original + "\n" }.joined()
            try lines.write(toFile: truth, atomically: true, encoding: .utf8)
        }
        print("generated \(stats.documents) documents (\(stats.html) HTML, \(stats.copies) near copies), \(stats.bytes) bytes in \(out)")
    }
}
