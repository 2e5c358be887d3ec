import CLibXML2
import Foundation
import PipelineCore

/// libxml2's process-wide setup, run exactly once (Swift initializes globals atomically), before
/// the first parse on any thread: `xmlInitParser`, and an external-entity loader that refuses
/// every request, so no DTD, entity or XInclude can reach the file system or the network.
private let libxml2Ready: Void = {
    xmlInitParser()
    xmlSetExternalEntityLoader { _, _, _ in nil }
}()

/// Parses HTML with libxml2 and turns the tree into a ``PageModel``.
///
/// The parser runs with recovery on, network off, errors and warnings suppressed (the last one is
/// kept for the reject message), no implied DTD, and the input's own charset declaration ignored:
/// the bytes handed over are always UTF-8 decoded by ``EncodingDetector``. The `xmlDoc` and the
/// parser context are freed on every path, including a depth-limit rejection.
enum HTMLReader {
    static let parseOptions: Int32 = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_NODEFDTD.rawValue
            | HTML_PARSE_IGNORE_ENC.rawValue)

    /// The nesting depth at which libxml2's HTML parser stops (without `XML_PARSE_HUGE`, which
    /// would also lift its other safety limits).
    static let libxml2MaxDepth = 256

    /// Parses `utf8` and builds the page model.
    static func read(_ utf8: [UInt8], maxDepth: Int) throws(IngestError) -> PageModel {
        try withDocument(utf8, maxDepth: maxDepth) { (doc) throws(IngestError) -> PageModel in
            var builder = PageModelBuilder(maxDepth: maxDepth)
            try builder.walk(doc)
            return builder.model
        }
    }

    /// Parses only, for the benchmark's parse-only mode; returns the number of element nodes.
    static func parseOnly(_ utf8: [UInt8]) -> Int {
        (try? withDocument(utf8, maxDepth: .max) { (doc) throws(IngestError) -> Int in
            Int(xmlChildElementCount(xmlDocGetRootElement(doc)))
        }) ?? 0
    }

    /// Runs `body` on the parsed document and frees it afterwards, whatever happens.
    private static func withDocument<T>(
        _ utf8: [UInt8], maxDepth: Int, _ body: (xmlDocPtr) throws(IngestError) -> T
    ) throws(IngestError) -> T {
        _ = libxml2Ready
        guard let context = htmlNewParserCtxt() else { throw .undecodable("libxml2 could not allocate a parser") }
        defer { htmlFreeParserCtxt(context) }
        let doc: htmlDocPtr? = utf8.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                htmlCtxtReadMemory(context, chars, Int32(buffer.count), nil, "UTF-8", parseOptions)
            }
        }
        guard let doc else {
            let detail = xmlCtxtGetLastError(context).flatMap { error in
                error.pointee.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) }
            }
            throw .undecodable("libxml2 could not parse the HTML" + (detail.map { ": \($0)" } ?? ""))
        }
        defer { xmlFreeDoc(doc) }
        if let error = xmlCtxtGetLastError(context), error.pointee.code == Int32(XML_ERR_INTERNAL_ERROR.rawValue),
            let message = error.pointee.message, String(cString: message).contains("depth")
        {
            // libxml2 stops reading at its own nesting limit; what it kept is not the page.
            throw .tooDeep(limit: min(maxDepth, libxml2MaxDepth))
        }
        return try body(doc)
    }
}

/// The one pass over libxml2's tree that fills a ``PageModel``.
private struct PageModelBuilder {
    let maxDepth: Int
    let vocabulary = PageVocabulary.shared
    var model = PageModel()
    private var verdicts: [UInt64: PageVocabulary.Verdict] = [:]

    // Text state of the block being gathered.
    private var blockStart = 0
    private var blockChars: Int32 = 0
    private var blockLinkChars: Int32 = 0
    private var blockCommas: Int32 = 0
    private var pendingSpace = false
    private var owner: Int32 = -1
    private var linkDepth = 0
    private var headDepth = 0

    private struct Frame {
        var element: Int32
        var previousOwner: Int32
        var isBlock: Bool
        var isLink: Bool
    }
    private var frames: [Frame] = []

    init(maxDepth: Int) {
        self.maxDepth = maxDepth
        model.elements.reserveCapacity(2048)
        model.blocks.reserveCapacity(1024)
        model.text.reserveCapacity(64 * 1024)
        frames.reserveCapacity(64)
    }

    mutating func walk(_ doc: xmlDocPtr) throws(IngestError) {
        guard let root = xmlDocGetRootElement(doc) else { return }
        var node: xmlNodePtr = root
        while true {
            let descend = try enter(node)
            if descend, let child = node.pointee.children {
                node = child
                continue
            }
            leave(node)
            while true {
                if node == root { flush(); return }
                if let next = node.pointee.next { node = next; break }
                guard let parent = node.pointee.parent else { flush(); return }
                node = parent
                leave(node)
            }
        }
    }

