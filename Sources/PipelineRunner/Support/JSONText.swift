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

/// A JSON value built in code and rendered with keys in insertion order.
public indirect enum JSONNode: Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case integer(Int)
    case string(String)
    case array([JSONNode])
    case object([(String, JSONNode)])

    /// Compact rendering on one line.
    ///
    ///     JSONNode.object([("value", .number(11_000)), ("grain", .string("month"))]).rendered
    ///     // {"value":11000,"grain":"month"}
    public var rendered: String {
        var out = ""
        render(into: &out, indent: nil, level: 0)
        return out
    }

    /// Rendering with two-space indentation, for files people read.
    public var pretty: String {
        var out = ""
        render(into: &out, indent: "  ", level: 0)
        return out
    }

    /// A string, or `null` for `nil`.
    public static func string(_ value: String?) -> JSONNode { value.map(JSONNode.string) ?? .null }

    private func render(into out: inout String, indent: String?, level: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .number(let value): out += value.isFinite ? NumberText.format(value) : "null"
        case .integer(let value): out += String(value)
        case .string(let value): out += JSONText.quote(value)
        case .array(let items):
            renderContainer(into: &out, open: "[", close: "]", count: items.count, indent: indent, level: level) { index, out in
                items[index].render(into: &out, indent: indent, level: level + 1)
            }
        case .object(let pairs):
            renderContainer(into: &out, open: "{", close: "}", count: pairs.count, indent: indent, level: level) { index, out in
                out += JSONText.quote(pairs[index].0) + (indent == nil ? ":" : ": ")
                pairs[index].1.render(into: &out, indent: indent, level: level + 1)
            }
        }
    }

    private func renderContainer(
        into out: inout String, open: String, close: String, count: Int, indent: String?, level: Int,
        item: (Int, inout String) -> Void
    ) {
        out += open
        guard count > 0 else { return out += close }
        for index in 0..<count {
            if index > 0 { out += "," }
            if let indent { out += "\n" + String(repeating: indent, count: level + 1) }
            item(index, &out)
        }
        if let indent { out += "\n" + String(repeating: indent, count: level) }
        out += close
    }
}
