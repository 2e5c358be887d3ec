import PipelineCore

extension PipelineConfig {
    /// The canonical form of everything in the config that can change the datasets, as compact
    /// JSON with keys in a fixed order. Paths appear as written (so the same config gives the
    /// same digest on every machine); the worker count and the output directory are left out
    /// because they never change a byte of the datasets; an extra vocabulary file counts by
    /// its content's SHA-256.
    public var canonicalJSON: String {
        let node = JSONNode.object([
            ("version", .integer(1)),
            ("inputs", .array(inputs.map { .string($0.written) })),
            ("output", .object([
                ("formats", .array(output.formats.map { .string($0.rawValue) })),
                ("csv", .object([
                    ("delimiter", .string(String(output.csv.delimiter))),
                    ("bom", .bool(output.csv.bom)),
                ])),
            ])),
            ("stages", perDocumentStagesNode.appending(("dedup", .object([
                ("shingle_size", .integer(dedup.shingleSize)),
                ("permutations", .integer(dedup.permutations)),
                ("bands", .integer(dedup.bands)),
                ("threshold", .number(dedup.threshold)),
            ])))),
        ])
        return node.rendered
    }

    /// SHA-256 of ``canonicalJSON``: the `config_digest` of run.json.
    public var digest: String { SHA256Digest.hex(of: Array(canonicalJSON.utf8)) }

    /// SHA-256 of the options of the per-document stages only (ingest, normalize, extract, and
    /// the fingerprint settings): a per-document result stays valid while this is unchanged.
    public var perDocumentDigest: String {
        let node = perDocumentStagesNode.appending(("fingerprint", .object([
            ("shingle_size", .integer(dedup.shingleSize)),
            ("permutations", .integer(dedup.permutations)),
            ("bands", .integer(dedup.bands)),
        ])))
        return SHA256Digest.hex(of: Array(node.rendered.utf8))
    }

    private var perDocumentStagesNode: JSONNode {
        .object([
            ("ingest", .object([("max_bytes", .integer(ingest.maxBytes)), ("max_depth", .integer(ingest.maxDepth))])),
            ("normalize", .object([])),
            ("extract", .object([
                ("vocabulary_sha256", .string(extract.vocabularySHA256)),
                ("replace_vocabulary", .bool(extract.replaceVocabulary)),
            ])),
        ])
    }
}

extension JSONNode {
    /// This object with one more key at the end (other values are returned unchanged).
    func appending(_ pair: (String, JSONNode)) -> JSONNode {
        guard case .object(let pairs) = self else { return self }
        return .object(pairs + [pair])
    }
}
