import Foundation
import Normalize
import PipelineCore

// normalize-bench: throughput of the normalize stage alone, and a line runner.
//
//   normalize-bench [--mb 64] [--runs 3] [FILE…]
//                                         time Normalizer().run over FILEs (default: ../shared/seeds/*.txt),
//                                         repeated up to --mb megabytes; prints MB/s of thread CPU time
//   normalize-bench --lines [--reference-date YYYY-MM-DD]
//                                         one JSON object per stdin line (the `pipeline normalize` format)

let args = Array(CommandLine.arguments.dropFirst())

func value(_ flag: String) -> String? {
    guard let i = args.firstIndex(of: flag), i + 1 < args.count else { return nil }
    return args[i + 1]
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("normalize-bench: " + message + "\n").utf8))
    exit(2)
}

if args.contains("--help") || args.contains("-h") {
    print("usage: normalize-bench [--mb N] [--runs N] [FILE…] | --lines [--reference-date YYYY-MM-DD]")
    exit(0)
}

let normalizer = Normalizer()

if args.contains("--lines") {
    var reference: PartialDate?
    if let r = value("--reference-date") {
        guard let p = PartialDate(iso: r) else { fail("--reference-date: expected YYYY, YYYY-MM or YYYY-MM-DD, got \(r)") }
        reference = p
    }
    while let line = readLine(strippingNewline: true) {
        print(normalizer.run(line, reference: reference).jsonLine())
    }
    exit(0)
}

let megabytes = Int(value("--mb") ?? "64") ?? 64
var files = args.enumerated().filter { idx, a in
    !a.hasPrefix("--") && (idx == 0 || (args[idx - 1] != "--mb" && args[idx - 1] != "--runs"))
}.map(\.1)
if files.isEmpty {
    let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/seeds").standardized
    let names = (try? FileManager.default.contentsOfDirectory(atPath: seeds.path)) ?? []
    files = names.filter { $0.hasSuffix(".txt") }.sorted().map { seeds.appendingPathComponent($0).path }
}
guard !files.isEmpty else { fail("no input files (pass FILE… or provide ../shared/seeds)") }
var documents: [String] = []
for f in files {
    guard let text = try? String(contentsOfFile: f, encoding: .utf8) else { fail("cannot read \(f) as UTF-8") }
    documents.append(text)
}
let unit = documents.reduce(0) { $0 + $1.utf8.count }
guard unit > 0 else { fail("input files are empty") }
var corpus: [String] = []
var total = 0
while total < megabytes * 1_000_000 {
    for d in documents { corpus.append(d); total += d.utf8.count }
}
// Warm up (loads the vocabulary).
_ = normalizer.run(documents[0], reference: nil)
let reference = PartialDate(year: 2025, month: 2, day: 13)
/// CPU time of this thread, so that other processes on a shared machine do not count.
func threadCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

// Several runs: on a shared machine the best run is the closest to the code's own speed.
let runs = max(1, Int(value("--runs") ?? "3") ?? 3)
var rates: [Double] = []
var found = 0
for run in 1...runs {
    found = 0
    let clock = ContinuousClock()
    let cpuStart = threadCPUSeconds()
    let elapsed = clock.measure {
        for d in corpus {
            let r = normalizer.run(d, reference: reference)
            found &+= r.numbers.count + r.dates.count
        }
    }
    let cpu = threadCPUSeconds() - cpuStart
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    rates.append(Double(total) / 1e6 / cpu)
    print("run \(run): \(total) bytes in \(corpus.count) documents, \(found) mentions; "
        + String(format: "CPU %.3f s = %.1f MB/s per core (wall %.3f s = %.1f MB/s)",
                 cpu, Double(total) / 1e6 / cpu, seconds, Double(total) / 1e6 / seconds))
}
rates.sort()
print(String(format: "normalize-bench: best %.1f MB/s, median %.1f MB/s per core (CPU time, %d runs)",
             rates.last!, rates[rates.count / 2], runs))
