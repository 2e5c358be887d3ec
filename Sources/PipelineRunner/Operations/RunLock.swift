import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock on an output directory, so that only one run at a time writes it.
///
/// The lock is a `flock(2)` on a small file beside the output directory (`output` →
/// `.output.lock`), holding the process id of its owner. The kernel drops the lock when the
/// process exits, even on SIGKILL, so a crashed run never leaves a stale lock behind; the file
/// itself stays (deleting lock files races with the next run).
///
/// The lock is held until the value is deallocated; keep it alive with
/// `withExtendedLifetime` for the whole run:
///
///     let lock = try RunLock.acquire(outputDirectory: "/srv/notizie/output", timeout: 600)
///     try withExtendedLifetime(lock) { try write() }
public final class RunLock: Sendable {
    /// The lock file's path.
    public let path: String
    private let descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    /// Closing the descriptor drops the lock.
    deinit { close(descriptor) }

    /// The lock file of an output directory: `.NAME.lock` in its parent directory.
    ///
    ///     RunLock.lockPath(outputDirectory: "/srv/notizie/output")   // "/srv/notizie/.output.lock"
    public static func lockPath(outputDirectory: String) -> String {
        PathText.parent(outputDirectory) + "/." + PathText.name(outputDirectory) + ".lock"
    }

    /// Takes the lock of `outputDirectory`, waiting up to `timeout` seconds for another run to
    /// finish, checking every 100 ms.
    ///
    /// - Parameter isCancelled: Polled while waiting; when it returns a signal number the wait
    ///   ends with ``PipelineError/stopped(signal:datasetWritten:)``.
    /// - Throws: ``PipelineError/lockHeld(path:owner:waited:)`` when the wait runs out (exit 75),
    ///   ``PipelineError/cannotWrite(path:reason:)`` when the lock file cannot be created.
    public static func acquire(outputDirectory: String, timeout: Double, isCancelled: () -> Int32? = { nil }) throws(PipelineError) -> RunLock {
        let path = lockPath(outputDirectory: outputDirectory)
        do {
            try FileManager.default.createDirectory(atPath: PathText.parent(path), withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path: outputDirectory, reason: "cannot create \(PathText.parent(path)) for the lock file")
        }
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .cannotWrite(path: outputDirectory, reason: "cannot open the lock file \(path): \(String(cString: strerror(errno)))")
        }
        let started = Date()
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let failure = errno
            guard failure == EWOULDBLOCK || failure == EINTR else {
                close(descriptor)
                throw .cannotWrite(path: outputDirectory, reason: "cannot lock \(path): \(String(cString: strerror(failure)))")
            }
            if let signal = isCancelled() {
                close(descriptor)
                throw .stopped(signal: signal, datasetWritten: false)
            }
            let waited = Date().timeIntervalSince(started)
            guard waited < timeout else {
                let owner = readOwner(descriptor)
                close(descriptor)
                throw .lockHeld(path: path, owner: owner, waited: waited)
            }
            usleep(UInt32(min(0.1, timeout - waited) * 1_000_000))
        }
        writeOwner(descriptor)
        return RunLock(path: path, descriptor: descriptor)
    }

    /// The process id written by the lock's holder, when readable.
    private static func readOwner(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Records this process as the holder.
    private static func writeOwner(_ descriptor: Int32) {
        let text = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }
}
