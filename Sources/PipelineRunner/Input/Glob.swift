#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Shell-style patterns for `inputs`: `*`, `?`, `[abc]` within one path component, and `**`
/// for any number of directories.
///
///     Glob.matches("2025/**/*.html", "2025/gennaio/kursk.html")   // true
///     Glob.matches("*.txt", "2025/kursk.txt")                     // false: `*` stays in one component
public enum Glob {
    /// Whether `text` contains a glob character.
    public static func isPattern(_ text: String) -> Bool {
        text.contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }

    /// The longest leading directory of an absolute pattern without glob characters
    /// (`/srv/notizie` for `/srv/notizie/**/*.html`): the root files are searched and named from.
    public static func fixedPrefix(of pattern: String) -> String {
        var fixed: [Substring] = []
        for part in pattern.split(separator: "/", omittingEmptySubsequences: true) {
            if isPattern(String(part)) { break }
            fixed.append(part)
        }
        return "/" + fixed.joined(separator: "/")
    }

    /// Whether the relative `path` matches the relative `pattern`, component by component.
    public static func matches(_ pattern: String, _ path: String) -> Bool {
        let patternParts = pattern.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let pathParts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        return match(patternParts[...], pathParts[...])
    }

    private static func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        guard let head = pattern.first else { return path.isEmpty }
        if head == "**" {
            let rest = pattern.dropFirst()
            var remaining = path
            while true {
                if match(rest, remaining) { return true }
                guard !remaining.isEmpty else { return false }
                remaining = remaining.dropFirst()
            }
        }
        guard let component = path.first, componentMatches(head, component) else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    private static func componentMatches(_ pattern: String, _ name: String) -> Bool {
        fnmatch(pattern, name, FNM_PERIOD) == 0
    }
}
