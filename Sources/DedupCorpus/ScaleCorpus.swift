import PipelineCore

/// A large in-memory corpus for the dedup benchmark: documents and their figures, built without
/// the ingest, normalize and extract stages so that only dedup is measured.
///
/// Stories are written from the vocabulary of the given articles (words drawn at random, so
/// distinct stories share vocabulary but not word sequences) with three figures each; about
/// 30% of the stories are republished in one to four variants (new headline, added boilerplate,
/// dropped paragraph, reordered paragraphs), and about 10% are told again by another outlet in
/// its own words (half of them the story's, in a new order: no near copy), with the same
/// figures, one or two days later. So every step of dedup has work at every size, and the
/// clusters are known.
///
///     let corpus = ScaleCorpus(documents: 10_000, seed: 7, vocabularyFrom: articles)
///     corpus.documents.count   // 10_000
public struct ScaleCorpus: Sendable {
    /// The documents, one story each.
    public var documents: [Document]
    /// Each document's figures, in the same order.
    public var figures: [[Figure]]
    /// Each document's true story (the generator's truth), in the same order.
    public var stories: [Int]

    /// Builds `documents` documents with the given seed.
    public init(documents count: Int, seed: UInt64, vocabularyFrom articles: [SampleArticle]) {
        var generator = SeededGenerator(seed: seed)
        var vocabulary = Set<String>()
        for article in articles {
            for paragraph in article.paragraphs {
                for word in paragraph.split(separator: " ") where word.count >= 2 { vocabulary.insert(String(word)) }
            }
        }
        let words = vocabulary.sorted()
        let categories: [(String, String)] = [
            ("troops_sent", "soldato"), ("killed", "soldato"), ("wounded", "soldato"), ("captured", "soldato"),
            ("munitions", "proiettile"), ("weapons", "missile"), ("distance", "chilometro"), ("duration", "giorno"),
        ]
        documents = []
        figures = []
        stories = []
        documents.reserveCapacity(count)
        var story = 0
        while documents.count < count {
            let paragraphs = (0..<(3 + Int(generator.next() % 4))).map { _ in
                (0..<(35 + Int(generator.next() % 40))).map { _ in words[Int(generator.next() % UInt64(words.count))] }.joined(separator: " ")
            }
            let day = Day(year: 2024, month: 1, day: 1).adding(days: Int(generator.next() % 700))
            let keys = (0..<3).map { _ in
                (categories[Int(generator.next() % UInt64(categories.count))], Double(10 + generator.next() % 20_000))
            }
            let copies = generator.next() % 10 < 3 ? 1 + Int(generator.next() % 4) : 0
            let retold = generator.next() % 10 == 0
            for variant in 0...(copies + (retold ? 1 : 0)) where documents.count < count {
                var body = paragraphs
                var path = "scale/\(story)_\(variant).txt"
                var published = day.adding(days: variant)
                if variant > copies {
                    // Another outlet's telling: as many words per paragraph, each either one of
                    // the story's own words or any word of the vocabulary.
                    let own = paragraphs.flatMap { $0.split(separator: " ") }
                    body = paragraphs.map { paragraph in
                        paragraph.split(separator: " ").map { _ in
                            generator.next() % 2 == 0 ? String(own[Int(generator.next() % UInt64(own.count))]) : words[Int(generator.next() % UInt64(words.count))]
                        }.joined(separator: " ")
                    }
                    path = "altra-testata/\(story).txt"
                    published = day.adding(days: 1 + Int(generator.next() % 2))
                } else {
                    switch variant {
                    case 0, 1: break
                    case 2: body.append(CorpusGenerator.boilerplate[Int(generator.next() % 3)])
                    case 3: body.remove(at: Int(generator.next() % UInt64(body.count)))
                    default: body.shuffle(using: &generator)
                    }
                }
                let id = DocumentID.make(path: path)
                let text = body.joined(separator: "\n\n")
                let chars = text.unicodeScalars.count
                let storyRow = Story(documentID: id, position: 0, title: "Titolo \(story) \(variant)", charStart: 0, charEnd: chars)
                documents.append(Document(
                    id: id, path: path, format: .text, encoding: "utf-8", title: storyRow.title,
                    published: PartialDate(year: published.year, month: published.month, day: published.day),
                    outlet: nil, text: text, stories: [storyRow], contentSHA256: ""
                ))
                figures.append(keys.enumerated().map { offset, key in
                    Figure(
                        id: "\(id)-f\(offset)", storyID: storyRow.id, value: key.1, valueHigh: key.1, qualifier: .exact,
                        unit: key.0.1, category: key.0.0, attribution: offset == 0 ? "NIS" : nil, eventStart: nil, eventEnd: nil,
                        surface: "", sentence: "", charStart: offset * 10, charEnd: offset * 10 + 5
                    )
                })
                stories.append(story)
            }
            story += 1
        }
    }
}
