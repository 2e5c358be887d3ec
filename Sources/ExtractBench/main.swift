import Extract
import Foundation
import Ingest
import Normalize
import PipelineCore

// extract-bench: throughput of normalize + extract together on one core (the target is
// 20 MB/s of text per core).
//
//   extract-bench [--mb 32] [FILE…]   ingest FILEs once (default: samples/*.txt and
//                                     ../shared/seeds/*.txt), then time Normalizer + Extractor over
//                                     them repeated up to --mb megabytes of document text
//   extract-bench --extract-only …    normalize once, time the extractor alone

let arguments = Array(CommandLine.arguments.dropFirst())

func stop(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("extract-bench: " + message + "\n").utf8))
    exit(2)
}

if arguments.contains("--help") || arguments.contains("-h") {
    print("usage: extract-bench [--mb N] [FILE…]")
    exit(0)
}

var megabytes = 32
var extractOnly = false
var files: [String] = []
var index = 0
while index < arguments.count {
    if arguments[index] == "--extract-only" {
        extractOnly = true
        index += 1
    } else if arguments[index] == "--mb" {
        guard index + 1 < arguments.count, let value = Int(arguments[index + 1]), value > 0 else { stop("--mb needs a positive number") }
        megabytes = value
        index += 2
    } else {
        files.append(arguments[index])
        index += 1
    }
}
if files.isEmpty {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    for folder in [root.appendingPathComponent("samples"), root.deletingLastPathComponent().appendingPathComponent("shared/seeds")] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        files += names.filter { $0.hasSuffix(".txt") }.sorted().map { folder.appendingPathComponent($0).path }
    }
}
guard !files.isEmpty else { stop("no input files (pass FILE… or run from the package with samples/ or ../shared/seeds)") }

var documents: [Document] = []
for file in files {
    guard let data = FileManager.default.contents(atPath: file) else { stop("cannot read \(file)") }
    do {
        documents.append(try Ingest().run(RawDocument(path: (file as NSString).lastPathComponent, bytes: [UInt8](data))))
    } catch {
        stop("\(file): \(error.reason)")
    }
}
let unitBytes = documents.reduce(0) { $0 + $1.text.utf8.count }
guard unitBytes > 0 else { stop("the input documents have no text") }

let normalizer = Normalizer()
let extractor = Extractor()
let prepared = documents.map { normalizer.run($0.text, reference: $0.published) }
_ = extractor.run(documents[0], normalized: prepared[0])

var bytes = 0
var runs = 0
var figures = 0
let cpuStart = clock()
let wallClock = ContinuousClock()
let elapsed = wallClock.measure {
    while bytes < megabytes * 1_000_000 {
        for (position, document) in documents.enumerated() {
            let normalized = extractOnly ? prepared[position] : normalizer.run(document.text, reference: document.published)
            figures &+= extractor.run(document, normalized: normalized).count
            bytes += document.text.utf8.count
            runs += 1
        }
    }
}
// CPU time of this single-threaded process: the per-core rate, even on a busy machine.
let cpuSeconds = Double(clock() - cpuStart) / Double(CLOCKS_PER_SEC)
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print("extract-bench: \(bytes) bytes in \(runs) documents, \(figures) figures, "
    + String(format: "%.3f s wall, %.3f s CPU, %.1f MB/s per core ", seconds, cpuSeconds, Double(bytes) / 1e6 / cpuSeconds)
    + (extractOnly ? "(extract)" : "(normalize + extract)"))
