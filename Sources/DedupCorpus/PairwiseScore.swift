/// Pairwise precision and recall of "same cluster" against a truth.
///
/// A pair of items is predicted together when they share a predicted cluster, and truly together
/// when they share a truth label. Computed from the contingency table, never from all pairs.
///
///     PairwiseScore(predicted: ["a", "a", "b"], truth: [1, 1, 1])
///     // precision 1.0 (the one predicted pair is true), recall 1/3
public struct PairwiseScore: Sendable, Hashable {
    /// True pairs among predicted pairs (1 when nothing is predicted together).
    public var precision: Double
    /// Predicted pairs among true pairs (1 when nothing is truly together).
    public var recall: Double
    /// Pairs predicted together.
    public var predictedPairs: Int
    /// Pairs truly together.
    public var truePairs: Int

    /// Scores `predicted[i]` against `truth[i]`.
    public init<P: Hashable, T: Hashable>(predicted: [P], truth: [T]) {
        precondition(predicted.count == truth.count, "PairwiseScore: predicted and truth differ in length")
        func pairs(_ n: Int) -> Int { n * (n - 1) / 2 }
        var predictedSizes: [P: Int] = [:]
        var truthSizes: [T: Int] = [:]
        var joint: [Pair<P, T>: Int] = [:]
        for (p, t) in zip(predicted, truth) {
            predictedSizes[p, default: 0] += 1
            truthSizes[t, default: 0] += 1
            joint[Pair(predicted: p, truth: t), default: 0] += 1
        }
        let both = joint.values.reduce(0) { $0 + pairs($1) }
        predictedPairs = predictedSizes.values.reduce(0) { $0 + pairs($1) }
        truePairs = truthSizes.values.reduce(0) { $0 + pairs($1) }
        precision = predictedPairs == 0 ? 1 : Double(both) / Double(predictedPairs)
        recall = truePairs == 0 ? 1 : Double(both) / Double(truePairs)
    }

    struct Pair<P: Hashable, T: Hashable>: Hashable {
        var predicted: P
        var truth: T
    }
}
