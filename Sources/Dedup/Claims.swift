import PipelineCore

/// One distinct reported figure across the corpus: a row of the `claims` table.
///
/// Reports of the same figure — same category, unit and value range — are gathered into one
/// claim, whatever their qualifier (`circa 11mila` and `11.000` are the same claim). An event
/// period splits a claim only when reports state periods that do not overlap; reports that state
/// no period join a claim of the same figure.
///
///     // "11mila soldati inviati a novembre" (2025-07) and "circa 11.000 soldati" (2025-03)
///     Claim(category: "troops_sent", unit: "soldato", value: 11000, valueHigh: 11000,
///           firstPublished: 2025-03, lastPublished: 2025-07, reports: 2, documents: 2, clusters: 2, …)
public struct Claim: Sendable, Hashable, Codable {
    /// `k` followed by 16 hex digits of the stable hash of category, unit, value range and period.
    public var claimID: String
    /// What is counted (`troops_sent`, `killed_or_wounded`…).
    public var category: String
    /// Lemma of the counted noun (`soldato`, `missile`, `percento`).
    public var unit: String
    /// Low end of the value.
    public var value: Double
    /// High end of the value (equal to `value` unless a range).
    public var valueHigh: Double
    /// First day of the event period the reports state (ISO), or `nil` when none states one.
    public var eventStart: String?
    /// Last day of that period (ISO), or `nil`.
    public var eventEnd: String?
    /// Earliest publication date among the reporting documents, when any is known.
    public var firstPublished: PartialDate?
    /// Latest publication date among the reporting documents, when any is known.
    public var lastPublished: PartialDate?
    /// Number of stories that report the figure (several mentions in one story count once).
    public var reports: Int
    /// Number of documents that report it.
    public var documents: Int
    /// Number of story clusters that report it (near copies and the same story told by several
    /// outlets count once).
    public var clusters: Int
    /// Distinct attributions (`CNN`, `NIS`…), sorted; writers join them with `"; "`.
    public var attributions: [String]
    /// The ids of every figure gathered into this claim, sorted (for tracing a claim back).
    public var figureIDs: [String]

    /// Creates a claim row.
    public init(
        claimID: String, category: String, unit: String, value: Double, valueHigh: Double,
        eventStart: String?, eventEnd: String?, firstPublished: PartialDate?, lastPublished: PartialDate?,
        reports: Int, documents: Int, clusters: Int, attributions: [String], figureIDs: [String]
    ) {
        self.claimID = claimID
        self.category = category
        self.unit = unit
        self.value = value
        self.valueHigh = valueHigh
        self.eventStart = eventStart
        self.eventEnd = eventEnd
        self.firstPublished = firstPublished
        self.lastPublished = lastPublished
        self.reports = reports
        self.documents = documents
        self.clusters = clusters
        self.attributions = attributions
        self.figureIDs = figureIDs
    }
}

/// One figure as the claim builder sees it: the figure plus where it was published and which
/// story cluster it belongs to.
///
///     ClaimReport(figure: f, documentID: "d1a2…", published: PartialDate(year: 2025, month: 7),
///                 clusterID: "c…")   // f: "11mila soldati" in "inviati a novembre"
public struct ClaimReport: Sendable, Hashable {
    /// The reported figure's id.
    public var figureID: String
    /// The id of the figure's story.
    public var storyID: String
    /// What was reported: category, unit and value range.
    public var key: FigureKey
    /// Who said so, when stated.
    public var attribution: String?
    /// The period the figure refers to, when stated (ISO dates).
    public var eventStart: String?
    /// End of that period.
    public var eventEnd: String?
    /// The id of the document it appears in.
    public var documentID: String
    /// The document's publication date, when known.
    public var published: PartialDate?
    /// The story cluster of the figure's story (from ``Deduplicator``); the story id itself when
    /// dedup has not run.
    public var clusterID: String

    /// Creates a report of `figure` (only the fields claims use are kept).
    public init(figure: Figure, documentID: String, published: PartialDate?, clusterID: String) {
        figureID = figure.id
        storyID = figure.storyID
        key = FigureKey(figure)
        attribution = figure.attribution
        eventStart = figure.eventStart
        eventEnd = figure.eventEnd
        self.documentID = documentID
        self.published = published
        self.clusterID = clusterID
    }

    /// The reports of one document's figures, with cluster ids looked up by story id in
    /// `clusters` (a story missing from it is its own cluster).
    ///
    ///     let reports = ClaimReport.reports(of: document, figures: figures, clusters: result.stories)
    public static func reports(of document: Document, figures: [Figure], clusters: [String: StoryCluster]) -> [ClaimReport] {
        figures.map { figure in
            ClaimReport(
                figure: figure, documentID: document.id, published: document.published,
                clusterID: clusters[figure.storyID]?.clusterID ?? figure.storyID
            )
        }
    }
}