    /// Handles a node on the way down; returns whether to visit its children.
    private mutating func enter(_ node: xmlNodePtr) throws(IngestError) -> Bool {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if headDepth == 0, let content = node.pointee.content { appendText(content) }
            return false
        case XML_ELEMENT_NODE:
            break
        default:
            return false
        }
        guard frames.count < maxDepth else { throw .tooDeep(limit: maxDepth) }
        let tag = node.pointee.name.map { HTMLTag.from($0) } ?? .other
        let index = Int32(model.elements.count)
        let parent = frames.last?.element ?? -1
        var element = PageModel.Element(tag: tag, parent: parent, end: index + 1, weight: 0, classKey: 0, flags: [])
        if tag.isHardRemoved { element.flags.insert(.hardRemoved) }
        if tag.isFurniture { element.flags.insert(.furniture) }
        readAttributes(node, tag: tag, into: &element)
        let isBlock = tag.isBlock
        let isLink = element.flags.contains(.link)
        if isBlock { flush() }
        model.elements.append(element)
        frames.append(Frame(element: index, previousOwner: owner, isBlock: isBlock, isLink: isLink))
        if isBlock { owner = index }
        if isLink { linkDepth += 1 }
        switch tag {
        case .title:
            if model.titleText == nil { model.titleText = textContent(node) }
        case .script:
            if isJSONLD(node) { model.jsonLD.append(textContent(node)) }
        default:
            break
        }
        if tag == .head { headDepth += 1 }
        // The head is visited for its metadata, never for text.
        return !element.flags.contains(.hardRemoved) || tag == .head
    }

    /// Handles an element on the way up.
    private mutating func leave(_ node: xmlNodePtr) {
        guard node.pointee.type == XML_ELEMENT_NODE, let frame = frames.popLast() else { return }
        model.elements[Int(frame.element)].end = Int32(model.elements.count)
        if model.elements[Int(frame.element)].tag == .head { headDepth -= 1 }
        if frame.isLink { linkDepth -= 1 }
        if frame.isBlock {
            flush()
            owner = frame.previousOwner
        }
    }

    // MARK: Text

    private mutating func appendText(_ content: UnsafePointer<UInt8>) {
        var i = 0
        let inLink = linkDepth > 0
        while true {
            let byte = content[i]
            if byte == 0 { break }
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C {
                pendingSpace = blockChars > 0
                i += 1
                continue
            }
            if byte >= 0x80 {
                // U+00A0 no-break space reads as a space; U+00AD soft hyphen, U+200B zero-width
                // space and U+FEFF are dropped.
                if byte == 0xC2 && content[i + 1] == 0xA0 { pendingSpace = blockChars > 0; i += 2; continue }
                if byte == 0xC2 && content[i + 1] == 0xAD { i += 2; continue }
                if byte == 0xE2 && content[i + 1] == 0x80 && content[i + 2] == 0x8B { i += 3; continue }
                if byte == 0xEF && content[i + 1] == 0xBB && content[i + 2] == 0xBF { i += 3; continue }
            }
            if pendingSpace {
                model.text.append(0x20)
                blockChars += 1
                if inLink { blockLinkChars += 1 }
                pendingSpace = false
            }
            model.text.append(byte)
            if byte & 0xC0 != 0x80 {
                blockChars += 1
                if inLink { blockLinkChars += 1 }
                if byte == 0x2C { blockCommas += 1 }
            }
            i += 1
        }
    }

    /// Closes the current run of text as a block.
    private mutating func flush() {
        if blockChars > 0 {
            model.blocks.append(
                PageModel.Block(
                    owner: owner, start: Int32(blockStart), end: Int32(model.text.count), chars: blockChars,
                    linkChars: blockLinkChars, commas: blockCommas))
        }
        blockStart = model.text.count
        blockChars = 0
        blockLinkChars = 0
        blockCommas = 0
        pendingSpace = false
    }

    // MARK: Attributes

    private mutating func readAttributes(_ node: xmlNodePtr, tag: HTMLTag, into element: inout PageModel.Element) {
        var attribute = node.pointee.properties
        var metaKey: String?
        var metaContent: String?
        var datetime: String?
        var isCanonical = false
        var href: String?
        let judgesClass = tag.isBlock || tag == .other || tag == .span
        while let attr = attribute {
            defer { attribute = attr.pointee.next }
            guard let name = attr.pointee.name, let value = attr.pointee.children?.pointee.content else {
                if let name = attr.pointee.name, equals(name, "hidden") { element.flags.insert(.hidden) }
                continue
            }
            let length = strlen(value)
            let buffer = UnsafeBufferPointer(start: value, count: length)
            switch name[0] {
            case UInt8(ascii: "c"):
                if equals(name, "class") {
                    element.classKey = StableHash.fnv1a64(bytes: buffer)
                    // Inline elements (links, icons, spans) are judged by their containers.
                    guard judgesClass else { continue }
                    let verdict = self.verdict(buffer)
                    element.weight += verdict.weight
                    if verdict.unlikely { element.flags.insert(.unlikely) }
                } else if equals(name, "content"), tag == .meta {
                    metaContent = String(decoding: buffer, as: UTF8.self)
                }
            case UInt8(ascii: "i"):
                if equals(name, "id") {
                    guard judgesClass else { continue }
                    let verdict = self.verdict(buffer)
                    element.weight += verdict.weight
                    if verdict.unlikely { element.flags.insert(.unlikely) }
                } else if equals(name, "itemprop") {
                    if asciiEqualsIgnoringCase(buffer, "articlebody") { element.flags.formUnion([.articleBody, .itemArticleBody]) }
                    if tag == .meta || tag == .time { metaKey = String(decoding: buffer, as: UTF8.self).lowercased() }
                }
            case UInt8(ascii: "r"):
                if equals(name, "role") {
                    let role = String(decoding: buffer, as: UTF8.self).lowercased()
                    if vocabulary.furnitureRoles.contains(role) { element.flags.insert(.furniture) }
                    if role == "main" || role == "article" { element.flags.insert(.articleBody) }
                } else if equals(name, "rel"), tag == .link {
                    isCanonical = asciiEqualsIgnoringCase(buffer, "canonical")
                }
            case UInt8(ascii: "h"):
                if equals(name, "href") {
                    if tag == .a { element.flags.insert(.link) }
                    if tag == .link { href = String(decoding: buffer, as: UTF8.self) }
                } else if equals(name, "hidden") {
                    element.flags.insert(.hidden)
                }
            case UInt8(ascii: "a"):
                if equals(name, "aria-hidden"), asciiEqualsIgnoringCase(buffer, "true"), !tag.isBlock || tag == .div {
                    element.flags.insert(.hidden)
                }
            case UInt8(ascii: "s"):
                if equals(name, "style"), hidesElement(buffer) { element.flags.insert(.hidden) }
            case UInt8(ascii: "p"):
                if equals(name, "property"), tag == .meta { metaKey = String(decoding: buffer, as: UTF8.self).lowercased() }
            case UInt8(ascii: "n"):
                if equals(name, "name"), tag == .meta, metaKey == nil {
                    metaKey = String(decoding: buffer, as: UTF8.self).lowercased()
                }
            case UInt8(ascii: "d"):
                if equals(name, "datetime") { datetime = String(decoding: buffer, as: UTF8.self) }
            default:
                break
            }
        }
        let index = Int32(model.elements.count)
        if tag == .meta, let metaKey, let metaContent { model.metas.append((metaKey, metaContent)) }
        if tag == .time, let datetime { model.times.append((index, datetime)) }
        if tag == .time, datetime == nil, let metaKey, metaKey == "datepublished", let metaContent {
            model.times.append((index, metaContent))
        }
        if tag == .link, isCanonical, let href, model.canonical == nil { model.canonical = href }
        if (tag == .time || tag == .meta), let metaKey, let datetime { model.metas.append((metaKey, datetime)) }
    }

    private mutating func verdict(_ value: UnsafeBufferPointer<UInt8>) -> PageVocabulary.Verdict {
        let key = StableHash.fnv1a64(bytes: value)
        if let known = verdicts[key] { return known }
        let verdict = vocabulary.verdict(for: value)
        verdicts[key] = verdict
        return verdict
    }

    private func hidesElement(_ style: UnsafeBufferPointer<UInt8>) -> Bool {
        var compact: [UInt8] = []
        compact.reserveCapacity(style.count)
        for c in style where c != 0x20 && c != 0x09 && c != 0x0A { compact.append(c >= 0x41 && c <= 0x5A ? c | 0x20 : c) }
        return Self.contains(compact, Self.displayNone) || Self.contains(compact, Self.visibilityHidden)
    }

    private static let displayNone = Array("display:none".utf8)
    private static let visibilityHidden = Array("visibility:hidden".utf8)

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<start + needle.count].elementsEqual(needle) { return true }
        }
        return false
    }

    private func isJSONLD(_ node: xmlNodePtr) -> Bool {
        var attribute = node.pointee.properties
        while let attr = attribute {
            if let name = attr.pointee.name, equals(name, "type"), let value = attr.pointee.children?.pointee.content {
                return String(cString: value).lowercased().contains("ld+json")
            }
            attribute = attr.pointee.next
        }
        return false
    }

    /// Concatenated text of a node's descendants (for `<title>` and JSON-LD scripts).
    private func textContent(_ node: xmlNodePtr) -> String {
        guard let raw = xmlNodeGetContent(node) else { return "" }
        defer { pipeline_xml_free(raw) }
        return String(cString: raw)
    }

    @inline(__always)
    private func equals(_ name: UnsafePointer<UInt8>, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        let bytes = literal.utf8Start
        for i in 0..<count where name[i] != bytes[i] { return false }
        return name[count] == 0
    }

    private func asciiEqualsIgnoringCase(_ value: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        guard value.count == literal.utf8CodeUnitCount else { return false }
        let bytes = literal.utf8Start
        for i in 0..<value.count {
            let c = value[i]
            if (c >= 0x41 && c <= 0x5A ? c | 0x20 : c) != bytes[i] { return false }
        }
        return true
    }
}
