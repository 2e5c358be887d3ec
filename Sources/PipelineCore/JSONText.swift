/// Minimal, deterministic JSON text: the writers and the `inspect`/`normalize` commands use it
/// so that key order, number form and escaping never depend on a library's choices.
public enum JSONText {
    /// A JSON string literal; non-ASCII stays as UTF-8, control characters become `\uXXXX`.
    ///
    ///     JSONText.quote("l'\"Ucraina\"")   // "\"l'\\\"Ucraina\\\"\""
    public static func quote(_ text: String) -> String {
        if !needsEscaping(text) { return "\"" + text + "\"" }
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7f {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
        return out
    }

    /// Appends ``quote(_:)`` of `text` to `bytes` as UTF-8 (without building a string when
    /// nothing needs escaping).
    public static func appendQuoted(_ text: String, to bytes: inout [UInt8]) {
        if needsEscaping(text) {
            bytes.append(contentsOf: quote(text).utf8)
        } else {
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: text.utf8)
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// Whether `text` holds a character ``quote(_:)`` escapes (checked on UTF-8 bytes: the
    /// common case, plain text, then needs no per-character work).
    private static func needsEscaping(_ text: String) -> Bool {
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in text.utf8 {
            if byte < 0x20 || byte == 0x22 || byte == 0x5c || byte == 0x7f { return true }
            // U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
            if (byte == 0xa8 || byte == 0xa9) && previous == (0xe2, 0x80) { return true }
            previous = (previous.1, byte)
        }
        return false
    }
}
