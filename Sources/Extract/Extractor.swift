import PipelineCore

/// The extract stage: turns the numbers of a document into figures — what each number counts
/// (unit, category), how it is hedged, who says so and when.
///
///     let text = "Secondo il NIS, circa 300 soldati nordcoreani sono stati uccisi e altri 2.700 feriti."
///     let figures = Extractor().run(document, normalized: Normalizer().run(text, reference: nil))
///     // circa 300 soldati  300  approx  soldato  killed   NIS
///     // 2.700 feriti       2700 exact   soldato  wounded  NIS
///
/// Numbers that count nothing (`il 2023`, `i due Paesi`, dates, `un attacco`) give no figure.
public struct Extractor: Sendable {
    /// The words the rules read with.
    public let vocabulary: ExtractVocabulary

    /// Creates the stage with a vocabulary (by default the bundled one).
    public init(vocabulary: ExtractVocabulary = .standard) {
        self.vocabulary = vocabulary
    }

    /// Figures of `document`, in text order, with ids `DOCID-f0`, `DOCID-f1`…
    ///
    /// - Parameters:
    ///   - document: the ingested document (offsets count Unicode scalars of its text).
    ///   - normalized: the numbers and dates the normalize stage found in `document.text`.
    /// - Returns: one figure per number that counts something.
    /// - Complexity: O(n) in the length of the text: sentences are split once, and each sentence
    ///   is tokenized once.
    public func run(_ document: Document, normalized: NormalizedText) -> [Figure] {
        var reader = DocumentReader(document: document, normalized: normalized, vocabulary: vocabulary)
        return reader.figures()
    }
}

/// The per-document state of one extract run: sentences, cached sentence analyses, and the rules.
struct DocumentReader {
    let document: Document
    let vocabulary: ExtractVocabulary
    let scalars: [Unicode.Scalar]
    /// The UTF-8 offset of every 16th scalar, to find text ranges in `document.text`.
    let checkpoints: [Int]
    let sentences: [Sentence]
    let numbers: [NumberMention]
    let numberSpans: [NumberSpan]
    let dates: [DateMention]
    let nouns: CountedNounRule
    let attribution: AttributionRule
    /// Analyses of recent sentences, made the first time a rule asks for them: slot `i & 7`
    /// holds sentence `i`. Rules read only the sentences from three before the current figure's
    /// to one after it, and figures come in text order, so eight slots keep all they need (an
    /// evicted analysis would only be made again).
    private var cache = SentenceCache()
    /// The text of the last sentence a figure was read from (figures come in text order).
    private var sentenceTextCache: (index: Int, text: String)?
    /// Whether a figure read so far counted each unit (by index into the vocabulary's units).
    private var countedUnits: [Bool]

    init(document: Document, normalized: NormalizedText, vocabulary: ExtractVocabulary) {
        self.document = document
        self.vocabulary = vocabulary
        let stops: [Int]
        (scalars, checkpoints, stops) = DocumentText.scalars(of: document.text)
        sentences = SentenceSplitter(abbreviations: vocabulary.abbreviations).sentences(of: scalars, stops: stops)
        // normalize lists mentions in text order: share its arrays instead of sorting copies
        numbers = Self.inTextOrder(normalized.numbers)
        numberSpans = numbers.map { NumberSpan(start: $0.charStart, end: $0.charEnd) }
        dates = Self.inTextOrder(normalized.dates)
        nouns = CountedNounRule(vocabulary: vocabulary, scalars: scalars)
        attribution = AttributionRule(vocabulary: vocabulary, scalars: scalars)
        countedUnits = Array(repeating: false, count: vocabulary.units.count)
    }

    /// `numbers` sorted by offsets; the same array (no copy) when it is sorted already.
    static func inTextOrder(_ numbers: [NumberMention]) -> [NumberMention] {
        var index = 1
        while index < numbers.count, (numbers[index - 1].charStart, numbers[index - 1].charEnd) <= (numbers[index].charStart, numbers[index].charEnd) {
            index += 1
        }
        return index >= numbers.count ? numbers : numbers.sorted { ($0.charStart, $0.charEnd) < ($1.charStart, $1.charEnd) }
    }

