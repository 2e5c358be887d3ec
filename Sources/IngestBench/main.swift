// ingest-bench: how fast the ingest stage reads HTML, against libxml2 parsing the same bytes.
//
//     swift run -c release ingest-bench [DIR] [--repeat N]
//
// DIR defaults to ../shared/htmlbench. Every `.html` file is loaded into memory first; then, on
// one thread, each pass times (1) parse only: decode + libxml2 parse + free, and (2) full ingest:
// `Ingest().run` (parse, page model, main text, metadata, stories). The best of N passes is
// reported in MB/s of input HTML per CPU-second of the benchmark thread (so a busy machine does
// not distort it), with the ratio of the two.
import Dispatch
import Foundation
import Ingest
import PipelineCore

var arguments = Array(CommandLine.arguments.dropFirst())
var repeats = 3
if let at = arguments.firstIndex(of: "--repeat"), at + 1 < arguments.count, let n = Int(arguments[at + 1]), n > 0 {
    repeats = n
    arguments.removeSubrange(at...at + 1)
}
let directory = arguments.first ?? FileManager.default.currentDirectoryPath + "/../shared/htmlbench"
guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory).filter({ $0.hasSuffix(".html") }).sorted(),
    !names.isEmpty
else {
    FileHandle.standardError.write(Data("ingest-bench: no .html files in \(directory)\n".utf8))
    exit(66)
}
let pages: [RawDocument] = names.compactMap { name in
    FileManager.default.contents(atPath: directory + "/" + name).map { RawDocument(path: name, bytes: [UInt8]($0)) }
}
let totalBytes = pages.reduce(0) { $0 + $1.bytes.count }

/// CPU time of this thread, so that other processes on a busy machine do not count.
func threadCPUSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

func seconds(_ body: () -> Void) -> Double {
    let start = threadCPUSeconds()
    body()
    return threadCPUSeconds() - start
}

var parseBest = Double.infinity
var ingestBest = Double.infinity
var sink = 0
var rejected = 0
for pass in 0..<repeats {
    parseBest = min(parseBest, seconds { for page in pages { sink &+= Ingest.parseOnly(page.bytes) } })
    ingestBest = min(ingestBest, seconds {
        for page in pages {
            do {
                sink &+= try Ingest().run(page).chars
            } catch {
                if pass == 0 { rejected += 1 }
            }
        }
    })
}
let megabytes = Double(totalBytes) / 1e6
let parseRate = megabytes / parseBest
let ingestRate = megabytes / ingestBest
print("ingest-bench: \(pages.count) pages, \(String(format: "%.2f", megabytes)) MB, best of \(repeats), one thread, thread CPU time")
print("  parse only (decode + libxml2): \(String(format: "%7.1f", parseRate)) MB/s  (\(String(format: "%.3f", parseBest)) s)")
print("  full ingest:                   \(String(format: "%7.1f", ingestRate)) MB/s  (\(String(format: "%.3f", ingestBest)) s, \(rejected) rejected)")
print("  ratio full/parse: \(String(format: "%.2f", ingestRate / parseRate))  (target >= 0.50)   [checksum \(sink % 1000)]")
