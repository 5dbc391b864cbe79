/// Errors raised while loading sanctions lists or configuring the screener.
///
/// Every case carries the path or values involved, so that `description` alone tells an
/// operator what to fix. Loading errors are fatal at start unless the configuration sets
/// ``ScreeningConfiguration/allowUnscreened``.
public enum ScreeningError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No list paths were configured.
    case noListsConfigured
    /// A configured list file or folder does not exist.
    case listNotFound(path: String)
    /// A list file exists but could not be read.
    case listUnreadable(path: String, reason: String)
    /// A file or folder holds nothing this module knows how to parse.
    case unrecognisedListFormat(path: String)
    /// A list file was read but its content is not in the expected layout.
    case malformedList(path: String, line: Int, reason: String)
    /// A list parsed without error but yielded no entries (an empty download, for example).
    case emptyList(path: String)
    /// The thresholds are out of range or in the wrong order.
    case invalidThresholds(review: Double, block: Double)

    public var description: String {
        switch self {
        case .noListsConfigured:
            return "no sanctions lists configured; refusing to run unscreened (set allowUnscreened to override)"
        case .listNotFound(let path):
            return "sanctions list not found at \(path)"
        case .listUnreadable(let path, let reason):
            return "sanctions list at \(path) could not be read: \(reason)"
        case .unrecognisedListFormat(let path):
            return "no recognised sanctions list format at \(path) (expected OFAC legacy CSV, UN consolidated XML, UK OFSI CSV or EU FSF CSV)"
        case .malformedList(let path, let line, let reason):
            return "sanctions list \(path) is malformed at line \(line): \(reason)"
        case .emptyList(let path):
            return "sanctions list \(path) contains no entries"
        case .invalidThresholds(let review, let block):
            return "invalid screening thresholds: review \(review), block \(block) (need 0 < review <= block <= 1)"
        }
    }
}
