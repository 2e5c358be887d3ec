import Dedup
import Foundation
import PipelineCore

/// One line of the streams between the distributed steps: tab-separated fields, a tag first.
///
/// | tag | written by | fields after the tag |
/// |---|---|---|
/// | `D` | map | document id, the ``DocumentResult`` as JSON (figures, dates, fingerprints with band keys and shingles) |
/// | `R` | map | the ``Reject`` as JSON |
/// | `B` | map | LSH bucket key (16 hex digits), story id, the ``BandMember`` as JSON |
/// | `P` | reduce | story id, story id (a candidate near-copy pair) |
/// | `W` | reduce | bucket key, distinct members offered, members admitted (a capped bucket) |
///
/// JSON never holds a raw tab or newline (control characters are escaped), ids are hex and
/// digits, so no field ever holds one either.
///
///     D	d3f0a1…	{"dates":[…],"figures":[{"category":"troops_sent",…}],…}
///     B	9c1e…	d3f0a1…-s0	{"exactHash":…,"order":{"path":"ansa/kursk.txt",…}}
///     P	d3f0a1…-s0	d77b2c…-s0
public enum ShuffleLine: Sendable, Hashable {
    /// A document's per-document result.
    case document(id: String, result: DocumentResult)
    /// An input that could not be used.
    case reject(Reject)
    /// A story's entry in one LSH bucket.
    case band(key: UInt64, member: BandMember)
    /// A candidate near-copy pair.
    case pair(String, String)
    /// A bucket that reached `max_bucket`.
    case capped(key: UInt64, offered: Int, admitted: Int)

    /// The line's text, without the newline.
    public func text(encoder: JSONEncoder) throws -> String {
        switch self {
        case .document(let id, let result):
            return "D\t" + id + "\t" + (try Self.json(result, encoder))
        case .reject(let reject):
            return "R\t" + (try Self.json(reject, encoder))
        case .band(let key, let member):
            return "B\t" + StableHash.hex(key) + "\t" + member.storyID + "\t" + (try Self.json(member, encoder))
        case .pair(let first, let second):
            return Self.pairText(first, second)
        case .capped(let key, let offered, let admitted):
            return Self.cappedText(key: key, offered: offered, admitted: admitted)
        }
    }

    /// The text of a `P` line.
    public static func pairText(_ first: String, _ second: String) -> String { "P\t" + first + "\t" + second }

    /// The text of a `W` line.
    public static func cappedText(key: UInt64, offered: Int, admitted: Int) -> String {
        "W\t" + StableHash.hex(key) + "\t" + String(offered) + "\t" + String(admitted)
    }

    /// Parses one line; `nil` for an empty line.
    ///
    /// - Throws: ``ShuffleError/badLine(source:line:reason:)`` naming `source` and `line`.
    public static func parse(_ line: Substring, decoder: JSONDecoder, source: String, lineNumber: Int) throws(ShuffleError) -> ShuffleLine? {
        guard !line.isEmpty else { return nil }
        let fields = line.split(separator: "\t", maxSplits: 3, omittingEmptySubsequences: false)
        func bad(_ reason: String) -> ShuffleError { .badLine(source: source, line: lineNumber, reason: reason) }
        func need(_ count: Int) throws(ShuffleError) {
            guard fields.count == count else { throw bad("a \(fields[0]) line has \(count) tab-separated fields, this one has \(fields.count)") }
        }
        func decode<T: Decodable>(_ type: T.Type, _ text: Substring, what: String) throws(ShuffleError) -> T {
            do {
                return try decoder.decode(T.self, from: Data(text.utf8))
            } catch {
                throw bad("\(what) is not valid JSON for this pipeline version: \(error)")
            }
        }
        func key(_ text: Substring) throws(ShuffleError) -> UInt64 {
            guard text.utf8.count == 16, let value = UInt64(text, radix: 16) else { throw bad("bucket key \(JSONText.quote(String(text.prefix(40)))) is not 16 hex digits") }
            return value
        }
        switch fields[0] {
        case "D":
            try need(3)
            let result = try decode(DocumentResult.self, fields[2], what: "the D line's result")
            guard result.record.id == fields[1] else { throw bad("the D line's id \(fields[1]) differs from its result's id \(result.record.id)") }
            return .document(id: String(fields[1]), result: result)
        case "R":
            try need(2)
            return .reject(try decode(Reject.self, fields[1], what: "the R line's reject"))
        case "B":
            try need(4)
            let member = try decode(BandMember.self, fields[3], what: "the B line's member")
            guard member.storyID == fields[2] else { throw bad("the B line's story id \(fields[2]) differs from its member's \(member.storyID)") }
            return .band(key: try key(fields[1]), member: member)
        case "P":
            try need(3)
            guard !fields[1].isEmpty, !fields[2].isEmpty else { throw bad("a P line needs two story ids") }
            return .pair(String(fields[1]), String(fields[2]))
        case "W":
            guard fields.count == 4, let offered = Int(fields[2]), let admitted = Int(fields[3]) else {
                throw bad("a W line is: W, bucket key, members offered, members admitted")
            }
            return .capped(key: try key(fields[1]), offered: offered, admitted: admitted)
        default:
            throw bad("unknown line tag \(JSONText.quote(String(fields[0].prefix(20)))) (expected D, R, B, P or W)")
        }
    }

    /// The JSON coders every step uses: sorted keys, so the same value always gives the same text.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func json(_ value: some Encodable, _ encoder: JSONEncoder) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
