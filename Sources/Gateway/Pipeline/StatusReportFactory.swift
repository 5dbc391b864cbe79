import ISO20022
import Settlement

/// The pacs.002 for payment records of one original message, through the Settlement builder.
///
/// Working from the records (not from the original message) lets the gateway answer the same
/// way after a restart, for a re-sent payment, for a route's answer and for a timeout.
struct StatusReportFactory {
    let builder: StatusReportBuilder

    init(gateway: BIC) { self.builder = StatusReportBuilder(gateway: gateway) }

    func report(originalMessageId: String, originalCreation: ISODateTime?, records: [PaymentRecord], to recipient: BIC,
                messageId: String, now: ISODateTime) -> ISOMessage {
        let transactions = records.map { record in
            StatusReportBuilder.ReportedTransaction(
                instructionId: record.instrId, endToEndId: record.endToEndId, transactionId: record.txId,
                uetr: record.uetr.map { UETR($0) },
                status: TransactionStatus(
                    status: record.status, reason: record.reason, narrative: record.narrative,
                    acceptance: record.status == "RJCT" ? nil : ISODateTime(utcMilliseconds: record.updatedAt)))
        }
        do {
            return try self.builder.report(originalMessageId: originalMessageId, originalCreation: originalCreation,
                                           transactions: transactions, to: recipient, messageId: messageId, creationDateTime: now)
        } catch {
            // A reason outside ExternalStatusReason1Code (a route's own code, say) is never a
            // reason to send no answer: it travels as narrative under NARR.
            let narrated = transactions.map { tx in
                var tx = tx
                if let reason = tx.status.reason {
                    tx.status.reason = "NARR"
                    tx.status.narrative = "\(reason): \(tx.status.narrative ?? "")"
                }
                return tx
            }
            // The gateway's message ids are valid and NARR is a listed code: this cannot fail.
            return try! self.builder.report(originalMessageId: originalMessageId, originalCreation: originalCreation,
                                            transactions: narrated, to: recipient, messageId: messageId, creationDateTime: now)
        }
    }
}