    /// `dates` sorted by offsets; the same array (no copy) when it is sorted already.
    static func inTextOrder(_ dates: [DateMention]) -> [DateMention] {
        var index = 1
        while index < dates.count, (dates[index - 1].charStart, dates[index - 1].charEnd) <= (dates[index].charStart, dates[index].charEnd) {
            index += 1
        }
        return index >= dates.count ? dates : dates.sorted { ($0.charStart, $0.charEnd) < ($1.charStart, $1.charEnd) }
    }

    /// Whether sentence `index` opens by attributing the one before (`È quanto emerge da…`), read
    /// from its first words when it has not been analyzed.
    mutating func opensBackward(_ index: Int) -> Bool {
        if let cached = cache[index] { return cached.opensBackward }
        let openers = vocabulary.backwardOpeners
        guard !openers.isEmpty else { return false }
        let sentence = sentences[index]
        let tokens = Tokenizer.tokens(of: scalars, in: sentence.start..<sentence.end, words: vocabulary.words, prefix: openers.longest)
        return openers.contains(tokens, at: tokens.firstIndex { $0.isWord } ?? 0)
    }

    mutating func sentenceText(_ index: Int) -> String {
        if let cached = sentenceTextCache, cached.index == index { return cached.text }
        let text = text(sentences[index].start..<sentences[index].end)
        sentenceTextCache = (index, text)
        return text
    }

    mutating func analysis(_ index: Int) -> SentenceAnalysis {
        if let cached = cache[index] { return cached }
        let analysis = SentenceAnalysis(
            sentence: sentences[index], scalars: scalars, numbers: numberSpans, vocabulary: vocabulary, attribution: attribution
        )
        cache[index] = analysis
        return analysis
    }

    func sentenceIndex(containing offset: Int) -> Int? {
        var low = 0
        var high = sentences.count
        while low < high {
            let mid = (low + high) / 2
            if sentences[mid].end <= offset { low = mid + 1 } else { high = mid }
        }
        guard low < sentences.count, sentences[low].start <= offset else { return nil }
        return low
    }

    func text(_ range: Range<Int>) -> String {
        let lower = max(0, min(range.lowerBound, scalars.count))
        let upper = max(lower, min(range.upperBound, scalars.count))
        // short texts (surfaces) fit a small string, made straight from the scalars
        if upper - lower <= 15 { return DocumentText.string(scalars, lower..<upper) }
        let start = utf8Offset(lower)
        let end = utf8Offset(upper)
        // the bytes copied straight from the document's contiguous UTF-8 (always, for a native
        // string); scalar boundaries, so the slice is valid UTF-8
        if let text = document.text.utf8.withContiguousStorageIfAvailable({ String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }) {
            return text
        }
        let utf8 = document.text.utf8
        let from = utf8.index(utf8.startIndex, offsetBy: start)
        let to = utf8.index(from, offsetBy: end - start)
        return String(Substring(document.text.unicodeScalars[from..<to]))
    }

    /// `prefix` followed by the decimal digits of `number` (`d0123-f` and 12 → `d0123-f12`), in
    /// one allocation.
    static func figureID(prefix: String, _ number: Int) -> String {
        var digits = 1
        var rest = number / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        var prefix = prefix
        return prefix.withUTF8 { head in
            String(unsafeUninitializedCapacity: head.count + digits) { buffer in
                _ = buffer.initialize(from: head)
                var value = number
                var position = head.count + digits
                repeat {
                    position -= 1
                    buffer[position] = UInt8(truncatingIfNeeded: 48 + value % 10)
                    value /= 10
                } while value > 0
                return head.count + digits
            }
        }
    }

