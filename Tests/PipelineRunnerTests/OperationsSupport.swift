import Foundation
import PipelineCore
@testable import PipelineRunner

extension Scratch {
    /// Writes `count` short Italian articles (text and HTML, every 50th one binary) into
    /// `folder`, varied by a seeded generator so that the same seed writes the same bytes.
    func writeGeneratedCorpus(count: Int, in folder: String = "archivio", seed: UInt64 = 7) {
        var rng = SeededGenerator(seed: seed)
        let places = ["Kursk", "Kharkiv", "Sudža", "Pokrovsk", "Zaporižžja", "Odessa"]
        let sources = ["il ministero della Difesa", "l'intelligence ucraina", "il portavoce dell'esercito", "fonti locali"]
        let months = ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno"]
        for index in 0..<count {
            let name = "\(folder)/lotto-\(index / 100)/articolo-\(index)"
            if index % 50 == 49 {
                write(name + ".bin", bytes: (0..<256).map { _ in UInt8(truncatingIfNeeded: rng.next()) } + [0])
                continue
            }
            let place = places[Int(rng.next() % UInt64(places.count))]
            let source = sources[Int(rng.next() % UInt64(sources.count))]
            let month = months[Int(rng.next() % UInt64(months.count))]
            let soldiers = 100 + Int(rng.next() % 9_000)
            let wounded = 1 + Int(rng.next() % 400)
            let day = 1 + Int(rng.next() % 28)
            let body = """
                Secondo \(source), nella zona di \(place) sono arrivati \(soldiers) soldati il \(day) \(month) 2025.

                Nei combattimenti degli ultimi giorni i feriti sono stati \(wounded), mentre circa \(wounded / 2 + 3) civili hanno lasciato le case.
                """
            if index % 2 == 0 {
                write(name + ".txt", " date 2025-0\(1 + index % 6)\n\n" + body)
            } else {
                let paragraphs = body.components(separatedBy: "\n\n").map { "<p>\($0)</p>" }.joined()
                write(name + ".html", "<html><head><title>\(place), \(soldiers) soldati</title></head><body><nav><a href=\"/\">Home</a></nav><article><h1>\(place), \(soldiers) soldati</h1>\(paragraphs)</article><footer>Redazione</footer></body></html>")
            }
        }
    }

    /// The dataset files of an output directory (not run.json, not hidden files), by name.
    func datasetFiles(_ directory: String) -> [String: Data] {
        let full = path + "/" + directory
        let names = (try? FileManager.default.contentsOfDirectory(atPath: full)) ?? []
        var files: [String: Data] = [:]
        for name in names where !name.hasPrefix(".") && name != "run.json" {
            files[name] = FileManager.default.contents(atPath: full + "/" + name)
        }
        return files
    }

    /// run.json of an output directory, parsed.
    func manifest(_ directory: String) -> [String: Any]? {
        guard let text = read(directory + "/run.json") else { return nil }
        return try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    }
}

/// The built `pipeline` executable, beside the test bundle or in `.build/debug`.
let builtPipeline: String? = {
    var candidates: [String] = []
    if let executable = Bundle.main.executablePath { candidates.append(PathText.parent(executable) + "/pipeline") }
    candidates.append(PathText.parent(PathText.parent(Bundle.main.bundlePath)) + "/pipeline")
    candidates.append(packageRoot + "/.build/debug/pipeline")
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
}()

/// A `pipeline` process started in the background, its output going to files.
struct LaunchedPipeline {
    let process: Process
    let errPath: String

    /// Starts the built binary with `arguments` in `directory`.
    init(_ arguments: [String], in directory: String) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: builtPipeline ?? "/nonexistent/pipeline")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        errPath = directory + "/stderr-\(UUID().uuidString).log"
        FileManager.default.createFile(atPath: errPath, contents: nil)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// Sends `signal` to the process.
    func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for the exit; returns the exit status (or 128 + signal when killed by one) and
    /// standard error.
    func wait() -> (status: Int32, err: String) {
        process.waitUntilExit()
        let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: errPath)
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return (status, err)
    }

    /// Runs to completion.
    static func run(_ arguments: [String], in directory: String) throws -> (status: Int32, err: String) {
        try LaunchedPipeline(arguments, in: directory).wait()
    }

    /// Waits until standard error contains `text`, up to `timeout` seconds.
    func waitForLog(_ text: String, timeout: Double = 60) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let err = try? String(contentsOfFile: errPath, encoding: .utf8), err.contains(text) { return true }
            if !process.isRunning { return false }
            usleep(20_000)
        }
        return false
    }
}
