import FuzzSupport
import Ingest
import PipelineCore

/// Feeds arbitrary bytes to the ingest stage, once as an HTML file and once as a text file.
///
/// A rejected input (`IngestError`) is a correct answer; a trap, a hang or a document whose story
/// offsets fall outside its text is a bug.
func ingestHarness(_ bytes: [UInt8]) {
    let ingest = Ingest()
    for path in ["fuzz.html", "fuzz.txt"] {
        let document: Document
        do {
            document = try ingest.run(RawDocument(path: path, bytes: bytes))
        } catch {
            continue
        }
        let length = document.chars
        for story in document.stories {
            precondition(0 <= story.charStart && story.charStart <= story.charEnd && story.charEnd <= length,
                         "story \(story.id) spans \(story.charStart)..<\(story.charEnd) of \(length) scalars")
        }
    }
}

FuzzDriver.main(
    callback: { data, size in
        ingestHarness(fuzzBytes(data, size))
        return 0
    },
    replay: ingestHarness
)
