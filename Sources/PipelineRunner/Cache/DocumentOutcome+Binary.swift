import Dedup
import PipelineCore

// The binary layout of the cached per-document results: every stored field, in declaration
// order. A field added to one of these types must be added here too (the round-trip test in
// ResultCacheTests compares a real document's result field by field) and
// ResultCache.schemaVersion raised.

extension DocumentOutcome: BinaryCodable {
    func write(to writer: inout BinaryWriter) {
        switch self {
        case .accepted(let result):
            writer.write(0)
            result.write(to: &writer)
        case .rejected(let reject):
            writer.write(1)
            reject.write(to: &writer)
        }
    }

    init(from reader: inout BinaryReader) throws(BinaryDecodingError) {
        switch try reader.read(Int.self) {
        case 0: self = .accepted(try DocumentResult(from: &reader))
        case 1: self = .rejected(try Reject(from: &reader))
        case let other: throw BinaryDecodingError(description: "unknown outcome \(other)")
        }
    }
}

extension Reject: BinaryCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(path)
        writer.write(stage)
        writer.write(reason)
    }

    init(from reader: inout BinaryReader) throws(BinaryDecodingError) {
        self.init(path: try reader.read(String.self), stage: try reader.read(String.self), reason: try reader.read(String.self))
    }
}

extension DocumentResult: BinaryCodable {
    func write(to writer: inout BinaryWriter) {
        record.write(to: &writer)
        writer.write(dates)
        writer.write(figures)
        writer.write(fingerprints)
    }

    init(from reader: inout BinaryReader) throws(BinaryDecodingError) {
        self.init(
            record: try DocumentRecord(from: &reader), dates: try reader.read([DateMention].self),
            figures: try reader.read([Figure].self), fingerprints: try reader.read([StoryFingerprint].self)
        )
    }
}

extension DocumentRecord: BinaryCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(id)
        writer.write(path)
        writer.write(format.rawValue)
        writer.write(encoding)
        writer.write(title)
        writer.write(published)
        writer.write(outlet)
        writer.write(chars)
        writer.write(words)
        writer.write(stories)
        writer.write(contentSHA256)
    }

    init(from reader: inout BinaryReader) throws(BinaryDecodingError) {
        let id = try reader.read(String.self)
        let path = try reader.read(String.self)
        let formatName = try reader.read(String.self)
        guard let format = DocumentFormat(rawValue: formatName) else { throw BinaryDecodingError(description: "unknown format \(formatName)") }
        self.init(
            id: id, path: path, format: format, encoding: try reader.read(String.self), title: try reader.read(String?.self),
            published: try reader.read(PartialDate?.self), outlet: try reader.read(String?.self), chars: try reader.read(Int.self),
            words: try reader.read(Int.self), stories: try reader.read([Story].self), contentSHA256: try reader.read(String.self)
        )
    }
}

extension PartialDate: BinaryCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(year)
        writer.write(month)
        writer.write(day)
    }

    init(from reader: inout BinaryReader) throws(BinaryDecodingError) {
        self.init(year: try reader.read(Int.self), month: try reader.read(Int?.self), day: try reader.read(Int?.self))
    }
}

extension Story: BinaryCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(id)
        writer.write(position)
        writer.write(title)
        writer.write(charStart)
        writer.write(charEnd)
    }

    init(from reader: inout BinaryReader) throws(BinaryDecodingError) {
        let id = try reader.read(String.self)
        self.init(documentID: "", position: try reader.read(Int.self), title: try reader.read(String?.self),
                  charStart: try reader.read(Int.self), charEnd: try reader.read(Int.self))
        self.id = id
    }
}

extension DateMention: BinaryCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(surface)
        writer.write(start)
        writer.write(end)
        writer.write(grain.rawValue)
        writer.write(relative)
        writer.write(reference)
        writer.write(charStart)
        writer.write(charEnd)
    }

    init(from reader: inout BinaryReader) throws(BinaryDecodingError) {
        let surface = try reader.read(String.self)
        let start = try reader.read(String?.self)
        let end = try reader.read(String?.self)
        let grainName = try reader.read(String.self)
        guard let grain = DateGrain(rawValue: grainName) else { throw BinaryDecodingError(description: "unknown grain \(grainName)") }
        self.init(
            surface: surface, start: start, end: end, grain: grain, relative: try reader.read(Bool.self),
            reference: try reader.read(String?.self), charStart: try reader.read(Int.self), charEnd: try reader.read(Int.self)
        )
    }
}

extension Figure: BinaryCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(id)
        writer.write(storyID)
        writer.write(value)
        writer.write(valueHigh)
        writer.write(qualifier.rawValue)
        writer.write(unit)
        writer.write(category)
        writer.write(attribution)
        writer.write(eventStart)
        writer.write(eventEnd)
        writer.write(surface)
        writer.write(sentence)
        writer.write(charStart)
        writer.write(charEnd)
    }

    init(from reader: inout BinaryReader) throws(BinaryDecodingError) {
        let id = try reader.read(String.self)
        let storyID = try reader.read(String.self)
        let value = try reader.read(Double.self)
        let valueHigh = try reader.read(Double.self)
        let qualifierName = try reader.read(String.self)
        guard let qualifier = Qualifier(rawValue: qualifierName) else { throw BinaryDecodingError(description: "unknown qualifier \(qualifierName)") }
        self.init(
            id: id, storyID: storyID, value: value, valueHigh: valueHigh, qualifier: qualifier,
            unit: try reader.read(String.self), category: try reader.read(String.self), attribution: try reader.read(String?.self),
            eventStart: try reader.read(String?.self), eventEnd: try reader.read(String?.self), surface: try reader.read(String.self),
            sentence: try reader.read(String.self), charStart: try reader.read(Int.self), charEnd: try reader.read(Int.self)
        )
    }
}

extension StoryFingerprint: BinaryCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(storyID)
        writer.write(documentID)
        writer.write(path)
        writer.write(position)
        writer.write(published)
        writer.write(exactHash)
        writer.write(shingles)
        writer.write(bandKeys)
        writer.write(contentWords)
        writer.write(figures)
    }

    init(from reader: inout BinaryReader) throws(BinaryDecodingError) {
        self.init(
            storyID: try reader.read(String.self), documentID: try reader.read(String.self), path: try reader.read(String.self),
            position: try reader.read(Int.self), published: try reader.read(PartialDate?.self), exactHash: try reader.read(UInt64.self),
            shingles: try reader.read([UInt32].self), bandKeys: try reader.read([UInt64].self),
            contentWords: try reader.read([UInt32].self), figures: try reader.read([FigureFingerprint].self)
        )
    }
}

extension FigureFingerprint: BinaryCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(figureID)
        key.write(to: &writer)
        writer.write(charStart)
    }

    init(from reader: inout BinaryReader) throws(BinaryDecodingError) {
        self.init(figureID: try reader.read(String.self), key: try FigureKey(from: &reader), charStart: try reader.read(Int.self))
    }
}

extension FigureKey: BinaryCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(category)
        writer.write(unit)
        writer.write(value)
        writer.write(valueHigh)
    }

    init(from reader: inout BinaryReader) throws(BinaryDecodingError) {
        self.init(category: try reader.read(String.self), unit: try reader.read(String.self),
                  value: try reader.read(Double.self), valueHigh: try reader.read(Double.self))
    }
}
