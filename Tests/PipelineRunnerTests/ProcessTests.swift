import Foundation
import Testing
@testable import PipelineRunner

/// The built binary under the conditions a scheduled run meets: bad configs, a held lock,
/// `systemctl stop`, Ctrl-C and SIGKILL.
@Suite("The pipeline process: exit codes, signals, SIGKILL", .serialized, .enabled(if: builtPipeline != nil, "the pipeline executable is not built (run swift build)"))
struct ProcessTests {
    @Test(arguments: [
        (#"{"inputs": ["archivio"], "workers": 1}"#, Int32(0), "wrote the datasets"),
        (#"{"inputs": ["archivio"], "uscita": "out"}"#, 78, "pipeline.json: uscita: unknown key"),
        (#"{"inputs": ["archivio"], "output": {"lock_timeout_seconds": "molto"}}"#, 78, "output.lock_timeout_seconds: expected"),
        (#"{"inputs": ["archivio", "mancante"]}"#, 66, "inputs[1]: input not found"),
    ])
    func exitCodes(config: String, status: Int32, message: String) throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.writeGeneratedCorpus(count: 5)
        scratch.config(config)
        let result = try LaunchedPipeline.run(["run", "--config", "pipeline.json"], in: scratch.path)
        #expect(result.status == status, "\(result.err)")
        #expect(result.err.contains(message), "\(result.err)")
        #expect(!result.err.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\r" }, "control characters in a log that is not a terminal")
    }

    @Test func aHeldLockExits75() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.writeGeneratedCorpus(count: 5)
        scratch.config(#"{"inputs": ["archivio"], "output": {"lock_timeout_seconds": 0.5}}"#)
        let lock = try RunLock.acquire(outputDirectory: scratch.path + "/output", timeout: 0)
        let result = try LaunchedPipeline.run(["--config", "pipeline.json"], in: scratch.path)
        withExtendedLifetime(lock) {}
        #expect(result.status == 75)
        #expect(result.err.contains("another run holds the lock") && result.err.contains("process \(getpid())"), "\(result.err)")
        #expect(!scratch.exists("output/documents.csv"))
    }

    @Test(arguments: [(SIGTERM, Int32(143)), (SIGINT, Int32(130))])
    func aSignalStopsTheRunAndKeepsThePreviousDataset(signal: Int32, status: Int32) throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.writeGeneratedCorpus(count: 20)
        scratch.config(#"{"inputs": ["archivio"], "output": {"directory": "out"}, "workers": 1}"#)
        #expect(try LaunchedPipeline.run(["--config", "pipeline.json", "-q"], in: scratch.path).status == 0)
        let previous = scratch.datasetFiles("out")
        let previousManifest = scratch.read("out/run.json")

        scratch.writeGeneratedCorpus(count: 400, in: "archivio/nuovi", seed: 11)
        let launched = try LaunchedPipeline(["--config", "pipeline.json", "--full"], in: scratch.path)
        #expect(launched.waitForLog("input files"))
        launched.send(signal)
        let result = launched.wait()
        #expect(result.status == status, "\(result.err)")
        #expect(result.err.contains("stopped by"), "\(result.err)")
        #expect(scratch.datasetFiles("out") == previous)
        #expect(scratch.read("out/run.json") == previousManifest)
    }

    /// Kills runs at spread-out instants, from before the first document to after the swap,
    /// and checks that the output directory always holds one complete dataset: the previous
    /// one or the new one, never a mix.
    @Test func sigkillAtAnyInstantLeavesACompleteDataset() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.writeGeneratedCorpus(count: 150)
        scratch.config(#"{"inputs": ["archivio"], "output": {"directory": "out", "formats": ["csv", "json", "sqlite"]}, "workers": 2}"#)
        #expect(try LaunchedPipeline.run(["--config", "pipeline.json", "-q"], in: scratch.path).status == 0)
        let old = scratch.datasetFiles("out")
        let saved = scratch.path + "/out-saved"
        try FileManager.default.copyItem(atPath: scratch.path + "/out", toPath: saved)

        scratch.write("archivio/nuovo.txt", "A Kherson sono arrivati 640 soldati il 2 marzo 2025, secondo il comando.")
        scratch.write("archivio/lotto-0/articolo-4.txt", " date 2025-03\n\nI soldati arrivati a Kursk erano 1.350.")
        scratch.config(#"{"inputs": ["archivio"], "output": {"directory": "atteso", "formats": ["csv", "json", "sqlite"]}, "workers": 2}"#, name: "atteso.json")
        let started = Date()
        #expect(try LaunchedPipeline.run(["--config", "atteso.json", "-q", "--full"], in: scratch.path).status == 0)
        let duration = Date().timeIntervalSince(started)
        let new = scratch.datasetFiles("atteso")
        #expect(new != old)

        var outcomes = (old: 0, new: 0)
        let attempts = 16
        for attempt in 0..<attempts {
            let delay = duration * 1.2 * Double(attempt) / Double(attempts - 1)
            let launched = try LaunchedPipeline(["--config", "pipeline.json", "-q"] + (attempt % 2 == 0 ? ["--full"] : []), in: scratch.path)
            usleep(UInt32(delay * 1_000_000))
            launched.send(SIGKILL)
            _ = launched.wait()

            let files = scratch.datasetFiles("out")
            let manifest = scratch.manifest("out")
            #expect(manifest != nil, "run.json missing or broken after a kill at \(delay) s")
            if files == old {
                outcomes.old += 1
            } else if files == new {
                outcomes.new += 1
                try FileManager.default.removeItem(atPath: scratch.path + "/out")
                try FileManager.default.copyItem(atPath: saved, toPath: scratch.path + "/out")
            } else {
                Issue.record("after a kill at \(String(format: "%.3f", delay)) s the output is neither dataset: \(files.keys.sorted())")
            }
        }
        print("SIGKILL: \(outcomes.old) old, \(outcomes.new) new of \(attempts) kills over \(duration) s")
        #expect(outcomes.old + outcomes.new == attempts)
        #expect(outcomes.old > 0)

        // The leftovers of the killed runs do not disturb the next run.
        #expect(try LaunchedPipeline.run(["--config", "pipeline.json", "-q"], in: scratch.path).status == 0)
        #expect(scratch.datasetFiles("out") == new)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { $0.contains(".out.staging-") || $0.contains(".out.old-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }
}
