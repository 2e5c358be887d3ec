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
            Output per line: {"numbers":[{"surface","value","value_high","qualifier","is_percent","char_start","char_end",\
            "numeral_start"}],"dates":[{"surface","start","end","grain","relative","reference","char_start","char_end"}]}; \
            offsets in Unicode scalars of the line; dates ISO, null when unresolved. Each line is written as soon as it is read.
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
            let json = normalizer.run(text, reference: reference).jsonLine()
            printOut(json + "\n")
        }
    }
}