/// Gathers the reports of the same figure across the corpus into ``Claim`` rows.
///
/// The rule:
/// 1. Reports are grouped by category, unit, value and value_high (the qualifier is ignored:
///    `circa 4.000` and `almeno 4.000` are the same figure).
/// 2. Within a group, the periods the reports state (`event_start`…`event_end`) are merged when
///    they overlap (`a novembre` and `nell'autunno del 2024` are one period); each remaining
///    period is a claim of its own.
/// 3. A report that states no period joins the group's only period; when there are several, it
///    joins the period nearest its publication date (the gap in days between that date and the
///    period, periods after publication counted as farther), ties going to the earlier period;
///    without a publication date, it joins the period with the most reports (ties: earlier).
///    When no report of the group states a period, the group is one claim without a period.
/// 4. Claims are sorted by category, unit, value, value_high, event start, claim id.
///
/// The result does not depend on the order of the input reports.
///
/// - Complexity: O(n log n) in the number of reports.
public struct ClaimBuilder: Sendable {
    /// Creates the builder.
    public init() {}

    /// Builds one claim per distinct reported figure.
    ///
    ///     let claims = ClaimBuilder().run(reports)
    ///     // two reports of "11 000 troops_sent soldato": one claim, reports = 2
    ///
    /// - Parameter reports: every figure of the corpus with its document, publication date and
    ///   story cluster.
    /// - Returns: the claims, sorted by category, unit, value, value_high, event start, id.
    public func run(_ reports: [ClaimReport]) -> [Claim] {
        var table = ClaimTable(listsFigures: true)
        for report in reports {
            table.add(
                key: report.key, period: Self.period(start: report.eventStart, end: report.eventEnd), published: report.published,
                document: table.intern(report.documentID), story: table.intern(report.storyID),
                cluster: table.intern(report.clusterID), attribution: report.attribution, figureID: report.figureID
            )
        }
        return run(table)
    }

    /// Builds the claims of the reports gathered in `table` (the compact path of large corpora).
    public func run(_ table: ClaimTable) -> [Claim] {
        var claims: [Claim] = []
        claims.reserveCapacity(table.keys.count)
        table.forEachGroup { group, members in
            for (period, periodMembers) in Self.splitByPeriod(members) {
                claims.append(Self.claim(key: table.keys[group], period: period, entries: periodMembers, table: table))
            }
        }
        claims.sort { a, b in
            if a.category != b.category { return a.category < b.category }
            if a.unit != b.unit { return a.unit < b.unit }
            if a.value != b.value { return a.value < b.value }
            if a.valueHigh != b.valueHigh { return a.valueHigh < b.valueHigh }
            if (a.eventStart ?? "") != (b.eventStart ?? "") { return (a.eventStart ?? "") < (b.eventStart ?? "") }
            return a.claimID < b.claimID
        }
        return claims
    }

    /// An inclusive range of days an event refers to.
    public struct Period: Sendable, Hashable {
        var start: Day
        var end: Day
    }

    /// The period a figure states, when both ends resolve to days.
    public static func period(start startText: String?, end endText: String?) -> Period? {
        guard let first = startText ?? endText, let start = Day(iso: first) else { return nil }
        let end = (endText ?? startText).flatMap { Day(iso: $0) } ?? start
        return end < start ? Period(start: end, end: start) : Period(start: start, end: end)
    }

    /// Splits the reports of one figure by merged, non-overlapping event periods (rules 2–3).
    static func splitByPeriod(_ entries: [ClaimTable.Entry]) -> [(Period?, [ClaimTable.Entry])] {
        var stated: [(Period, ClaimTable.Entry)] = []
        var unstated: [ClaimTable.Entry] = []
        for entry in entries {
            if let period = entry.period { stated.append((period, entry)) } else { unstated.append(entry) }
        }
        guard !stated.isEmpty else { return [(nil, entries)] }

        // Merge overlapping periods: sort by start, then extend while the next one starts in time.
        let periods = Set(stated.map(\.0)).sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        var merged: [Period] = []
        for period in periods {
            if let last = merged.last, period.start <= last.end {
                merged[merged.count - 1].end = max(last.end, period.end)
            } else {
                merged.append(period)
            }
        }
        func slot(of period: Period) -> Int {
            merged.firstIndex { $0.start <= period.start && period.start <= $0.end } ?? 0
        }
        var buckets = [[ClaimTable.Entry]](repeating: [], count: merged.count)
        for (period, entry) in stated { buckets[slot(of: period)].append(entry) }
        let statedCounts = buckets.map(\.count)
        for entry in unstated {
            buckets[nearestSlot(published: entry.published, periods: merged, counts: statedCounts)].append(entry)
        }
        return zip(merged, buckets).map { (Optional($0), $1) }
    }

