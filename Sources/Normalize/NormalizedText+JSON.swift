import PipelineCore

extension NormalizedText {
    /// One JSON object, the line format of `pipeline normalize`:
    /// `{"numbers":[{"surface","value","value_high","qualifier","is_percent","char_start","char_end","numeral_start"}…],
    /// "dates":[{"surface","start","end","grain","relative","reference","char_start","char_end"}…]}`.
    ///
    ///     Normalizer().run("circa 1.500", reference: nil).jsonLine()
    ///     // {"numbers":[{"surface":"circa 1.500","value":1500,"value_high":1500,"qualifier":"approx",…}],"dates":[]}
    ///
    /// Keys are in a fixed order and numbers are written without locale, so the output is stable.
    public func jsonLine() -> String {
        var s = "{\"numbers\":["
        for (k, n) in numbers.enumerated() {
            if k > 0 { s += "," }
            s += "{\"surface\":" + JSONText.string(n.surface)
            s += ",\"value\":" + JSONText.number(n.value)
            s += ",\"value_high\":" + JSONText.number(n.valueHigh)
            s += ",\"qualifier\":\"" + n.qualifier.rawValue + "\""
            s += ",\"is_percent\":" + (n.isPercent ? "true" : "false")
            s += ",\"char_start\":\(n.charStart),\"char_end\":\(n.charEnd),\"numeral_start\":\(n.numeralStart)}"
        }
        s += "],\"dates\":["
        for (k, d) in dates.enumerated() {
            if k > 0 { s += "," }
            s += "{\"surface\":" + JSONText.string(d.surface)
            s += ",\"start\":" + (d.start.map(JSONText.string) ?? "null")
            s += ",\"end\":" + (d.end.map(JSONText.string) ?? "null")
            s += ",\"grain\":\"" + d.grain.rawValue + "\""
            s += ",\"relative\":" + (d.relative ? "true" : "false")
            s += ",\"reference\":" + (d.reference.map(JSONText.string) ?? "null")
            s += ",\"char_start\":\(d.charStart),\"char_end\":\(d.charEnd)}"
        }
        return s + "]}"
    }
}

/// Minimal, locale-free JSON scalars.
enum JSONText {
    /// A JSON string literal.
    static func string(_ text: String) -> String {
        var out = "\""
        for u in text.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    /// A JSON number: integers without a fraction part, others in Swift's shortest round-trip form.
    static func number(_ v: Double) -> String {
        guard v.isFinite else { return "null" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }
}
