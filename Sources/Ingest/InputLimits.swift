import PipelineCore

/// The first line of defence: size, emptiness, and whether the bytes are text at all.
///
/// Runs before any decoding, so a 2 GB video or an empty file never reaches libxml2.
///
///     try InputLimits.check(Array("Kiev, 13 febbraio".utf8), options: IngestOptions())   // passes
///     try InputLimits.check([0x89, 0x50, 0x4E, 0x47], options: IngestOptions())          // throws .binary
enum InputLimits {
    /// File signatures of common binary formats that sometimes land in an input folder.
    private static let magicNumbers: [[UInt8]] = [
        [0x89, 0x50, 0x4E, 0x47],  // PNG
        [0x47, 0x49, 0x46, 0x38],  // GIF8
        [0xFF, 0xD8, 0xFF],  // JPEG
        [0x25, 0x50, 0x44, 0x46, 0x2D],  // %PDF-
        [0x50, 0x4B, 0x03, 0x04],  // ZIP, DOCX, EPUB
        [0x1F, 0x8B],  // gzip
        [0x7F, 0x45, 0x4C, 0x46],  // ELF
        [0x42, 0x5A, 0x68],  // bzip2
        [0x28, 0xB5, 0x2F, 0xFD],  // zstd
        [0xD0, 0xCF, 0x11, 0xE0],  // OLE (old .doc)
    ]

    /// How many leading bytes are sampled to decide whether a file is binary.
    static let sampleSize = 8192

    /// Throws when the input is too large, empty, or binary.
    static func check(_ bytes: [UInt8], options: IngestOptions) throws(IngestError) {
        guard bytes.count <= options.maxBytes else {
            throw .tooLarge(bytes: bytes.count, limit: options.maxBytes)
        }
        guard bytes.contains(where: { !isSpace($0) }) else { throw .empty }
        for magic in magicNumbers where bytes.starts(with: magic) { throw .binary }
        if EncodingDetector.utf16ByteOrder(bytes) != nil { return }
        let sample = bytes.prefix(sampleSize)
        var control = 0
        for byte in sample where byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C {
            control += 1
        }
        // Text has almost no control bytes; a few stray NULs or escapes are tolerated and removed later.
        if control * 20 > sample.count { throw .binary }
    }

    /// Removes C0 control bytes other than tab, newline, form feed and carriage return.
    ///
    /// Only called on byte-oriented (UTF-8 or single-byte) input, where such bytes never belong to a
    /// multi-byte character. Returns the input unchanged (no copy) when it holds none.
    static func removingControlBytes(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(where: isStrayControl) else { return bytes }
        return bytes.filter { !isStrayControl($0) }
    }

    @inline(__always)
    private static func isStrayControl(_ byte: UInt8) -> Bool {
        byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C
    }

    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C || byte == 0x0B
    }
}
