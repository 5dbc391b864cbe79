import Foundation

/// Where the identifiers seen within the retention window live. ``InMemoryDuplicateStore``
/// serves one process; the gateway will put a durable store behind the same contract.
public protocol DuplicateStore: Sendable {
    /// Atomically: when any of `keys` is already recorded and still within retention, returns
    /// the first such key (in the order given) with its first occurrence and records nothing;
    /// otherwise records `occurrence` under every key and returns `nil`.
    ///
    /// Test and insert are one step, so two copies of a payment arriving together cannot both
    /// be taken as the first.
    func recordIfFirst(_ occurrence: DuplicateOccurrence, under keys: [DuplicateKey], at instant: Date)
        async throws(DuplicateStoreError) -> DuplicateMatch?
}
