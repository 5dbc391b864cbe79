import Compliance
import Dispatch
import Foundation
import ISO20022
import Logging
import Settlement

/// pacs.002 from routes: correlation with the forwarded payment, then post or void.
extension Pipeline {
    // MARK: Status reports from routes

    /// - Parameters:
    ///   - digest: the report's SHA-256, which a forward it makes final records.
    ///   - rerunOf: when this input is being processed again after a crash, the time of its
    ///     earlier commit.
    ///   - resolvedForwards: the forwards earlier reports of the same group post or void; a
    ///     later report on one of them is late (it reads the store, which has not heard yet).
    func planStatusReport(_ message: ISOMessage, digest: String, now: Int64, rerunOf: Int64?, operations: inout [LedgerOperation],
                          resolvedForwards: inout Set<String>) throws -> FilePlan {
        let reading = try StatusReportReading(message)
        var plans: [CorrelationPlan] = []
        for entry in reading.entries {
            var record: PaymentRecord? = nil
            if let uetr = entry.originalUETR?.rawValue {
                record = try self.runtime.store.payments(matching: uetr).first { $0.action == "forward" }
            }
            if record == nil, let original = entry.originalMessageId {
                record = try self.runtime.store.forwardedPayment(
                    forwardMessageId: original, txId: entry.originalTransactionId, instrId: entry.originalInstructionId)
            }
            guard let found = record, found.action == "forward" else {
                plans.append(CorrelationPlan(record: nil, entry: entry, action: "unknown", operation: nil))
                continue
            }
            if found.isFinal || resolvedForwards.contains(found.transferID) {
                // Made final by this very report before a crash cut its outputs short: answer
                // again. The record names the report that made it final; any other one was
                // late the first time too, even when it shared that report's group and status.
                // (Records from before `resolvedBy` fall back to the commit time: the first
                // agreeing report of that group made it final.)
                let agrees = ["ACSC", "ACCC", "RJCT"].contains(entry.status ?? "") && entry.status == found.status
                let madeFinalByThis = found.resolvedBy.map { $0 == digest } ?? (found.updatedAt == rerunOf)
                let reanswer = rerunOf != nil && madeFinalByThis && agrees && !resolvedForwards.contains(found.transferID)
                if reanswer { resolvedForwards.insert(found.transferID) }
                plans.append(CorrelationPlan(record: found, entry: entry, action: reanswer ? "reanswer" : "late", operation: nil))
                continue
            }
            let status = entry.status ?? ""
            guard let id = try? TransferID(found.transferID) else { continue }
            switch status {
            case "ACSC", "ACCC":
                resolvedForwards.insert(found.transferID)
                operations.append(.post(pendingID: id))
                plans.append(CorrelationPlan(record: found, entry: entry, action: "post", operation: operations.count - 1))
            case "RJCT":
                resolvedForwards.insert(found.transferID)
                operations.append(.void(pendingID: id))
                plans.append(CorrelationPlan(record: found, entry: entry, action: "void", operation: operations.count - 1))
            default:
                plans.append(CorrelationPlan(record: found, entry: entry, action: "acknowledge", operation: nil))
            }
        }
        return .statusReport(entries: plans)
    }

