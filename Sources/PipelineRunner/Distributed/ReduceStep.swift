import Dedup
import Foundation
import PipelineCore

/// `pipeline reduce`: `B` lines grouped by bucket key in, candidate pairs (`P`) and capped
/// buckets (`W`) out.
///
/// Each group goes through ``BandBucket`` — the same admission rule the single-machine run
/// applies in memory — so the pairs, once gathered by `pipeline finalize`, give the same
/// clusters. Within a group the order of lines does not matter, and a line repeated by a
/// retried task counts once; lines of one key must be contiguous (a key met again after its
/// group ended is an error, never a silent split).
///
///     // B lines of bucket 9c1e… for stories a, b and an exact copy of a
///     // → P a b
public struct ReduceStep: Sendable {
    /// The most members a bucket admits (`max_bucket`).
    public let cap: Int

    /// Creates the step for `config`'s dedup settings.
    public init(config: PipelineConfig) { cap = BandBucket.capacity(config.dedup) }

    /// Reduces every group of `input` to `output`.
    ///
    /// - Returns: groups read, pairs written and buckets capped.
    /// - Throws: ``ShuffleError`` for a line that is not a `B` line, or a key out of its group.
    @discardableResult
    public func run(input: inout LineReader, output: inout LineWriter) throws(ShuffleError) -> (groups: Int, pairs: Int, capped: Int) {
        let decoder = JSONDecoder()
        var finished = Set<UInt64>()
        var current: UInt64?
        var members: [BandMember] = []
        var counts = (groups: 0, pairs: 0, capped: 0)

        func close(_ key: UInt64) throws(ShuffleError) {
            let bucket = BandBucket(members: members, cap: cap)
            counts.groups += 1
            for (first, second) in bucket.pairs {
                try output.write(ShuffleLine.pairText(first, second))
                counts.pairs += 1
            }
            if bucket.isCapped {
                try output.write(ShuffleLine.cappedText(key: key, offered: bucket.offered, admitted: bucket.admitted.count))
                counts.capped += 1
            }
            finished.insert(key)
            members.removeAll(keepingCapacity: true)
        }

        while let line = try input.next() {
            guard let parsed = try ShuffleLine.parse(line, decoder: decoder, source: input.name, lineNumber: input.lineNumber) else { continue }
            guard case .band(let key, let member) = parsed else {
                throw .badLine(source: input.name, line: input.lineNumber, reason: "reduce reads B lines only (band key, story id, member)")
            }
            if key != current {
                if let current { try close(current) }
                guard !finished.contains(key) else { throw .notGrouped(source: input.name, line: input.lineNumber, key: StableHash.hex(key)) }
                current = key
            }
            members.append(member)
        }
        if let current { try close(current) }
        try output.flush()
        return counts
    }
}
