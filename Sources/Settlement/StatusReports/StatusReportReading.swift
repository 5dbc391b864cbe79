import ISO20022

/// What an inbound pacs.002 says, flattened for correlation with the payments it reports on.
///
/// The gateway matches each ``Entry`` by ``Entry/originalUETR`` first, then by
/// ``Entry/originalMessageId`` with ``Entry/originalTransactionId`` or
/// ``Entry/originalInstructionId`` (see ``Entry/correlationKeys``). A report without
/// transaction blocks (a whole-message rejection) has no entries; its ``groups`` give the
/// status of every transaction of the original message.
public struct StatusReportReading: Sendable, Hashable {
    /// The status of one original message (`OrgnlGrpInfAndSts`).
    public struct Group: Sendable, Hashable {
        public var originalMessageId: String
        /// E.g. `pacs.008.001.08`.
        public var originalMessageNameId: String
        /// `GrpSts`, including `PART`; nil when the report gives none.
        public var status: String?
        /// The first `StsRsnInf/Rsn` (`Cd`, else `Prtry`).
        public var reason: String?
        /// The `AddtlInf` lines of the first `StsRsnInf`, joined by spaces.
        public var narrative: String?
    }

    /// One transaction's status (`TxInfAndSts`).
    public struct Entry: Sendable, Hashable {
        public var originalUETR: UETR?
        /// `TxInfAndSts/OrgnlGrpInf/OrgnlMsgId`, else that of the report's only
        /// `OrgnlGrpInfAndSts`; nil when neither settles it.
        public var originalMessageId: String?
        public var originalTransactionId: String?
        public var originalInstructionId: String?
        public var originalEndToEndId: String?
        /// `TxSts`, else the group status when the transaction states none (and that is not `PART`).
        public var status: String?
        /// The first `StsRsnInf/Rsn` (`Cd`, else `Prtry`), else the group's when the status came
        /// from the group.
        public var reason: String?
        /// The `AddtlInf` lines of that `StsRsnInf`, joined by spaces.
        public var narrative: String?
        /// `AccptncDtTm`.
        public var acceptance: ISODateTime?

        /// The entry's outcome, when it states a status.
        public var outcome: TransactionStatus? {
            self.status.map { TransactionStatus(status: $0, reason: self.reason, narrative: self.narrative, acceptance: self.acceptance) }
        }

        /// The keys to look the original payment up by, best first: the UETR, then the
        /// original message with the TxId, then with the InstrId.
        public var correlationKeys: [CorrelationKey] {
            var keys: [CorrelationKey] = []
            if let uetr = self.originalUETR { keys.append(.uetr(uetr)) }
            if let messageId = self.originalMessageId {
                if let id = self.originalTransactionId { keys.append(.transactionId(messageId: messageId, id)) }
                if let id = self.originalInstructionId { keys.append(.instructionId(messageId: messageId, id)) }
            }
            return keys
        }
    }

    /// One way to find the payment a status refers to.
    public enum CorrelationKey: Sendable, Hashable {
        /// `OrgnlUETR`: unique across the payment chain.
        case uetr(UETR)
        /// `OrgnlMsgId` + `OrgnlTxId`.
        case transactionId(messageId: String, String)
        /// `OrgnlMsgId` + `OrgnlInstrId`.
        case instructionId(messageId: String, String)
    }

    /// The report's own `GrpHdr/MsgId`.
    public var messageId: String
    /// `GrpHdr/InstgAgt` BIC: who reports.
    public var instructingAgent: BIC?
    public var groups: [Group]
    public var entries: [Entry]

    /// Reads a pacs.002 document.
    public init(_ document: Pacs002Document) {
        let report = document.fiToFIPmtStsRpt
        self.messageId = report.grpHdr.msgId
        self.instructingAgent = report.grpHdr.instgAgt?.bic
        self.groups = report.orgnlGrpInfAndSts.map { group in
            let (reason, narrative) = StatusReportReading.reason(group.stsRsnInf)
            return Group(originalMessageId: group.orgnlMsgId, originalMessageNameId: group.orgnlMsgNmId,
                         status: group.grpSts, reason: reason, narrative: narrative)
        }
        let onlyGroup = self.groups.count == 1 ? self.groups[0] : nil
        self.entries = report.txInfAndSts.map { tx in
            var (reason, narrative) = StatusReportReading.reason(tx.stsRsnInf)
            var status = tx.txSts
            if status == nil, let group = onlyGroup, let groupStatus = group.status, groupStatus != "PART" {
                status = groupStatus
                if reason == nil && narrative == nil { (reason, narrative) = (group.reason, group.narrative) }
            }
            return Entry(
                originalUETR: tx.orgnlUETR,
                originalMessageId: tx.orgnlGrpInf?.orgnlMsgId ?? onlyGroup?.originalMessageId,
                originalTransactionId: tx.orgnlTxId,
                originalInstructionId: tx.orgnlInstrId,
                originalEndToEndId: tx.orgnlEndToEndId,
                status: status,
                reason: reason,
                narrative: narrative,
                acceptance: tx.accptncDtTm)
        }
    }

    /// Reads a pacs.002 message.
    ///
    /// - Throws: ``StatusReportReadingError/notAStatusReport(messageType:messageId:)`` for any
    ///   other message.
    public init(_ message: ISOMessage) throws(StatusReportReadingError) {
        guard case .statusReport(let document) = message.body else {
            throw .notAStatusReport(messageType: message.messageType, messageId: message.messageId)
        }
        self.init(document)
    }

    static func reason(_ reasons: [StatusReasonInformation12]) -> (String?, String?) {
        guard let first = reasons.first else { return (nil, nil) }
        let code: String?
        switch first.rsn {
        case .cd(let value)?: code = value
        case .prtry(let value)?: code = value
        case nil: code = nil
        }
        return (code, Narrative.joined(first.addtlInf))
    }
}
