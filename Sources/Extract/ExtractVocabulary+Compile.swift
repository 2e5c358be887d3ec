import Foundation
import PipelineCore

extension VocabularyTables {
    /// Checks a merged file and builds the lookup tables.
    init(file: VocabularyFile, origin: String) throws(VocabularyError) {
        if let version = file.version, version != 1 {
            throw .invalidEntry(file: origin, entry: "version", reason: "unsupported version \(version) (expected 1)")
        }
        guard let categoryEntries = file.categories, !categoryEntries.isEmpty else {
            throw .invalidEntry(file: origin, entry: "categories", reason: "no categories defined")
        }
        var words = WordIndex()
        var names: [String] = []
        var index: [String: Int] = [:]
        var cues = PhraseTable()
        for (position, entry) in categoryEntries.enumerated() {
            let name = entry.name.trimmingBlanks
            guard !name.isEmpty else {
                throw .invalidEntry(file: origin, entry: "categories[\(position)].name", reason: "empty category name")
            }
            if index[name] == nil {
                index[name] = names.count
                names.append(name)
            }
            for (cuePosition, cue) in (entry.cues ?? []).enumerated() {
                let forms = try ExtractVocabulary.expand(cue, origin: origin, entry: "categories[\(position)].cues[\(cuePosition)]")
                for form in forms { cues.insert(form, payload: index[name]!, words: &words) }
            }
        }
        guard index["other"] != nil else {
            throw .invalidEntry(file: origin, entry: "categories", reason: "the category \"other\" must be defined")
        }
        func category(_ name: String?, _ entry: String) throws(VocabularyError) -> String? {
            guard let name else { return nil }
            guard index[name] != nil else {
                throw .invalidEntry(file: origin, entry: entry, reason: "unknown category \"\(name)\" (define it under \"categories\")")
            }
            return name
        }

        var shifts: [CompiledShift] = []
        var shiftCues = PhraseTable()
        for (position, entry) in (file.shifts ?? []).enumerated() {
            let path = "shifts[\(position)]"
            var from: Set<String> = []
            for (fromPosition, name) in entry.from.enumerated() {
                from.insert(try category(name, "\(path).from[\(fromPosition)]")!)
            }
            let to = try category(entry.to, "\(path).to")!
            let window = entry.window ?? 6
            guard (1...30).contains(window) else {
                throw .invalidEntry(file: origin, entry: "\(path).window", reason: "window \(window) outside 1…30")
            }
            for (cuePosition, cue) in (entry.cues ?? []).enumerated() {
                for form in try ExtractVocabulary.expand(cue, origin: origin, entry: "\(path).cues[\(cuePosition)]") {
                    shiftCues.insert(form, payload: shifts.count, words: &words)
                }
            }
            shifts.append(CompiledShift(from: from, to: to, window: window))
        }

        var classes: [String: (default: String, remap: [String: String])] = [:]
        for (position, entry) in (file.unitClasses ?? []).enumerated() {
            let path = "unit_classes[\(position)]"
            let fallback = try category(entry.default ?? "other", "\(path).default")!
            var remap: [String: String] = [:]
            for (key, value) in entry.remap ?? [:] {
                remap[try category(key, "\(path).remap")!] = try category(value, "\(path).remap.\(key)")!
            }
            classes[entry.name] = (fallback, remap)
        }

        var units: [CompiledUnit] = []
        var unitIndex: [String: Int] = [:]
        var unitForms = PhraseTable()
        for (position, entry) in (file.units ?? []).enumerated() {
            let path = "units[\(position)]"
            let lemma = entry.lemma.trimmingBlanks
            guard !lemma.isEmpty else { throw .invalidEntry(file: origin, entry: "\(path).lemma", reason: "empty lemma") }
            let className = entry.class ?? "thing"
            guard let unitClass = classes[className] else {
                throw .invalidEntry(file: origin, entry: "\(path).class", reason: "unknown class \"\(className)\" (define it under \"unit_classes\")")
            }
            let fixed = try category(entry.category, "\(path).category")
            let fallback = try category(entry.default, "\(path).default") ?? unitClass.default
            let compiled = CompiledUnit(
                lemma: lemma, unitClass: className, fixedCategory: fixed, defaultCategory: fallback,
                remap: unitClass.remap, isPeople: className != "thing"
            )
            let slot: Int
            if let existing = unitIndex[lemma] {
                slot = existing
                units[existing] = compiled
            } else {
                slot = units.count
                unitIndex[lemma] = slot
                units.append(compiled)
            }
            let forms = entry.forms ?? []
            guard !forms.isEmpty else { throw .invalidEntry(file: origin, entry: "\(path).forms", reason: "a unit needs at least one form") }
            for (formPosition, form) in forms.enumerated() {
                for expanded in try ExtractVocabulary.expand(form, origin: origin, entry: "\(path).forms[\(formPosition)]") {
                    unitForms.insert(expanded, payload: slot, words: &words)
                }
            }
        }
        guard !units.isEmpty else { throw .invalidEntry(file: origin, entry: "units", reason: "no units defined") }

        var sourceNames: [String] = []
        var sourceIndex: [String: Int] = [:]
        var aliases = PhraseTable()
        for (position, entry) in (file.sources ?? []).enumerated() {
            let name = entry.name.trimmingBlanks
            guard !name.isEmpty else { throw .invalidEntry(file: origin, entry: "sources[\(position)].name", reason: "empty source name") }
            let slot = sourceIndex[name] ?? sourceNames.count
            if sourceIndex[name] == nil {
                sourceIndex[name] = slot
                sourceNames.append(name)
            }
            for (aliasPosition, alias) in ([name] + (entry.aliases ?? [])).enumerated() {
                for form in try ExtractVocabulary.expand(alias, origin: origin, entry: "sources[\(position)].aliases[\(max(0, aliasPosition - 1))]") {
                    aliases.insert(form, payload: slot, words: &words)
                }
            }
        }

        func table(_ list: [String]?, _ key: String) throws(VocabularyError) -> PhraseTable {
            var table = PhraseTable()
            for (position, phrase) in (list ?? []).enumerated() {
                for form in try ExtractVocabulary.expand(phrase, origin: origin, entry: "\(key)[\(position)]") { table.insert(form, payload: 0, words: &words) }
            }
            return table
        }

        self.categoryNames = names
        self.categoryIndex = index
        self.cues = cues
        self.shifts = shifts
        self.shiftCues = shiftCues
        self.units = units
        self.unitForms = unitForms
        self.percentUnit = file.percentUnit ?? "percento"
        self.premodifiers = try table(file.premodifiers, "premodifiers")
        self.bridges = try table(file.bridges, "bridges")
        self.demonstratives = try table(file.demonstratives, "demonstratives")
        self.auxiliaries = try table(file.auxiliaries, "auxiliaries")
        self.totals = try table(file.totals, "totals")
        self.links = try table(file.links, "links")
        self.determiners = try table(file.determiners, "determiners")
        self.definiteArticles = try table(file.definiteArticles, "definite_articles")
        self.ratioWords = try table(file.ratioWords, "ratio_words")
        self.clitics = try table(file.clitics, "clitics")
        self.attributionRelatives = try table(file.attributionRelatives, "attribution_relatives")
        self.relayCues = try table(file.relayCues, "relay_cues")
        self.clauseOpeners = try table(file.clauseOpeners, "clause_openers")
        self.coordinators = try table(file.coordinators, "coordinators")
        self.cliticSuffixes = (file.cliticSuffixes ?? []).map { $0.lowercased() }.filter { !$0.isEmpty }
        self.sourceNames = sourceNames
        self.sourceAliases = aliases
        self.sourceHeads = try table(file.sourceHeads, "source_heads")
        self.sourceModifiers = try table(file.sourceModifiers, "source_modifiers")
        self.sourcePrepositions = try table(file.sourcePrepositions, "source_prepositions")
        self.openers = try table(file.attributionOpeners, "attribution_openers")
        self.attributionSkips = try table(file.attributionSkips, "attribution_skips")
        self.reportingCues = try table(file.reportingCues, "reporting_cues")
        self.backwardOpeners = try table(file.backwardOpeners, "backward_openers")
        self.reportingAuxiliaries = try table(file.reportingAuxiliaries, "reporting_auxiliaries")
        var abbreviations = WordIndex()
        for (position, word) in (file.abbreviations ?? []).enumerated() {
            for form in try ExtractVocabulary.expand(word, origin: origin, entry: "abbreviations[\(position)]") { _ = abbreviations.intern(form.lowercased()) }
        }
        self.abbreviations = abbreviations
        self.keyWords = KeyWords(&words)
        self.words = words
    }
}

