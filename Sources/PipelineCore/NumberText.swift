/// Locale-free number formatting for the datasets.
public enum NumberText {
    /// Plain decimal text: integral values without a fraction (`11000`, not `11000.0`), others
    /// in the shortest form that reads back exactly (`2.5`, `0.875`); never a thousands separator.
    ///
    ///     NumberText.format(11_000)   // "11000"
    ///     NumberText.format(2.5)      // "2.5"
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "null" : (value > 0 ? "1e999" : "-1e999") }
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        let text = "\(value)"
        guard let exponentIndex = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return text }
        return expand(mantissa: String(text[..<exponentIndex]), exponent: Int(text[text.index(after: exponentIndex)...]) ?? 0)
    }

    /// Rewrites `1.5e-05` as `0.000015` so no consumer meets an exponent.
    private static func expand(mantissa: String, exponent: Int) -> String {
        var sign = ""
        var body = mantissa
        if body.hasPrefix("-") {
            sign = "-"
            body.removeFirst()
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        let integer = String(parts[0])
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        var digits = integer + fraction
        var point = integer.count + exponent
        if point <= 0 {
            digits = String(repeating: "0", count: 1 - point) + digits
            point = 1
        } else if point > digits.count {
            digits += String(repeating: "0", count: point - digits.count)
        }
        let head = digits.prefix(point)
        var tail = String(digits.dropFirst(point))
        while tail.hasSuffix("0") { tail.removeLast() }
        return sign + head + (tail.isEmpty ? "" : "." + tail)
    }
}
