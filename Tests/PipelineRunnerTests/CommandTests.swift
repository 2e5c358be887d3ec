import Foundation
import Testing
@testable import PipelineRunner

/// The built `pipeline` executable, beside the test bundle or in `.build/debug`.
private let pipelineBinary: String? = {
    var candidates: [String] = []
    if let executable = Bundle.main.executablePath { candidates.append(PathText.parent(executable) + "/pipeline") }
    candidates.append(PathText.parent(PathText.parent(Bundle.main.bundlePath)) + "/pipeline")
    candidates.append(packageRoot + "/.build/debug/pipeline")
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
}()

/// Runs the binary; returns exit status, stdout and stderr.
private func pipeline(_ arguments: [String], stdin: String? = nil, in directory: String? = nil) throws -> (status: Int32, out: String, err: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(pipelineBinary))
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}

@Suite("The pipeline command", .enabled(if: pipelineBinary != nil, "the pipeline executable is not built (run swift build)"))
struct CommandTests {
    @Test func runIsTheDefaultSubcommand() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.writeCorpus()
        scratch.config(#"{"inputs": ["notizie"], "workers": 2}"#)
        let result = try pipeline(["--config", "pipeline.json"], in: scratch.path)
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.contains("3 documents, 1 rejected"))
        for table in Dataset.tableNames { #expect(scratch.exists("output/\(table).csv") && scratch.exists("output/\(table).json")) }
        #expect(scratch.exists("output/run.json"))
    }

    @Test(arguments: [
        (#"{"inputs": ["notizie"], "stages": {"dedup": {"threshold": "high"}}}"#, Int32(78), "stages.dedup.threshold"),
        (#"{"inputs": ["notizie"], "colonne": 3}"#, Int32(78), "colonne: unknown key"),
        (#"{"inputs": ["notizie"], "workers": "due"}"#, Int32(78), "workers: expected"),
        (#"{"inputs": ["archivio"]}"#, Int32(66), "inputs[0]: input not found"),
        (#"{"inputs": ["notizie"]}"#, Int32(0), "pipeline.json: ok"),
    ])
    func validate(json: String, status: Int32, message: String) throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.writeCorpus()
        scratch.config(json)
        let result = try pipeline(["validate", "--config", "pipeline.json"], in: scratch.path)
        #expect(result.status == status)
        #expect((result.out + result.err).contains(message), "\(result.out)\(result.err)")
        if status != 0 { #expect(result.err.hasPrefix("pipeline: pipeline.json: ")) }
    }

    @Test func validateAcceptsTheShippedConfig() throws {
        let result = try pipeline(["validate", "--config", "pipeline.json"], in: packageRoot)
        #expect(result.status == 0, "\(result.err)")
    }

    @Test func inspectPrintsWhatEachStageFinds() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.writeCorpus()
        let result = try pipeline(["inspect", scratch.path + "/notizie/kursk.txt"])
        #expect(result.status == 0, "\(result.err)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        #expect(report["path"] as? String == "kursk.txt")
        for key in ["title", "published", "stories", "numbers", "dates", "figures"] { #expect(report.keys.contains(key), "\(key)") }
        #expect((report["stories"] as? [Any])?.isEmpty == false)
    }

    @Test func inspectOfARejectedFileIsExit65() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.writeCorpus()
        let result = try pipeline(["inspect", scratch.path + "/notizie/immagine.html"])
        #expect(result.status == 65)
        #expect(result.err.contains("binary"))
    }

    @Test func inspectTextSingleAndBatch() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.writeCorpus()
        let single = try pipeline(["inspect", "--text", scratch.path + "/notizie/ripresa.txt"])
        #expect(single.status == 0)
        #expect(single.out.contains("circa 11.000 soldati nordcoreani.\n\nAlmeno 4.000"))

        let list = scratch.write("lista.txt", [
            scratch.path + "/notizie/ripresa.txt", "", scratch.path + "/notizie/2025/missili.html", scratch.path + "/notizie/immagine.html",
        ].joined(separator: "\n") + "\n")
        let batch = try pipeline(["inspect", "--text", "--list", list, "--out", scratch.path + "/testi"])
        #expect(batch.status == 0, "\(batch.err)")
        #expect(scratch.read("testi/ripresa.txt") == single.out)
        #expect(scratch.read("testi/missili.txt")?.isEmpty == false)
        #expect(scratch.read("testi/immagine.txt") == "")
        #expect(batch.err.contains("immagine.html"))
    }

    @Test func normalizeWritesOneObjectPerLineInOrder() throws {
        let lines = ["Inviati 300 soldati", "", "nessun numero qui", "2 missili e 12 droni"]
        let result = try pipeline(["normalize", "--reference-date", "2025-01-13"], stdin: lines.joined(separator: "\n") + "\n")
        #expect(result.status == 0, "\(result.err)")
        let outputs = result.out.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(outputs.count == lines.count)
        for output in outputs {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
            #expect(object["numbers"] is [Any] && object["dates"] is [Any])
        }
        let first = try #require(try JSONSerialization.jsonObject(with: Data(outputs[0].utf8)) as? [String: Any])
        let number = try #require((first["numbers"] as? [[String: Any]])?.first)
        for key in ["surface", "value", "value_high", "qualifier", "char_start", "char_end"] { #expect(number[key] != nil, "\(key)") }
    }

    @Test func normalizeRejectsABadReferenceDate() throws {
        let result = try pipeline(["normalize", "--reference-date", "13/01/2025"], stdin: "")
        #expect(result.status == 64)
    }
}
