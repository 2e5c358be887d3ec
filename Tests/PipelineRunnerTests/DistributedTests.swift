import Dedup
import Foundation
import PipelineCore
import Testing
@testable import PipelineRunner

/// How a simulated cluster splits and repeats the work of pack → map → shuffle → reduce → finalize.
struct ClusterShape: Sendable, CustomStringConvertible {
    /// Seed that shuffles the input records (0: keep pack's order).
    var shuffleSeed: UInt64
    /// Map partitions.
    var mapPartitions: Int
    /// Reduce partitions (band keys are spread over them by key).
    var reducePartitions: Int
    /// A map partition whose output is written twice, as a retried or speculative task may.
    var repeatedMap: Int?
    /// A reduce partition whose output is written twice.
    var repeatedReduce: Int?

    var description: String {
        "shuffle \(shuffleSeed), \(mapPartitions) map × \(reducePartitions) reduce partitions"
            + (repeatedMap.map { ", map \($0) repeated" } ?? "") + (repeatedReduce.map { ", reduce \($0) repeated" } ?? "")
    }
}

/// Runs the distributed steps in process on `config`'s inputs, shaped like `shape`, and writes
/// the datasets to `output`.
func runDistributed(_ config: PipelineConfig, shape: ClusterShape, work: String, output: String) throws {
    let manager = FileManager.default
    try manager.createDirectory(atPath: work, withIntermediateDirectories: true)
    try PackStep(config: config, perFile: 7).run(out: work + "/packed")

    var records: [String] = []
    for file in try FinalizeStep.files(in: work + "/packed") {
        records += try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init)
    }
    if shape.shuffleSeed != 0 {
        var generator = SeededGenerator(seed: shape.shuffleSeed)
        records.shuffle(using: &generator)
    }

    // Map: each partition through a real stream, as an executor pipes it.
    let map = MapStep(config: config, workers: 2)
    var bands: [String] = []
    try manager.createDirectory(atPath: work + "/docs", withIntermediateDirectories: true)
    for partition in 0..<shape.mapPartitions {
        let slice = records.enumerated().filter { $0.offset % shape.mapPartitions == partition }.map(\.element)
        let lines = try pipe(slice) { input, output in try map.run(input: &input, output: &output) }
        let docs = lines.filter { $0.hasPrefix("D\t") || $0.hasPrefix("R\t") }
        let copies = partition == shape.repeatedMap ? 2 : 1
        for copy in 0..<copies {
            try (docs.joined(separator: "\n") + "\n").write(toFile: work + "/docs/part-\(partition)-\(copy)", atomically: false, encoding: .utf8)
            bands += lines.filter { $0.hasPrefix("B\t") }
        }
    }
    try "".write(toFile: work + "/docs/_SUCCESS", atomically: false, encoding: .utf8)

    // Shuffle: partition band lines by key, sort within partitions (by key only, then a seeded
    // shuffle inside each key's group so the order within a group varies).
    var partitions = [[String]](repeating: [], count: shape.reducePartitions)
    for line in bands {
        let key = line.split(separator: "\t")[1]
        partitions[Int(UInt64(key, radix: 16)! % UInt64(shape.reducePartitions))].append(line)
    }
    let reduce = ReduceStep(config: config)
    try manager.createDirectory(atPath: work + "/pairs", withIntermediateDirectories: true)
    for (index, partition) in partitions.enumerated() {
        var generator = SeededGenerator(seed: UInt64(index) &+ shape.shuffleSeed &+ 1)
        let grouped = Dictionary(grouping: partition) { $0.split(separator: "\t")[1] }
            .sorted { $0.key < $1.key }
            .flatMap { $0.value.shuffled(using: &generator) }
        let pairs = try pipe(grouped) { input, output in try reduce.run(input: &input, output: &output) }
        let copies = index == shape.repeatedReduce ? 2 : 1
        for copy in 0..<copies {
            try (pairs.joined(separator: "\n") + "\n").write(toFile: work + "/pairs/part-\(index)-\(copy)", atomically: false, encoding: .utf8)
        }
    }

    var finalConfig = config
    finalConfig.output.directory = output
    _ = try FinalizeStep(config: finalConfig).run(docs: work + "/docs", pairs: work + "/pairs")
}

/// Streams `lines` through a step via temporary files, as `pipeline map`/`reduce` read stdin.
func pipe(_ lines: [String], _ step: (inout LineReader, inout LineWriter) throws -> Void) throws -> [String] {
    let base = NSTemporaryDirectory() + "pipeline-pipe-" + UUID().uuidString
    defer {
        try? FileManager.default.removeItem(atPath: base + ".in")
        try? FileManager.default.removeItem(atPath: base + ".out")
    }
    try (lines.map { $0 + "\n" }.joined()).write(toFile: base + ".in", atomically: false, encoding: .utf8)
    _ = FileManager.default.createFile(atPath: base + ".out", contents: nil)
    let inHandle = try #require(FileHandle(forReadingAtPath: base + ".in"))
    let outHandle = try #require(FileHandle(forWritingAtPath: base + ".out"))
    var input = LineReader(handle: inHandle, name: "stdin")
    var output = LineWriter(handle: outHandle, name: "stdout")
    try step(&input, &output)
    try inHandle.close()
    try outHandle.close()
    return try String(contentsOfFile: base + ".out", encoding: .utf8).split(separator: "\n").map(String.init)
}