    /// The UTF-8 offset in `document.text` of scalar `offset`.
    func utf8Offset(_ offset: Int) -> Int {
        var result = checkpoints[offset >> DocumentText.checkpointShift]
        var index = offset & ~(1 << DocumentText.checkpointShift - 1)
        while index < offset {
            result += UTF8.width(scalars[index])
            index += 1
        }
        return result
    }

    /// The story holding `offset`; a title just before a story's body belongs to that story.
    func storyID(at offset: Int) -> String {
        let stories = document.stories
        guard !stories.isEmpty else { return "\(document.id)-s0" }
        if let story = stories.first(where: { $0.charStart <= offset && offset < $0.charEnd }) { return story.id }
        if let next = stories.first(where: { $0.charStart > offset }) { return next.id }
        return stories[stories.count - 1].id
    }

    /// The nearest people noun (or any unit) before token `before` of sentence `index`, looking
    /// back through the sentence and, unless `sentenceOnly`, the two sentences before it.
    mutating func topic(sentence index: Int, before: Int, peopleOnly: Bool, sentenceOnly: Bool) -> Int? {
        var sentenceIndex = index
        var limit = before
        let story = storyID(at: sentences[index].start)
        var fallback: Int?
        while sentenceIndex >= 0, index - sentenceIndex <= (sentenceOnly ? 0 : 2),
              sentenceIndex == index || storyID(at: sentences[sentenceIndex].start) == story {
            let tokens = analysis(sentenceIndex).tokens
            var position = min(limit, tokens.count) - 1
            while position >= 0 {
                if let unit = vocabulary.unitForms.match(tokens, at: position, limit: min(limit, tokens.count)),
                   !peopleOnly || vocabulary.units[unit.payload].isPeople, nouns.isNounPosition(tokens, position) {
                    // in earlier sentences, prefer a noun the story has already counted
                    // (`60 missili … la città e i villaggi … ne ha lanciati 60`)
                    if peopleOnly || sentenceIndex == index || countedUnits[unit.payload] { return unit.payload }
                    if fallback == nil { fallback = unit.payload }
                }
                position -= 1
            }
            sentenceIndex -= 1
            limit = Int.max
        }
        return fallback
    }

    /// The last named source of the three sentences before sentence `index`.
    mutating func earlierNamedSource(before index: Int) -> SourceName? {
        var position = index - 1
        while position >= 0, index - position <= 3 {
            if let name = AttributionRule.lastNamed(analysis(position)) { return name }
            position -= 1
        }
        return nil
    }