    func finishCorrelation(_ plan: CorrelationPlan, index: Int, outcomes: [LedgerOutcome], now: Int64, item: Item,
                           outputs: inout [PendingOutput], batch: inout GatewayStore.Batch, result: inout GroupResult) {
        let entry = plan.entry
        let described = "route status \(entry.status ?? "-")\(entry.reason.map { " \($0)" } ?? "") for UETR \(entry.originalUETR?.rawValue ?? "-")"
        guard var record = plan.record else {
            self.runtime.logger.warning("route status matches no forwarded payment", metadata: [
                "file": "\(item.file.name)", "status": "\(described)"])
            batch.events.append(PaymentEvent(transferID: nil, messageId: entry.originalMessageId, at: now, kind: "uncorrelated",
                                             detail: "\(item.file.name): \(described) matches no forwarded payment"))
            return
        }
        switch plan.action {
        case "late":
            self.runtime.logger.warning("late route status recorded, not applied", metadata: [
                "file": "\(item.file.name)", "transfer": "\(record.transferID)", "final": "\(record.status)",
                "status": "\(described)"])
            batch.events.append(PaymentEvent(transferID: record.transferID, messageId: record.messageId, at: now, kind: "late-status",
                                             detail: "\(item.file.name): \(described) arrived after "
                                                + (record.isFinal ? "the payment ended \(record.status)" : "an earlier report of the same group resolved the payment")
                                                + "; recorded, not applied"))
            result.statuses["late", default: 0] += 1
            return
        case "reanswer":
            batch.events.append(PaymentEvent(transferID: record.transferID, messageId: record.messageId, at: now, kind: "rerun",
                                             detail: "\(item.file.name): \(described) answered again with the stored \(record.status)"))
            result.statuses[record.status, default: 0] += 1
            self.answerSender(record, index: index, item: item, outputs: &outputs)
            return
        case "acknowledge":
            record.routeAcknowledged = true
            record.updatedAt = now
            batch.payments.append(record)
            batch.events.append(PaymentEvent(transferID: record.transferID, messageId: record.messageId, at: now, kind: "route-status",
                                             detail: "\(item.file.name): \(described)"))
            return
        default:
            break
        }
        guard let operation = plan.operation else { return }
        switch outcomes[operation] {
        case .applied, .replayed:
            break
        case .rejected(.alreadyResolved(_, let state)) where (plan.action == "post") == (state == .posted):
            // The ledger resolved it as this report asks, but the store never heard: a crash
            // between the two commits of this input's first run. Finish it now.
            break
        case .rejected(.alreadyResolved(_, let state)):
            batch.events.append(PaymentEvent(transferID: record.transferID, messageId: record.messageId, at: now, kind: "late-status",
                                             detail: "\(item.file.name): \(described) arrived after the reservation was \(state); recorded, not applied"))
            return
        case .rejected(let rejection):
            batch.events.append(PaymentEvent(transferID: record.transferID, messageId: record.messageId, at: now, kind: "route-status",
                                             detail: "\(item.file.name): \(described) could not be applied: \(rejection)"))
            return
        }
        if plan.action == "post" {
            record.status = entry.status == "ACCC" ? "ACCC" : "ACSC"
            record.reason = nil
            record.narrative = nil
        } else {
            record.status = "RJCT"
            record.reason = entry.reason ?? "NARR"
            record.narrative = entry.narrative ?? "rejected by route \(record.route ?? "-")"
        }
        record.deadline = nil
        record.routeAcknowledged = true
        record.updatedAt = now
        record.resolvedBy = item.digest
        batch.payments.append(record)
        batch.events.append(PaymentEvent(transferID: record.transferID, messageId: record.messageId, at: now, kind: "final-status",
                                         detail: "\(item.file.name): \(described) → \(record.status)"))
        result.statuses[record.status, default: 0] += 1
        if record.status == "RJCT", let reason = record.reason { result.reasons[reason, default: 0] += 1 }
        if record.status != "RJCT" {
            result.settled[record.currency, default: .zero] = result.settled[record.currency, default: .zero]
                .adding(ExactDecimal(record.amount) ?? .zero) ?? .zero
        }
        self.answerSender(record, index: index, item: item, outputs: &outputs)
    }

    /// The final pacs.002 to the sender of a forwarded payment, named after the route's report
    /// and dated when the record became final.
    private func answerSender(_ record: PaymentRecord, index: Int, item: Item, outputs: inout [PendingOutput]) {
        if let sender = record.sender.map({ BIC($0) }), let directory = try? self.runtime.directories.outboxDirectory(for: sender.rawValue) {
            let report = self.factory.report(originalMessageId: record.messageId, originalCreation: nil, records: [record], to: sender,
                                             messageId: self.answerMessageId(item, kind: "\(index + 1).pacs002", at: record.updatedAt),
                                             now: ISODateTime(utcMilliseconds: record.updatedAt))
            self.addOutput(report, directory: directory, name: self.outputName(item, kind: "\(index + 1).pacs002"), to: &outputs)
        }
    }
}
