import ISO20022

/// The facts of one credit transfer that the compliance checks look at, lifted out of the
/// pacs.008 model once so that every check reads the same values.
///
/// Agents are identified by BIC only; an agent given by clearing-system member id or name alone
/// has a `nil` BIC here, and each check documents what it does with a missing value.
public struct PaymentFacts: Sendable, Hashable {
    /// `GrpHdr/MsgId` of the message that carried the transaction.
    public var messageId: String
    /// Who sent the message: the `AppHdr/Fr` BIC, else the group-level `InstgAgt` BIC.
    public var sender: BIC?
    /// `InstgAgt` of the transaction, else of the group header.
    public var instructingAgent: BIC?
    /// `DbtrAgt/FinInstnId/BICFI`.
    public var debtorAgent: BIC?
    /// `CdtrAgt/FinInstnId/BICFI`.
    public var creditorAgent: BIC?
    /// `DbtrAcct/Id`.
    public var debtorAccount: AccountIdentifier?
    /// `CdtrAcct/Id`.
    public var creditorAccount: AccountIdentifier?
    /// `IntrBkSttlmAmt`: the amount that moves between the agents.
    public var amount: Money
    /// `Dbtr/PstlAdr/Ctry`.
    public var debtorCountry: CountryCode?
    /// `Cdtr/PstlAdr/Ctry`.
    public var creditorCountry: CountryCode?
    /// `PmtId/UETR`.
    public var uetr: UETR?
    /// `PmtId/EndToEndId`.
    public var endToEndId: String
    /// `PmtId/TxId`.
    public var txId: String?
    /// `PmtId/InstrId`.
    public var instrId: String?
    /// Where the transaction sits in the message, e.g. `/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]`
    /// (counted from 1, whatever envelope surrounds the document).
    public var path: String

    /// Creates facts directly; tests and non-XML callers use this.
    public init(messageId: String, sender: BIC? = nil, instructingAgent: BIC? = nil, debtorAgent: BIC? = nil,
                creditorAgent: BIC? = nil, debtorAccount: AccountIdentifier? = nil,
                creditorAccount: AccountIdentifier? = nil, amount: Money, debtorCountry: CountryCode? = nil,
                creditorCountry: CountryCode? = nil, uetr: UETR? = nil, endToEndId: String, txId: String? = nil,
                instrId: String? = nil, path: String = PaymentFacts.path(ofTransaction: 1)) {
        self.messageId = messageId
        self.sender = sender
        self.instructingAgent = instructingAgent
        self.debtorAgent = debtorAgent
        self.creditorAgent = creditorAgent
        self.debtorAccount = debtorAccount
        self.creditorAccount = creditorAccount
        self.amount = amount
        self.debtorCountry = debtorCountry
        self.creditorCountry = creditorCountry
        self.uetr = uetr
        self.endToEndId = endToEndId
        self.txId = txId
        self.instrId = instrId
        self.path = path
    }

    /// The facts of the transaction at `index` (counted from 0) of a pacs.008, with the group
    /// header it came under and the message's `AppHdr` when there is one.
    public init(transaction: CreditTransferTransaction39, index: Int, groupHeader: GroupHeader93,
                header: BusinessApplicationHeaderV02? = nil) {
        let groupAgent = groupHeader.instgAgt?.finInstnId.bicfi
        self.init(
            messageId: groupHeader.msgId,
            sender: header.flatMap(Self.senderBIC(of:)) ?? groupAgent,
            instructingAgent: transaction.instgAgt?.finInstnId.bicfi ?? groupAgent,
            debtorAgent: transaction.dbtrAgt.finInstnId.bicfi,
            creditorAgent: transaction.cdtrAgt.finInstnId.bicfi,
            debtorAccount: transaction.dbtrAcct.map { AccountIdentifier($0.id) },
            creditorAccount: transaction.cdtrAcct.map { AccountIdentifier($0.id) },
            amount: transaction.intrBkSttlmAmt,
            debtorCountry: transaction.dbtr.pstlAdr?.ctry,
            creditorCountry: transaction.cdtr.pstlAdr?.ctry,
            uetr: transaction.pmtId.uetr,
            endToEndId: transaction.pmtId.endToEndId,
            txId: transaction.pmtId.txId,
            instrId: transaction.pmtId.instrId,
            path: Self.path(ofTransaction: index + 1))
    }

    /// The facts of every transaction of a pacs.008 message, in document order; empty for any
    /// other message type.
    public static func extract(from message: ISOMessage) -> [PaymentFacts] {
        guard case .creditTransfer(let document) = message.body else { return [] }
        let transfer = document.fiToFICstmrCdtTrf
        return transfer.cdtTrfTxInf.enumerated().map { index, transaction in
            PaymentFacts(transaction: transaction, index: index, groupHeader: transfer.grpHdr, header: message.header)
        }
    }

    /// `/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[position]`, `position` counted from 1.
    public static func path(ofTransaction position: Int) -> String {
        "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[\(position)]"
    }

    private static func senderBIC(of header: BusinessApplicationHeaderV02) -> BIC? {
        guard case .fiId(let institution) = header.fr else { return nil }
        return institution.finInstnId.bicfi
    }
}
