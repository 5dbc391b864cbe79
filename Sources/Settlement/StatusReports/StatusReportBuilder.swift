import ISO20022

/// Builds the pacs.002.001.10 status reports the gateway sends back to the instructing agent.
///
/// Every report is an ``ISOMessage`` with a Business Application Header (`Fr` the gateway,
/// `To` the recipient, `BizMsgIdr` = `MsgId`, `MsgDefIdr` `pacs.002.001.10`) and a document
/// whose group header names the gateway as instructing and the recipient as instructed agent.
/// The builder checks its inputs, so that what it returns passes the pacs.002 schema and the
/// gateway's business rules.
public struct StatusReportBuilder: Sendable {
    /// The message definition the builder writes.
    public static let messageDefinition = "pacs.002.001.10"
    /// The message definition the gateway reports on.
    public static let originalMessageDefinition = "pacs.008.001.08"
    /// `OrgnlMsgId` when a rejected message's `MsgId` could not be read (the usual "no
    /// reference" placeholder).
    public static let unknownReference = "NONREF"

    /// The gateway's BIC: `AppHdr/Fr` and every `InstgAgt` of the reports.
    public var gateway: BIC
    /// `AppHdr/BizSvc`, e.g. `swift.cbprplus.02`; omitted when nil.
    public var businessService: String?

    public init(gateway: BIC, businessService: String? = nil) {
        self.gateway = gateway
        self.businessService = businessService
    }

    /// The report on every transaction of one pacs.008.
    ///
    /// `GrpSts` is the transactions' common status, or `PART` when they differ. Each
    /// `TxInfAndSts` copies the original identifiers (InstrId, EndToEndId, TxId, UETR), states
    /// the status, its reason and narrative, and the acceptance time when known.
    ///
    /// - Parameters:
    ///   - original: the pacs.008 as read.
    ///   - outcomes: one per `CdtTrfTxInf`, in the same order.
    ///   - recipient: the agent the report goes to (normally the original instructing agent).
    ///   - messageId: the report's new `MsgId`, e.g. from a ``MessageIDGenerator``.
    ///   - creationDateTime: `CreDtTm` and `AppHdr/CreDt`.
    /// - Throws: ``StatusReportError`` when the outcomes do not fit the original or the
    ///   identifiers, statuses or reasons could not be written validly.
    public func report(
        on original: FIToFICustomerCreditTransferV08, outcomes: [TransactionStatus], to recipient: BIC,
        messageId: String, creationDateTime: ISODateTime = .now()
    ) throws(StatusReportError) -> ISOMessage {
        let group = original.grpHdr
        let transactions = original.cdtTrfTxInf
        guard !transactions.isEmpty else { throw .noTransactions(originalMessageId: group.msgId) }
        guard transactions.count == outcomes.count else {
            throw .outcomeCountMismatch(originalMessageId: group.msgId, transactions: transactions.count,
                                        outcomes: outcomes.count)
        }
        guard MessageIdentifier.isValid(messageId) else { throw .invalidMessageId(messageId) }

        var entries: [PaymentTransaction110] = []
        for (index, (tx, outcome)) in zip(transactions, outcomes).enumerated() {
            guard TransactionStatus.writable.contains(outcome.status) else {
                throw .unsupportedStatus(outcome.status, transaction: index)
            }
            if outcome.status == "RJCT" && outcome.reason == nil {
                throw .rejectionWithoutReason(endToEndId: tx.pmtId.endToEndId, transaction: index)
            }
            let reasons = try StatusReportBuilder.reasons(code: outcome.reason, narrative: outcome.narrative, index: index)
            entries.append(PaymentTransaction110(
                orgnlInstrId: tx.pmtId.instrId,
                orgnlEndToEndId: tx.pmtId.endToEndId,
                orgnlTxId: tx.pmtId.txId,
                orgnlUETR: tx.pmtId.uetr,
                txSts: outcome.status,
                stsRsnInf: reasons,
                accptncDtTm: outcome.acceptance,
                instgAgt: BranchAndFinancialInstitutionIdentification6(bic: self.gateway),
                instdAgt: BranchAndFinancialInstitutionIdentification6(bic: recipient)))
        }
        let statuses = Set(outcomes.map(\.status))
        let groupStatus = statuses.count == 1 ? outcomes[0].status : "PART"
        let originalGroup = OriginalGroupHeader17(
            orgnlMsgId: group.msgId,
            orgnlMsgNmId: StatusReportBuilder.originalMessageDefinition,
            orgnlCreDtTm: group.creDtTm,
            orgnlNbOfTxs: String(transactions.count),
            grpSts: groupStatus)
        return self.message(
            originalGroup: originalGroup, transactions: entries, to: recipient, messageId: messageId,
            creationDateTime: creationDateTime)
    }

