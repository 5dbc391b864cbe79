import ISO20022

/// One identity under which a payment must be unique within the retention window.
public struct DuplicateKey: Sendable, Hashable {
    /// Which identifier the key is built from.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// `GrpHdr/MsgId` with the sender: a sender must never reuse a message id.
        case messageID
        /// `PmtId/UETR`, unique across the whole payment chain.
        case uetr
        /// Instructing agent + `EndToEndId` + `TxId`: the agent's own reference for the
        /// transaction. Built only when `TxId` is present, as `EndToEndId` alone is the
        /// customer's reference and not guaranteed unique.
        case transactionReference
    }

    public var kind: Kind
    /// The identifier, normalised (BICs in 11-character form, UETR in lower case).
    public var value: String

    public init(kind: Kind, value: String) {
        self.kind = kind
        self.value = value
    }

    /// The message-id key of a message from `sender` (`unidentified` when the sender has no BIC).
    public static func messageID(_ messageId: String, sender: BIC?) -> DuplicateKey {
        DuplicateKey(kind: .messageID, value: "\(sender?.bic11 ?? "unidentified")|\(messageId)")
    }

    /// The transaction keys of `payment`: its UETR and its agent reference, when present.
    public static func transactionKeys(of payment: PaymentFacts) -> [DuplicateKey] {
        var keys: [DuplicateKey] = []
        if let uetr = payment.uetr {
            keys.append(DuplicateKey(kind: .uetr, value: uetr.rawValue.lowercased()))
        }
        if let txId = payment.txId {
            let agent = payment.instructingAgent?.bic11 ?? "unidentified"
            keys.append(DuplicateKey(kind: .transactionReference, value: "\(agent)|\(payment.endToEndId)|\(txId)"))
        }
        return keys
    }
}
