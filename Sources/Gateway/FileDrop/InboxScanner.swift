/// Lists complete files in `inbox/` and claims them by an atomic rename into `processing/`.
///
/// Operators deliver by writing under a temporary name and renaming, so only complete files
/// are considered: hidden names (leading `.`), names ending in `.tmp` or `.part`, and
/// anything that is not a regular file (directories, symbolic links, devices) are ignored.
///
/// A claim is one `rename` that never replaces: of several claimers (threads or processes)
/// exactly one wins, the others get `nil`. Files left in `processing/` by a run that stopped
/// are listed by ``recoverable()`` and must be processed again.
public struct InboxScanner: Sendable {
    /// The data-root layout.
    public let directories: DropDirectories

    /// Creates a scanner over the given layout (which must already exist).
    public init(directories: DropDirectories) {
        self.directories = directories
    }

    /// Whether a file named `name` is a complete delivery by name alone.
    public static func isCompleteFileName(_ name: String) -> Bool {
        !(name.isEmpty || name.hasPrefix(".") || name.hasSuffix(".tmp") || name.hasSuffix(".part"))
    }

    /// The complete regular files in `inbox/`, oldest first (modification time, then name).
    ///
    /// A file whose name is still in `processing/` (an earlier file of the same name not yet
    /// archived) is left out until that one has moved on, so it is never claimed over it.
    public func eligibleFiles() throws(FileDropError) -> [InboxFile] {
        let busy = Set(try POSIX.list(directories.processing).map(\.name))
        return try POSIX.list(directories.inbox)
            .filter { $0.isRegularFile && Self.isCompleteFileName($0.name) && !busy.contains($0.name) }
            .map { entry in
                InboxFile(
                    name: entry.name, path: POSIX.path(directories.inbox, entry.name), size: entry.size,
                    modifiedSeconds: entry.modifiedSeconds, modifiedNanoseconds: entry.modifiedNanoseconds)
            }
            .sorted(by: InboxFile.claimOrder)
    }

    /// Claims `file` by renaming it into `processing/`.
    ///
    /// - Returns: the claimed file, or `nil` if another claimer took it first (or a file of
    ///   the same name is still in `processing/`; it stays in `inbox/` for a later claim).
    /// - Throws: ``FileDropError`` if the rename fails for another reason.
    public func claim(_ file: InboxFile) throws(FileDropError) -> ClaimedFile? {
        try claim(named: file.name)
    }

    /// Claims the inbox file called `name`; see ``claim(_:)``.
    public func claim(named name: String) throws(FileDropError) -> ClaimedFile? {
        try POSIX.validateComponent(name, operation: .claim)
        guard Self.isCompleteFileName(name) else {
            throw FileDropError(
                .invalidName(reason: "hidden, .tmp and .part files are incomplete deliveries"),
                operation: .claim, path: POSIX.path(directories.inbox, name))
        }
        let source = POSIX.path(directories.inbox, name)
        let destination = POSIX.path(directories.processing, name)
        // No directory flush per claim: a claimer flushes both folders once for its group
        // (`makeClaimsDurable`) before committing anything about the claimed files.
        let outcome: POSIX.RenameOutcome
        do {
            outcome = try POSIX.renameNoReplace(source, destination)
        } catch {
            throw FileDropError(error.kind, operation: .claim, path: source, destination: destination)
        }
        switch outcome {
        case .renamed: return ClaimedFile(name: name, path: destination, isRecovered: false)
        case .destinationExists, .sourceMissing: return nil
        }
    }

    /// Flushes `processing/` and `inbox/`, making the claims made so far durable.
    ///
    /// Call after claiming a group and before its ledger and store commits: once those are
    /// durable, a claim lost in a power cut would put a settled file back in `inbox/`, where
    /// it would be refused as a duplicate and never answered.
    public func makeClaimsDurable() throws(FileDropError) {
        try POSIX.syncDirectory(directories.processing)
        try POSIX.syncDirectory(directories.inbox)
    }

    /// The files left in `processing/` (by a run that stopped before archiving them), oldest
    /// first. Call this at start-up, before claiming, and process each again.
    public func recoverable() throws(FileDropError) -> [ClaimedFile] {
        try POSIX.list(directories.processing)
            .filter { $0.isRegularFile && Self.isCompleteFileName($0.name) }
            .map { entry in
                InboxFile(
                    name: entry.name, path: POSIX.path(directories.processing, entry.name), size: entry.size,
                    modifiedSeconds: entry.modifiedSeconds, modifiedNanoseconds: entry.modifiedNanoseconds)
            }
            .sorted(by: InboxFile.claimOrder)
            .map { ClaimedFile(name: $0.name, path: $0.path, isRecovered: true, size: $0.size) }
    }
}
