import Foundation
import Testing
@testable import PipelineRunner

/// `systemd-analyze`, when this machine has it.
private let systemdAnalyze: String? = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze", "/usr/local/bin/systemd-analyze"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

@Suite("systemd units in scripts/")
struct SystemdUnitTests {
    private let scripts = packageRoot + "/scripts"

    @Test func serviceDocumentsItsSettings() throws {
        let service = try String(contentsOfFile: scripts + "/pipeline.service", encoding: .utf8)
        for line in ["Type=oneshot", "User=", "WorkingDirectory=", "ExecStart=", "pipeline run --config"] {
            #expect(service.contains(line), "\(line)")
        }
        let timer = try String(contentsOfFile: scripts + "/pipeline.timer", encoding: .utf8)
        #expect(timer.contains("OnCalendar="))
        #expect(timer.contains("Unit=pipeline.service"))
    }

    /// Verifies both units with their documented paths pointed at this checkout (systemd checks
    /// that ExecStart's binary exists), failing on any complaint about them.
    @Test(.enabled(if: systemdAnalyze != nil, "systemd-analyze is not installed; skipping the unit verification"))
    func unitsPassSystemdAnalyzeVerify() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let service = try String(contentsOfFile: scripts + "/pipeline.service", encoding: .utf8)
            .replacingOccurrences(of: "/srv/pipeline/.build/release/pipeline", with: "/bin/true")
            .replacingOccurrences(of: "/srv/pipeline", with: scratch.path)
        #expect(!service.contains("/srv/pipeline"))
        scratch.write("pipeline.service", service)
        scratch.write("pipeline.timer", try String(contentsOfFile: scripts + "/pipeline.timer", encoding: .utf8))

        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(systemdAnalyze))
        process.arguments = ["verify", scratch.path + "/pipeline.service", scratch.path + "/pipeline.timer"]
        process.currentDirectoryURL = URL(fileURLWithPath: scratch.path)
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        let complaints = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(complaints)")
        let aboutOurUnits = complaints.split(separator: "\n").filter { $0.contains("pipeline.service") || $0.contains("pipeline.timer") }
        #expect(aboutOurUnits.isEmpty, "\(aboutOurUnits.joined(separator: "\n"))")
    }
}