    /// The period a report without one joins (rule 3).
    static func nearestSlot(published: PartialDate?, periods: [Period], counts: [Int]) -> Int {
        guard periods.count > 1 else { return 0 }
        guard let published else {
            var best = 0
            for index in periods.indices where counts[index] > counts[best] { best = index }
            return best
        }
        let day = published.lastDay
        func gap(_ period: Period) -> Int {
            if day < period.start { return 2 * (period.start.ordinal - day.ordinal) }  // a period after publication
            if day > period.end { return day.ordinal - period.end.ordinal }
            return 0
        }
        var best = 0
        for index in periods.indices where gap(periods[index]) < gap(periods[best]) { best = index }
        return best
    }

    /// Summarizes the reports of one figure and period into a claim.
    static func claim(key: FigureKey, period: Period?, entries: [ClaimTable.Entry], table: ClaimTable) -> Claim {
        var stories = Set<Int32>()
        var documents = Set<Int32>()
        var clusters = Set<Int32>()
        var attributions = Set<String>()
        var first: PartialDate?
        var last: PartialDate?
        for entry in entries {
            stories.insert(entry.story)
            documents.insert(entry.document)
            clusters.insert(entry.cluster)
            if entry.attribution >= 0 { attributions.insert(table.attributions[Int(entry.attribution)]) }
            if let published = entry.published {
                if first.map({ published < $0 }) ?? true { first = published }
                if last.map({ $0 < published }) ?? true { last = published }
            }
        }
        let periodKey = period.map { $0.start.iso + "/" + $0.end.iso } ?? ""
        let id = "k" + StableHash.hex(StableHash.fnv1a64(key.stableKey + "\u{1f}" + periodKey))
        let figureIDs = table.listsFigures ? entries.map { table.figureIDs[Int($0.figure)] }.sorted() : []
        return Claim(
            claimID: id, category: key.category, unit: key.unit, value: key.value, valueHigh: key.valueHigh,
            eventStart: period?.start.iso, eventEnd: period?.end.iso, firstPublished: first, lastPublished: last,
            reports: stories.count, documents: documents.count, clusters: clusters.count,
            attributions: attributions.sorted(), figureIDs: figureIDs
        )
    }
}

/// The reports of a corpus in compact form, for ``ClaimBuilder/run(_:)-(ClaimTable)``: a few
/// integers per figure (its group, period, document, story, cluster and attribution), with the
/// strings interned once. A million figures take tens of megabytes, not gigabytes.
///
///     var table = ClaimTable()
///     table.add(key: FigureKey(figure), period: ClaimBuilder.period(start: figure.eventStart, end: figure.eventEnd),
///               published: published, document: 0, story: 0, cluster: table.intern(clusterID),
///               attribution: figure.attribution, figureID: nil)
///     let claims = ClaimBuilder().run(table)
public struct ClaimTable: Sendable {
    /// One report: integers into the table's lists, or the caller's own numbering for
    /// documents, stories and clusters (only their equality matters).
    struct Entry: Sendable {
        var group: Int32
        var document: Int32
        var story: Int32
        var cluster: Int32
        var attribution: Int32
        var figure: Int32
        /// Day ordinals of the period, `Int32.min` when none is stated.
        var periodStart: Int32
        var periodEnd: Int32
        /// `year * 512 + month * 32 + day` (0 for an unknown part), `Int32.min` when unknown.
        var publishedCode: Int32

        var period: ClaimBuilder.Period? {
            periodStart == .min ? nil : ClaimBuilder.Period(start: Day(ordinal: Int(periodStart)), end: Day(ordinal: Int(periodEnd)))
        }

        var published: PartialDate? {
            guard publishedCode != .min else { return nil }
            let code = Int(publishedCode)
            let month = (code >> 5) & 15, day = code & 31
            return PartialDate(year: code >> 9, month: month == 0 ? nil : month, day: day == 0 ? nil : day)
        }

        static func code(_ date: PartialDate?) -> Int32 {
            guard let date, let code = Int32(exactly: date.year * 512 + (date.month ?? 0) * 32 + (date.day ?? 0)) else { return .min }
            return code
        }
    }

    /// Whether claims list their figures' ids (``Claim/figureIDs``); the runner leaves them out.
    public let listsFigures: Bool
    /// The distinct figure keys, in order of first appearance.
    public private(set) var keys: [FigureKey] = []
    private var keyIndex: [FigureKey: Int32] = [:]
    private(set) var attributions: [String] = []
    private var attributionIndex: [String: Int32] = [:]
    private(set) var figureIDs: [String] = []
    private var names: [String: Int32] = [:]
    private var entries: [Entry] = []

