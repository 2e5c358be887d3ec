/// Finds the article body in a ``PageModel``: the container whose paragraphs carry the most prose,
/// plus the sibling containers that continue it, minus the furniture inside.
///
/// Signals, all generic: paragraph length and commas (prose), link density (navigation and
/// related-news lists are mostly links), tag kind (`article`, `div` vs `ul`, `h2`), class/id words
/// (`content`, `testo` vs `share`, `correlati`), `itemprop="articleBody"`, and position in the tree.
/// No rule names a site.
///
/// A first attempt skips furniture and unlikely containers; when that leaves too little text it
/// retries with only scripts, styles and hidden elements skipped, the way a reader would look again.
struct MainTextExtractor {
    /// The article's paragraphs, in order, and the element they were taken from.
    struct Result {
        var paragraphs: [Paragraph]
        var container: Int32
        /// Characters of the chosen region that sit inside links.
        var linkChars: Int
        var chars: Int
    }

    /// One paragraph of the main text.
    struct Paragraph {
        var text: String
        var headingLevel: UInt8
        var chars: Int
        var linkChars: Int
    }

    let page: PageModel
    /// Below this many characters a pass is considered to have missed the article.
    var retryBelowChars = 500

    /// Per-element numbers for one pass.
    private struct Stats {
        var chars: Int32 = 0
        var linkChars: Int32 = 0
        var commas: Int32 = 0
        var paragraphs: Int32 = 0
        var images: Int32 = 0
        var inputs: Int32 = 0
        var listItems: Int32 = 0
        var embeds: Int32 = 0
        var links: Int32 = 0
        var score: Float = 0
        var scored = false
        var elementChildren: Int32 = 0
    }

    func extract() -> Result {
        let strict = run(skipFurniture: true)
        if strict.chars >= retryBelowChars { return strict }
        let lenient = run(skipFurniture: false)
        return lenient.chars > strict.chars ? lenient : strict
    }

