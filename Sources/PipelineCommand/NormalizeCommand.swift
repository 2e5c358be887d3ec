import ArgumentParser
import Foundation
import Normalize
import PipelineCore
import PipelineRunner

/// `pipeline normalize`: numbers and dates of each stdin line, one JSON object per line.
struct NormalizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalize",
        abstract: "Read UTF-8 lines on stdin; write one JSON object per line with their numbers and dates.",
        discussion: """
            Output per line: {"numbers":[{"surface","value","value_high","qualifier","percent","char_start","char_end"}],
            "dates":[{"surface","start","end","grain","char_start","char_end"}]}; offsets in Unicode scalars of the \
            line; dates ISO, null when unresolved. Each line is flushed as soon as it is written.
            """
    )

    @Option(name: .long, help: "The date relative expressions resolve against (YYYY-MM-DD, YYYY-MM or YYYY).")
    var referenceDate: String?

    func validate() throws {
        if let referenceDate, PartialDate(iso: referenceDate) == nil {
            throw ValidationError("--reference-date must be YYYY-MM-DD, YYYY-MM or YYYY, got \(referenceDate)")
        }
    }

    func run() throws {
        let reference = referenceDate.flatMap { PartialDate(iso: $0) }
        let normalizer = Normalizer()
        while let line = readLine(strippingNewline: true) {
            let text = line.hasSuffix("\r") ? String(line.dropLast()) : line
            let json = Inspection.normalizeLine(normalizer.run(text, reference: reference)).rendered
            printOut(json + "\n")
        }
    }
}
