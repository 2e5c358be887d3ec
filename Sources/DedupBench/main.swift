// dedup-bench: times the dedup stage on generated corpora of growing size.
//
//     swift run -c release dedup-bench                 # 10 000 and 100 000 documents
//     swift run -c release dedup-bench 20000 200000    # other sizes
//
// For each size it builds an in-memory corpus (ScaleCorpus, fixed seed) from the vocabulary
// of samples/, then reports the per-document fingerprint time, the corpus-wide dedup and
// claims times (CPU seconds of the thread, wall seconds in brackets), the pairwise precision/recall against the generator's truth, and the peak
// resident memory of the process so far.
//
// Environment: DEDUP_DIGEST=1 also prints a digest of each whole result (every story and figure
// assignment, warnings and counters), to check that a change to dedup keeps its results;
// DEDUP_MAX_BUCKET and DEDUP_DAYS override max_bucket and same_story_days.
import Dedup
import DedupCorpus
import Foundation
import PipelineCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Peak resident set size of this process, in MiB.
func peakMemoryMiB() -> Double {
    var usage = rusage()
    #if canImport(Glibc)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    #if canImport(Darwin)
    return Double(usage.ru_maxrss) / 1_048_576
    #else
    return Double(usage.ru_maxrss) / 1024
    #endif
}

/// CPU seconds this thread spends in `body` (the stage is single-threaded, so this is its cost
/// without the noise of other processes sharing the machine), and the wall seconds.
func seconds(_ body: () -> Void) -> (cpu: Double, wall: Double) {
    func cpuNow() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
    let start = DispatchTime.now().uptimeNanoseconds
    let cpuStart = cpuNow()
    body()
    return (cpuNow() - cpuStart, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

func format(_ value: Double, _ digits: Int = 2) -> String {
    let scale = pow(10, Double(digits))
    return "\((value * scale).rounded() / scale)"
}

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
let sizes = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let articles: [SampleArticle]
do {
    articles = try SampleArticle.load(directory: packageRoot + "/samples", excluding: ["09_immagine_salvata_male.html"])
} catch {
    FileHandle.standardError.write(Data("dedup-bench: \(error)\n".utf8))
    exit(66)
}

var options = DedupOptions()
if let cap = ProcessInfo.processInfo.environment["DEDUP_MAX_BUCKET"].flatMap({ Int($0) }) { options.maxBucket = cap }
if let days = ProcessInfo.processInfo.environment["DEDUP_DAYS"].flatMap({ Int($0) }) { options.sameStoryDays = days }
var stageTimes: [Int: (dedup: Double, claims: Double)] = [:]
print("documents | fingerprint cpu s | docs/s | dedup cpu s (wall) | claims cpu s (wall) | clusters | precision | recall | capped | peak MiB")
for size in sizes.isEmpty ? [10_000, 100_000] : sizes {
    let corpus = ScaleCorpus(documents: size, seed: 20_251_123, vocabularyFrom: articles)
    let fingerprinter = Fingerprinter(options: options)
    var fingerprints: [StoryFingerprint] = []
    fingerprints.reserveCapacity(size)
    var storyStart = [0]  // where each document's fingerprints start
    let fingerprintTime = seconds {
        for (document, figures) in zip(corpus.documents, corpus.figures) {
            fingerprints.append(contentsOf: fingerprinter.run(document, figures: figures))
            storyStart.append(fingerprints.count)
        }
    }
    var result: DedupResult?
    let dedupTime = seconds { result = Deduplicator(options: options).run(fingerprints) }
    var claims: [Claim] = []
    // As the runner does: each figure's cluster is found among its own document's stories.
    let claimsTime = seconds {
        var table = ClaimTable()
        for (number, (document, figures)) in zip(corpus.documents, corpus.figures).enumerated() {
            let stories = storyStart[number]..<storyStart[number + 1]
            for figure in figures {
                guard let row = stories.first(where: { fingerprints[$0].storyID == figure.storyID }) else { continue }
                table.add(figure, published: document.published, document: Int32(number), story: Int32(row), cluster: result!.clusterNumber(ofStoryAt: row))
            }
        }
        claims = ClaimBuilder().run(table)
    }
    if ProcessInfo.processInfo.environment["DEDUP_DIGEST"] != nil {
        var lines: [String] = []
        for (id, c) in result!.stories { lines.append("S \(id) \(c.clusterID) \(c.duplicateOf ?? "-") \(c.similarity.map { "\($0)" } ?? "-") \(c.match?.rawValue ?? "-") \(c.isCanonical)") }
        for (id, c) in result!.figures { lines.append("F \(id) \(c.clusterID) \(c.repeatOf ?? "-")") }
        lines.append("W \(result!.warnings) \(result!.statistics)")
        lines.sort()
        var hash: UInt64 = 1469598103934665603
        for byte in lines.joined(separator: "\n").utf8 { hash = (hash ^ UInt64(byte)) &* 1099511628211 }
        print("DIGEST \(size) \(lines.count) \(String(hash, radix: 16))")
    }
    let predicted = corpus.documents.indices.map { result!.clusterID(ofStoryAt: storyStart[$0]) }
    let score = PairwiseScore(predicted: predicted, truth: corpus.stories)
    stageTimes[size] = (dedupTime.cpu, claimsTime.cpu)
    print([
        "\(size)", format(fingerprintTime.cpu), "\(Int(Double(size) / fingerprintTime.cpu))",
        "\(format(dedupTime.cpu, 3)) (\(format(dedupTime.wall, 3)))", "\(format(claimsTime.cpu, 3)) (\(format(claimsTime.wall, 3)))",
        "\(result!.statistics.clusters)", format(score.precision, 4), format(score.recall, 4),
        "\(result!.statistics.cappedBuckets)", format(peakMemoryMiB(), 0),
    ].joined(separator: " | ") + "   (\(claims.count) claims; work: \(result!.statistics.candidatePairs) candidate pairs, \(result!.statistics.sameStoryCandidates) same-story candidates)")
}
let measured = stageTimes.keys.sorted()
if measured.count >= 2, let small = measured.first, let large = measured.last, let a = stageTimes[small], let b = stageTimes[large], a.dedup > 0, a.claims > 0 {
    // The stage is both steps (clusters, then claims); each step's growth is shown as well.
    print(
        "dedup stage (dedup+claims) CPU time growth \(small) → \(large) documents: \(format((b.dedup + b.claims) / (a.dedup + a.claims)))×"
            + " (dedup alone \(format(b.dedup / a.dedup))×, claims alone \(format(b.claims / a.claims))×) for \(large / small)× the documents"
    )
}
