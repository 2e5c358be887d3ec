import Dedup
import DedupCorpus
import PipelineCore
import Testing

/// Dedup alone on the benchmark's generated corpus (documents built in memory, known truth).
struct ScaleCorpusTests {
    @Test func scaleCorpusPrecisionAndRecall() throws {
        let articles = try SampleArticle.load(directory: TestDocuments.samples, excluding: TestDocuments.notSingleStories)
        let corpus = ScaleCorpus(documents: 800, seed: 5, vocabularyFrom: articles)
        let fingerprinter = Fingerprinter()
        var prints: [StoryFingerprint] = []
        for (document, figures) in zip(corpus.documents, corpus.figures) { prints += fingerprinter.run(document, figures: figures) }
        let result = Deduplicator().run(prints)
        let predicted = corpus.documents.map { result.stories[$0.stories[0].id]!.clusterID }
        let score = PairwiseScore(predicted: predicted, truth: corpus.stories)
        #expect(score.precision >= 0.95)
        #expect(score.recall >= 0.95)
        // Every step has work: exact copies, near copies, and other outlets' tellings.
        let matches = Dictionary(grouping: result.storyClusters.compactMap(\.match), by: { $0 }).mapValues(\.count)
        #expect(matches[.exact, default: 0] > 0)
        #expect(matches[.nearCopy, default: 0] > 0)
        #expect(matches[.sameStory, default: 0] > 0)
        #expect(result.statistics.sameStoryCandidates >= matches[.sameStory, default: 0])
        var generator = SeededGenerator(seed: 3)
        #expect(Deduplicator().run(prints.shuffled(using: &generator)) == result)
    }
}
