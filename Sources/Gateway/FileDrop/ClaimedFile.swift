/// A file this process owns in `processing/`: either just claimed from `inbox/`, or left
/// there by an earlier run that stopped before archiving it (``isRecovered``).
///
/// The name stays the one the operator gave, so outputs derived from it get the same
/// deterministic names when a recovered file is processed again.
public struct ClaimedFile: Sendable, Hashable {
    /// The file name (as dropped in `inbox/`).
    public let name: String
    /// The full path in `processing/`.
    public let path: String
    /// `true` when the file was found in `processing/` at start-up rather than claimed now;
    /// some of its outputs may already exist.
    public let isRecovered: Bool
    /// The size in bytes when it was listed; 0 when not known (a file claimed by name).
    public let size: Int

    /// Creates a claimed-file value (normally made by ``InboxScanner``).
    public init(name: String, path: String, isRecovered: Bool, size: Int = 0) {
        self.name = name
        self.path = path
        self.isRecovered = isRecovered
        self.size = size
    }

    /// The name without its last extension (`pain001-42.xml` → `pain001-42`), the usual base
    /// for deterministic output names.
    public var stem: String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}
