import Foundation
import Synchronization

/// A ``SeenDigests`` store in memory that forgets records older than a retention window.
///
/// Thread-safe: the state is behind a `Mutex`. Expired records are dropped lazily, in a
/// sweep at most once per quarter of the retention window.
public final class InMemorySeenDigests: SeenDigests {
    public typealias Failure = Never

    /// How long a record is remembered.
    public let retention: Duration

    private let now: @Sendable () -> Date
    private let state = Mutex(State())

    private struct State {
        var records: [ContentDigest: SeenRecord] = [:]
        var lastSweep: Date = .distantPast
    }

    /// Creates an empty store.
    /// - Parameters:
    ///   - retention: how long a record is remembered (measured from its `firstSeen`).
    ///   - now: the clock; injectable for tests.
    public init(retention: Duration, now: @escaping @Sendable () -> Date = { Date() }) {
        self.retention = retention
        self.now = now
    }

    private var retentionSeconds: TimeInterval {
        let parts = retention.components
        return TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18
    }

    public func firstSeen(_ digest: ContentDigest) -> SeenRecord? {
        let cutoff = now().addingTimeInterval(-retentionSeconds)
        return state.withLock { state in
            guard let record = state.records[digest], record.firstSeen >= cutoff else { return nil }
            return record
        }
    }

    public func record(_ record: SeenRecord) {
        let current = now()
        let window = retentionSeconds
        let cutoff = current.addingTimeInterval(-window)
        state.withLock { state in
            if current.timeIntervalSince(state.lastSweep) >= window / 4 {
                state.records = state.records.filter { $0.value.firstSeen >= cutoff }
                state.lastSweep = current
            }
            if let existing = state.records[record.digest], existing.firstSeen >= cutoff,
               existing.firstSeen <= record.firstSeen {
                return
            }
            state.records[record.digest] = record
        }
    }

    /// The number of records held (expired ones not yet swept included).
    public var count: Int { state.withLock { $0.records.count } }
}
