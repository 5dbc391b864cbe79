import Compliance
import Dispatch
import Foundation
import ISO20022
import Logging
import Settlement

/// Stage D of a group: turning decisions and ledger outcomes into records, statuses and outputs.
extension Pipeline {
    // MARK: Stage D: answer each input

    /// What stage D gathers from a group's plans: the store's batch, the outputs, the counts,
    /// and where each input goes.
    struct GroupAnswers {
        var batch = GatewayStore.Batch()
        var outputs: [PendingOutput] = []
        var result = GroupResult()
        var errorFiles: [(ClaimedFile, ErrorReport)] = []
        var archiveFiles: [ClaimedFile] = []
        /// The records finished so far in the group, by transfer id: a re-send later in the
        /// group is answered with its payment's final record.
        var finished: [String: PaymentRecord] = [:]

        init(files: Int, at: Int64) {
            self.batch.at = at
            self.result.files = files
        }
    }

    /// Stage D for one input: its statuses, outputs and records, and whether it goes to
    /// archive/ or error/. `limitSettlements` gathers the plans whose limit usage becomes final
    /// once the group's records commit. It cannot fail: the group's ledger transaction has
    /// committed, and what it reports must reach the store.
    func answer(_ item: Item, plan: FilePlan, outcomes: [LedgerOutcome], finishedAt: Int64, answeredAt: Int64,
                into answers: inout GroupAnswers, limitSettlements: inout [TransactionPlan]) {
        let latency = max(0, finishedAt - item.claimedAt) * 1000
        switch plan {
        case .error(let reason, let code, let detail):
            answers.errorFiles.append((item.file, ErrorReport(file: item.file.name, reason: reason, code: code, detail: detail,
                                                              sha256: item.digest.isEmpty ? nil : item.digest)))
            if !item.digest.isEmpty, code != "DUPLICATE" {
                answers.batch.inputs.append((item.digest, item.file.name, "error", latency))
            }
        case .invalid(let rejected, let reason, let narrative):
            let messageId = self.answerMessageId(item, kind: "pacs002", at: answeredAt)
            if let sender = rejected.sender, let message = try? self.runtime.statusReports.rejection(
                of: rejected, reason: reason, narrative: narrative, messageId: messageId, creationDateTime: ISODateTime(utcMilliseconds: answeredAt)),
                let directory = try? self.runtime.directories.outboxDirectory(for: sender.rawValue)
            {
                self.addOutput(message, directory: directory, name: self.outputName(item, kind: "pacs002"), to: &answers.outputs)
            }
            answers.batch.inputs.append((item.digest, item.file.name, "invalid", latency))
            answers.batch.events.append(PaymentEvent(transferID: nil, messageId: rejected.messageId, at: finishedAt, kind: "rejected-message",
                                                     detail: "\(item.file.name): \(reason) \(narrative)"))
            answers.result.statuses["RJCT", default: 0] += 1
            answers.result.reasons[reason, default: 0] += 1
            answers.archiveFiles.append(item.file)
        case .creditTransfer(let messageId, let creation, let sender, let transactions):
            self.answerCreditTransfer(item, messageId: messageId, creation: creation, sender: sender, transactions: transactions,
                                      outcomes: outcomes, finishedAt: finishedAt, answeredAt: answeredAt, latency: latency,
                                      into: &answers, limitSettlements: &limitSettlements)
        case .statusReport(let entries):
            for (n, plan) in entries.enumerated() {
                self.finishCorrelation(plan, index: n, outcomes: outcomes, now: finishedAt, item: item,
                                           outputs: &answers.outputs, batch: &answers.batch, result: &answers.result)
            }
            answers.batch.inputs.append((item.digest, item.file.name, "pacs.002", latency))
            answers.archiveFiles.append(item.file)
        }
    }

