import Foundation

/// Small text helpers shared by the text and HTML readers.
enum TextCleanup {
    /// NFC form of `text`; skips the work when no character could change (all below U+0300).
    ///
    ///     TextCleanup.nfc("citta\u{300}")   // "città"
    static func nfc(_ text: String) -> String {
        var needsWork = false
        for byte in text.utf8 where byte >= 0xCC {
            needsWork = true
            break
        }
        return needsWork ? text.precomposedStringWithCanonicalMapping : text
    }

    /// Collapses runs of spaces and tabs (and stray line breaks) to one space and trims the ends;
    /// drops soft hyphens and zero-width spaces; reads no-break spaces as spaces.
    ///
    ///     TextCleanup.collapseSpaces("  Kiev,\t13   febbraio ")   // "Kiev, 13 febbraio"
    static func collapseSpaces(_ text: some StringProtocol) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        collapseSpaces(utf8: text.utf8, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Byte-level ``collapseSpaces(_:)`` over well-formed UTF-8, appending to `out`.
    static func collapseSpaces<Bytes: Collection>(utf8 bytes: Bytes, into out: inout [UInt8]) where Bytes.Element == UInt8 {
        var pending = false
        let start = out.count
        var i = bytes.startIndex
        while i != bytes.endIndex {
            let byte = bytes[i]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C || byte == 0x0B {
                pending = out.count > start
                i = bytes.index(after: i)
                continue
            }
            if byte == 0xC2 || byte == 0xE2 || byte == 0xEF {
                let j = bytes.index(after: i)
                let b1: UInt8 = j != bytes.endIndex ? bytes[j] : 0
                let k = j != bytes.endIndex ? bytes.index(after: j) : j
                let b2: UInt8 = k != bytes.endIndex ? bytes[k] : 0
                if byte == 0xC2 && b1 == 0xA0 { pending = out.count > start; i = k; continue }  // U+00A0
                if byte == 0xC2 && b1 == 0xAD { i = k; continue }  // U+00AD soft hyphen
                if byte == 0xE2 && b1 == 0x80 && (b2 == 0xAF || b2 == 0x8B) || byte == 0xE2 && b1 == 0x80 && b2 == 0x87 {
                    // U+202F and U+2007 read as spaces, U+200B is dropped.
                    if b2 != 0x8B { pending = out.count > start }
                    i = bytes.index(after: k)
                    continue
                }
                if byte == 0xEF && b1 == 0xBB && b2 == 0xBF { i = bytes.index(after: k); continue }  // U+FEFF
            }
            if pending { out.append(0x20) }
            pending = false
            out.append(byte)
            i = bytes.index(after: i)
        }
    }

    /// A comparison key: lowercase, typographic quotes and dashes unified, punctuation at the ends
    /// and repeated spaces dropped. `La Corea del Nord intensifica l’invio` and
    /// `la corea del nord intensifica l'invio.` share a key.
    static func key(_ text: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        var pending = false
        for scalar in text.lowercased().unicodeScalars {
            var s = scalar
            switch scalar.value {
            case 0x2018, 0x2019, 0x02BC, 0x00B4, 0x0060, 0x2032: s = "'"
            case 0x201C, 0x201D, 0x00AB, 0x00BB, 0x201E: s = "\""
            case 0x2013, 0x2014, 0x2012, 0x2212: s = "-"
            default: break
            }
            if s.properties.isWhitespace {
                pending = !out.isEmpty
                continue
            }
            if pending { out.append(" ") }
            pending = false
            out.append(s)
        }
        var result = String(out)
        while let last = result.unicodeScalars.last, ".,;:!?\"'".unicodeScalars.contains(last) {
            result.unicodeScalars.removeLast()
        }
        return result
    }

    /// Number of words (runs of letters or digits).
    static func wordCount(_ text: some StringProtocol) -> Int {
        var count = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            let isWord = scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
            if isWord && !inWord { count += 1 }
            inWord = isWord
        }
        return count
    }

    /// Whether the text ends with sentence punctuation (`.`, `…`, `;`, `:`, `,`).
    static func endsWithClosingPunctuation(_ text: some StringProtocol) -> Bool {
        guard let last = text.unicodeScalars.last else { return false }
        return ".;:,\u{2026}".unicodeScalars.contains(last)
    }
}
