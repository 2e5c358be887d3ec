/// Lexical path arithmetic with `/` separators (no file system access, no symlink resolution).
public enum PathText {
    /// `path` made absolute against `base` and normalized (`.` and `..` removed).
    ///
    ///     PathText.absolute("../notizie/./kursk.txt", base: "/srv/pipeline")   // "/srv/notizie/kursk.txt"
    public static func absolute(_ path: String, base: String) -> String {
        normalize(path.hasPrefix("/") ? path : base + "/" + path)
    }

    /// Removes empty, `.` and `..` components of an absolute path.
    public static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The directory holding `path` (`/` for a top-level entry).
    public static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let head = path[..<slash]
        return head.isEmpty ? "/" : String(head)
    }

    /// The last component of `path`.
    public static func name(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// `path` relative to `root` when it lies inside it, else `path` unchanged.
    ///
    ///     PathText.relative("/srv/samples/a/b.txt", to: "/srv/samples")   // "a/b.txt"
    public static func relative(_ path: String, to root: String) -> String {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// The file name without its last extension: `kursk.html` → `kursk`.
    public static func stem(_ path: String) -> String {
        let file = name(path)
        guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return file }
        return String(file[..<dot])
    }
}