    mutating func figures() -> [Figure] {
        let nouns = self.nouns
        let attributionRule = self.attribution
        let categories = CategoryRule(vocabulary: vocabulary)
        let filter = NotAFigureRule(vocabulary: vocabulary)
        let eventDates = EventDateRule()
        var figures: [Figure] = []
        figures.reserveCapacity(numbers.count)
        var seen: Set<Double> = []
        var previous: (sentence: Int, figure: CategoryRule.Previous)?
        let figurePrefix = document.id + "-f"

        for number in numbers {
            guard !filter.isInsideDate(number, dates: dates), let sentenceIndex = sentenceIndex(containing: number.charStart) else { continue }
            let sentence = sentences[sentenceIndex]
            let own = analysis(sentenceIndex)
            let tokens = own.tokens
            guard let first = tokens.firstIndex(where: { $0.end > number.charStart }), tokens[first].start < number.charEnd else { continue }
            let after = tokens[first...].firstIndex { $0.start >= number.charEnd } ?? tokens.count
            let numeralToken = tokens[first..<after].firstIndex { $0.end > number.numeralStart } ?? first
            if filter.isBareArticle(number, scalars: scalars) || filter.isInsideSource(own, token: numeralToken) { continue }

            let found = nouns.find(in: own, first: first, after: after, isPercent: number.isPercent) { before, peopleOnly, sentenceOnly in
                topic(sentence: sentenceIndex, before: before, peopleOnly: peopleOnly, sentenceOnly: sentenceOnly)
            }
            guard let noun = found else { continue }

            var spanEnd = after
            var surfaceEnd = number.charEnd
            if noun.kind == .after, let range = noun.nounRange {
                spanEnd = range.upperBound
                surfaceEnd = tokens[range.upperBound - 1].end
            } else if noun.kind == .elided, let range = noun.cueRange {
                spanEnd = range.upperBound
                surfaceEnd = tokens[range.upperBound - 1].end
            } else if noun.kind == .percent, let range = noun.nounRange {
                spanEnd = range.upperBound
            }
            let spanStart = min(first, noun.kind == .before ? (noun.nounRange?.lowerBound ?? first) : first)
            if filter.isRate(own, spanEnd: spanEnd) { continue }
            let numeralIsWord = tokens[numeralToken].isWord
            if filter.isBackReference(own, first: first, numeralIsWord: numeralIsWord, value: number.value, seen: seen) { continue }

            let category = categories.category(
                noun: noun, span: (noun.kind == .before ? first : spanStart)..<spanEnd, numberTokens: first..<after,
                analysis: own, previous: previous?.sentence == sentenceIndex ? previous?.figure : nil
            )
            var attribution: String?
            if let span = AttributionRule.chosenSpan(
                figure: spanStart..<spanEnd, own: own, sentence: sentence,
                next: sentenceIndex + 1 < sentences.count ? sentences[sentenceIndex + 1] : nil,
                nextAnalysis: { analysis(sentenceIndex + 1) }, nextOpensBackward: { opensBackward(sentenceIndex + 1) },
                previous: { sentenceIndex > 0 ? (analysis(sentenceIndex - 1), sentences[sentenceIndex - 1]) : nil }
            ) {
                attribution = attributionRule.name(span.isBare ? (earlierNamedSource(before: sentenceIndex) ?? span.name) : span.name)
            }
            let period = eventDates.eventDate(figure: number.charStart..<surfaceEnd, sentence: sentence, dates: dates)

            figures.append(Figure(
                id: Self.figureID(prefix: figurePrefix, figures.count), storyID: storyID(at: number.charStart),
                value: number.value, valueHigh: number.valueHigh, qualifier: number.qualifier,
                unit: noun.lemma, category: category, attribution: attribution,
                eventStart: period?.start, eventEnd: period?.end,
                surface: text(number.charStart..<surfaceEnd), sentence: sentenceText(sentenceIndex),
                charStart: number.charStart, charEnd: surfaceEnd
            ))
            // only small values can be back-references (`NotAFigureRule.isBackReference`)
            if number.value <= 20 { seen.insert(number.value) }
            if let unit = noun.unit, !countedUnits[unit] { countedUnits[unit] = true }
            let isPeople = noun.unit.map { vocabulary.units[$0].isPeople } ?? (noun.kind == .elided)
            previous = (sentenceIndex, CategoryRule.Previous(endToken: spanEnd, category: category, isPeople: isPeople))
        }
        return figures
    }
}

/// The analyses of the last few sentences a rule asked for, in eight slots by sentence index
/// (a fixed size: nothing per sentence to make or free).
struct SentenceCache {
    private var indices: (Int, Int, Int, Int, Int, Int, Int, Int) = (-1, -1, -1, -1, -1, -1, -1, -1)
    private var slots: [SentenceAnalysis?] = Array(repeating: nil, count: 8)

    subscript(index: Int) -> SentenceAnalysis? {
        get {
            let slot = index & 7
            let held = withUnsafeBytes(of: indices) { $0.load(fromByteOffset: slot * MemoryLayout<Int>.stride, as: Int.self) }
            return held == index ? slots[slot] : nil
        }
        set {
            let slot = index & 7
            withUnsafeMutableBytes(of: &indices) { $0.storeBytes(of: index, toByteOffset: slot * MemoryLayout<Int>.stride, as: Int.self) }
            slots[slot] = newValue
        }
    }
}

/// The document text as an array of scalars, and strings back from it.
enum DocumentText {
    /// `log2` of the distance between two checkpoints of ``scalars(of:)``.
    static let checkpointShift = 4