    /// The report on a pacs.008 ``ISOMessage``; see ``report(on:outcomes:to:messageId:creationDateTime:)``.
    /// The recipient defaults to the original's AppHdr sender, else its group instructing agent.
    ///
    /// - Throws: ``StatusReportError/notACreditTransfer(messageType:)`` for another message,
    ///   ``StatusReportError/unknownRecipient(originalMessageId:)`` when no recipient is given
    ///   or named by BIC in the original, and the errors of the other form.
    public func report(
        on original: ISOMessage, outcomes: [TransactionStatus], to recipient: BIC? = nil, messageId: String,
        creationDateTime: ISODateTime = .now()
    ) throws(StatusReportError) -> ISOMessage {
        guard case .creditTransfer(let document) = original.body else {
            throw .notACreditTransfer(messageType: original.messageType)
        }
        let transfer = document.fiToFICstmrCdtTrf
        var sender: BIC? = nil
        if case .fiId(let agent)? = original.header?.fr { sender = agent.bic }
        guard let to = recipient ?? sender ?? transfer.grpHdr.instgAgt?.bic ?? transfer.cdtTrfTxInf.first?.instgAgt?.bic else {
            throw .unknownRecipient(originalMessageId: original.messageId)
        }
        return try self.report(on: transfer, outcomes: outcomes, to: to, messageId: messageId,
                               creationDateTime: creationDateTime)
    }

    /// The rejection of a whole message that could not be processed (schema failure, broken
    /// rule): group status `RJCT` with one reason and no transaction blocks.
    ///
    /// What could not be read of the original is made writable rather than refused: a missing
    /// `MsgId` becomes ``unknownReference``, an over-long one is cut to 35 characters, an
    /// unknown message type is taken to be pacs.008.001.08, and an unreadable or invalid
    /// sender BIC leaves the report without `InstdAgt` and without AppHdr (a bare document,
    /// since `AppHdr/To` is mandatory).
    ///
    /// - Parameters:
    ///   - reason: an ExternalStatusReason1Code, e.g. `FF01` for a schema error or a rule's code.
    ///   - narrative: what was wrong, split into 105-character `AddtlInf` lines.
    /// - Throws: ``StatusReportError`` for an unknown reason or an invalid new `MsgId`.
    public func rejection(
        of original: RejectedMessage, reason: String, narrative: String? = nil, messageId: String,
        creationDateTime: ISODateTime = .now()
    ) throws(StatusReportError) -> ISOMessage {
        guard MessageIdentifier.isValid(messageId) else { throw .invalidMessageId(messageId) }
        let reasons = try StatusReportBuilder.reasons(code: reason, narrative: narrative, index: nil)
        let type = original.messageType.flatMap { $0.isEmpty ? nil : $0 } ?? StatusReportBuilder.originalMessageDefinition
        let originalGroup = OriginalGroupHeader17(
            orgnlMsgId: MessageIdentifier.clamped(original.messageId, fallback: StatusReportBuilder.unknownReference),
            orgnlMsgNmId: MessageIdentifier.clamped(type, fallback: StatusReportBuilder.originalMessageDefinition),
            orgnlCreDtTm: original.creationDateTime,
            grpSts: "RJCT",
            stsRsnInf: reasons)
        let recipient = original.sender.flatMap { $0.isValid ? $0 : nil }
        return self.message(originalGroup: originalGroup, transactions: [], to: recipient, messageId: messageId,
                            creationDateTime: creationDateTime)
    }

    /// One transaction of an original message, as the gateway remembers it, with its status.
    public struct ReportedTransaction: Sendable, Hashable {
        public var instructionId: String?
        public var endToEndId: String
        public var transactionId: String?
        public var uetr: UETR?
        public var status: TransactionStatus

