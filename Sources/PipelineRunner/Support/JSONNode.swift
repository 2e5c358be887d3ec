import PipelineCore

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
