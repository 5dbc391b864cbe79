import Foundation

/// A ``DuplicateStore`` in memory, forgetting identifiers once they are older than the
/// retention period.
///
/// An actor, so that test-and-record is one isolated step. Expired identifiers are dropped
/// in arrival order as new ones are recorded, so memory stays proportional to the traffic of
/// one retention period.
public actor InMemoryDuplicateStore: DuplicateStore {
    /// How long an identifier stays known, in seconds.
    public let retentionSeconds: Int

    private var occurrences: [DuplicateKey: DuplicateOccurrence] = [:]
    /// Keys in the order they were recorded, for expiry; `expiryHead` is the first still live.
    private var arrivals: [(key: DuplicateKey, at: Date)] = []
    private var expiryHead = 0

    /// - Parameter retentionSeconds: how long identifiers are remembered. The default, 5 days,
    ///   outlives any instant payment and its follow-ups by far; set it to what the scheme's
    ///   uniqueness rules require.
    public init(retentionSeconds: Int = 5 * 86_400) {
        self.retentionSeconds = retentionSeconds
    }

    public func recordIfFirst(_ occurrence: DuplicateOccurrence, under keys: [DuplicateKey], at instant: Date)
        -> DuplicateMatch? {
        expire(now: instant)
        for key in keys {
            if let first = occurrences[key] { return DuplicateMatch(key: key, first: first) }
        }
        for key in keys where occurrences[key] == nil {
            occurrences[key] = occurrence
            arrivals.append((key, instant))
        }
        return nil
    }

    /// The number of identifiers currently remembered.
    public var count: Int { occurrences.count }

    private func expire(now: Date) {
        let cutoff = now.addingTimeInterval(-TimeInterval(retentionSeconds))
        while expiryHead < arrivals.count, arrivals[expiryHead].at <= cutoff {
            occurrences[arrivals[expiryHead].key] = nil
            expiryHead += 1
        }
        if expiryHead >= 1_024, expiryHead * 2 >= arrivals.count {
            arrivals.removeFirst(expiryHead)
            expiryHead = 0
        }
    }
}
