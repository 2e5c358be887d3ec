import PipelineCore

/// Reads an HTML page into a draft: main text, headline, metadata; rejects pages that are not
/// an article.
enum HTMLDocumentReader {
    static func read(_ utf8: [UInt8], path: String, options: IngestOptions) throws(IngestError) -> DraftDocument {
        let page = try HTMLReader.read(utf8, maxDepth: options.maxDepth)
        let main = MainTextExtractor(page: page).extract()
        try ArticleCheck.verify(page: page, main: main, options: options)
        let meta = PageMetadata(page: page, main: main, path: path)

        var paragraphs: [String] = []
        paragraphs.reserveCapacity(main.paragraphs.count + 1)
        for paragraph in main.paragraphs {
            let clean = TextCleanup.nfc(paragraph.text)
            if !clean.isEmpty { paragraphs.append(clean) }
        }
        var headlineIndex: Int?
        if options.headlineInText, let title = meta.title, !title.isEmpty {
            if let first = paragraphs.first, TextCleanup.key(first) == TextCleanup.key(title) {
                headlineIndex = 0
            } else {
                paragraphs.insert(title, at: 0)
                headlineIndex = 0
            }
        }
        var outlet = meta.outlet
        let bodyStart = headlineIndex.map { $0 + 1 } ?? 0
        if outlet == nil, bodyStart < paragraphs.count { outlet = AgencyTag.find(in: paragraphs[bodyStart]) }
        var draft = DraftDocument(
            paragraphs: paragraphs, headlineIndex: headlineIndex, bodyStart: bodyStart, title: meta.title,
            published: meta.published, outlet: outlet)
        let site = HeadlineCollapser.collapse(&draft)
        if draft.outlet == nil { draft.outlet = site }
        return draft
    }
}

/// Tells an article from a section front, a tag page or a list of teasers.
enum ArticleCheck {
    static func verify(page: PageModel, main: MainTextExtractor.Result, options: IngestOptions) throws(IngestError) {
        guard main.chars >= options.minArticleChars else {
            throw .notAnArticle("the main text has \(main.chars) characters (stages.ingest.min_article_chars is \(options.minArticleChars))")
        }
        if main.linkChars * 2 > main.chars {
            throw .notAnArticle("\(main.linkChars * 100 / max(main.chars, 1))% of the main text is links")
        }
        // Teasers: many linked headings, each followed by a short blurb.
        var linkedHeadings = 0
        var headingChars = 0
        for p in main.paragraphs where p.headingLevel > 0 {
            headingChars += p.chars
            if p.linkChars * 10 >= p.chars * 8 { linkedHeadings += 1 }
        }
        // A short extract on a page of many <article> teasers: the page is a front, not an article.
        if main.chars < 600 {
            let articles = page.elements.reduce(0) { $0 + ($1.tag == .article ? 1 : 0) }
            if articles >= 6 {
                throw .notAnArticle("\(main.chars) characters of text among \(articles) <article> teasers")
            }
        }
        if linkedHeadings >= 5 {
            let perTeaser = (main.chars - headingChars) / linkedHeadings
            if perTeaser < 300 {
                throw .notAnArticle("\(linkedHeadings) linked headlines with about \(perTeaser) characters of text each")
            }
        }
    }
}
