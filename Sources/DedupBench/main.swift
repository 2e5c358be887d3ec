// dedup-bench: times the dedup stage on generated corpora of growing size.
//
//     swift run -c release dedup-bench                 # 10 000 and 100 000 documents
//     swift run -c release dedup-bench 20000 200000    # other sizes
//
// For each size it builds an in-memory corpus (ScaleCorpus, fixed seed) from the vocabulary
// of samples/, then reports the per-document fingerprint time, the corpus-wide dedup and
// claims times, the pairwise precision/recall against the generator's truth, and the peak
// resident memory of the process so far.
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

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
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

let options = DedupOptions()
var dedupTimes: [Int: Double] = [:]
print("documents | fingerprint s | docs/s | dedup s | claims s | clusters | precision | recall | capped | peak MiB")
for size in sizes.isEmpty ? [10_000, 100_000] : sizes {
    let corpus = ScaleCorpus(documents: size, seed: 20_251_123, vocabularyFrom: articles)
    let fingerprinter = Fingerprinter(options: options)
    var fingerprints: [StoryFingerprint] = []
    fingerprints.reserveCapacity(size)
    let fingerprintTime = seconds {
        for (document, figures) in zip(corpus.documents, corpus.figures) {
            fingerprints.append(contentsOf: fingerprinter.run(document, figures: figures))
        }
    }
    var result: DedupResult?
    let dedupTime = seconds { result = Deduplicator(options: options).run(fingerprints) }
    var claims: [Claim] = []
    let claimsTime = seconds {
        var reports: [ClaimReport] = []
        for (document, figures) in zip(corpus.documents, corpus.figures) {
            reports.append(contentsOf: ClaimReport.reports(of: document, figures: figures, clusters: result!.stories))
        }
        claims = ClaimBuilder().run(reports)
    }
    let predicted = corpus.documents.map { result!.stories[$0.stories[0].id]!.clusterID }
    let score = PairwiseScore(predicted: predicted, truth: corpus.stories)
    dedupTimes[size] = dedupTime + claimsTime
    print([
        "\(size)", format(fingerprintTime), "\(Int(Double(size) / fingerprintTime))", format(dedupTime, 3), format(claimsTime, 3),
        "\(result!.statistics.clusters)", format(score.precision, 4), format(score.recall, 4),
        "\(result!.statistics.cappedBuckets)", format(peakMemoryMiB(), 0),
    ].joined(separator: " | ") + "   (\(claims.count) claims)")
}
let measured = dedupTimes.keys.sorted()
if measured.count >= 2, let small = measured.first, let large = measured.last, let a = dedupTimes[small], let b = dedupTimes[large], a > 0 {
    print("dedup+claims time growth \(small) → \(large) documents: \(format(b / a))× (for \(large / small)× the documents)")
}
