/// The vocabulary file as written on disk (`Resources/vocabulary.json`, or an extra file named by
/// `stages.extract.vocabulary`). Every field is optional so that an extension file can hold only
/// what it adds; ``ExtractVocabulary`` checks the merged result.
///
///     { "version": 1,
///       "categories": [{ "name": "refugees", "cues": ["sfollat{o,a,i,e}"] }],
///       "units": [{ "lemma": "famiglia", "class": "people", "forms": ["famigli{a,e}"] }] }
///
/// A phrase may hold one or more `{a,b,c}` groups, expanded to every combination:
/// `inviat{o,a,i,e}` stands for `inviato`, `inviata`, `inviati`, `inviate`.
struct VocabularyFile: Codable, Sendable {
    /// Format version; only `1` is understood.
    var version: Int?
    /// Categories and the words that signal them (`uccisi` → `killed`).
    var categories: [CategoryEntry]?
    /// Words that move a category to another one nearby (`potrebbe inviare` → `troops_planned`).
    var shifts: [ShiftEntry]?
    /// Classes of counted nouns with their default category and remaps.
    var unitClasses: [UnitClassEntry]?
    /// Counted nouns: lemma, class, optional fixed category, written forms.
    var units: [UnitEntry]?
    /// Lemma used for percentages (`il 50%` → `percento`).
    var percentUnit: String?
    /// Words allowed between a number and its noun (`3.000 nuovi soldati`).
    var premodifiers: [String]?
    /// Words that join a number to its noun (`decine di migliaia di soldati`, `300 i militari`).
    var bridges: [String]?
    /// Demonstratives after a bridge (`quattromila di questi soldati`).
    var demonstratives: [String]?
    /// Auxiliaries between an elided number and its participle (`2.700 sono rimasti feriti`).
    var auxiliaries: [String]?
    /// Words that announce a total (`portando il totale a 11.000`).
    var totals: [String]?
    /// Copulas and prepositions linking a noun before the number (`i feriti sarebbero 2.700`).
    var links: [String]?
    /// Articles, prepositions and determiners (a noun after one is a noun, not an adjective).
    var determiners: [String]?
    /// Definite articles and demonstratives that make a small number a back-reference (`i due`).
    var definiteArticles: [String]?
    /// Words of a rate (`24 ore su 24`): the number pair is not a figure.
    var ratioWords: [String]?
    /// Clitics that refer to an earlier noun (`se ne contano dodicimila`).
    var clitics: [String]?
    /// Verb endings with an attached `ne` (`mandarne altri 5.000`).
    var cliticSuffixes: [String]?
    /// Named sources with their aliases.
    var sources: [SourceEntry]?
    /// Nouns that head a source phrase (`fonti`, `media`, `intelligence`).
    var sourceHeads: [String]?
    /// Adjectives that may follow a source head (`ucraine`, `occidentali`).
    var sourceModifiers: [String]?
    /// Prepositions that may continue a source phrase (`ministero della Difesa`).
    var sourcePrepositions: [String]?
    /// Words that introduce a source (`secondo`, `stando a`).
    var attributionOpeners: [String]?
    /// Relative pronouns that make an opener point back (`l'intelligence, secondo cui…`).
    var attributionRelatives: [String]?
    /// Phrases before a relaying outlet (`citate dalla Cnn`): a source used only when alone.
    var relayCues: [String]?
    /// Words that open a new clause after a figure; category cues after them are not read.
    var clauseOpeners: [String]?
    /// Words that may join two figures sharing one category (`300 soldati e 40 ufficiali`).
    var coordinators: [String]?
    /// Words skipped after an opener (`secondo quanto riferito dal`).
    var attributionSkips: [String]?
    /// Verbs and nouns of reporting (`ha dichiarato`, `stima`, `riferisce`).
    var reportingCues: [String]?
    /// Words between a named subject and its reporting verb (`Zelensky ha anche detto`).
    var reportingAuxiliaries: [String]?
    /// Sentence openings that attribute the sentence before (`È quanto emerge da`).
    var backwardOpeners: [String]?
    /// Abbreviations whose period does not end a sentence (`dott`, `gen`).
    var abbreviations: [String]?

    enum CodingKeys: String, CodingKey {
        case version, categories, shifts, units, premodifiers, bridges, demonstratives, auxiliaries, totals, links
        case determiners, clitics, sources, abbreviations
        case unitClasses = "unit_classes"
        case percentUnit = "percent_unit"
        case definiteArticles = "definite_articles"
        case ratioWords = "ratio_words"
        case sourceHeads = "source_heads"
        case sourceModifiers = "source_modifiers"
        case sourcePrepositions = "source_prepositions"
        case attributionOpeners = "attribution_openers"
        case attributionSkips = "attribution_skips"
        case reportingCues = "reporting_cues"
        case backwardOpeners = "backward_openers"
        case reportingAuxiliaries = "reporting_auxiliaries"
        case cliticSuffixes = "clitic_suffixes"
        case attributionRelatives = "attribution_relatives"
        case relayCues = "relay_cues"
        case clauseOpeners = "clause_openers"
        case coordinators
    }
}

/// A category and its cue phrases.
struct CategoryEntry: Codable, Sendable {
    var name: String
    var cues: [String]?
}

/// Cue phrases that move a category found nearby (`from`) to another (`to`).
struct ShiftEntry: Codable, Sendable {
    var name: String
    var from: [String]
    var to: String
    /// How many tokens before the category cue (or after the figure) the shift cue may stand.
    var window: Int?
    var cues: [String]?
}

/// A class of counted nouns.
struct UnitClassEntry: Codable, Sendable {
    var name: String
    /// The category when no cue is found (`personnel` → `troops_sent`).
    var `default`: String?
    /// Category replacements for this class (`prisoner`: `troops_sent` → `prisoners_recruited`).
    var remap: [String: String]?
}

/// A counted noun.
struct UnitEntry: Codable, Sendable {
    var lemma: String
    var `class`: String?
    /// A category the noun always has (`chilometro` → `distance`); cues are not consulted.
    var category: String?
    /// The category when no cue is found, overriding the class default (`vittima` → `killed`).
    var `default`: String?
    var forms: [String]?
}

/// A named source and the ways texts refer to it.
struct SourceEntry: Codable, Sendable {
    var name: String
    var aliases: [String]?
}
