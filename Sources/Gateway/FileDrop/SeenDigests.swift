import Foundation

/// When and under what name a content digest was first seen.
public struct SeenRecord: Sendable, Hashable, Codable {
    /// The digest of the input's bytes.
    public var digest: ContentDigest
    /// When it was first seen.
    public var firstSeen: Date
    /// The input's file name at that time.
    public var fileName: String

    /// Creates a record.
    public init(digest: ContentDigest, firstSeen: Date, fileName: String) {
        self.digest = digest
        self.firstSeen = firstSeen
        self.fileName = fileName
    }
}

/// A store of the digests of inputs already accepted, to detect duplicate deliveries.
///
/// The in-memory ``InMemorySeenDigests`` keeps records for a retention window; a durable
/// store (from the ledger database) can conform with its own ``Failure`` type.
public protocol SeenDigests: Sendable {
    /// The error a lookup or a record can throw (`Never` for stores that cannot fail).
    associatedtype Failure: Error = Never

    /// The first sighting of `digest` still within retention, or `nil` if it is new.
    func firstSeen(_ digest: ContentDigest) throws(Failure) -> SeenRecord?

    /// Records a sighting. An earlier record of the same digest within retention is kept
    /// (the *first* sighting is what ``firstSeen(_:)`` reports).
    func record(_ record: SeenRecord) throws(Failure)
}