extension ExtractVocabulary {
    /// Expands `{a,b}` groups: `inviat{o,i}` → `inviato`, `inviati`; `mercenari{o,}` →
    /// `mercenario`, `mercenari`.
    static func expand(_ phrase: String, origin: String, entry: String) throws(VocabularyError) -> [String] {
        let trimmed = phrase.trimmingBlanks
        guard !trimmed.isEmpty else { throw .invalidEntry(file: origin, entry: entry, reason: "empty phrase") }
        guard let open = trimmed.firstIndex(of: "{") else {
            guard !trimmed.contains("}") else { throw .invalidEntry(file: origin, entry: entry, reason: "unbalanced braces in \"\(phrase)\"") }
            return [trimmed]
        }
        guard let close = trimmed[open...].firstIndex(of: "}") else {
            throw .invalidEntry(file: origin, entry: entry, reason: "unbalanced braces in \"\(phrase)\"")
        }
        let head = String(trimmed[..<open])
        let alternatives = trimmed[trimmed.index(after: open)..<close].split(separator: ",", omittingEmptySubsequences: false)
        let tail = String(trimmed[trimmed.index(after: close)...])
        var result: [String] = []
        for alternative in alternatives {
            let combined = head + alternative.trimmingBlanks + tail
            if combined.trimmingBlanks.isEmpty { continue }
            result.append(contentsOf: try expand(combined, origin: origin, entry: entry))
        }
        return result
    }
}

