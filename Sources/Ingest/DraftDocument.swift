import PipelineCore

/// A document being assembled: its paragraphs (NFC, spaces collapsed) and what is known about
/// them, before headline collapsing and story splitting turn it into a ``Document``.
struct DraftDocument {
    /// The paragraphs in reading order.
    var paragraphs: [String]
    /// Index of the headline paragraph, when the document shows one.
    var headlineIndex: Int?
    /// Index of the first paragraph of the article body (after a date marker and the headline).
    var bodyStart: Int
    var title: String?
    var published: PartialDate?
    var outlet: String?

    /// Joins the paragraphs with `"\n\n"`, splits the stories, and builds the document.
    func finish(raw: RawDocument, format: DocumentFormat, encoding: String) throws(IngestError) -> Document {
        guard !paragraphs.isEmpty else { throw .empty }
        var starts: [Int] = []
        var text = ""
        var offset = 0
        for (i, paragraph) in paragraphs.enumerated() {
            if i > 0 {
                text += "\n\n"
                offset += 2
            }
            starts.append(offset)
            text += paragraph
            offset += paragraph.unicodeScalars.count
        }
        let ranges = StorySplitter.split(paragraphs, bodyStart: bodyStart, title: title)
        let stories = ranges.enumerated().map { position, range in
            let end = starts[range.paragraphs.upperBound - 1] + paragraphs[range.paragraphs.upperBound - 1].unicodeScalars.count
            return Story(
                documentID: raw.id, position: position, title: range.title,
                charStart: starts[range.paragraphs.lowerBound], charEnd: end)
        }
        return Document(
            id: raw.id, path: raw.path, format: format, encoding: encoding, title: title, published: published,
            outlet: outlet, text: text, stories: stories, contentSHA256: SHA256Digest.hex(of: raw.bytes))
    }
}
