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

    func run() throws {
        let stats = try corpus.generator.write(count: corpus.docs, to: out)
        print("generated \(stats.documents) documents (\(stats.html) HTML, \(stats.copies) near copies), \(stats.bytes) bytes in \(out)")
    }
}
