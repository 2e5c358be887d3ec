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
            s += "{\"surface\":" + JSONText.quote(n.surface)
            s += ",\"value\":" + NumberText.format(n.value)
            s += ",\"value_high\":" + NumberText.format(n.valueHigh)
            s += ",\"qualifier\":\"" + n.qualifier.rawValue + "\""
            s += ",\"is_percent\":" + (n.isPercent ? "true" : "false")
            s += ",\"char_start\":\(n.charStart),\"char_end\":\(n.charEnd),\"numeral_start\":\(n.numeralStart)}"
        }
        s += "],\"dates\":["
        for (k, d) in dates.enumerated() {
            if k > 0 { s += "," }
            s += "{\"surface\":" + JSONText.quote(d.surface)
            s += ",\"start\":" + (d.start.map(JSONText.quote) ?? "null")
            s += ",\"end\":" + (d.end.map(JSONText.quote) ?? "null")
            s += ",\"grain\":\"" + d.grain.rawValue + "\""
            s += ",\"relative\":" + (d.relative ? "true" : "false")
            s += ",\"reference\":" + (d.reference.map(JSONText.quote) ?? "null")
            s += ",\"char_start\":\(d.charStart),\"char_end\":\(d.charEnd)}"
        }
        return s + "]}"
    }
}
