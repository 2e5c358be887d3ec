import Foundation

/// Reads a stream line by line (`\n`-terminated; a final line without one counts), in chunks,
/// so a partition of any size streams through in bounded memory.
///
///     var lines = LineReader(handle: .standardInput, name: "stdin")
///     while let line = try lines.next() { … }   // "D\td3f0…\t{…}"
public struct LineReader {
    /// The name used in messages (`stdin`, a file path).
    public let name: String
    /// The number of the line last returned (1-based).
    public private(set) var lineNumber = 0
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false

    /// Reads from `handle`.
    public init(handle: FileHandle, name: String) {
        self.handle = handle
        self.name = name
    }

    /// The next line without its `\n` (and without a `\r` before it), or `nil` at the end.
    ///
    /// - Throws: ``ShuffleError/unreadable(path:reason:)`` when reading fails.
    public mutating func next() throws(ShuffleError) -> Substring? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > start, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = String(decoding: buffer[start..<end], as: UTF8.self)
                start = newline + 1
                lineNumber += 1
                return line[...]
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                let line = String(decoding: buffer[start...], as: UTF8.self)
                start = buffer.count
                lineNumber += 1
                return line[...]
            }
            buffer.removeFirst(start)
            start = 0
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: 1 << 20)
            } catch {
                throw .unreadable(path: name, reason: (error as NSError).localizedDescription)
            }
            if let chunk, !chunk.isEmpty { buffer.append(contentsOf: chunk) } else { atEnd = true }
        }
    }
}

/// Writes lines to a stream through a buffer of about a megabyte.
///
///     var out = LineWriter(handle: .standardOutput, name: "stdout")
///     try out.write("P\td1…-s0\td2…-s0")
///     try out.flush()
public struct LineWriter {
    /// The name used in messages.
    public let name: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    /// Writes to `handle`.
    public init(handle: FileHandle, name: String) {
        self.handle = handle
        self.name = name
        buffer.reserveCapacity(1 << 20)
    }

    /// Appends `line` and a newline.
    public mutating func write(_ line: String) throws(ShuffleError) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Writes out what is buffered.
    public mutating func flush() throws(ShuffleError) {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw .cannotWrite(path: name, reason: (error as NSError).localizedDescription)
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
