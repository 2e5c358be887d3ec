/// A step of a run whose time run.json reports.
public enum Stage: String, Sendable, CaseIterable, Codable {
    /// Finding the input files.
    case discover
    /// Reading input bytes (summed over workers).
    case read
    /// Ingest (summed over workers).
    case ingest
    /// Normalize (summed over workers).
    case normalize
    /// Extract (summed over workers).
    case extract
    /// Story fingerprints (summed over workers).
    case fingerprint
    /// Wall time of the whole concurrent per-document phase.
    case documents
    /// Corpus-wide clustering.
    case dedup
    /// Corpus-wide claims.
    case claims
    /// Writing the dataset files and swapping them in.
    case write
}

/// Seconds spent per ``Stage``; the per-document stages add up the time of every worker.
public struct StageTimings: Sendable, Hashable {
    /// Seconds by stage.
    public private(set) var seconds: [Stage: Double] = [:]

    /// Creates empty timings.
    public init() {}

    /// Adds `duration` seconds to `stage`.
    public mutating func add(_ stage: Stage, _ duration: Double) {
        seconds[stage, default: 0] += duration
    }

    /// Adds every stage of `other`.
    public mutating func merge(_ other: StageTimings) {
        for (stage, value) in other.seconds { add(stage, value) }
    }
}

/// Measures consecutive intervals on the monotonic clock.
public struct StageClock: Sendable {
    private var last: ContinuousClock.Instant

    /// Starts measuring now.
    public init() { last = ContinuousClock.now }

    /// Seconds since the previous lap (or the start), and starts the next interval.
    public mutating func lap() -> Double {
        let now = ContinuousClock.now
        let duration = last.duration(to: now)
        last = now
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