    /// Creates an empty table.
    public init(listsFigures: Bool = false) { self.listsFigures = listsFigures }

    /// Number of reports added.
    public var count: Int { entries.count }

    /// A number for `name`, the same for equal names (for documents, stories or clusters that
    /// the caller has no numbering for).
    public mutating func intern(_ name: String) -> Int32 {
        if let number = names[name] { return number }
        let number = Int32(names.count)
        names[name] = number
        return number
    }

    /// Adds `figure` as one report of document number `document`, story number `story`, in
    /// cluster number `cluster` (the caller's numbers: only their equality matters; dedup's
    /// ``DedupResult/clusterNumber(ofStoryAt:)`` for the cluster).
    ///
    ///     table.add(figure, published: record.published, document: 3, story: row, cluster: result.clusterNumber(ofStoryAt: row))
    public mutating func add(_ figure: Figure, published: PartialDate?, document: Int32, story: Int32, cluster: Int32) {
        add(
            key: FigureKey(figure), period: ClaimBuilder.period(start: figure.eventStart, end: figure.eventEnd), published: published,
            document: document, story: story, cluster: cluster, attribution: figure.attribution, figureID: figure.id
        )
    }

    /// Adds one report.
    public mutating func add(
        key: FigureKey, period: ClaimBuilder.Period?, published: PartialDate?, document: Int32, story: Int32, cluster: Int32,
        attribution: String?, figureID: String?
    ) {
        let group = Self.number(of: key, in: &keys, index: &keyIndex)
        var attributionNumber: Int32 = -1
        if let attribution, !attribution.isEmpty {
            attributionNumber = Self.number(of: attribution, in: &attributions, index: &attributionIndex)
        }
        var figure: Int32 = -1
        if listsFigures {
            figure = Int32(figureIDs.count)
            figureIDs.append(figureID ?? "")
        }
        var periodStart = Int32.min, periodEnd = Int32.min
        if let period, let start = Int32(exactly: period.start.ordinal), let end = Int32(exactly: period.end.ordinal) {
            periodStart = start
            periodEnd = end
        }
        entries.append(Entry(
            group: group, document: document, story: story, cluster: cluster, attribution: attributionNumber,
            figure: figure, periodStart: periodStart, periodEnd: periodEnd, publishedCode: Entry.code(published)
        ))
    }

    /// The position of `value` in `list`, appending it the first time.
    private static func number<Value: Hashable>(of value: Value, in list: inout [Value], index: inout [Value: Int32]) -> Int32 {
        if let known = index[value] { return known }
        let number = Int32(list.count)
        list.append(value)
        index[value] = number
        return number
    }

    /// Calls `body` with each group's number and entries (groups in ``keys`` order, entries in
    /// the order added), materializing one group at a time.
    func forEachGroup(_ body: (Int, [Entry]) -> Void) {
        var starts = [Int](repeating: 0, count: keys.count + 1)
        for entry in entries { starts[Int(entry.group) + 1] += 1 }
        for group in keys.indices { starts[group + 1] += starts[group] }
        var order = [Int32](repeating: 0, count: entries.count)
        var next = starts
        for (index, entry) in entries.enumerated() {
            order[next[Int(entry.group)]] = Int32(index)
            next[Int(entry.group)] += 1
        }
        for group in keys.indices {
            body(group, order[starts[group]..<starts[group + 1]].map { entries[Int($0)] })
        }
    }
}

/// What makes two figures "the same figure": category, unit and value range.
///
///     FigureKey(category: "killed_or_wounded", unit: "soldato", value: 4000, valueHigh: 4000)
public struct FigureKey: Sendable, Hashable, Codable, Comparable {
    /// What is counted.
    public var category: String
    /// Lemma of the counted noun.
    public var unit: String
    /// Low end.
    public var value: Double
    /// High end.
    public var valueHigh: Double

    /// Creates a key.
    public init(category: String, unit: String, value: Double, valueHigh: Double) {
        self.category = category
        self.unit = unit
        self.value = value
        self.valueHigh = valueHigh
    }

    /// The key of a figure.
    public init(_ figure: Figure) {
        self.init(category: figure.category, unit: figure.unit, value: figure.value, valueHigh: figure.valueHigh)
    }

    /// A text form used for stable hashing: `killed_or_wounded|soldato|4000|4000`.
    public var stableKey: String {
        category + "|" + unit + "|" + Self.plain(value) + "|" + Self.plain(valueHigh)
    }

    /// `4000`, `2.5`: locale-free, no exponent for the magnitudes figures have.
    static func plain(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    public static func < (lhs: FigureKey, rhs: FigureKey) -> Bool {
        (lhs.category, lhs.unit, lhs.value, lhs.valueHigh) < (rhs.category, rhs.unit, rhs.value, rhs.valueHigh)
    }
}
