import Foundation

/// The words the extract stage reads figures with: counted nouns (units), category cues, source
/// aliases and the small function-word lists the rules need. Loaded once from JSON and compiled
/// into lookup tables.
///
/// The bundled file is `Resources/vocabulary.json` (documented in `docs/extract.md`). A team can
/// add words or whole categories without recompiling:
///
///     let extra = try ExtractVocabulary(contentsOf: URL(fileURLWithPath: "profughi.json"))
///     let vocabulary = try ExtractVocabulary.bundled().merging(extra)
///     Extractor(vocabulary: vocabulary).run(document, normalized: normalized)
///
/// or use a file of its own instead of the bundled one (`replace_vocabulary: true`), in which case
/// that file must be complete.
public struct ExtractVocabulary: Sendable {
    /// Where the entries came from, for messages (`vocabulary.json + extra.json`).
    public let origin: String

    /// The merged file and the lookup tables compiled from it, in one object that every copy of
    /// the vocabulary shares (a rule holding the vocabulary costs one retain, not one per table).
    let compiled: CompiledVocabulary

    /// The vocabulary shipped with the module (`Resources/vocabulary.json`).
    ///
    /// - Throws: ``VocabularyError`` when the resource is missing or invalid.
    public static func bundled() throws(VocabularyError) -> ExtractVocabulary {
        guard let url = Bundle.module.url(forResource: "vocabulary", withExtension: "json") else {
            throw .missingResource(name: "vocabulary.json")
        }
        return try ExtractVocabulary(contentsOf: url)
    }

    /// The bundled vocabulary, loaded once.
    ///
    /// The bundled file is checked by the module's tests, so a failure here means a broken
    /// build, not bad input; it stops with the loader's message.
    public static let standard: ExtractVocabulary = {
        do {
            return try bundled()
        } catch {
            preconditionFailure("Extract: \(error)")
        }
    }()

    /// Loads a complete vocabulary file.
    ///
    /// - Throws: ``VocabularyError`` naming the file and the faulty entry.
    public init(contentsOf url: URL) throws(VocabularyError) {
        let name = url.lastPathComponent
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(file: url.path, reason: error.localizedDescription)
        }
        try self.init(data: data, origin: name)
    }

    /// Loads a complete vocabulary from JSON bytes; `origin` names it in messages.
    ///
    /// - Throws: ``VocabularyError`` naming `origin` and the faulty entry.
    public init(data: Data, origin: String) throws(VocabularyError) {
        try self.init(file: Self.decode(data, origin: origin), origin: origin)
    }

    /// This vocabulary with the entries of `other` added: categories, units and sources with the
    /// same name gain the other's cues, forms and aliases; the other's settings win; lists are
    /// joined.
    ///
    /// - Throws: ``VocabularyError`` when the merged vocabulary is inconsistent (a unit naming an
    ///   unknown category…).
    public func merging(_ other: ExtractVocabulary) throws(VocabularyError) -> ExtractVocabulary {
        try ExtractVocabulary(file: file.merged(with: other.file), origin: origin + " + " + other.origin)
    }

    /// This vocabulary extended with a possibly partial file (only what it adds).
    ///
    /// - Throws: ``VocabularyError`` naming the file and the faulty entry.
    public func merging(contentsOf url: URL) throws(VocabularyError) -> ExtractVocabulary {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(file: url.path, reason: error.localizedDescription)
        }
        let extra = try Self.decode(data, origin: url.lastPathComponent)
        return try ExtractVocabulary(file: file.merged(with: extra), origin: origin + " + " + url.lastPathComponent)
    }

    /// Category names known to this vocabulary, in file order (`troops_sent`, `killed`…).
    public var categories: [String] { categoryNames }

    /// Unit lemmas known to this vocabulary, in file order (`soldato`, `missile`…).
    public var unitLemmas: [String] { units.map(\.lemma) }

    /// Canonical source names, in file order (`NIS`, `CNN`…).
    public var sources: [String] { sourceNames }

    static func decode(_ data: Data, origin: String) throws(VocabularyError) -> VocabularyFile {
        do {
            return try JSONDecoder().decode(VocabularyFile.self, from: data)
        } catch let DecodingError.dataCorrupted(context) {
            throw .malformed(file: origin, reason: Self.describe(context))
        } catch let DecodingError.keyNotFound(key, context) {
            throw .invalidEntry(file: origin, entry: Self.path(context.codingPath + [key]), reason: "missing key \"\(key.stringValue)\"")
        } catch let DecodingError.typeMismatch(_, context) {
            throw .invalidEntry(file: origin, entry: Self.path(context.codingPath), reason: context.debugDescription)
        } catch let DecodingError.valueNotFound(_, context) {
            throw .invalidEntry(file: origin, entry: Self.path(context.codingPath), reason: "null where a value is needed")
        } catch {
            throw .malformed(file: origin, reason: "\(error)")
        }
    }

    private static func describe(_ context: DecodingError.Context) -> String {
        let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
        return underlying ?? context.debugDescription
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text.isEmpty ? "(top level)" : text
    }
}