/// Every file of `directory` but run.json, by name.
func datasetFiles(_ directory: String) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: directory) where name != "run.json" && !name.hasPrefix(".") {
        files[name] = FileManager.default.contents(atPath: directory + "/" + name)
    }
    return files
}

@Suite("Distributed steps: pack, map, reduce, finalize give the single-machine datasets")
struct DistributedTests {
    /// The samples plus near copies, an exact copy and a reordered copy of a few of them, under
    /// other names, so that every dedup path (exact, near copy, same story) has work to do.
    static func corpus(_ scratch: Scratch) throws {
        let samples = packageRoot + "/samples"
        for name in try FileManager.default.contentsOfDirectory(atPath: samples) where !name.hasPrefix(".") {
            scratch.write("corpus/originali/" + name, bytes: [UInt8](try #require(FileManager.default.contents(atPath: samples + "/" + name))))
        }
        scratch.write("corpus/copie/esatta.txt", bytes: [UInt8](try #require(FileManager.default.contents(atPath: samples + "/01_nis_perdite_kursk.txt"))))
        let text = try String(contentsOfFile: samples + "/02_cnn_rinforzi_marzo.txt", encoding: .utf8)
        var paragraphs = text.components(separatedBy: "\n\n")
        if paragraphs.count > 3 { paragraphs.swapAt(1, 2) }
        scratch.write("corpus/copie/riordinata.txt", paragraphs.joined(separator: "\n\n") + "\n\nRiproduzione riservata.")
        scratch.write("corpus/copie/tronca.txt", paragraphs.dropLast().joined(separator: "\n\n"))
        scratch.write("corpus/copie/latin1.txt", bytes: Array("Kursk: l'unit\u{E0} ha perso 300 soldati".utf8).map { $0 == 0xC3 ? 0xE0 : $0 }.filter { $0 != 0xA0 })
    }

    static let shapes: [ClusterShape] = [
        ClusterShape(shuffleSeed: 0, mapPartitions: 1, reducePartitions: 1),
        ClusterShape(shuffleSeed: 17, mapPartitions: 1, reducePartitions: 1),
        ClusterShape(shuffleSeed: 5, mapPartitions: 3, reducePartitions: 4),
        ClusterShape(shuffleSeed: 99, mapPartitions: 4, reducePartitions: 3, repeatedMap: 2, repeatedReduce: 1),
    ]

    @Test(arguments: shapes)
    func sameDatasetsAsTheSingleMachineRun(_ shape: ClusterShape) throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        try Self.corpus(scratch)
        scratch.config(#"{"inputs": ["corpus"], "output": {"directory": "single"}, "workers": 2}"#)
        let config = try scratch.load()
        let summary = try Runner(config: config).run()
        #expect(summary.documents > 10)

        try runDistributed(config, shape: shape, work: scratch.path + "/work", output: scratch.path + "/spark")
        let single = try datasetFiles(scratch.path + "/single")
        let spark = try datasetFiles(scratch.path + "/spark")
        #expect(single.keys.sorted() == spark.keys.sorted())
        #expect(single.count == 12)
        for (name, bytes) in single {
            #expect(spark[name] == bytes, "\(name) differs")
        }
        // The exact copy joined its original's cluster: dedup really ran on the pairs.
        let stories = parseCSV(try #require(scratch.read("spark/stories.csv")))
        let duplicates = stories.dropFirst().filter { !$0[6].isEmpty }
        #expect(duplicates.count >= 2)
    }

    @Test func packKeepsEveryByteAndRejects() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.write("in/testo.txt", "Sono stati inviati 11mila soldati.\r\n\tRiga con tabulazione.")
        scratch.write("in/grezzo.bin", bytes: [0xff, 0xfe, 0x00, 0x41])
        scratch.write("in/grande.txt", String(repeating: "soldati ", count: 200))
        scratch.config(#"{"inputs": ["in"], "output": {"directory": "out"}, "stages": {"ingest": {"max_bytes": 1000}}}"#)
        let config = try scratch.load()
        let written = try PackStep(config: config, perFile: 2).run(out: scratch.path + "/packed")
        #expect(written == (records: 3, files: 2))
        var records: [PackedDocument] = []
        for file in try FinalizeStep.files(in: scratch.path + "/packed") {
            for line in try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n") {
                #expect(!line.contains("\t"))
                records.append(try JSONDecoder().decode(PackedDocument.self, from: Data(line.utf8)))
            }
        }
        let byPath = Dictionary(uniqueKeysWithValues: records.map { ($0.path, $0) })
        #expect(byPath["testo.txt"]?.format == .text)
        #expect(try byPath["testo.txt"]?.unpack() == .raw(RawDocument(path: "testo.txt", bytes: Array("Sono stati inviati 11mila soldati.\r\n\tRiga con tabulazione.".utf8))))
        #expect(byPath["grezzo.bin"]?.format == .base64)
        #expect(try byPath["grezzo.bin"]?.unpack() == .raw(RawDocument(path: "grezzo.bin", bytes: [0xff, 0xfe, 0x00, 0x41])))
        #expect(byPath["grande.txt"]?.reject?.reason.hasPrefix("too_large") == true)
    }

    @Test func mapOutputHasNoRawTabsOrNewlinesInsideFields() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.config(#"{"inputs": ["in"], "output": {"directory": "out"}}"#)
        scratch.write("in/a.txt", "x")
        let config = try scratch.load()
        let text = "Kursk\tfronte: sono stati inviati 11mila soldati nordcoreani.\n\nAltri 4.000 sono stati uccisi o feriti."
        let record = String(decoding: try ShuffleLine.makeEncoder().encode(PackedDocument(path: "a\tb.txt", bytes: Array(text.utf8))), as: UTF8.self)
        let lines = try MapStep(config: config, workers: 1).lines(for: record, source: "stdin", lineNumber: 1)
        #expect(lines.first?.hasPrefix("D\t") == true)
        #expect(lines.count == 1 + 32)
        for line in lines {
            #expect(!line.contains("\n"))
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            #expect(fields.count == (line.hasPrefix("D") ? 3 : 4))
        }
        // The result survives the trip through its line.
        let parsed = try ShuffleLine.parse(lines[0][...], decoder: JSONDecoder(), source: "t", lineNumber: 1)
        guard case .document(_, let result) = parsed else {
            Issue.record("not a D line")
            return
        }
        let direct = try DocumentPipeline(config: config).analyze(RawDocument(path: "a\tb.txt", bytes: Array(text.utf8))).result
        #expect(result == direct)
    }

    @Test(arguments: [
        (#"{"path": "a.txt"}"#, "stdin:3: \"content\" is missing"),
        (#"{"path": "a.txt", "format": "base64", "content": "%%%"}"#, "stdin:3: \"content\" is not valid base64"),
        (#"{"id": "d0000000000000000", "path": "a.txt", "content": "ciao"}"#, "stdin:3: \"id\" d0000000000000000 is not the id"),
        ("non è JSON", "stdin:3: not a document record"),
    ])
    func mapNamesTheBadLine(_ line: String, _ message: String) throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.config(#"{"inputs": ["in"], "output": {"directory": "out"}}"#)
        let config = try ConfigLoader.load(path: scratch.path + "/pipeline.json", checkInputs: false)
        let error = #expect(throws: ShuffleError.self) {
            try MapStep(config: config, workers: 1).lines(for: line, source: "stdin", lineNumber: 3)
        }
        #expect(error?.description.hasPrefix(message) == true, "\(String(describing: error))")
    }

    @Test func reduceRefusesAKeyOutsideItsGroup() throws {
        let member = { (id: String) in
            String(decoding: try! ShuffleLine.makeEncoder().encode(BandMember(order: StoryOrder(published: 1, path: id, position: 0, storyID: id), exactHash: 1)), as: UTF8.self)
        }
        let lines = [
            "B\t00000000000000aa\ts1\t" + member("s1"),
            "B\t00000000000000bb\ts2\t" + member("s2"),
            "B\t00000000000000aa\ts3\t" + member("s3"),
        ]
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.config(#"{"inputs": ["in"], "output": {"directory": "out"}}"#)
        let config = try ConfigLoader.load(path: scratch.path + "/pipeline.json", checkInputs: false)
        let error = #expect(throws: ShuffleError.self) {
            _ = try pipe(lines) { input, output in try ReduceStep(config: config).run(input: &input, output: &output) }
        }
        #expect(error == .notGrouped(source: "stdin", line: 3, key: "00000000000000aa"))
    }

    @Test func finalizeRefusesPairsWithoutDocuments() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.config(#"{"inputs": ["in"], "output": {"directory": "out"}}"#)
        scratch.write("docs/part-0", "")
        scratch.write("pairs/part-0", "P\td1-s0\td2-s0\n")
        let config = try ConfigLoader.load(path: scratch.path + "/pipeline.json", checkInputs: false)
        #expect(throws: ShuffleError.unknownStories(count: 2, examples: ["d1-s0", "d2-s0"])) {
            try FinalizeStep(config: config).run(docs: scratch.path + "/docs", pairs: scratch.path + "/pairs")
        }
        #expect(!scratch.exists("out"))
    }
}