extension VocabularyFile {
    /// This file with `other` added on top (see ``ExtractVocabulary/merging(_:)``).
    func merged(with other: VocabularyFile) -> VocabularyFile {
        var result = self
        result.version = other.version ?? version
        result.categories = Self.mergeNamed(categories, other.categories, name: \.name) { base, extra in
            CategoryEntry(name: base.name, cues: (base.cues ?? []) + (extra.cues ?? []))
        }
        result.shifts = Self.mergeNamed(shifts, other.shifts, name: \.name) { base, extra in
            ShiftEntry(name: base.name, from: Array(Set(base.from + extra.from)).sorted(), to: extra.to, window: extra.window ?? base.window, cues: (base.cues ?? []) + (extra.cues ?? []))
        }
        result.unitClasses = Self.mergeNamed(unitClasses, other.unitClasses, name: \.name) { base, extra in
            UnitClassEntry(name: base.name, default: extra.default ?? base.default, remap: (base.remap ?? [:]).merging(extra.remap ?? [:]) { $1 })
        }
        result.units = Self.mergeNamed(units, other.units, name: \.lemma) { base, extra in
            UnitEntry(lemma: base.lemma, class: extra.class ?? base.class, category: extra.category ?? base.category, default: extra.default ?? base.default, forms: (base.forms ?? []) + (extra.forms ?? []))
        }
        result.sources = Self.mergeNamed(sources, other.sources, name: \.name) { base, extra in
            SourceEntry(name: base.name, aliases: (base.aliases ?? []) + (extra.aliases ?? []))
        }
        result.percentUnit = other.percentUnit ?? percentUnit
        result.premodifiers = Self.join(premodifiers, other.premodifiers)
        result.bridges = Self.join(bridges, other.bridges)
        result.demonstratives = Self.join(demonstratives, other.demonstratives)
        result.auxiliaries = Self.join(auxiliaries, other.auxiliaries)
        result.totals = Self.join(totals, other.totals)
        result.links = Self.join(links, other.links)
        result.determiners = Self.join(determiners, other.determiners)
        result.definiteArticles = Self.join(definiteArticles, other.definiteArticles)
        result.ratioWords = Self.join(ratioWords, other.ratioWords)
        result.clitics = Self.join(clitics, other.clitics)
        result.cliticSuffixes = Self.join(cliticSuffixes, other.cliticSuffixes)
        result.attributionRelatives = Self.join(attributionRelatives, other.attributionRelatives)
        result.relayCues = Self.join(relayCues, other.relayCues)
        result.clauseOpeners = Self.join(clauseOpeners, other.clauseOpeners)
        result.coordinators = Self.join(coordinators, other.coordinators)
        result.sourceHeads = Self.join(sourceHeads, other.sourceHeads)
        result.sourceModifiers = Self.join(sourceModifiers, other.sourceModifiers)
        result.sourcePrepositions = Self.join(sourcePrepositions, other.sourcePrepositions)
        result.attributionOpeners = Self.join(attributionOpeners, other.attributionOpeners)
        result.attributionSkips = Self.join(attributionSkips, other.attributionSkips)
        result.reportingCues = Self.join(reportingCues, other.reportingCues)
        result.backwardOpeners = Self.join(backwardOpeners, other.backwardOpeners)
        result.reportingAuxiliaries = Self.join(reportingAuxiliaries, other.reportingAuxiliaries)
        result.abbreviations = Self.join(abbreviations, other.abbreviations)
        return result
    }

    private static func join(_ base: [String]?, _ extra: [String]?) -> [String]? {
        guard let extra else { return base }
        return (base ?? []) + extra
    }

    private static func mergeNamed<Entry>(
        _ base: [Entry]?, _ extra: [Entry]?, name: (Entry) -> String, combine: (Entry, Entry) -> Entry
    ) -> [Entry]? {
        guard let extra else { return base }
        var result = base ?? []
        for entry in extra {
            if let existing = result.firstIndex(where: { name($0) == name(entry) }) {
                result[existing] = combine(result[existing], entry)
            } else {
                result.append(entry)
            }
        }
        return result
    }
}
