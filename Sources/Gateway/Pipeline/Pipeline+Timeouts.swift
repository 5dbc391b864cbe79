import Compliance
import Dispatch
import Foundation
import ISO20022
import Logging
import Settlement

/// Forwards whose route did not answer in time.
extension Pipeline {
    // MARK: Timeouts

    /// Voids every forward whose route has not answered in time and answers its sender RJCT:
    /// AB05 when the route acknowledged but the creditor side never completed, AB06 when the
    /// route itself never answered.
    public func expireOverdue(now: Date = Date()) async throws -> GroupResult {
        let nowMs = Int64(now.timeIntervalSince1970 * 1000)
        let overdue = try self.runtime.store.overdueForwards(now: nowMs)
        var result = GroupResult()
        guard !overdue.isEmpty else { return result }
        let operations = overdue.compactMap { record in (try? TransferID(record.transferID)).map { LedgerOperation.void(pendingID: $0) } }
        let outcomes = try await self.runtime.ledger.apply(operations)
        var batch = GatewayStore.Batch()
        batch.at = nowMs
        var outputs: [PendingOutput] = []
        for (record, outcome) in zip(overdue, outcomes) {
            var updated = record
            switch outcome {
            // Voided now, or before a crash that came ahead of this sweep's store commit: the
            // same answer either way.
            case .applied, .replayed, .rejected(.alreadyResolved(_, state: .voided)):
                updated.status = "RJCT"
                updated.reason = record.routeAcknowledged ? "AB05" : "AB06"
                updated.narrative = record.routeAcknowledged
                    ? "no final status from the creditor agent within \(self.runtime.configuration.gateway.timeoutSeconds) s"
                    : "route \(record.route ?? "-") did not answer within \(self.runtime.configuration.gateway.timeoutSeconds) s"
            case .rejected(.alreadyResolved(_, let state)):
                updated.status = state == .posted ? "ACSC" : "RJCT"
                updated.reason = updated.status == "RJCT" ? (updated.reason ?? "AB06") : nil
            case .rejected:
                continue
            }
            updated.deadline = nil
            updated.updatedAt = nowMs
            updated.resolvedBy = "timeout"
            batch.payments.append(updated)
            batch.events.append(PaymentEvent(transferID: updated.transferID, messageId: updated.messageId, at: nowMs, kind: "timeout",
                                             detail: "\(updated.status) \(updated.reason ?? ""): \(updated.narrative ?? "")"))
            result.statuses[updated.status, default: 0] += 1
            if let reason = updated.reason { result.reasons[reason, default: 0] += 1 }
            result.transactions += 1
            // Dated by the ledger's void, which a sweep rerun after a crash finds again: the rerun
            // writes the same answer.
            let resolved = outcome.transfer?.resolvedAt
                ?? (try? TransferID(record.transferID)).flatMap { try? self.runtime.ledger.transfer(id: $0)?.resolvedAt }
            self.addStandaloneAnswer(for: updated, kind: "timeout", at: resolved.map(Pipeline.milliseconds(of:)) ?? nowMs, to: &outputs)
        }
        // The answers go out before the store records them: the voids are durable in the
        // ledger, so a crash in between only means this sweep runs again, finds the same
        // records overdue and the same voids done, and writes the same names (first write
        // wins). The other order would lose the answers: the records would no longer be overdue.
        if !outputs.isEmpty { try self.writeOutputs(outputs) }
        try self.runtime.store.commit(batch)
        return result
    }
}