    private func run(skipFurniture: Bool) -> Result {
        let elements = page.elements
        let count = elements.count
        guard count > 0 else { return Result(paragraphs: [], container: -1, linkChars: 0, chars: 0) }

        // 1. Which elements this pass ignores (with their subtrees).
        var ignored = [Bool](repeating: false, count: count)
        for i in 0..<count {
            let e = elements[i]
            var skip = e.flags.contains(.hardRemoved) || e.flags.contains(.hidden)
            if skipFurniture && !skip && e.tag != .body && e.tag != .html {
                skip = e.flags.contains(.furniture)
                    || (e.flags.contains(.unlikely) && !e.flags.contains(.articleBody) && e.tag != .article && e.tag != .main)
            }
            ignored[i] = skip || (e.parent >= 0 && ignored[Int(e.parent)])
        }

        // 2. Bottom-up numbers.
        var stats = [Stats](repeating: Stats(), count: count)
        for block in page.blocks where !ignored[Int(block.owner)] {
            let o = Int(block.owner)
            stats[o].chars += block.chars
            stats[o].linkChars += block.linkChars
            stats[o].commas += block.commas
        }
        for i in stride(from: count - 1, through: 0, by: -1) {
            let e = elements[i]
            switch e.tag {
            case .p: stats[i].paragraphs += 1
            case .img: stats[i].images += 1
            case .input, .textarea, .select, .button: stats[i].inputs += 1
            case .li: stats[i].listItems += 1
            case .iframe, .object, .embed, .video: stats[i].embeds += 1
            case .a: if e.flags.contains(.link) { stats[i].links += 1 }
            default: break
            }
            guard e.parent >= 0 else { continue }
            let p = Int(e.parent)
            if ignored[i] {
                // Controls and embeds are never text, but still tell what their container is.
                if e.tag.isHardRemoved && !ignored[p] {
                    stats[p].inputs += stats[i].inputs
                    stats[p].embeds += stats[i].embeds
                }
                continue
            }
            stats[p].chars += stats[i].chars
            stats[p].linkChars += stats[i].linkChars
            stats[p].commas += stats[i].commas
            stats[p].paragraphs += stats[i].paragraphs
            stats[p].images += stats[i].images
            stats[p].inputs += stats[i].inputs
            stats[p].listItems += stats[i].listItems
            stats[p].embeds += stats[i].embeds
            stats[p].links += stats[i].links
            stats[p].elementChildren += 1
        }

        // 3. Paragraph scores flow to their containers.
        func initialize(_ i: Int) {
            if !stats[i].scored {
                stats[i].scored = true
                stats[i].score += elements[i].tag.baseScore + Float(elements[i].weight)
            }
        }
        for block in page.blocks where !ignored[Int(block.owner)] && block.chars >= 25 {
            let owner = Int(block.owner)
            let points = 1 + Float(block.commas) + min(Float(block.chars) / 100, 3)
            var target = elements[owner].tag.isParagraph || elements[owner].tag.headingLevel > 0 ? Int(elements[owner].parent) : owner
            var level = 0
            while target >= 0 && level < 5 {
                let tag = elements[target].tag
                if tag == .html { break }
                initialize(target)
                let divider: Float = level == 0 ? 1 : (level == 1 ? 2 : Float(level) * 3)
                stats[target].score += points / divider
                target = Int(elements[target].parent)
                level += 1
            }
        }
        // The publisher's own mark, when it holds real text, beats any score.
        var marked = -1
        for i in 0..<count where elements[i].flags.contains(.itemArticleBody) && !ignored[i] {
            if marked < 0 || stats[i].chars > stats[marked].chars { marked = i }
        }
        if marked >= 0 && stats[marked].chars >= 250 && stats[marked].linkChars * 2 < stats[marked].chars {
            return collect(from: [Int32(marked)], ignored: ignored, stats: stats, top: Int32(marked), best: Int32(marked))
        }

        var best = -1
        var bestScore: Float = -.infinity
        var finals = [Float](repeating: 0, count: count)
        for i in 0..<count where stats[i].scored {
            let density = stats[i].chars > 0 ? Float(stats[i].linkChars) / Float(stats[i].chars) : 0
            var value = stats[i].score * (1 - density)
            if elements[i].flags.contains(.articleBody) { value *= 1.25 }
            finals[i] = value
            if value > bestScore { bestScore = value; best = i }
        }
        guard best >= 0 else {
            let body = elements.firstIndex { $0.tag == .body } ?? 0
            return collect(from: [Int32(body)], ignored: ignored, stats: stats, top: Int32(body), best: Int32(body))
        }

        // 4. Several strong candidates under one ancestor: the ancestor is the article.
        let strong = (0..<count).filter { $0 != best && stats[$0].scored && finals[$0] >= bestScore * 0.75 }
        if strong.count >= 3 {
            var ancestor = Int(elements[best].parent)
            while ancestor >= 0 && elements[ancestor].tag != .body && elements[ancestor].tag != .html {
                let inside = strong.filter { $0 >= ancestor && $0 < Int(elements[ancestor].end) }.count
                if inside >= 3 { best = ancestor; break }
                ancestor = Int(elements[ancestor].parent)
            }
        }

        // 5. Climb while the parent scores better, or while the candidate is an only child.
        var top = best
        var lastScore = finals[top]
        var parent = Int(elements[top].parent)
        let threshold = lastScore / 3
        while parent >= 0 && elements[parent].tag != .body && elements[parent].tag != .html {
            if !stats[parent].scored { parent = Int(elements[parent].parent); continue }
            let parentScore = finals[parent]
            if parentScore < threshold { break }
            if parentScore > lastScore { top = parent; break }
            lastScore = parentScore
            parent = Int(elements[parent].parent)
        }
        while elements[top].parent >= 0 {
            let p = Int(elements[top].parent)
            guard elements[p].tag != .body && elements[p].tag != .html && stats[p].elementChildren == 1 else { break }
            top = p
        }

        // 6. Siblings that continue the article.
        let topScore = max(finals[top], 0)
        var chosen: [Int32] = []
        let container = Int(elements[top].parent)
        if container < 0 {
            chosen = [Int32(top)]
        } else {
            let siblingThreshold = max(10, topScore * 0.2)
            var child = container + 1
            while child < Int(elements[container].end) {
                defer { child = Int(elements[child].end) }
                if ignored[child] { continue }
                if child == top { chosen.append(Int32(child)); continue }
                var append = false
                let bonus: Float = elements[child].classKey != 0 && elements[child].classKey == elements[top].classKey ? topScore * 0.2 : 0
                if stats[child].scored && finals[child] + bonus >= siblingThreshold { append = true }
                if !append && elements[child].weight >= 0 && stats[child].paragraphs >= 3 && stats[child].chars >= 400
                    && stats[child].linkChars * 100 < stats[child].chars * 15 && stats[child].links <= stats[child].paragraphs && stats[child].chars >= stats[child].paragraphs * 180
                {
                    // Prose the scores did not reach (too deep below the container): more of the article.
                    append = true
                }
                if !append && (elements[child].tag == .p || elements[child].tag.headingLevel > 1) {
                    let chars = stats[child].chars
                    let density = chars > 0 ? Float(stats[child].linkChars) / Float(chars) : 1
                    if chars > 80 && density < 0.25 { append = true }
                    if chars > 0 && chars <= 80 && density == 0 && endsSentence(child) { append = true }
                }
                if append { chosen.append(Int32(child)) }
            }
        }
        return collect(from: chosen, ignored: ignored, stats: stats, top: Int32(top), best: Int32(best))
    }

