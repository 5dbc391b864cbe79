/// Keeps names derived from an input's name (outputs, reports, temporary files, suffixed
/// copies) within the file system's 255-byte limit, whatever the input was called.
enum FileNameFitting {
    /// The longest name a Linux file system takes (`NAME_MAX`).
    static let maximumBytes = 255

    /// `name` itself when it has at most `limit` bytes; otherwise its first bytes (cut at a
    /// character boundary), `~` and 12 hex digits of the SHA-256 of the whole name (fewer when
    /// `limit` is under 13), `limit` bytes at most. Two names that differ anywhere stay different.
    static func fitting(_ name: String, within limit: Int) -> String {
        guard name.utf8.count > limit else { return name }
        let tag = "~" + ContentDigest(of: Array(name.utf8)).hex.prefix(max(0, min(12, limit - 1)))
        var kept = Substring(name)
        while kept.utf8.count > limit - tag.utf8.count, !kept.isEmpty { kept = kept.dropLast() }
        return kept + tag
    }
}
