import Dispatch
import Foundation

/// A bounded set of Dispatch workers that process items by index.
///
/// Each worker takes the next unclaimed index until none is left, so a slow document never
/// holds up the others; at most `workers` items are in flight at once.
public struct WorkerPool: Sendable {
    /// Number of concurrent workers (at least 1).
    public let workers: Int

    /// Creates a pool of `workers` workers.
    public init(workers: Int) { self.workers = max(1, workers) }

    /// Calls `body` once for every index in `0..<count`, on up to `workers` threads, and
    /// returns when all calls have finished.
    public func forEach(count: Int, _ body: @Sendable (Int) -> Void) {
        guard count > 0 else { return }
        let counter = IndexCounter()
        DispatchQueue.concurrentPerform(iterations: min(workers, count)) { _ in
            while let index = counter.next(below: count) { body(index) }
        }
    }
}

/// Hands out increasing indexes to concurrent workers.
///
/// `@unchecked Sendable` is safe: the only state, `value`, is read and written exclusively
/// while `lock` is held.
final class IndexCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    /// The next index, or `nil` once `count` have been handed out.
    func next(below count: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard value < count else { return nil }
        value += 1
        return value - 1
    }
}

/// Collects values produced concurrently into their slots, and timings beside them.
///
/// `@unchecked Sendable` is safe: `slots` and `timings` are touched only while `lock` is held,
/// and ``take()`` is called after every worker has finished.
final class ResultCollector<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Value?]
    private var timings = StageTimings()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ value: Value, at index: Int, timings more: StageTimings) {
        lock.lock()
        defer { lock.unlock() }
        slots[index] = value
        timings.merge(more)
    }

    func take() -> (values: [Value?], timings: StageTimings) {
        lock.lock()
        defer { lock.unlock() }
        return (slots, timings)
    }
}