    /// A pacs.008's transactions finished in order, its deliveries to creditor agents, and the
    /// sender's pacs.002 for all of them.
    private func answerCreditTransfer(_ item: Item, messageId: String, creation: ISODateTime, sender: BIC?,
                                      transactions: [TransactionPlan], outcomes: [LedgerOutcome], finishedAt: Int64,
                                      answeredAt: Int64, latency: Int64, into answers: inout GroupAnswers,
                                      limitSettlements: inout [TransactionPlan]) {
        var records: [PaymentRecord] = []
        var deliveries: [TransactionPlan] = []
        for var plan in transactions {
            if case .sameAsEarlier(let transferID) = plan.decision {
                plan.decision = answers.finished[transferID].map { .known($0, rerun: false) }
                    ?? .status("RJCT", reason: "AM05", narrative: "duplicate of transfer \(transferID) in this group")
            }
            self.finish(&plan, outcomes: outcomes, now: finishedAt, answeredAt: answeredAt, latency: latency, item: item,
                        outputs: &answers.outputs, deliveries: &deliveries, batch: &answers.batch, result: &answers.result)
            answers.finished[plan.record.transferID] = plan.record
            records.append(plan.record)
            if plan.reservation != nil {
                self.recordLimitUsage(plan, at: finishedAt, in: &answers.batch)
                limitSettlements.append(plan)
            }
        }
        self.addDeliveries(deliveries, item: item, answeredAt: answeredAt, to: &answers.outputs)
        if let recipient = sender {
            let report = self.factory.report(
                originalMessageId: messageId, originalCreation: creation, records: records, to: recipient,
                messageId: self.answerMessageId(item, kind: "pacs002", at: answeredAt), now: ISODateTime(utcMilliseconds: answeredAt))
            if let directory = try? self.runtime.directories.outboxDirectory(for: recipient.rawValue) {
                self.addOutput(report, directory: directory, name: self.outputName(item, kind: "pacs002"), to: &answers.outputs)
            } else {
                answers.batch.events.append(PaymentEvent(transferID: nil, messageId: messageId, at: finishedAt, kind: "unanswerable",
                                                         detail: "\(item.file.name): no pacs.002, '\(recipient.rawValue)' cannot name an outbox folder"))
            }
        }
        answers.batch.inputs.append((item.digest, item.file.name, "pacs.008", latency))
        if let sender { answers.batch.messages.append((sender.rawValue, messageId, item.digest)) }
        answers.archiveFiles.append(item.file)
    }

    // MARK: Stage D: finish one transaction

