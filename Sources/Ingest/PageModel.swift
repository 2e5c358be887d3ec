/// A compact, libxml2-free picture of an HTML page: its elements in document order, the runs of
/// text between block boundaries, and the metadata found along the way.
///
/// Built in one pass over the parsed tree (see ``HTMLReader``); the main-text scorer and the
/// metadata reader work on this model only, so no `xmlDocPtr` outlives the parse.
struct PageModel: Sendable {
    /// One element, in document (pre-)order. `parent` is always smaller than the element's index.
    struct Element: Sendable {
        var tag: HTMLTag
        /// Index of the parent element, or -1 for the root.
        var parent: Int32
        /// One past the index of the last element of this element's subtree.
        var end: Int32
        /// Class/id score adjustment.
        var weight: Int16
        /// Hash of the class attribute (0 when absent), to recognize siblings of the same kind.
        var classKey: UInt64
        /// Property bits, see ``Flags``.
        var flags: Flags
    }

    /// Element property bits.
    struct Flags: OptionSet, Sendable {
        let rawValue: UInt16
        /// Never text: scripts, styles, form controls, head content.
        static let hardRemoved = Flags(rawValue: 1 << 0)
        /// Hidden by attribute or inline style.
        static let hidden = Flags(rawValue: 1 << 1)
        /// Page furniture by tag or role (`nav`, `footer`, `role=navigation`).
        static let furniture = Flags(rawValue: 1 << 2)
        /// Class or id says it is unlikely to be the article (`share`, `related`, `cookie`).
        static let unlikely = Flags(rawValue: 1 << 3)
        /// `itemprop="articleBody"` or `role="main"`/`role="article"`.
        static let articleBody = Flags(rawValue: 1 << 4)
        /// A link with an `href`.
        static let link = Flags(rawValue: 1 << 5)
        /// `itemprop="articleBody"` exactly: the publisher's own mark of the article text.
        static let itemArticleBody = Flags(rawValue: 1 << 6)
    }

    /// A run of text between two block boundaries, stored as a range of ``text``.
    struct Block: Sendable {
        /// The innermost block-level element holding the run.
        var owner: Int32
        /// Byte range in ``text`` (whitespace collapsed, never leading or trailing spaces).
        var start: Int32
        var end: Int32
        /// Unicode scalars in the run.
        var chars: Int32
        /// Scalars inside links.
        var linkChars: Int32
        /// Commas (a sign of running prose).
        var commas: Int32
    }

    var elements: [Element] = []
    var blocks: [Block] = []
    /// UTF-8 bytes of every block, back to back.
    var text: [UInt8] = []
    /// `<meta>` values keyed by their lowercased `property`, `name` or `itemprop`.
    var metas: [(key: String, value: String)] = []
    /// Contents of `<script type="application/ld+json">`.
    var jsonLD: [String] = []
    /// `datetime` attributes of `<time>` elements, with the element index.
    var times: [(element: Int32, value: String)] = []
    /// The `<title>` text.
    var titleText: String?
    /// `<link rel="canonical">` target.
    var canonical: String?

    /// The bytes of a block.
    func bytes(of block: Block) -> ArraySlice<UInt8> {
        text[Int(block.start)..<Int(block.end)]
    }

    /// The text of a block.
    func string(of block: Block) -> String {
        String(decoding: bytes(of: block), as: UTF8.self)
    }

    /// Whether element `inner` lies in the subtree of element `outer` (itself included).
    @inline(__always)
    func isInside(_ inner: Int32, _ outer: Int32) -> Bool {
        inner >= outer && inner < elements[Int(outer)].end
    }
}
