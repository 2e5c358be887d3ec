import Foundation
import PipelineCore
@testable import PipelineRunner

/// A temporary directory that tests fill with Italian articles and configs of their own.
struct Scratch {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "pipeline-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes `text` (UTF-8) at a path relative to the scratch directory, creating folders.
    @discardableResult
    func write(_ relative: String, _ text: String) -> String {
        write(relative, bytes: Array(text.utf8))
    }

    /// Writes raw bytes at a path relative to the scratch directory.
    @discardableResult
    func write(_ relative: String, bytes: [UInt8]) -> String {
        let full = path + "/" + relative
        try! FileManager.default.createDirectory(atPath: PathText.parent(full), withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: full, contents: Data(bytes))
        return full
    }

    func read(_ relative: String) -> String? {
        FileManager.default.contents(atPath: path + "/" + relative).map { String(decoding: $0, as: UTF8.self) }
    }

    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path + "/" + relative) }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// A small corpus: two articles, a near copy under another outlet, a binary file.
    func writeCorpus(in folder: String = "notizie") {
        write("\(folder)/kursk.txt", """
             date 2025-01

            Secondo il NIS, nella regione di Kursk sono stati inviati circa 11.000 soldati nordcoreani.

            Almeno 4.000 sono stati uccisi o feriti entro gennaio, ha riferito l'intelligence di Seul.
            """)
        write("\(folder)/2025/missili.html", """
            <html><head><title>Missili su Kharkiv</title></head><body>
            <nav><a href="/">Home</a></nav>
            <article><h1>Missili su Kharkiv</h1><p>Nella notte sono stati lanciati 12 missili balistici; 3 sono stati intercettati.</p>
            <p>Le autorità parlano di "danni ingenti" e di 25 feriti.</p></article>
            <footer>© Testata</footer></body></html>
            """)
        write("\(folder)/ripresa.txt", """
            Secondo il NIS, nella regione di Kursk sono stati inviati circa 11.000 soldati nordcoreani.

            Almeno 4.000 sono stati uccisi o feriti entro gennaio, ha riferito l'intelligence di Seul.
            """)
        write("\(folder)/immagine.html", bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d])
    }

    /// Writes a config file and returns its path.
    @discardableResult
    func config(_ json: String, name: String = "pipeline.json") -> String {
        write(name, json)
    }

    /// Loads a config written in the scratch directory.
    func load(_ name: String = "pipeline.json") throws(PipelineError) -> PipelineConfig {
        try ConfigLoader.load(path: path + "/" + name)
    }
}

/// Parses CSV text written by ``CSVFormat`` (RFC 4180) back into rows of fields.
func parseCSV(_ text: String, delimiter: Character = ",") -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var inQuotes = false
    var iterator = Array(text).makeIterator()
    var pending: Character? = nil
    while let character = pending ?? iterator.next() {
        pending = nil
        if inQuotes {
            if character == "\"" {
                if let next = iterator.next() {
                    if next == "\"" { field.append("\"") } else { inQuotes = false; pending = next }
                } else {
                    inQuotes = false
                }
            } else {
                field.append(character)
            }
        } else if character == "\"" {
            inQuotes = true
        } else if character == delimiter {
            row.append(field)
            field = ""
        } else if character == "\n" {
            row.append(field)
            rows.append(row)
            row = []
            field = ""
        } else {
            field.append(character)
        }
    }
    if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
    return rows
}

/// The package root, derived from this file's path.
let packageRoot: String = {
    var path = #filePath
    for _ in 0..<3 { path = PathText.parent(path) }
    return path
}()