    /// The scalars of `text`, in one pass, the UTF-8 offset of every 16th scalar (one more at
    /// the end), and the positions of the scalars the sentence splitter looks at
    /// (``SentenceSplitter/isStop(_:)``).
    static func scalars(of text: String) -> (scalars: [Unicode.Scalar], checkpoints: [Int], stops: [Int]) {
        var text = text
        var checkpoints: [Int] = []
        var stops: [Int] = []
        let scalars = text.withUTF8 { bytes in
            checkpoints.reserveCapacity(bytes.count >> checkpointShift + 2)
            stops.reserveCapacity(bytes.count >> 5 + 4)
            return [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { buffer, count in
                // A String's UTF-8 is valid: every lead byte has its continuation bytes.
                let mask = 1 << checkpointShift - 1
                var index = 0
                var written = 0
                while index < bytes.count {
                    if written & mask == 0 { checkpoints.append(index) }
                    // eight ASCII bytes at once
                    if index + 8 <= bytes.count {
                        let word = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self))
                        if word & 0x8080_8080_8080_8080 == 0 {
                            // widened in one vector step; a `Unicode.Scalar` is laid out as its `UInt32` value
                            let wide = SIMD8<UInt32>(truncatingIfNeeded: UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: SIMD8<UInt8>.self))
                            UnsafeMutableRawPointer(buffer.baseAddress! + written).storeBytes(of: wide, as: SIMD8<UInt32>.self)
                            // the splitter's stops among them: bytes equal to one of six values
                            var found = zeroBytes(word ^ 0x0a0a_0a0a_0a0a_0a0a) | zeroBytes(word ^ 0x0d0d_0d0d_0d0d_0d0d)
                                | zeroBytes(word ^ 0x2121_2121_2121_2121) | zeroBytes(word ^ 0x2d2d_2d2d_2d2d_2d2d)
                                | zeroBytes(word ^ 0x2e2e_2e2e_2e2e_2e2e) | zeroBytes(word ^ 0x3f3f_3f3f_3f3f_3f3f)
                            while found != 0 {
                                stops.append(written + found.trailingZeroBitCount >> 3)
                                found &= found &- 1
                            }
                            // a checkpoint inside them (one after them is the next turn's)
                            let checkpoint = (written | mask) + 1
                            if checkpoint < written + 8 { checkpoints.append(index + checkpoint - written) }
                            written += 8
                            index += 8
                            continue
                        }
                    }
                    let lead = UInt32(bytes[index])
                    var value = lead
                    if lead < 0x80 {
                        let scalar = Unicode.Scalar(UInt8(truncatingIfNeeded: lead))
                        if SentenceSplitter.isStop(scalar) { stops.append(written) }
                        buffer[written] = scalar
                        written += 1
                        index += 1
                        continue
                    } else if lead < 0xE0 {
                        value = (lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
                        index += 2
                    } else if lead < 0xF0 {
                        value = (lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
                        index += 3
                    } else {
                        value = (lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
                            | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
                        index += 4
                    }
                    let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
                    if SentenceSplitter.isStop(scalar) { stops.append(written) }
                    buffer[written] = scalar
                    written += 1
                }
                if written & mask == 0 { checkpoints.append(index) }
                count = written
            }
        }
        return (scalars, checkpoints, stops)
    }

    /// The top bit of every zero byte of `word`, whose bytes are all below 0x80 (adding 0x7f
    /// sets the top bit of every nonzero byte without a carry into the next).
    @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        ~((word &+ 0x7f7f_7f7f_7f7f_7f7f) | word) & 0x8080_8080_8080_8080
    }

    /// The text of `scalars[range]`.
    static func string(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> String {
        var capacity = 0
        for index in range { capacity += UTF8.width(scalars[index]) }
        return String(unsafeUninitializedCapacity: capacity) { buffer in
            var length = 0
            for index in range {
                UTF8.encode(scalars[index]) { byte in
                    buffer[length] = byte
                    length += 1
                }
            }
            return length
        }
    }
}
