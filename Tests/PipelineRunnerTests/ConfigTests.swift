import Foundation
import Testing
@testable import PipelineRunner

@Suite("Config: strict decoding, clear messages, sysexits codes")
struct ConfigTests {
    @Test(arguments: [
        (#"{"inputs": ["notizie"], "stages": {"dedup": {"threshold": "high"}}}"#,
         #"pipeline.json: stages.dedup.threshold: expected a number between 0 and 1, got "high""#),
        (#"{"inputs": ["notizie"], "stages": {"dedup": {"threshold": 1.5}}}"#,
         "pipeline.json: stages.dedup.threshold: expected a number between 0 and 1, got 1.5"),
        (#"{"inputs": ["notizie"], "stages": {"dedup": {"treshold": 0.4}}}"#,
         "pipeline.json: stages.dedup.treshold: unknown key (known keys here: shingle_size, permutations, bands, threshold)"),
        (#"{"inputs": ["notizie"], "ouptut": {}}"#,
         "pipeline.json: ouptut: unknown key (known keys here: version, inputs, output, workers, stages)"),
        (#"{"inputs": ["notizie"], "workers": 2.5}"#,
         "pipeline.json: workers: expected an integer between 1 and 1024, got 2.5"),
        (#"{"inputs": ["notizie"], "workers": 0}"#,
         "pipeline.json: workers: expected an integer between 1 and 1024, got 0"),
        (#"{"inputs": ["notizie"], "workers": "quattro"}"#,
         #"pipeline.json: workers: expected an integer between 1 and 1024, got "quattro""#),
        (#"{"inputs": "notizie"}"#,
         #"pipeline.json: inputs: expected a non-empty array of directories, files or glob patterns (strings), got "notizie""#),
        (#"{"inputs": ["notizie", 7]}"#,
         "pipeline.json: inputs[1]: expected a directory, file or glob pattern (a string), got 7"),
        (#"{"inputs": []}"#,
         "pipeline.json: inputs: expected a non-empty array of directories, files or glob patterns (strings), got an empty array"),
        (#"{"output": {"directory": "out"}}"#,
         "pipeline.json: inputs: missing; expected a non-empty array of directories, files or glob patterns (strings)"),
        (#"{"inputs": ["notizie"], "output": {"formats": ["csv", "xlsx"]}}"#,
         #"pipeline.json: output.formats[1]: expected one of "csv", "json", "sqlite", got "xlsx""#),
        (#"{"inputs": ["notizie"], "output": {"csv": {"delimiter": ";;"}}}"#,
         #"pipeline.json: output.csv.delimiter: expected a single character other than a quote or a line break (a string such as "," or ";"), got ";;""#),
        (#"{"inputs": ["notizie"], "output": {"csv": {"bom": "sì"}}}"#,
         #"pipeline.json: output.csv.bom: expected true or false, got "sì""#),
        (#"{"inputs": ["notizie"], "stages": {"normalize": {"lingua": "it"}}}"#,
         "pipeline.json: stages.normalize.lingua: unknown key (this object takes no keys)"),
        (#"{"inputs": ["notizie"], "stages": {"ingest": {"max_bytes": -1}}}"#,
         "pipeline.json: stages.ingest.max_bytes: expected a positive integer (bytes), got -1"),
        (#"{"inputs": ["notizie"], "stages": {"dedup": {"permutations": 100, "bands": 32}}}"#,
         "pipeline.json: stages.dedup.permutations: expected a positive integer that is a multiple of stages.dedup.bands, got 100 (bands: 32)"),
        (#"{"inputs": ["notizie"], "stages": {"extract": {"vocabulary": "manca.tsv"}}}"#,
         #"pipeline.json: stages.extract.vocabulary: expected the path of an existing vocabulary file (a string), got "manca.tsv" (not a readable file)"#),
        (#"{"inputs": ["notizie"], "stages": []}"#,
         "pipeline.json: stages: expected an object, got an array"),
        (#"{"inputs": ["notizie"], "version": 2}"#,
         "pipeline.json: version: expected the integer 1, got 2"),
    ])
    func wrongConfigsNameTheKeyPath(json: String, message: String) throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.writeCorpus()
        scratch.config(json)
        let data = Data(json.utf8)
        #expect(throws: (any Error).self) { try scratch.load() }
        do {
            let file = try ConfigLoader.decode(data, name: "pipeline.json")
            _ = try ConfigLoader.resolve(file, name: "pipeline.json", baseDirectory: scratch.path)
            Issue.record("accepted a wrong config: \(json)")
        } catch {
            #expect(error.description == message)
            #expect(error.exitStatus == .config)
            #expect(error.exitStatus.rawValue == 78)
        }
    }

    @Test func invalidJSONGivesLineAndColumn() {
        do {
            _ = try ConfigLoader.decode(Data("{\n  \"inputs\": [\"notizie\"],\n  \"workers\": quattro\n}".utf8), name: "pipeline.json")
            Issue.record("accepted invalid JSON")
        } catch {
            #expect(error.description.hasPrefix("pipeline.json: not valid JSON:"))
            #expect(error.description.contains("line 3"))
            #expect(error.exitStatus == .config)
        }
    }

    @Test(arguments: ["manca", "manca/**/*.html"])
    func missingInputIsExit66(input: String) {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.config(#"{"inputs": ["\#(input)"]}"#)
        do {
            _ = try scratch.load()
            Issue.record("accepted a missing input")
        } catch {
            #expect(error.exitStatus == .inputMissing)
            #expect(error.exitStatus.rawValue == 66)
            #expect(error.description.contains("inputs[0]: input not found"))
            #expect(error.description.hasPrefix(scratch.path + "/pipeline.json: "))
        }
    }

    @Test func missingConfigFileIsAConfigError() {
        do {
            _ = try ConfigLoader.load(path: "/nonexistent/pipeline.json")
            Issue.record("loaded a missing file")
        } catch {
            #expect(error.exitStatus == .config)
            #expect(error.description == "/nonexistent/pipeline.json: cannot read the config file: no such file")
        }
    }

    @Test func defaultsAreFilledAndPathsResolvedAgainstTheConfigFile() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.writeCorpus()
        scratch.config(#"{"inputs": ["notizie", "\#(scratch.path)/notizie/**/*.html"]}"#, name: "conf/pipeline.json")
        _ = scratch.write("conf/notizie/a.txt", "Inviati 300 soldati.")
        let config = try scratch.load("conf/pipeline.json")
        #expect(config.inputs.map(\.absolute) == [scratch.path + "/conf/notizie", scratch.path + "/notizie/**/*.html"])
        #expect(config.output.directory == scratch.path + "/conf/output")
        #expect(config.output.formats == [.csv, .json])
        #expect(config.output.csv == CSVDialect(delimiter: ",", bom: false))
        #expect(config.workers == ProcessInfo.processInfo.activeProcessorCount)
        #expect(config.dedup.threshold == 0.5)
        #expect(config.digest.count == 64)
    }

    @Test func digestIgnoresWorkersAndOutputButNotStages() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.writeCorpus()
        scratch.config(#"{"inputs": ["notizie"], "workers": 1, "output": {"directory": "a"}}"#, name: "uno.json")
        scratch.config(#"{"inputs": ["notizie"], "workers": 4, "output": {"directory": "b"}}"#, name: "due.json")
        scratch.config(#"{"inputs": ["notizie"], "stages": {"dedup": {"threshold": 0.7}}}"#, name: "tre.json")
        let (one, two, three) = (try scratch.load("uno.json"), try scratch.load("due.json"), try scratch.load("tre.json"))
        #expect(one.digest == two.digest)
        #expect(one.digest != three.digest)
        #expect(one.perDocumentDigest == three.perDocumentDigest)
    }

    @Test func theShippedConfigIsValid() throws {
        let config = try ConfigLoader.load(path: packageRoot + "/pipeline.json")
        #expect(config.inputs.map(\.written) == ["samples"])
        #expect(config.output.formats == [.csv, .json])
    }
}

@Suite("Paths and glob patterns")
struct GlobTests {
    @Test(arguments: [
        ("*.txt", "kursk.txt", true),
        ("*.txt", "2025/kursk.txt", false),
        ("**/*.html", "kursk.html", true),
        ("**/*.html", "2025/gennaio/kursk.html", true),
        ("2025/*/k?rsk.[ht]*", "2025/gennaio/kursk.html", true),
        ("2025/**", "2025/gennaio/kursk.html", true),
        ("*.html", ".nascosto.html", false),
    ])
    func patternMatching(pattern: String, path: String, expected: Bool) {
        #expect(Glob.matches(pattern, path) == expected)
    }

    @Test func fixedPrefixAndPathArithmetic() {
        #expect(Glob.fixedPrefix(of: "/srv/notizie/**/*.html") == "/srv/notizie")
        #expect(PathText.absolute("../notizie/./kursk.txt", base: "/srv/pipeline") == "/srv/notizie/kursk.txt")
        #expect(PathText.relative("/srv/samples/a/b.txt", to: "/srv/samples") == "a/b.txt")
        #expect(PathText.stem("/srv/kursk.notizia.html") == "kursk.notizia")
    }
}
