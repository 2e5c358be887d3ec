import Foundation
import Logging
import Testing
@testable import PipelineRunner

@Suite("Run lock, stop requests, exit codes, progress and log lines")
struct OperationsTests {
    private func config(_ scratch: Scratch, lockTimeout: Double) throws -> PipelineConfig {
        scratch.config(#"{"inputs": ["notizie"], "output": {"directory": "out", "lock_timeout_seconds": \#(lockTimeout)}, "workers": 1}"#)
        return try scratch.load()
    }

    @Test func aHeldLockMakesTheRunGiveUpWithExit75() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.writeCorpus()
        let config = try config(scratch, lockTimeout: 0.3)
        let lock = try RunLock.acquire(outputDirectory: config.output.directory, timeout: 0)
        let started = Date()
        #expect {
            _ = try Runner(config: config).run()
        } throws: { error in
            guard let error = error as? PipelineError, case .lockHeld(let path, let owner, _) = error else { return false }
            return path.hasSuffix("/.out.lock") && owner == getpid() && error.exitStatus.rawValue == 75
                && error.description.contains("output.lock_timeout_seconds")
        }
        #expect(Date().timeIntervalSince(started) >= 0.3)
        #expect(!scratch.exists("out/documents.csv"))
        withExtendedLifetime(lock) {}
    }

    @Test func theRunWaitsForTheLockToBeReleased() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.writeCorpus()
        let config = try config(scratch, lockTimeout: 30)
        let holder = LockHolder(try RunLock.acquire(outputDirectory: config.output.directory, timeout: 0))
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.4) { holder.release() }
        let started = Date()
        let summary = try Runner(config: config).run()
        #expect(summary.documents == 3)
        #expect(Date().timeIntervalSince(started) >= 0.3)
    }

    @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func aStopRequestLeavesThePreviousDataset(signal: Int32, status: Int32) throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.writeCorpus()
        let config = try config(scratch, lockTimeout: 0)
        _ = try Runner(config: config).run()
        let previous = scratch.datasetFiles("out")
        let previousManifest = scratch.read("out/run.json")
        scratch.write("notizie/nuovo.txt", "A Kherson sono arrivati 640 soldati il 2 marzo 2025.")

        let cancellation = RunCancellation()
        cancellation.cancel(signal: signal)
        #expect {
            _ = try Runner(config: config, options: RunOptions(cancellation: cancellation)).run()
        } throws: { error in
            guard let error = error as? PipelineError, case .stopped(let received, let written) = error else { return false }
            return received == signal && !written && error.exitStatus.rawValue == status
        }
        #expect(scratch.datasetFiles("out") == previous)
        #expect(scratch.read("out/run.json") == previousManifest)
    }

    @Test func onlyTheFirstSignalIsKept() {
        let cancellation = RunCancellation()
        #expect(!cancellation.isCancelled)
        #expect(cancellation.cancel(signal: SIGTERM))
        #expect(!cancellation.cancel(signal: SIGINT))
        #expect(cancellation.signal == SIGTERM)
    }

    @Test(arguments: [
        (PipelineError.config(.missingKey(file: "pipeline.json", keyPath: "inputs", expected: "an array")), Int32(78)),
        (.inputMissing(file: "pipeline.json", keyPath: "inputs[0]", path: "/srv/archivio"), 66),
        (.cannotWrite(path: "/srv/output", reason: "disco pieno"), 73),
        (.lockHeld(path: "/srv/.output.lock", owner: 4242, waited: 60), 75),
        (.stopped(signal: SIGINT, datasetWritten: false), 130),
        (.stopped(signal: SIGTERM, datasetWritten: false), 143),
        (.internalError("decodifica fallita"), 70),
    ])
    func everyFailureHasItsExitStatus(error: PipelineError, status: Int32) {
        #expect(error.exitStatus.rawValue == status)
    }

    @Test(arguments: [
        (500, 2000, 0, 2.0, "500/2000 documents  250.0 docs/s  ETA 0:06"),
        (1990, 2000, 1900, 1.0, "1990/2000 documents  1990.0 docs/s  ETA 0:01  (1900 reused)"),
        (2000, 2000, 0, 8.0, "2000/2000 documents  250.0 docs/s"),
        (0, 100, 0, 0.0, "0/100 documents  0.0 docs/s"),
        (10, 100_000, 0, 3.0, "10/100000 documents  3.3 docs/s  ETA 8:19:57"),
    ])
    func progressLine(done: Int, total: Int, reused: Int, elapsed: Double, expected: String) {
        #expect(RunProgress.render(done: done, total: total, reused: reused, elapsed: elapsed) == expected)
    }

    @Test func logLinesArePlainWithoutControlCharacters() {
        let date = Date(timeIntervalSince1970: 1_763_863_207)
        let line = PlainLogHandler.format(.warning, message: "file illeggibile:\nnotizie/a.html\t(permessi)", metadata: ["path": "a.html", "bytes": "12"], at: date)
        #expect(line == "2025-11-23T02:00:07Z warning: file illeggibile: notizie/a.html (permessi) bytes=12 path=a.html")
        #expect(!line.unicodeScalars.contains { $0.properties.generalCategory == .control })
    }
}

/// Holds a lock until another thread releases it.
///
/// `@unchecked Sendable` is safe: `lock` is only read and cleared while `mutex` is held.
private final class LockHolder: @unchecked Sendable {
    private let mutex = NSLock()
    private var lock: RunLock?

    init(_ lock: RunLock) { self.lock = lock }

    func release() {
        mutex.lock()
        defer { mutex.unlock() }
        lock = nil
    }
}
