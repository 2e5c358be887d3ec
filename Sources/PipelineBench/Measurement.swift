import PipelineCore
import Foundation
import PipelineRunner
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Process measurements for the benchmark reports.
enum Measurement {
    /// Peak resident memory of this process: `VmHWM` from /proc/self/status on Linux, else
    /// `getrusage`'s `ru_maxrss`.
    static func peakResidentBytes() -> Int {
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) {
            for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
                let digits = line.filter(\.isNumber)
                if let kilobytes = Int(digits) { return kilobytes * 1024 }
            }
        }
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024
        #else
        getrusage(RUSAGE_SELF, &usage)
        return Int(usage.ru_maxrss)
        #endif
    }

    /// The `stage_seconds` of a run.json, one `  stage  seconds` line each.
    static func stageLines(fromManifest manifest: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(manifest.utf8)) as? [String: Any],
              let seconds = object["stage_seconds"] as? [String: Any]
        else { return "  (run.json unreadable)" }
        return Stage.allCases.compactMap { stage in
            (seconds[stage.rawValue] as? NSNumber).map { "  " + stage.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0) + NumberText.format($0.doubleValue) }
        }.joined(separator: "\n")
    }
}

/// One benchmark result: throughput and peak memory.
struct BenchResult {
    var mode: String
    var documents: Int
    var bytes: Int
    var seconds: Double
    var workers: Int
    var peakMemoryBytes: Int
    var extra: [(String, Double)] = []

    var documentsPerSecond: Double { seconds > 0 ? Double(documents) / seconds : 0 }
    var megabytesPerSecond: Double { seconds > 0 ? Double(bytes) / 1e6 / seconds : 0 }

    /// Two-decimal text without locale.
    static func fixed(_ value: Double) -> String { NumberText.format((value * 100).rounded() / 100) }

    var text: String {
        var lines = [
            "mode: \(mode), documents: \(documents), input: \(Self.fixed(Double(bytes) / 1e6)) MB, workers: \(workers)",
            "wall: \(Self.fixed(seconds)) s, \(Self.fixed(documentsPerSecond)) docs/s, \(Self.fixed(megabytesPerSecond)) MB/s, peak memory: \(Self.fixed(Double(peakMemoryBytes) / 1_048_576)) MiB",
        ]
        if !extra.isEmpty { lines.append(extra.map { "\($0.0): \(NumberText.format($0.1))" }.joined(separator: ", ")) }
        return lines.joined(separator: "\n")
    }

    var json: String {
        JSONNode.object([
            ("mode", .string(mode)), ("documents", .integer(documents)), ("bytes", .integer(bytes)), ("workers", .integer(workers)),
            ("seconds", .number(seconds)), ("docs_per_second", .number(documentsPerSecond)),
            ("mb_per_second", .number(megabytesPerSecond)), ("peak_memory_bytes", .integer(peakMemoryBytes)),
        ] + extra.map { ($0.0, JSONNode.number($0.1)) }).rendered
    }
}
