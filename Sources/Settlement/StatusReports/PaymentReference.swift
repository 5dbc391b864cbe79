import ISO20022

/// The identifiers of one credit transfer that the gateway keys on: for idempotency (the same
/// payment sent twice is booked once) and to correlate status reports with the payment.
///
/// Built from a pacs.008 transaction and its group header, or from stored values.
public struct PaymentReference: Sendable, Hashable {
    /// `GrpHdr/MsgId` of the message that carried the transaction.
    public var messageId: String
    /// The instructing agent's BIC: `CdtTrfTxInf/InstgAgt`, else `GrpHdr/InstgAgt`, else the
    /// AppHdr sender when the caller gave one; `nil` when the message names none by BIC.
    public var instructingAgent: BIC?
    /// `PmtId/EndToEndId`: the debtor's reference; not unique (`NOTPROVIDED` is common).
    public var endToEndId: String
    /// `PmtId/TxId`: set by the first instructing agent, unique per that agent.
    public var transactionId: String?
    /// `PmtId/InstrId`: point-to-point, rewritten by each agent.
    public var instructionId: String?
    /// `PmtId/UETR`: unique across the whole payment chain.
    public var uetr: UETR?
    /// `GrpHdr/CreDtTm` of the carrying message.
    public var creationDateTime: ISODateTime

    /// Creates a reference from stored values.
    public init(messageId: String, instructingAgent: BIC?, endToEndId: String, transactionId: String? = nil,
                instructionId: String? = nil, uetr: UETR? = nil, creationDateTime: ISODateTime) {
        self.messageId = messageId
        self.instructingAgent = instructingAgent
        self.endToEndId = endToEndId
        self.transactionId = transactionId
        self.instructionId = instructionId
        self.uetr = uetr
        self.creationDateTime = creationDateTime
    }

    /// The reference of one transaction of a pacs.008.
    ///
    /// - Parameter sender: the AppHdr `Fr` BIC, used as the instructing agent only when neither
    ///   the transaction nor the group header names one.
    public init(transaction tx: CreditTransferTransaction39, group: GroupHeader93, sender: BIC? = nil) {
        self.init(
            messageId: group.msgId,
            instructingAgent: tx.instgAgt?.bic ?? group.instgAgt?.bic ?? sender,
            endToEndId: tx.pmtId.endToEndId,
            transactionId: tx.pmtId.txId,
            instructionId: tx.pmtId.instrId,
            uetr: tx.pmtId.uetr,
            creationDateTime: group.creDtTm)
    }

    /// The references of every transaction of a pacs.008 message, in order; empty for any other
    /// message. The AppHdr sender fills in a missing instructing agent.
    public static func all(in message: ISOMessage) -> [PaymentReference] {
        guard case .creditTransfer(let document) = message.body else { return [] }
        let transfer = document.fiToFICstmrCdtTrf
        var sender: BIC? = nil
        if case .fiId(let agent)? = message.header?.fr { sender = agent.bic }
        return transfer.cdtTrfTxInf.map { PaymentReference(transaction: $0, group: transfer.grpHdr, sender: sender) }
    }

    /// The key under which the gateway stores this payment, the same for every resend of it.
    ///
    /// The UETR when the payment has one (36 characters with hyphens). Otherwise 32 lower-case
    /// hex digits of a stable hash (two FNV-1a 64 passes) over the instructing agent's BIC11
    /// and, with a marker saying which, its `TxId` or else its `EndToEndId`. The two forms
    /// cannot collide: a hash has no hyphens. Without a UETR or TxId, two payments of one agent
    /// reusing an EndToEndId share a key, which is why the fallback prefers TxId.
    public var transferID: String {
        if let uetr = self.uetr { return uetr.rawValue }
        let agent = self.instructingAgent.map { BIC($0.rawValue.uppercased()).bic11 } ?? ""
        let reference = self.transactionId.map { "TX:" + $0 } ?? "E2E:" + self.endToEndId
        return StableHash.hex128(agent + "\u{1F}" + reference)
    }
}
