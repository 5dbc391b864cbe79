import Foundation

/// A complete file waiting in `inbox/`, as listed by ``InboxScanner/eligibleFiles()``.
public struct InboxFile: Sendable, Hashable {
    /// The file name (a single path component).
    public let name: String
    /// The full path in `inbox/`.
    public let path: String
    /// The size in bytes when listed.
    public let size: Int
    /// The modification time, seconds since 1970 (UTC), when listed.
    public let modifiedSeconds: Int
    /// The nanoseconds part of the modification time.
    public let modifiedNanoseconds: Int

    /// The modification time as a `Date` (sub-microsecond precision may be lost).
    public var modificationDate: Date {
        Date(timeIntervalSince1970: Double(modifiedSeconds) + Double(modifiedNanoseconds) / 1e9)
    }

    /// Oldest first: by modification time, then by the name's bytes.
    static func claimOrder(_ left: InboxFile, _ right: InboxFile) -> Bool {
        if left.modifiedSeconds != right.modifiedSeconds { return left.modifiedSeconds < right.modifiedSeconds }
        if left.modifiedNanoseconds != right.modifiedNanoseconds {
            return left.modifiedNanoseconds < right.modifiedNanoseconds
        }
        return left.name.utf8.lexicographicallyPrecedes(right.name.utf8)
    }
}
