import ISO20022
import Settlement

/// Builds the pacs.002.001.10 for a set of payment records of one original message.
///
/// Working from the records (not from the original message) lets the gateway answer the same
/// way after a restart, for a re-sent payment, for a route's answer and for a timeout.
struct StatusReportFactory {
    let gateway: BIC

    func report(originalMessageId: String, originalCreation: ISODateTime?, records: [PaymentRecord], to recipient: BIC,
                messageId: String, now: ISODateTime) -> ISOMessage {
        let statuses = Set(records.map(\.status))
        let groupStatus = statuses.count == 1 ? records.first?.status : "PART"
        let gatewayAgent = StatusReportFactory.agent(self.gateway)
        let recipientAgent = StatusReportFactory.agent(recipient)
        let transactions = records.map { record in
            PaymentTransaction110(
                orgnlInstrId: record.instrId,
                orgnlEndToEndId: record.endToEndId,
                orgnlTxId: record.txId,
                orgnlUETR: record.uetr.map { UETR($0) },
                txSts: record.status,
                stsRsnInf: StatusReportFactory.reasons(record),
                accptncDtTm: record.status == "RJCT" ? nil : ISODateTime(utcMilliseconds: record.updatedAt),
                instgAgt: gatewayAgent,
                instdAgt: recipientAgent)
        }
        let group = OriginalGroupHeader17(
            orgnlMsgId: StatusReportFactory.clamp(originalMessageId),
            orgnlMsgNmId: "pacs.008.001.08",
            orgnlCreDtTm: originalCreation,
            grpSts: groupStatus)
        let document = Pacs002Document(fiToFIPmtStsRpt: FIToFIPaymentStatusReportV10(
            grpHdr: GroupHeader91(msgId: messageId, creDtTm: now, instgAgt: gatewayAgent, instdAgt: recipientAgent),
            orgnlGrpInfAndSts: [group],
            txInfAndSts: transactions))
        let header = BusinessApplicationHeaderV02(
            fr: .fiId(gatewayAgent), to: .fiId(recipientAgent), bizMsgIdr: messageId, msgDefIdr: "pacs.002.001.10",
            creDt: now)
        return ISOMessage(header: header, body: .statusReport(document))
    }

    static func agent(_ bic: BIC) -> BranchAndFinancialInstitutionIdentification6 {
        BranchAndFinancialInstitutionIdentification6(finInstnId: FinancialInstitutionIdentification18(bicfi: bic))
    }

    static func reasons(_ record: PaymentRecord) -> [StatusReasonInformation12] {
        guard let reason = record.reason else { return [] }
        var lines: [String] = []
        var rest = Substring(record.narrative ?? "")
        while !rest.isEmpty && lines.count < 3 {
            lines.append(String(rest.prefix(105)))
            rest = rest.dropFirst(105)
        }
        return [StatusReasonInformation12(rsn: .cd(reason), addtlInf: lines)]
    }

    static func clamp(_ text: String) -> String {
        let trimmed = String(text.prefix(35))
        return trimmed.isEmpty ? "NONREF" : trimmed
    }
}
