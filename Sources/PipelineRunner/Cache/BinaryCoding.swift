import Foundation

/// A compact, versioned binary form of the per-document results, for the result cache: about a
/// fifth of their JSON size and an order of magnitude faster to read back, which is what an
/// incremental run spends its time on.
///
/// Integers are zigzag LEB128 varints, doubles their IEEE 754 bit pattern (8 bytes, little
/// endian), strings a varint byte count and UTF-8, optionals a presence byte, arrays a varint
/// count and their elements. Fields are written in a fixed order per type (see
/// `DocumentOutcome+Binary.swift`); ``ResultCache/schemaVersion`` changes with that order.
struct BinaryWriter {
    /// The bytes written so far.
    private(set) var bytes: [UInt8] = []

    /// Creates an empty writer, with room for `capacity` bytes.
    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    mutating func write(_ value: Int) {
        var zigzag = UInt64(bitPattern: Int64(value) << 1) ^ UInt64(bitPattern: Int64(value) >> 63)
        while zigzag >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: zigzag) | 0x80)
            zigzag >>= 7
        }
        bytes.append(UInt8(zigzag))
    }

    mutating func write<Value: FixedWidthInteger & UnsignedInteger>(_ value: Value) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ value: Double) { write(value.bitPattern) }

    mutating func write(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func write(_ value: String) {
        var text = value
        text.withUTF8 { utf8 in
            write(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func write(_ value: String?) {
        write(value != nil)
        if let value { write(value) }
    }

    mutating func write(_ value: Int?) {
        write(value != nil)
        if let value { write(value) }
    }

    mutating func write<Value: FixedWidthInteger & UnsignedInteger>(_ values: [Value]) {
        write(values.count)
        for value in values { write(value) }
    }

    mutating func write<Element: BinaryCodable>(_ values: [Element]) {
        write(values.count)
        for value in values { value.write(to: &self) }
    }

    mutating func write<Value: BinaryCodable>(_ value: Value?) {
        write(value != nil)
        value?.write(to: &self)
    }
}

/// Why bytes could not be read back: the cache entry is then treated as missing.
struct BinaryDecodingError: Error, CustomStringConvertible {
    var description: String
}

/// Reads what a ``BinaryWriter`` wrote; every read checks the bounds and throws on bad data.
struct BinaryReader {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Whether every byte was read.
    var isAtEnd: Bool { offset == bytes.count }

    private mutating func byte() throws(BinaryDecodingError) -> UInt8 {
        guard offset < bytes.count else { throw BinaryDecodingError(description: "truncated at byte \(offset)") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func read(_: Int.Type) throws(BinaryDecodingError) -> Int {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64 else { throw BinaryDecodingError(description: "varint too long at byte \(offset)") }
            result |= UInt64(next & 0x7F) << shift
            if next & 0x80 == 0 { break }
            shift += 7
        }
        return Int(Int64(bitPattern: (result >> 1) ^ (0 &- (result & 1))))
    }

    mutating func read<Value: FixedWidthInteger & UnsignedInteger>(_: Value.Type) throws(BinaryDecodingError) -> Value {
        let size = MemoryLayout<Value>.size
        guard bytes.count - offset >= size else { throw BinaryDecodingError(description: "truncated at byte \(offset)") }
        var value: Value = 0
        for index in 0..<size { value |= Value(bytes[offset + index]) << (8 * index) }
        offset += size
        return value
    }

    mutating func read(_: Double.Type) throws(BinaryDecodingError) -> Double {
        Double(bitPattern: try read(UInt64.self))
    }

    mutating func read(_: Bool.Type) throws(BinaryDecodingError) -> Bool {
        switch try byte() {
        case 0: false
        case 1: true
        case let other: throw BinaryDecodingError(description: "bad flag \(other) at byte \(offset - 1)")
        }
    }

    mutating func read(_: String.Type) throws(BinaryDecodingError) -> String {
        let count = try count()
        let text = String(decoding: bytes[offset..<offset + count], as: UTF8.self)
        offset += count
        return text
    }

    mutating func read(_: String?.Type) throws(BinaryDecodingError) -> String? {
        try read(Bool.self) ? try read(String.self) : nil
    }

    mutating func read(_: Int?.Type) throws(BinaryDecodingError) -> Int? {
        try read(Bool.self) ? try read(Int.self) : nil
    }

    mutating func read<Value: FixedWidthInteger & UnsignedInteger>(_: [Value].Type) throws(BinaryDecodingError) -> [Value] {
        let count = try count(elementSize: MemoryLayout<Value>.size)
        var values: [Value] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try read(Value.self)) }
        return values
    }

    mutating func read<Element: BinaryCodable>(_: [Element].Type) throws(BinaryDecodingError) -> [Element] {
        let count = try count()
        var values: [Element] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try Element(from: &self)) }
        return values
    }

    mutating func read<Value: BinaryCodable>(_: Value?.Type) throws(BinaryDecodingError) -> Value? {
        try read(Bool.self) ? try Value(from: &self) : nil
    }

    /// A length that fits in the remaining bytes (each element at least `elementSize` bytes).
    private mutating func count(elementSize: Int = 1) throws(BinaryDecodingError) -> Int {
        let count = try read(Int.self)
        guard count >= 0, count <= (bytes.count - offset) / max(1, elementSize) else {
            throw BinaryDecodingError(description: "bad length \(count) at byte \(offset)")
        }
        return count
    }
}

/// A value with a fixed binary layout (``BinaryWriter``).
protocol BinaryCodable {
    /// Appends the value's fields in their fixed order.
    func write(to writer: inout BinaryWriter)
    /// Reads the fields back in the same order.
    init(from reader: inout BinaryReader) throws(BinaryDecodingError)
}
