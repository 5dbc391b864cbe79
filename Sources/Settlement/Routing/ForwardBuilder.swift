import ISO20022

/// Builds the pacs.008.001.08 the gateway sends on: to the next agent of a `forward` route, or
/// to the in-process creditor agent after settling.
///
/// Each transaction is copied unchanged except for the agents: the gateway becomes the
/// instructing agent and the receiver the instructed agent, both at group level (removed from
/// the transaction), and the original instructing agent joins the previous-instructing-agent
/// chain. `UETR`, `EndToEndId`, `TxId` and `InstrId` are preserved. The new group header has a
/// new `MsgId` and `CreDtTm`, `NbOfTxs` the number of transactions, and `TtlIntrBkSttlmAmt`
/// (and `CtrlSum`, when the original had one) their sum. An AppHdr from the gateway to the
/// receiver (`MsgDefIdr` pacs.008.001.08) wraps the document.
public struct ForwardBuilder: Sendable {
    /// The message definition the builder writes.
    public static let messageDefinition = "pacs.008.001.08"

    /// The gateway's BIC: `AppHdr/Fr` and `GrpHdr/InstgAgt`.
    public var gateway: BIC
    /// `AppHdr/BizSvc`, e.g. `swift.cbprplus.02`; omitted when nil.
    public var businessService: String?

    public init(gateway: BIC, businessService: String? = nil) {
        self.gateway = gateway
        self.businessService = businessService
    }

    /// The pacs.008 for a `forward` route, instructing `nextAgent`, carrying one transaction.
    ///
    /// - Parameters:
    ///   - tx: the original transaction.
    ///   - group: the group header of the message that carried it.
    ///   - sender: the original AppHdr `Fr` BIC, taken as the original instructing agent when
    ///     neither the transaction nor the group header names one.
    ///   - nextAgent: the instructed agent, e.g. the route's `nextAgent`.
    ///   - messageId: the new `MsgId` (and `BizMsgIdr`).
    ///   - creationDateTime: the new `CreDtTm` (and `AppHdr/CreDt`).
    /// - Throws: ``ForwardError/invalidMessageId(_:)`` for an unusable `messageId`.
    public func forward(
        _ tx: CreditTransferTransaction39, group: GroupHeader93, sender: BIC? = nil, to nextAgent: BIC,
        messageId: String, creationDateTime: ISODateTime = .now()
    ) throws(ForwardError) -> ISOMessage {
        try self.forward([tx], group: group, sender: sender, to: nextAgent, messageId: messageId, creationDateTime: creationDateTime)
    }

    /// The pacs.008 instructing `nextAgent` with several transactions of one original message,
    /// in the order given.
    ///
    /// All transactions must be in one currency (the group total has one); the caller groups
    /// them so.
    /// - Throws: ``ForwardError/invalidMessageId(_:)`` for an unusable `messageId`,
    ///   ``ForwardError/mixedCurrencies`` when the transactions' currencies differ or their sum
    ///   does not fit, ``ForwardError/noTransactions`` for an empty list.
    public func forward(
        _ transactions: [CreditTransferTransaction39], group: GroupHeader93, sender: BIC? = nil, to nextAgent: BIC,
        messageId: String, creationDateTime: ISODateTime = .now()
    ) throws(ForwardError) -> ISOMessage {
        guard MessageIdentifier.isValid(messageId) else { throw .invalidMessageId(messageId) }
        guard var total = transactions.first?.intrBkSttlmAmt else { throw .noTransactions }
        var copies: [CreditTransferTransaction39] = []
        copies.reserveCapacity(transactions.count)
        for (n, tx) in transactions.enumerated() {
            if n > 0 {
                guard let sum = total.adding(tx.intrBkSttlmAmt) else { throw .mixedCurrencies }
                total = sum
            }
            var copy = tx
            let originalInstructingAgent = tx.instgAgt ?? group.instgAgt ?? sender.map { BranchAndFinancialInstitutionIdentification6(bic: $0) }
            if let originalInstructingAgent, originalInstructingAgent.bic != self.gateway {
                ForwardBuilder.record(originalInstructingAgent, asPreviousOf: &copy)
            }
            copy.instgAgt = nil
            copy.instdAgt = nil
            copies.append(copy)
        }

        let header = GroupHeader93(
            msgId: messageId,
            creDtTm: creationDateTime,
            nbOfTxs: String(copies.count),
            ctrlSum: group.ctrlSum == nil ? nil : total.amount,
            ttlIntrBkSttlmAmt: total,
            // A date at group level may not repeat in a transaction (and a valid input has it
            // in one place only): it stays at group level unless a transaction carries its own.
            intrBkSttlmDt: transactions.contains { $0.intrBkSttlmDt != nil } ? nil : group.intrBkSttlmDt,
            sttlmInf: group.sttlmInf,
            pmtTpInf: group.pmtTpInf,
            instgAgt: BranchAndFinancialInstitutionIdentification6(bic: self.gateway),
            instdAgt: BranchAndFinancialInstitutionIdentification6(bic: nextAgent))
        let document = Pacs008Document(fiToFICstmrCdtTrf: FIToFICustomerCreditTransferV08(grpHdr: header, cdtTrfTxInf: copies))
        let appHdr = BusinessApplicationHeaderV02(
            fr: .institution(self.gateway), to: .institution(nextAgent), bizMsgIdr: messageId,
            msgDefIdr: ForwardBuilder.messageDefinition, bizSvc: self.businessService, creDt: creationDateTime)
        return ISOMessage(header: appHdr, body: .creditTransfer(document))
    }

