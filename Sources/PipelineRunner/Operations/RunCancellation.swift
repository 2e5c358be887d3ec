import Dispatch
import Foundation

/// A flag that tells a run to stop: set by a signal handler, polled by the workers before each
/// document, by the lock wait, and by the runner before it writes.
///
///     let cancellation = RunCancellation()
///     cancellation.cancel(signal: SIGTERM)
///     cancellation.signal   // 15
///
/// `@unchecked Sendable` is safe: the only state, `received`, is read and written exclusively
/// while `lock` is held.
public final class RunCancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var received: Int32?

    /// Creates a flag that is not set.
    public init() {}

    /// The first signal received, or `nil` while the run may go on.
    public var signal: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    /// Whether the run should stop.
    public var isCancelled: Bool { signal != nil }

    /// Asks the run to stop; only the first signal is kept.
    ///
    /// - Returns: `true` when this was the first request.
    @discardableResult
    public func cancel(signal: Int32) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard received == nil else { return false }
        received = signal
        return true
    }
}

/// Turns SIGINT and SIGTERM into a ``RunCancellation`` for the `pipeline run` command.
///
/// The first signal stops the scheduling of new documents: documents already being processed
/// finish, nothing is written, the previous dataset stays, and the command exits 130 (SIGINT)
/// or 143 (SIGTERM). A second signal ends the process at once with the same code; a staging
/// directory it leaves is removed by the next run.
public enum SignalHandling {
    /// Installs the handlers and returns the flag they set.
    ///
    /// - Parameter onFirstSignal: Called once, on a Dispatch queue, when the first signal
    ///   arrives (the command logs it).
    public static func install(onFirstSignal: @escaping @Sendable (Int32) -> Void = { _ in }) -> RunCancellation {
        let cancellation = RunCancellation()
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            // Dispatch delivers the signal to the source only once the default action is off.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if cancellation.cancel(signal: number) {
                    onFirstSignal(number)
                } else {
                    _exit(128 + number)
                }
            }
            source.resume()
            sources.append(source)
        }
        installed.keep(sources)
        return cancellation
    }

    /// Keeps the signal sources alive for the life of the process.
    private static let installed = SourceKeeper()
}

/// Holds the signal sources so they are never deallocated.
///
/// `@unchecked Sendable` is safe: `sources` is only appended to while `lock` is held, and
/// never read.
private final class SourceKeeper: @unchecked Sendable {
    private let lock = NSLock()
    private var sources: [any DispatchSourceSignal] = []

    func keep(_ more: [any DispatchSourceSignal]) {
        lock.lock()
        defer { lock.unlock() }
        sources += more
    }
}