    /// - Parameters:
    ///   - now: the time of this commit, for records and events.
    ///   - answeredAt: the time the answers carry (the first commit's, in a rerun); `now` if nil.
    ///   - deliveries: gathers the payments settled in process, whose creditor agents
    ///     ``addDeliveries(_:item:answeredAt:to:)`` then sends one pacs.008 per input.
    func finish(_ plan: inout TransactionPlan, outcomes: [LedgerOutcome], now: Int64, answeredAt: Int64? = nil, latency: Int64,
                item: Item, outputs: inout [PendingOutput], deliveries: inout [TransactionPlan],
                batch: inout GatewayStore.Batch, result: inout GroupResult) {
        let answeredAt = answeredAt ?? now
        let forwardKind = "\(plan.index + 1).pacs008"
        var record = plan.record
        record.updatedAt = now
        let kindForEvent: String
        switch plan.decision {
        case .status(let status, let reason, let narrative):
            record.status = status
            record.reason = reason
            record.narrative = narrative
            kindForEvent = "status"
        case .sameAsEarlier(let transferID):
            // `commit` turns this into `.known` with the earlier payment's final record first.
            record.status = "RJCT"
            record.reason = "AM05"
            record.narrative = "duplicate of transfer \(transferID) in this group"
            kindForEvent = "status"
        case .hold(let narrative):
            record.status = "PDNG"
            record.reason = "NARR"
            record.narrative = narrative
            kindForEvent = "held"
        case .settle(let operation):
            switch outcomes[operation] {
            case .applied, .replayed:
                record.status = "ACSC"
                result.settled[record.currency, default: .zero] = result.settled[record.currency, default: .zero]
                    .adding(ExactDecimal(record.amount) ?? .zero) ?? .zero
                deliveries.append(plan)
            case .rejected(let rejection):
                record.status = "RJCT"
                record.reason = rejection.isoReasonCode ?? "AM04"
                record.narrative = rejection.description
            }
            kindForEvent = "settlement"
        case .forward(let route, let nextAgent, let operation):
            switch outcomes[operation] {
            case .applied(let transfer), .replayed(let transfer):
                if transfer.state == .pending {
                    record.status = "ACSP"
                    let forwardId = self.answerMessageId(item, kind: forwardKind, at: answeredAt)
                    record.forwardMessageId = forwardId
                    if let message = try? self.runtime.forwards.forward(
                        plan.transaction, group: plan.group, sender: plan.sender, to: nextAgent, messageId: forwardId,
                        creationDateTime: ISODateTime(utcMilliseconds: answeredAt)),
                        let directory = try? self.runtime.directories.outboundDirectory(for: route)
                    {
                        self.addOutput(message, directory: directory, name: self.outputName(item, kind: forwardKind), to: &outputs)
                    }
                } else {
                    record.status = transfer.state == .posted ? "ACSC" : "RJCT"
                    record.deadline = nil
                }
            case .rejected(let rejection):
                record.status = "RJCT"
                record.reason = rejection.isoReasonCode ?? "AM04"
                record.narrative = rejection.description
                record.deadline = nil
            }
            kindForEvent = "forward"
        case .known(let existing, let rerun):
            if rerun, existing.status == "ACSP", existing.action == "forward", let forwardId = existing.forwardMessageId,
               let route = existing.route, case .forward(let nextAgent)? = self.runtime.configuration.routes.first(where: { $0.name == route })?.action,
               let message = try? self.runtime.forwards.forward(plan.transaction, group: plan.group, sender: plan.sender, to: nextAgent,
                                                               messageId: forwardId, creationDateTime: ISODateTime(utcMilliseconds: answeredAt)),
               let directory = try? self.runtime.directories.outboundDirectory(for: route)
            {
                self.addOutput(message, directory: directory, name: self.outputName(item, kind: forwardKind), to: &outputs)
            }
            plan.record = existing
            if rerun, existing.status == "ACSC", existing.action == "settle" { deliveries.append(plan) }
            batch.events.append(PaymentEvent(transferID: existing.transferID, messageId: existing.messageId, at: now,
                                             kind: rerun ? "rerun" : "replay",
                                             detail: "\(item.file.name): answered with the stored status \(existing.status)"))
            result.statuses[existing.status, default: 0] += 1
            result.transactions += 1
            return
        }
        if record.status != "ACSP" { record.deadline = nil }
        record.latencyMicros = latency
        plan.record = record
        batch.payments.append(record)
        batch.events.append(PaymentEvent(
            transferID: record.transferID, messageId: record.messageId, at: now, kind: kindForEvent,
            detail: "\(item.file.name) tx \(plan.index + 1): \(record.status)\(record.reason.map { " \($0)" } ?? "")"
                + "\(record.route.map { " via \($0)" } ?? "")\(record.narrative.map { ": \($0)" } ?? "")"))
        result.statuses[record.status, default: 0] += 1
        if let reason = record.reason, record.status == "RJCT" { result.reasons[reason, default: 0] += 1 }
        result.latenciesMicros.append(latency)
        result.transactions += 1
    }

    /// Adds the pacs.008 that deliver an input's payments settled in process: one per creditor
    /// agent and currency, carrying its payments in the input's order.
    ///
    /// Instant payments come one per message, so each gets its own. A bulk input's creditor
    /// agent receives its share as one bulk, as a clearing house distributes a bulk file. The
    /// name and `MsgId` derive from the input and the first payment's position (`pacs008-<n>`),
    /// and a rerun finds the same payments settled, so it writes the same bytes under the same
    /// names.
    func addDeliveries(_ settled: [TransactionPlan], item: Item, answeredAt: Int64, to outputs: inout [PendingOutput]) {
        guard !settled.isEmpty else { return }
        var bundles: [String: [TransactionPlan]] = [:]
        var order: [String] = []
        for plan in settled {
            guard let creditor = plan.record.creditorAgent else { continue }
            let key = creditor + " " + plan.record.currency
            if bundles[key] == nil { order.append(key) }
            bundles[key, default: []].append(plan)
        }
        for key in order {
            guard let plans = bundles[key], let first = plans.first, let creditor = first.record.creditorAgent else { continue }
            let kind = "pacs008-\(first.index + 1)"
            if let message = try? self.runtime.forwards.deliveryToCreditorAgent(
                plans.map(\.transaction), group: first.group, sender: first.sender,
                messageId: self.answerMessageId(item, kind: kind, at: answeredAt),
                creationDateTime: ISODateTime(utcMilliseconds: answeredAt)),
                let directory = try? self.runtime.directories.outboxDirectory(for: creditor)
            {
                self.addOutput(message, directory: directory, name: self.outputName(item, kind: kind), to: &outputs)
            }
        }
    }
}
