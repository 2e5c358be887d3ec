#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decides how a file's bytes are encoded and turns them into UTF-8.
///
/// Order: a byte-order mark; UTF-16 (with a BOM, or unmistakable zero-byte patterns); valid UTF-8
/// (whatever the page declares, since a declared charset is often wrong and a single-byte text is
/// almost never valid multi-byte UTF-8); the charset the page declares (`<meta charset>`,
/// `http-equiv`, `<?xml encoding>`); and finally windows-1252, which decodes every byte and covers
/// Latin-1 Italian pages (`perch\u{E9}`, `citt\u{E0}`).
///
///     EncodingDetector.decode(Array("citt\u{E0}".utf8), declaredIn: true).encoding   // "utf-8"
///     EncodingDetector.decode([0x63, 0x69, 0x74, 0x74, 0xE0], declaredIn: true).encoding // "windows-1252"
enum EncodingDetector {
    /// UTF-8 bytes ready for libxml2 or the text reader, and the name of the encoding used.
    struct Decoded {
        var utf8: [UInt8]
        var encoding: String
    }

    enum ByteOrder { case little, big }

    /// Decodes `bytes`; `declaredIn` says whether to look for a charset declared in markup.
    static func decode(_ bytes: [UInt8], declaredIn markup: Bool) -> Decoded {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let rest = Array(bytes.dropFirst(3))
            if isValidUTF8(rest) { return Decoded(utf8: InputLimits.removingControlBytes(rest), encoding: "utf-8") }
            return Decoded(utf8: repairUTF8(rest), encoding: "utf-8")
        }
        if let order = utf16ByteOrder(bytes) {
            return Decoded(utf8: decodeUTF16(bytes, order: order), encoding: order == .little ? "utf-16le" : "utf-16be")
        }
        let scan = scanUTF8(bytes)
        if scan.valid {
            return Decoded(utf8: scan.hasControl ? InputLimits.removingControlBytes(bytes) : bytes, encoding: "utf-8")
        }
        let clean = InputLimits.removingControlBytes(bytes)
        if markup, let declared = declaredCharset(clean) {
            switch declared {
            case "utf-8", "utf8", "unicode-1-1-utf-8":
                break  // declared UTF-8 but invalid: a wrong declaration, read it as single-byte below
            case "iso-8859-15", "latin9", "iso8859-15", "l9":
                return Decoded(utf8: decodeSingleByte(clean, table: .latin9), encoding: "iso-8859-15")
            case "windows-1252", "cp1252", "iso-8859-1", "iso8859-1", "latin1", "l1", "us-ascii", "ascii", "x-cp1252":
                break
            default:
                if let converted = iconvToUTF8(clean, from: declared) { return Decoded(utf8: converted, encoding: declared) }
            }
        }
        return Decoded(utf8: decodeSingleByte(clean, table: .windows1252), encoding: "windows-1252")
    }

    /// The byte order of a UTF-16 file: from its BOM, or from the zero high bytes of ASCII text.
    static func utf16ByteOrder(_ bytes: [UInt8]) -> ByteOrder? {
        if bytes.starts(with: [0xFF, 0xFE]) { return .little }
        if bytes.starts(with: [0xFE, 0xFF]) { return .big }
        let pairs = min(bytes.count, 1024) / 2
        guard pairs >= 8 else { return nil }
        var evenZero = 0
        var oddZero = 0
        for i in 0..<pairs {
            if bytes[2 * i] == 0 { evenZero += 1 }
            if bytes[2 * i + 1] == 0 { oddZero += 1 }
        }
        if oddZero * 10 >= pairs * 7 && evenZero * 20 <= pairs { return .little }
        if evenZero * 10 >= pairs * 7 && oddZero * 20 <= pairs { return .big }
        return nil
    }

    /// Whether `bytes` are well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        scanUTF8(bytes).valid
    }

    /// One pass over the bytes: whether they are well-formed UTF-8, and whether they hold stray
    /// C0 control bytes (anything below 0x20 but tab, line feed, form feed, carriage return).
    static func scanUTF8(_ bytes: [UInt8]) -> (valid: Bool, hasControl: Bool) {
        bytes.withUnsafeBufferPointer { buffer in
            let count = buffer.count
            var hasControl = false
            var i = 0
            while i < count {
                // Eight ASCII bytes at a time, unless one of them is below 0x20.
                if i + 8 <= count {
                    let word = UnsafeRawPointer(buffer.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    let high: UInt64 = 0x8080_8080_8080_8080
                    let low = (word &- 0x2020_2020_2020_2020) & ~word & high
                    if word & high == 0 && low == 0 { i += 8; continue }
                }
                let lead = buffer[i]
                if lead < 0x80 {
                    if lead < 0x20 && lead != 0x09 && lead != 0x0A && lead != 0x0D && lead != 0x0C { hasControl = true }
                    i += 1
                    continue
                }
                let length: Int
                var low: UInt8 = 0x80
                var high: UInt8 = 0xBF
                switch lead {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; low = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED: length = 3; high = 0x9F
                case 0xF0: length = 4; low = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; high = 0x8F
                default: return (false, hasControl)
                }
                guard i + length <= count else { return (false, hasControl) }
                let second = buffer[i + 1]
                guard second >= low && second <= high else { return (false, hasControl) }
                var k = 2
                while k < length {
                    guard buffer[i + k] & 0xC0 == 0x80 else { return (false, hasControl) }
                    k += 1
                }
                i += length
            }
            return (true, hasControl)
        }
    }

    /// Replaces ill-formed sequences with U+FFFD (used only after a UTF-8 BOM, which is a promise).
    private static func repairUTF8(_ bytes: [UInt8]) -> [UInt8] {
        InputLimits.removingControlBytes(Array(String(decoding: bytes, as: UTF8.self).utf8))
    }

    /// The charset named in the first 4 KB of markup, lowercased, if any.
    static func declaredCharset(_ bytes: [UInt8]) -> String? {
        let head = bytes.prefix(4096).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        for key in [Array("charset".utf8), Array("encoding".utf8)] {
            var start = 0
            while let at = find(key, in: head, from: start) {
                var i = at + key.count
                while i < head.count, InputLimits.isSpace(head[i]) { i += 1 }
                guard i < head.count, head[i] == UInt8(ascii: "=") else { start = at + 1; continue }
                i += 1
                while i < head.count, InputLimits.isSpace(head[i]) || head[i] == 0x22 || head[i] == 0x27 { i += 1 }
                var name: [UInt8] = []
                while i < head.count, name.count < 40 {
                    let c = head[i]
                    let ok = (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x5F || c == 0x2E || c == 0x3A
                    guard ok else { break }
                    name.append(c)
                    i += 1
                }
                if !name.isEmpty { return String(decoding: name, as: UTF8.self) }
                start = at + 1
            }
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard needle.count <= haystack.count, start <= haystack.count - needle.count else { return nil }
        var i = start
        while i <= haystack.count - needle.count {
            if haystack[i] == needle[0] {
                var k = 1
                while k < needle.count, haystack[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    // MARK: - Decoders

    enum SingleByteTable { case windows1252, latin9 }

    private static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    private static func latin9(_ byte: UInt8) -> UInt32 {
        switch byte {
        case 0xA4: 0x20AC
        case 0xA6: 0x0160
        case 0xA8: 0x0161
        case 0xB4: 0x017D
        case 0xB8: 0x017E
        case 0xBC: 0x0152
        case 0xBD: 0x0153
        case 0xBE: 0x0178
        default: UInt32(byte)
        }
    }

    /// Decodes a single-byte encoding; every byte maps to one character, so nothing is lost.
    static func decodeSingleByte(_ bytes: [UInt8], table: SingleByteTable) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 { out.append(byte); continue }
            let scalar: UInt32
            switch table {
            case .windows1252: scalar = byte < 0xA0 ? windows1252High[Int(byte - 0x80)] : UInt32(byte)
            case .latin9: scalar = latin9(byte)
            }
            appendUTF8(scalar, to: &out)
        }
        return out
    }

    /// Decodes UTF-16 (skipping a BOM); unpaired surrogates become U+FFFD, NULs and stray controls are dropped.
    static func decodeUTF16(_ bytes: [UInt8], order: ByteOrder) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        let count = bytes.count & ~1
        func unit(_ at: Int) -> UInt32 {
            order == .little ? UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 : UInt32(bytes[at]) << 8 | UInt32(bytes[at + 1])
        }
        if count >= 2, unit(0) == 0xFEFF { i = 2 }
        while i < count {
            let u = unit(i)
            i += 2
            if u >= 0xD800 && u <= 0xDBFF, i < count {
                let v = unit(i)
                if v >= 0xDC00 && v <= 0xDFFF {
                    i += 2
                    appendUTF8(0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00), to: &out)
                    continue
                }
            }
            if u >= 0xD800 && u <= 0xDFFF { appendUTF8(0xFFFD, to: &out); continue }
            if u < 0x20 && u != 0x09 && u != 0x0A && u != 0x0D && u != 0x0C { continue }
            appendUTF8(u, to: &out)
        }
        return out
    }

    @inline(__always)
    static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (scalar >> 6)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (scalar >> 12)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (scalar >> 18)))
            out.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    /// Converts a declared legacy charset (`windows-1251`, `iso-8859-7`, `shift_jis`…) with the C
    /// library's iconv; nil when the charset is unknown or the bytes are not valid in it.
    static func iconvToUTF8(_ bytes: [UInt8], from charset: String) -> [UInt8]? {
        let descriptor = iconv_open("UTF-8", charset)
        guard let descriptor, Int(bitPattern: descriptor) != -1 else { return nil }
        defer { iconv_close(descriptor) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
        let outputCapacity = output.count
        var produced = 0
        let ok: Bool = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = outputCapacity
                let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                produced = outputCapacity - outLeft
                return result != -1 && inLeft == 0
            }
        }
        guard ok, !bytes.isEmpty else { return nil }
        return Array(output[0..<produced])
    }
}
