import Dedup
import DedupCorpus
import Foundation
import PipelineCore
import Testing

/// The dedup test corpus, generated with a fixed seed from the project's own samples and run
/// through the real ingest, normalize and extract stages.
struct GeneratedCorpusTests {
    struct Run {
        var files: [GeneratedFile]
        var analyses: [TestDocuments.Analysis]
        var result: DedupResult
    }

    static func run(seed: UInt64, shuffleSeed: UInt64? = nil) throws -> Run {
        let articles = try SampleArticle.load(directory: TestDocuments.samples, excluding: TestDocuments.notSingleStories)
        var files = CorpusGenerator(seed: seed).generate(from: articles, extraStories: 8)
        if let shuffleSeed {
            var generator = SeededGenerator(seed: shuffleSeed)
            files.shuffle(using: &generator)
        }
        let analyses = files.compactMap { TestDocuments.analyze(path: $0.path, bytes: $0.bytes) }
        let result = Deduplicator().run(analyses.flatMap(\.fingerprints))
        return Run(files: files, analyses: analyses, result: result)
    }

    @Test func pairwisePrecisionAndRecallAtLeast95() throws {
        let run = try Self.run(seed: 2025)
        #expect(run.analyses.count == run.files.count, "every generated file is ingested")
        var truthByPath: [String: String] = [:]
        for file in run.files { truthByPath[file.path] = file.story }
        let predicted = run.analyses.map { run.result.stories[$0.document.stories[0].id]?.clusterID ?? "missing" }
        let truth = run.analyses.map { truthByPath[$0.document.path] ?? "?" }
        let score = PairwiseScore(predicted: predicted, truth: truth)
        #expect(score.precision >= 0.95, "precision \(score.precision) over \(score.predictedPairs) predicted pairs")
        #expect(score.recall >= 0.95, "recall \(score.recall) over \(score.truePairs) true pairs")

        // Distinct stories are never merged, even though they share the topic and the week.
        var storiesByCluster: [String: Set<String>] = [:]
        for (cluster, story) in zip(predicted, truth) { storiesByCluster[cluster, default: []].insert(story) }
        let mixed = storiesByCluster.values.filter { $0.count > 1 }
        #expect(mixed.isEmpty, "clusters mixing stories: \(mixed)")
    }

    @Test func shuffledInputGivesTheSameClusters() throws {
        let ordered = try Self.run(seed: 2025)
        let shuffled = try Self.run(seed: 2025, shuffleSeed: 99)
        #expect(ordered.result == shuffled.result)
    }
}