    /// The pacs.008 as delivered to the creditor agent after in-process settlement: the same
    /// transformation as ``forward(_:group:sender:to:messageId:creationDateTime:)`` with the
    /// creditor agent (`CdtrAgt/FinInstnId/BICFI`) as the instructed agent.
    ///
    /// - Throws: ``ForwardError/creditorAgentWithoutBIC(endToEndId:)`` when the creditor agent
    ///   has no BIC, ``ForwardError/invalidMessageId(_:)`` for an unusable `messageId`.
    public func deliveryToCreditorAgent(
        _ tx: CreditTransferTransaction39, group: GroupHeader93, sender: BIC? = nil, messageId: String,
        creationDateTime: ISODateTime = .now()
    ) throws(ForwardError) -> ISOMessage {
        try self.deliveryToCreditorAgent([tx], group: group, sender: sender, messageId: messageId, creationDateTime: creationDateTime)
    }

    /// One pacs.008 delivering several settled transactions of one original message to their
    /// creditor agent: the first transaction's `CdtrAgt` BIC is the instructed agent, so the
    /// caller groups the transactions by creditor agent (and currency).
    ///
    /// - Throws: as the `forward` of several transactions, and
    ///   ``ForwardError/creditorAgentWithoutBIC(endToEndId:)`` when the first transaction's
    ///   creditor agent has no BIC.
    public func deliveryToCreditorAgent(
        _ transactions: [CreditTransferTransaction39], group: GroupHeader93, sender: BIC? = nil, messageId: String,
        creationDateTime: ISODateTime = .now()
    ) throws(ForwardError) -> ISOMessage {
        guard let first = transactions.first else { throw .noTransactions }
        guard let creditorAgent = first.cdtrAgt.bic else { throw .creditorAgentWithoutBIC(endToEndId: first.pmtId.endToEndId) }
        return try self.forward(transactions, group: group, sender: sender, to: creditorAgent, messageId: messageId,
                                creationDateTime: creationDateTime)
    }

    /// Puts `agent` first in the previous-instructing-agent chain of `tx`, moving existing
    /// entries (with their accounts) one place down.
    ///
    /// pacs.008.001.08 has room for three. When all three are taken the chain is left as it is
    /// (rather than dropping the agent nearest the debtor): the debtor side of the chain stays
    /// intact, and the original instructing agent can still be found in the status report trail
    /// and in the gateway's own records.
    static func record(_ agent: BranchAndFinancialInstitutionIdentification6, asPreviousOf tx: inout CreditTransferTransaction39) {
        guard tx.prvsInstgAgt3 == nil else { return }
        tx.prvsInstgAgt3 = tx.prvsInstgAgt2
        tx.prvsInstgAgt3Acct = tx.prvsInstgAgt2Acct
        tx.prvsInstgAgt2 = tx.prvsInstgAgt1
        tx.prvsInstgAgt2Acct = tx.prvsInstgAgt1Acct
        tx.prvsInstgAgt1 = agent
        tx.prvsInstgAgt1Acct = nil
    }
}