        public init(instructionId: String?, endToEndId: String, transactionId: String?, uetr: UETR?, status: TransactionStatus) {
            self.instructionId = instructionId
            self.endToEndId = endToEndId
            self.transactionId = transactionId
            self.uetr = uetr
            self.status = status
        }
    }

    /// A pacs.002 on some transactions of an original pacs.008 known by its identifiers rather
    /// than its model: for answers given later (a route's answer, a timeout, a review) or again
    /// (a re-sent payment). Group status as in ``report(on:outcomes:to:messageId:creationDateTime:)``.
    public func report(
        originalMessageId: String, originalCreation: ISODateTime?, transactions: [ReportedTransaction], to recipient: BIC,
        messageId: String, creationDateTime: ISODateTime = .now()
    ) throws(StatusReportError) -> ISOMessage {
        guard MessageIdentifier.isValid(messageId) else { throw .invalidMessageId(messageId) }
        var entries: [PaymentTransaction110] = []
        for (index, tx) in transactions.enumerated() {
            guard TransactionStatus.writable.contains(tx.status.status) else {
                throw .unsupportedStatus(tx.status.status, transaction: index)
            }
            entries.append(PaymentTransaction110(
                orgnlInstrId: tx.instructionId,
                orgnlEndToEndId: tx.endToEndId,
                orgnlTxId: tx.transactionId,
                orgnlUETR: tx.uetr,
                txSts: tx.status.status,
                stsRsnInf: try StatusReportBuilder.reasons(code: tx.status.reason, narrative: tx.status.narrative, index: index),
                accptncDtTm: tx.status.acceptance,
                instgAgt: BranchAndFinancialInstitutionIdentification6(bic: self.gateway),
                instdAgt: BranchAndFinancialInstitutionIdentification6(bic: recipient)))
        }
        let statuses = Set(transactions.map(\.status.status))
        let originalGroup = OriginalGroupHeader17(
            orgnlMsgId: MessageIdentifier.clamped(originalMessageId, fallback: StatusReportBuilder.unknownReference),
            orgnlMsgNmId: StatusReportBuilder.originalMessageDefinition,
            orgnlCreDtTm: originalCreation,
            grpSts: statuses.count == 1 ? statuses.first : "PART")
        return self.message(originalGroup: originalGroup, transactions: entries, to: recipient, messageId: messageId,
                            creationDateTime: creationDateTime)
    }

    // MARK: Parts

    func message(
        originalGroup: OriginalGroupHeader17, transactions: [PaymentTransaction110], to recipient: BIC?,
        messageId: String, creationDateTime: ISODateTime
    ) -> ISOMessage {
        let header = GroupHeader91(
            msgId: messageId, creDtTm: creationDateTime,
            instgAgt: BranchAndFinancialInstitutionIdentification6(bic: self.gateway),
            instdAgt: recipient.map { BranchAndFinancialInstitutionIdentification6(bic: $0) })
        let document = Pacs002Document(fiToFIPmtStsRpt: FIToFIPaymentStatusReportV10(
            grpHdr: header, orgnlGrpInfAndSts: [originalGroup], txInfAndSts: transactions))
        let appHdr = recipient.map { to in
            BusinessApplicationHeaderV02(
                fr: .institution(self.gateway), to: .institution(to), bizMsgIdr: messageId,
                msgDefIdr: StatusReportBuilder.messageDefinition, bizSvc: self.businessService, creDt: creationDateTime)
        }
        return ISOMessage(header: appHdr, body: .statusReport(document))
    }

    /// `StsRsnInf` for a reason code and narrative: none when both are absent.
    static func reasons(code: String?, narrative: String?, index: Int?) throws(StatusReportError) -> [StatusReasonInformation12] {
        if let code, !ExternalCodeSets.contains(code, in: .statusReason) {
            throw .unknownReasonCode(code, transaction: index)
        }
        let lines = narrative.map { Narrative.lines($0) } ?? []
        guard code != nil || !lines.isEmpty else { return [] }
        return [StatusReasonInformation12(rsn: code.map { .cd($0) }, addtlInf: lines)]
    }
}