/// The lookup tables of a vocabulary, built once from its file (see
/// `ExtractVocabulary+Compile.swift`).
struct VocabularyTables: Sendable {
    /// Ids of every word of every phrase below.
    let words: WordIndex
    let categoryNames: [String]
    let categoryIndex: [String: Int]
    let cues: PhraseTable
    let shifts: [CompiledShift]
    let shiftCues: PhraseTable
    let units: [CompiledUnit]
    let unitForms: PhraseTable
    let percentUnit: String
    let premodifiers: PhraseTable
    let bridges: PhraseTable
    let demonstratives: PhraseTable
    let auxiliaries: PhraseTable
    let totals: PhraseTable
    let links: PhraseTable
    let determiners: PhraseTable
    let definiteArticles: PhraseTable
    let ratioWords: PhraseTable
    let clitics: PhraseTable
    let cliticSuffixes: [String]
    let attributionRelatives: PhraseTable
    let relayCues: PhraseTable
    let clauseOpeners: PhraseTable
    let coordinators: PhraseTable
    let sourceNames: [String]
    let sourceAliases: PhraseTable
    let sourceHeads: PhraseTable
    let sourceModifiers: PhraseTable
    let sourcePrepositions: PhraseTable
    let openers: PhraseTable
    let attributionSkips: PhraseTable
    let reportingCues: PhraseTable
    let backwardOpeners: PhraseTable
    let reportingAuxiliaries: PhraseTable
    let abbreviations: WordIndex
    /// Ids of the function words the rules name in code (`e`, `che`, `secondo`…).
    let keyWords: KeyWords

}

/// A vocabulary's file and tables behind one reference.
final class CompiledVocabulary: Sendable {
    /// The merged file model, kept so vocabularies can be merged again.
    let file: VocabularyFile
    let tables: VocabularyTables

    init(file: VocabularyFile, tables: VocabularyTables) {
        self.file = file
        self.tables = tables
    }
}

extension ExtractVocabulary {
    init(file: VocabularyFile, origin: String) throws(VocabularyError) {
        self.origin = origin
        compiled = CompiledVocabulary(file: file, tables: try VocabularyTables(file: file, origin: origin))
    }

    var file: VocabularyFile { compiled.file }

    var words: WordIndex { compiled.tables.words }
    var categoryNames: [String] { compiled.tables.categoryNames }
    var categoryIndex: [String: Int] { compiled.tables.categoryIndex }
    var cues: PhraseTable { compiled.tables.cues }
    var shifts: [CompiledShift] { compiled.tables.shifts }
    var shiftCues: PhraseTable { compiled.tables.shiftCues }
    var units: [CompiledUnit] { compiled.tables.units }
    var unitForms: PhraseTable { compiled.tables.unitForms }
    var percentUnit: String { compiled.tables.percentUnit }
    var premodifiers: PhraseTable { compiled.tables.premodifiers }
    var bridges: PhraseTable { compiled.tables.bridges }
    var demonstratives: PhraseTable { compiled.tables.demonstratives }
    var auxiliaries: PhraseTable { compiled.tables.auxiliaries }
    var totals: PhraseTable { compiled.tables.totals }
    var links: PhraseTable { compiled.tables.links }
    var determiners: PhraseTable { compiled.tables.determiners }
    var definiteArticles: PhraseTable { compiled.tables.definiteArticles }
    var ratioWords: PhraseTable { compiled.tables.ratioWords }
    var clitics: PhraseTable { compiled.tables.clitics }
    var cliticSuffixes: [String] { compiled.tables.cliticSuffixes }
    var attributionRelatives: PhraseTable { compiled.tables.attributionRelatives }
    var relayCues: PhraseTable { compiled.tables.relayCues }
    var clauseOpeners: PhraseTable { compiled.tables.clauseOpeners }
    var coordinators: PhraseTable { compiled.tables.coordinators }
    var sourceNames: [String] { compiled.tables.sourceNames }
    var sourceAliases: PhraseTable { compiled.tables.sourceAliases }
    var sourceHeads: PhraseTable { compiled.tables.sourceHeads }
    var sourceModifiers: PhraseTable { compiled.tables.sourceModifiers }
    var sourcePrepositions: PhraseTable { compiled.tables.sourcePrepositions }
    var openers: PhraseTable { compiled.tables.openers }
    var attributionSkips: PhraseTable { compiled.tables.attributionSkips }
    var reportingCues: PhraseTable { compiled.tables.reportingCues }
    var backwardOpeners: PhraseTable { compiled.tables.backwardOpeners }
    var reportingAuxiliaries: PhraseTable { compiled.tables.reportingAuxiliaries }
    var abbreviations: WordIndex { compiled.tables.abbreviations }
    var keyWords: KeyWords { compiled.tables.keyWords }
}

/// A unit after compiling: its lemma, class and categories.
struct CompiledUnit: Sendable {
    var lemma: String
    var unitClass: String
    /// Category the noun always has (`distance` for `chilometro`), or `nil`.
    var fixedCategory: String?
    /// Category when no cue is found.
    var defaultCategory: String
    /// Category replacements of its class.
    var remap: [String: String]
    /// Whether the noun counts people (only those are topics of elided numbers).
    var isPeople: Bool
}

/// Ids of the function words the rules test by name, interned whether or not a table holds them.
struct KeyWords: Sendable {
    var e: Int
    var ed: Int
    var o: Int
    var i: Int
    var gli: Int
    var le: Int
    var che: Int
    var secondo: Int
    /// `in` of an estimate (`stimano in 100 i caduti`).
    var `in`: Int

    init(_ words: inout WordIndex) {
        e = words.intern("e")
        ed = words.intern("ed")
        o = words.intern("o")
        i = words.intern("i")
        gli = words.intern("gli")
        le = words.intern("le")
        che = words.intern("che")
        secondo = words.intern("secondo")
        `in` = words.intern("in")
    }
}

/// A shift after compiling.
struct CompiledShift: Sendable {
    var from: Set<String>
    var to: String
    var window: Int
}
