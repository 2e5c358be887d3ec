import Dispatch
import Foundation
import Logging

/// Standard error, shared by the progress line and the log lines so they never garble each
/// other: a log line first erases the progress line, which is redrawn on the next tick.
///
/// `@unchecked Sendable` is safe: `progressShown` is read and written, and standard error
/// written, only while `lock` is held.
public final class ConsoleOutput: @unchecked Sendable {
    /// The process's one console.
    public static let standardError = ConsoleOutput()

    /// Whether standard error is a terminal (and so may receive control characters).
    public let isTerminal: Bool = isatty(STDERR_FILENO) == 1

    private let lock = NSLock()
    private var progressShown = false

    private init() {}

    /// Writes one full line (a newline is added).
    public func writeLine(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        var text = progressShown ? "\r\u{1B}[2K" : ""
        progressShown = false
        text += line + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Replaces the progress line in place (terminals only).
    func drawProgress(_ line: String) {
        guard isTerminal else { return }
        lock.lock()
        defer { lock.unlock() }
        progressShown = true
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + line).utf8))
    }

    /// Erases the progress line.
    func clearProgress() {
        lock.lock()
        defer { lock.unlock() }
        guard progressShown else { return }
        progressShown = false
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}

/// A swift-log handler that writes plain lines to standard error, one per event, without
/// control characters: `2026-11-23T02:00:07Z info: wrote 2000 documents dir=/srv/output`.
///
/// Suits systemd and journald as well as a terminal (where it keeps the progress line intact).
public struct PlainLogHandler: LogHandler {
    /// Messages below this level are dropped.
    public var logLevel: Logger.Level
    /// Metadata added to every line.
    public var metadata: Logger.Metadata = [:]
    private let console: ConsoleOutput

    /// Creates a handler at `level` writing to `console`.
    public init(level: Logger.Level, console: ConsoleOutput = .standardError) {
        self.logLevel = level
        self.console = console
    }

    /// Metadata by key.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes one event as one line.
    public func log(event: LogEvent) {
        console.writeLine(Self.format(event.level, message: event.message.description, metadata: metadata.merging(event.metadata ?? [:]) { $1 }))
    }

    /// One line: UTC time, level, message, then `key=value` pairs sorted by key; line breaks
    /// and other control characters become spaces.
    ///
    ///     PlainLogHandler.format(.warning, message: "documento illeggibile", metadata: ["path": "a.html"], at: date)
    ///     // "2026-11-23T02:00:07Z warning: documento illeggibile path=a.html"
    public static func format(_ level: Logger.Level, message: String, metadata: Logger.Metadata, at date: Date = Date()) -> String {
        let timestamp = ISO8601DateFormatter()
        timestamp.timeZone = TimeZone(identifier: "UTC")
        timestamp.formatOptions = [.withInternetDateTime]
        var line = timestamp.string(from: date) + " \(level): " + message
        for key in metadata.keys.sorted() {
            line += " \(key)=\(metadata[key].map { "\($0)" } ?? "")"
        }
        return String(String.UnicodeScalarView(line.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
    }
}

/// How a run shows its progress.
public enum ProgressStyle: Sendable, Hashable {
    /// Nothing (`--quiet`, or a library caller).
    case none
    /// A line redrawn in place on standard error (a terminal).
    case line
    /// An info log line every `interval` seconds (systemd, pipes).
    case log(interval: Double)

    /// `.line` on a terminal, else a log line every 10 s.
    public static var automatic: ProgressStyle {
        ConsoleOutput.standardError.isTerminal ? .line : .log(interval: 10)
    }
}

/// Counts finished documents and shows `done/total`, documents per second and the time left.
///
///     1432/2000 documents  512.3 docs/s  ETA 0:01  (1200 reused)
///
/// Workers call ``documentFinished(reused:)``; a Dispatch timer draws or logs the line.
///
/// `@unchecked Sendable` is safe: the counters and the timer are only touched while `lock` is
/// held.
public final class RunProgress: @unchecked Sendable {
    private let style: ProgressStyle
    private let logger: Logger
    private let lock = NSLock()
    private var total = 0
    private var done = 0
    private var reused = 0
    private var started = Date()
    private var timer: (any DispatchSourceTimer)?

    /// Creates a reporter.
    public init(style: ProgressStyle, logger: Logger) {
        self.style = style
        self.logger = logger
    }

    /// Starts counting towards `total` documents.
    public func begin(total: Int) {
        lock.lock()
        defer { lock.unlock() }
        self.total = total
        done = 0
        reused = 0
        started = Date()
        let interval: Double
        switch style {
        case .none: return
        case .line: interval = 0.2
        case .log(let seconds): interval = max(0.1, seconds)
        }
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler { [weak self] in self?.tick() }
        timer.resume()
        self.timer = timer
    }

    /// Records one finished document (called concurrently by the workers).
    public func documentFinished(reused wasReused: Bool) {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        if wasReused { reused += 1 }
    }

    /// Stops the timer and erases the progress line.
    public func end() {
        lock.lock()
        let timer = self.timer
        self.timer = nil
        lock.unlock()
        timer?.cancel()
        if style == .line { ConsoleOutput.standardError.clearProgress() }
    }

    /// The current progress line.
    public var line: String {
        lock.lock()
        defer { lock.unlock() }
        return Self.render(done: done, total: total, reused: reused, elapsed: Date().timeIntervalSince(started))
    }

    /// `done/total documents  rate docs/s  ETA m:ss  (n reused)`.
    ///
    ///     RunProgress.render(done: 500, total: 2000, reused: 0, elapsed: 2)
    ///     // "500/2000 documents  250.0 docs/s  ETA 0:06"
    public static func render(done: Int, total: Int, reused: Int, elapsed: Double) -> String {
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let tenths = Int((rate * 10).rounded())
        var text = "\(done)/\(total) documents  \(tenths / 10).\(tenths % 10) docs/s"
        if rate > 0 && done < total {
            let left = Int((Double(total - done) / rate).rounded(.up))
            text += "  ETA " + clock(seconds: left)
        }
        if reused > 0 { text += "  (\(reused) reused)" }
        return text
    }

    /// `m:ss`, or `h:mm:ss` from one hour on.
    static func clock(seconds: Int) -> String {
        func twoDigits(_ value: Int) -> String { (value < 10 ? "0" : "") + "\(value)" }
        let hours = seconds / 3600, minutes = seconds / 60 % 60
        return hours > 0 ? "\(hours):\(twoDigits(minutes)):\(twoDigits(seconds % 60))" : "\(minutes):\(twoDigits(seconds % 60))"
    }

    private func tick() {
        let line = self.line
        switch style {
        case .none: break
        case .line: ConsoleOutput.standardError.drawProgress(line)
        case .log: logger.info("progress: \(line)")
        }
    }
}
