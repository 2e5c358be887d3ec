// dedup-bench: times the dedup stage on generated corpora of growing size.
//
//     swift run -c release dedup-bench                 # 10 000 and 100 000 documents, 5 rounds
//     swift run -c release dedup-bench 20000 200000    # other sizes
//
// For each size it builds an in-memory corpus (ScaleCorpus, fixed seed) from the vocabulary
// of samples/, then reports the per-document fingerprint time, the corpus-wide dedup and
// claims times (CPU seconds of the thread, wall seconds in brackets), the pairwise
// precision/recall against the generator's truth, and the peak resident memory of the process
// so far. It does so in rounds (every size, then every size again, each time from a corpus
// built afresh), and the last lines give the growth between the sizes' median times, so that
// one disturbed measurement does not decide it, and between their best times: other work on
// the machine (other processes, the hypervisor's) only ever adds time, so the best round is the
// cost of the step itself.
//
// Environment: DEDUP_ROUNDS sets the rounds (5); DEDUP_DIGEST=1 also prints a digest of each
// whole result (every story and figure assignment, warnings and counters), to check that a
// change to dedup keeps its results; DEDUP_MAX_BUCKET and DEDUP_DAYS override max_bucket and
// same_story_days.
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
let rounds = max(1, ProcessInfo.processInfo.environment["DEDUP_ROUNDS"].flatMap { Int($0) } ?? 5)

/// Builds the corpus of `size` documents, fingerprints it, runs dedup and claims, prints the
/// row, and returns the two steps' CPU seconds.
@MainActor func measure(size: Int, round: Int) -> (dedup: Double, claims: Double) {
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
    print([
        "\(size)", format(fingerprintTime.cpu), "\(Int(Double(size) / fingerprintTime.cpu))",
        "\(format(dedupTime.cpu, 3)) (\(format(dedupTime.wall, 3)))", "\(format(claimsTime.cpu, 3)) (\(format(claimsTime.wall, 3)))",
        "\(result!.statistics.clusters)", format(score.precision, 4), format(score.recall, 4),
        "\(result!.statistics.cappedBuckets)", format(peakMemoryMiB(), 0),
    ].joined(separator: " | ") + "   (round \(round); \(claims.count) claims; work: \(result!.statistics.candidatePairs) candidate pairs, \(result!.statistics.sameStoryCandidates) same-story candidates)")
    return (dedupTime.cpu, claimsTime.cpu)
}

// Each measurement runs in a process of its own (this program again, told the one size to
// measure), as a real run does: no size inherits the memory another one left behind.
let environment = ProcessInfo.processInfo.environment
if let one = environment["DEDUP_ONE_SIZE"].flatMap({ Int($0) }) {
    let times = measure(size: one, round: environment["DEDUP_ROUND"].flatMap { Int($0) } ?? 1)
    print("TIMES \(one) \(times.dedup) \(times.claims)")
    exit(0)
}
guard let executable = Bundle.main.executablePath else {
    FileHandle.standardError.write(Data("dedup-bench: cannot find its own executable to run each measurement in\n".utf8))
    exit(70)
}
var stageTimes: [Int: [(dedup: Double, claims: Double)]] = [:]
print("documents | fingerprint cpu s | docs/s | dedup cpu s (wall) | claims cpu s (wall) | clusters | precision | recall | capped | peak MiB")
for round in 1...rounds {
    for size in sizes.isEmpty ? [10_000, 100_000] : sizes {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: executable)
        child.environment = environment.merging(["DEDUP_ONE_SIZE": "\(size)", "DEDUP_ROUND": "\(round)"]) { _, new in new }
        let output = Pipe()
        child.standardOutput = output
        do {
            try child.run()
        } catch {
            FileHandle.standardError.write(Data("dedup-bench: cannot run \(executable): \(error)\n".utf8))
            exit(70)
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        child.waitUntilExit()
        guard child.terminationStatus == 0 else {
            FileHandle.standardError.write(Data("dedup-bench: the measurement of \(size) documents failed (status \(child.terminationStatus))\n".utf8))
            exit(70)
        }
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.first == "TIMES", fields.count == 4, let dedup = Double(fields[2]), let claims = Double(fields[3]) {
                stageTimes[size, default: []].append((dedup, claims))
            } else {
                print(line)
            }
        }
    }
}

/// The middle value (the mean of the two middle ones for an even count).
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

let measured = stageTimes.keys.sorted()
if measured.count >= 2, let small = measured.first, let large = measured.last, let a = stageTimes[small], let b = stageTimes[large] {
    let dedup = (median(a.map(\.dedup)), median(b.map(\.dedup)))
    let claims = (median(a.map(\.claims)), median(b.map(\.claims)))
    let stage = (median(a.map { $0.dedup + $0.claims }), median(b.map { $0.dedup + $0.claims }))
    print("medians of \(rounds) round(s), CPU s: dedup \(format(dedup.0, 3)) → \(format(dedup.1, 3)), claims \(format(claims.0, 3)) → \(format(claims.1, 3))")
    let best = (a.map(\.dedup).min()!, b.map(\.dedup).min()!)
    if dedup.0 > 0, claims.0 > 0, best.0 > 0 {
        print("dedup step CPU time growth \(small) → \(large) documents: \(format(dedup.1 / dedup.0))× for \(large / small)× the documents (medians)")
        print("the same between the best rounds (\(format(best.0, 3)) → \(format(best.1, 3)) s, the least disturbed by the rest of the machine): \(format(best.1 / best.0))×")
        print("with claims (the corpus-wide steps): \(format(stage.1 / stage.0))×; claims alone \(format(claims.1 / claims.0))×")
    }
}
