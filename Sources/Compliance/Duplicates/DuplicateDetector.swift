import Foundation
import ISO20022

/// Finds payments already seen within the retention window: the same `MsgId` from the same
/// sender, the same UETR, or the same instructing agent + `EndToEndId` + `TxId`.
///
/// Checking records: the first occurrence of every identifier is remembered whatever happens
/// to the payment afterwards, so a resubmission of a rejected payment is caught too and the
/// gateway can answer it from the status it already sent. A message id is checked once per
/// message (all its transactions share it); transaction identifiers are checked per
/// transaction, so two transactions of one message with the same UETR are caught as well.
public struct DuplicateDetector: Sendable {
    public let store: any DuplicateStore
    private let now: @Sendable () -> Date

    /// - Parameters:
    ///   - store: where seen identifiers live, with their retention.
    ///   - now: the clock; tests inject one they can move.
    public init(store: any DuplicateStore = InMemoryDuplicateStore(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.now = now
    }

    /// Checks and records the transactions of one message (as ``PaymentFacts/extract(from:)``
    /// returns them), answering one verdict per transaction in the same order.
    ///
    /// When the message id was seen before, every transaction is a duplicate of that message
    /// and none of their identifiers is recorded.
    ///
    /// - Parameter fingerprint: a digest of the message's content, stored with the first
    ///   occurrence so that ``DuplicateMatch/isReplay(fingerprint:)`` can tell a replay of the
    ///   same message from a new message reusing its id.
    /// - Throws: ``DuplicateStoreError`` when the store fails.
    public func check(message transactions: [PaymentFacts], fingerprint: String? = nil)
        async throws(DuplicateStoreError) -> [DuplicateVerdict] {
        guard let head = transactions.first else { return [] }
        let instant = now()
        let messageOccurrence = DuplicateOccurrence(
            messageId: head.messageId, sender: head.sender, path: "/Document/FIToFICstmrCdtTrf/GrpHdr",
            firstSeen: instant, fingerprint: fingerprint)
        let messageKey = DuplicateKey.messageID(head.messageId, sender: head.sender)
        if let match = try await store.recordIfFirst(messageOccurrence, under: [messageKey], at: instant) {
            return Array(repeating: .duplicate(match), count: transactions.count)
        }
        var verdicts: [DuplicateVerdict] = []
        verdicts.reserveCapacity(transactions.count)
        for payment in transactions {
            let occurrence = DuplicateOccurrence(
                messageId: payment.messageId, sender: payment.sender, path: payment.path,
                firstSeen: instant, fingerprint: fingerprint)
            let keys = DuplicateKey.transactionKeys(of: payment)
            if keys.isEmpty {
                verdicts.append(.unique)
            } else if let match = try await store.recordIfFirst(occurrence, under: keys, at: instant) {
                verdicts.append(.duplicate(match))
            } else {
                verdicts.append(.unique)
            }
        }
        return verdicts
    }
}
