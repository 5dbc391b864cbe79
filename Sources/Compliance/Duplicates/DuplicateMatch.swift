import Foundation
import ISO20022

/// A payment identifier that was seen before, with a pointer to its first occurrence.
public struct DuplicateMatch: Sendable, Hashable {
    /// The identifier that matched.
    public var key: DuplicateKey
    /// Where and when it was first seen.
    public var first: DuplicateOccurrence

    public init(key: DuplicateKey, first: DuplicateOccurrence) {
        self.key = key
        self.first = first
    }

    /// `true` when the first occurrence was recorded with the same message fingerprint: the
    /// very same message sent again, which the gateway may answer with the status it stored
    /// rather than a fresh rejection.
    public func isReplay(fingerprint: String?) -> Bool {
        guard let fingerprint, let stored = first.fingerprint else { return false }
        return key.kind == .messageID && fingerprint == stored
    }

    /// The rejection: `AM05` (duplication), naming the identifier and the first occurrence.
    ///
    /// `AM05` is used for every kind, as the gateway's single duplicate code; a scheme that
    /// wants the finer `DU01` (message id) or `DU03` (transaction) can map on ``key``'s kind.
    public var outcome: ComplianceOutcome {
        let identifier: String
        switch key.kind {
        case .messageID: identifier = "message id \(first.messageId)"
        case .uetr: identifier = "UETR \(key.value)"
        case .transactionReference: identifier = "instructing agent, EndToEndId and TxId"
        }
        let seen = ISODateTime(utcMilliseconds: Int64((first.firstSeen.timeIntervalSince1970 * 1000).rounded(.down)))
        return ComplianceOutcome(
            reasonCode: "AM05",
            narrative: "duplicate \(identifier): first seen \(seen) in message \(first.messageId) at \(first.path)",
            ruleID: "duplicate.\(key.kind.rawValue)")
    }
}