    /// Whether an element's last block ends like a sentence.
    private func endsSentence(_ element: Int) -> Bool {
        let end = page.elements[element].end
        guard let block = page.blocks.last(where: { $0.owner >= Int32(element) && $0.owner < end }) else { return false }
        guard let last = page.bytes(of: block).last else { return false }
        return last == UInt8(ascii: ".") || last == UInt8(ascii: "!") || last == UInt8(ascii: "?")
    }

    /// Gathers the paragraphs of the chosen elements, leaving out furniture found inside them.
    private func collect(from chosen: [Int32], ignored: [Bool], stats: [Stats], top: Int32, best: Int32) -> Result {
        let elements = page.elements
        var removed = ignored
        for root in chosen {
            var i = Int(root)
            while i < Int(elements[Int(root)].end) {
                if !removed[i] && i != Int(root) && !page.isInside(best, Int32(i)) && shouldClean(i, stats: stats) { removed[i] = true }
                if removed[i] && i != Int(root) {
                    // Skip the whole subtree, marking it removed.
                    let end = Int(elements[i].end)
                    var k = i + 1
                    while k < end { removed[k] = true; k += 1 }
                    i = end
                    continue
                }
                i += 1
            }
        }
        var paragraphs: [Paragraph] = []
        var linkChars = 0
        var chars = 0
        var rootIndex = 0
        for block in page.blocks {
            let owner = block.owner
            while rootIndex < chosen.count && owner >= elements[Int(chosen[rootIndex])].end { rootIndex += 1 }
            guard rootIndex < chosen.count else { break }
            guard owner >= chosen[rootIndex], !removed[Int(owner)] else { continue }
            let level = headingLevel(of: owner)
            if level == 1 { continue }
            // Captions describe pictures, and often repeat the headline's figures.
            if elements[Int(owner)].tag == .figcaption || elements[Int(owner)].tag == .figure { continue }
            // A paragraph made of links is navigation: tags, "read more", related headlines.
            if block.linkChars * 10 >= block.chars * 8 { continue }
            paragraphs.append(
                Paragraph(text: page.string(of: block), headingLevel: level, chars: Int(block.chars), linkChars: Int(block.linkChars)))
            chars += Int(block.chars)
            linkChars += Int(block.linkChars)
        }
        return Result(paragraphs: paragraphs, container: top, linkChars: linkChars, chars: chars)
    }

    /// The heading level of the block owner (0 when it is not a heading).
    private func headingLevel(of owner: Int32) -> UInt8 {
        page.elements[Int(owner)].tag.headingLevel
    }

    /// Readability-style conditional cleaning of a container inside the article.
    private func shouldClean(_ i: Int, stats: [Stats]) -> Bool {
        let e = page.elements[i]
        let s = stats[i]
        if e.tag.headingLevel > 0 { return Float(e.weight) + s.score < 0 }
        switch e.tag {
        case .form, .fieldset, .table, .ul, .ol, .div, .section, .figure, .aside, .nav, .footer, .header, .dl:
            break
        default:
            return false
        }
        if e.flags.contains(.articleBody) { return false }
        if e.tag.isFurniture { return true }
        if Float(e.weight) + s.score < 0 { return true }
        if s.chars == 0 { return false }
        if s.commas >= 10 { return false }
        let density = Float(s.linkChars) / Float(s.chars)
        let isList = e.tag == .ul || e.tag == .ol || e.tag == .dl
        let paragraphs = Float(s.paragraphs)
        if s.images > 1 && paragraphs / Float(s.images) < 0.5 && e.tag != .figure { return true }
        if !isList && s.listItems > s.paragraphs + 100 { return true }
        if Float(s.inputs) > paragraphs / 3 { return true }
        if !isList && s.chars < 25 && (s.images == 0 || s.images > 2) && e.tag != .figure { return true }
        if e.weight < 25 && density > 0.2 { return true }
        if e.weight >= 25 && density > 0.5 { return true }
        if (s.embeds == 1 && s.chars < 75) || s.embeds > 1 { return true }
        return false
    }
}
