/// The HTML elements ingest tells apart; everything else is ``other`` (treated as inline).
enum HTMLTag: UInt8, Sendable {
    case other
    // structure
    case html, head, body, title, meta, link, base
    // never read as text
    case script, style, noscript, template, svg, math, canvas, iframe, object, embed, video, audio
    case select, option, textarea, input, button
    // page furniture
    case nav, aside, footer, header, form, fieldset, dialog, menu
    // sectioning and blocks
    case main, article, section, div, p, pre, blockquote, address, center, details, summary
    case ul, ol, li, dl, dt, dd, table, thead, tbody, tfoot, tr, td, th, caption
    case figure, figcaption, h1, h2, h3, h4, h5, h6, hr, br
    // inline
    case a, img, time, span

    /// Elements whose content is never text of the page.
    var isHardRemoved: Bool {
        switch self {
        case .script, .style, .noscript, .template, .svg, .math, .canvas, .iframe, .object, .embed,
            .video, .audio, .select, .option, .textarea, .input, .button, .head, .title, .meta, .link, .base:
            true
        default: false
        }
    }

    /// Elements that are page furniture rather than article (skipped unless nothing else is found).
    var isFurniture: Bool {
        switch self {
        case .nav, .aside, .footer, .header, .dialog, .menu: true
        default: false
        }
    }

    /// Elements that start a new paragraph.
    var isBlock: Bool {
        switch self {
        case .html, .body, .nav, .aside, .footer, .header, .form, .fieldset, .dialog, .menu, .main, .article,
            .section, .div, .p, .pre, .blockquote, .address, .center, .details, .summary, .ul, .ol, .li, .dl,
            .dt, .dd, .table, .thead, .tbody, .tfoot, .tr, .td, .th, .caption, .figure, .figcaption,
            .h1, .h2, .h3, .h4, .h5, .h6, .hr, .br:
            true
        default: false
        }
    }

    /// Elements that hold one paragraph of text (their score goes to their container).
    var isParagraph: Bool {
        switch self {
        case .p, .pre, .blockquote, .li, .dt, .dd, .h2, .h3, .h4, .h5, .h6, .figcaption, .address, .caption, .summary:
            true
        default: false
        }
    }

    /// Heading level 1–6, or 0.
    var headingLevel: UInt8 {
        switch self {
        case .h1: 1
        case .h2: 2
        case .h3: 3
        case .h4: 4
        case .h5: 5
        case .h6: 6
        default: 0
        }
    }

    /// Starting score of a container, by kind (a `div` is a likely article holder, a list is not).
    var baseScore: Float {
        switch self {
        case .div, .article, .main: 5
        case .pre, .td, .blockquote, .section: 3
        case .address, .ol, .ul, .dl, .dd, .dt, .li, .form: -3
        case .h1, .h2, .h3, .h4, .h5, .h6, .th: -5
        default: 0
        }
    }

    private static let byName: [String: HTMLTag] = {
        let all: [HTMLTag] = [
            .html, .head, .body, .title, .meta, .link, .base, .script, .style, .noscript, .template, .svg, .math,
            .canvas, .iframe, .object, .embed, .video, .audio, .select, .option, .textarea, .input, .button,
            .nav, .aside, .footer, .header, .form, .fieldset, .dialog, .menu, .main, .article, .section, .div,
            .p, .pre, .blockquote, .address, .center, .details, .summary, .ul, .ol, .li, .dl, .dt, .dd, .table,
            .thead, .tbody, .tfoot, .tr, .td, .th, .caption, .figure, .figcaption, .h1, .h2, .h3, .h4, .h5, .h6,
            .hr, .br, .a, .img, .time, .span,
        ]
        var map: [String: HTMLTag] = [:]
        for tag in all { map["\(tag)"] = tag }
        return map
    }()

    /// Packed first bytes of each known name, for allocation-free lookup of libxml2's C names.
    private static let byPacked: [UInt64: HTMLTag] = {
        var map: [UInt64: HTMLTag] = [:]
        for (name, tag) in byName { map[pack(Array(name.utf8))] = tag }
        return map
    }()

    /// Packs a name of at most 7 ASCII bytes with its length; longer names pack to 0.
    @inline(__always)
    static func pack(_ bytes: [UInt8]) -> UInt64 {
        guard bytes.count <= 7 else { return 0 }
        var value = UInt64(bytes.count) << 56
        for (i, byte) in bytes.enumerated() { value |= UInt64(byte) << (8 * UInt64(i)) }
        return value
    }

    /// The tag for a NUL-terminated lowercase name as libxml2 stores it.
    @inline(__always)
    static func from(_ name: UnsafePointer<UInt8>) -> HTMLTag {
        var value: UInt64 = 0
        var length = 0
        while length < 8 {
            let byte = name[length]
            if byte == 0 { break }
            value |= UInt64(byte) << (8 * UInt64(length))
            length += 1
        }
        if length <= 7 { return byPacked[value | UInt64(length) << 56] ?? .other }
        // The few known names longer than seven letters.
        var bytes: [UInt8] = []
        var i = 0
        while name[i] != 0, i < 12 { bytes.append(name[i]); i += 1 }
        guard name[i] == 0 else { return .other }
        return byName[String(decoding: bytes, as: UTF8.self)] ?? .other
    }
}
