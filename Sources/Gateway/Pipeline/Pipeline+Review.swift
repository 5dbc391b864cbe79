import Compliance
import Foundation
import ISO20022
import Settlement

extension Pipeline {
    /// Why a review decision could not be applied.
    public struct ReviewError: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { self.message }
    }

    /// Releases a payment held for sanctions review: it continues with routing and settlement,
    /// and the sender gets the final status. Or rejects it: RJCT RR04 to the sender.
    ///
    /// `id` is a transfer id, UETR, MsgId or EndToEndId that names exactly one held payment.
    /// Rejecting a payment already rejected by review answers the sender again, with the same
    /// message: the way to finish a rejection whose answer a crash cut short.
    public func review(_ id: String, release: Bool, note: String? = nil) async throws -> PaymentRecord {
        let matching = try self.runtime.store.payments(matching: id)
        let held = matching.filter { $0.action == "hold" && $0.status == "PDNG" }
        if held.isEmpty, !release {
            let rejected = matching.filter { $0.action == "hold" && $0.status == "RJCT" && $0.reason == "RR04" }
            if rejected.count == 1, let record = rejected.first {
                var outputs: [PendingOutput] = []
                self.addStandaloneAnswer(for: record, kind: "review", at: record.updatedAt, to: &outputs)
                if !outputs.isEmpty { try self.writeOutputs(outputs) }
                return record
            }
        }
        guard held.count == 1, var record = held.first else {
            throw ReviewError(message: held.isEmpty ? "no payment held for review matches \(id)"
                                                    : "\(held.count) held payments match \(id); name one by its UETR or transfer id")
        }
        let now = Pipeline.milliseconds()
        var operations: [LedgerOperation] = []
        var outputs: [PendingOutput] = []
        var batch = GatewayStore.Batch()
        batch.at = now
        var settled: TransactionPlan? = nil
        if release {
            guard let archived = self.archivedInput(record.inputName, digest: record.inputDigest),
                  let message = self.runtime.reader.read(path: archived).message,
                  case .creditTransfer(let document) = message.body,
                  record.transactionIndex < document.fiToFICstmrCdtTrf.cdtTrfTxInf.count
            else {
                throw ReviewError(message: "the archived input \(record.inputName) of this payment cannot be read")
            }
            let transfer = document.fiToFICstmrCdtTrf
            let tx = transfer.cdtTrfTxInf[record.transactionIndex]
            let fact = PaymentFacts.extract(from: message)[record.transactionIndex]
            var plan = TransactionPlan(index: record.transactionIndex, record: record, decision: .status("RJCT", reason: "MS03", narrative: nil),
                                       reservation: nil, transaction: tx, group: transfer.grpHdr, sender: record.sender.map { BIC($0) })
            plan.record.action = "none"
            plan.decision = try await self.route(&plan, fact: fact, now: now, operations: &operations, tx: tx)
            let outcomes = operations.isEmpty ? [] : try await self.runtime.ledger.apply(operations)
            let item = Item(file: ClaimedFile(name: "review-\(record.transferID.prefix(12))", path: archived, isRecovered: true),
                            claimedAt: record.receivedAt, digest: record.inputDigest)
            // Dated with the ledger's record of the transfer: a release run again after a crash
            // replays that transfer and writes the same answers, whatever the day.
            let settledAt = outcomes.first?.transfer.map { Pipeline.milliseconds(of: $0.createdAt) } ?? now
            var result = GroupResult()
            var deliveries: [TransactionPlan] = []
            self.finish(&plan, outcomes: outcomes, now: settledAt, latency: (now - record.receivedAt) * 1000, item: item,
                        outputs: &outputs, deliveries: &deliveries, batch: &batch, result: &result)
            self.addDeliveries(deliveries, item: item, answeredAt: settledAt, to: &outputs)
            self.recordLimitUsage(plan, at: now, in: &batch)
            settled = plan
            record = plan.record
            batch.events.append(PaymentEvent(transferID: record.transferID, messageId: record.messageId, at: now, kind: "review-release",
                                             detail: note ?? "released by review"))
        } else {
            // A release that reached the ledger before a crash cut it short: the money has moved
            // (or is reserved), so only releasing again can finish it.
            if let id = try? TransferID(record.transferID), try self.runtime.ledger.transfer(id: id) != nil {
                throw ReviewError(message: "a release of \(record.transferID) reached the ledger before it was interrupted; "
                    + "run release again to finish it")
            }
            record.status = "RJCT"
            record.reason = "RR04"
            record.narrative = "rejected after sanctions review" + (note.map { ": \($0)" } ?? "")
            record.updatedAt = now
            batch.payments.append(record)
            batch.events.append(PaymentEvent(transferID: record.transferID, messageId: record.messageId, at: now, kind: "review-reject",
                                             detail: record.narrative ?? ""))
        }
        self.addStandaloneAnswer(for: record, kind: "review", at: record.updatedAt, to: &outputs)
        // A release's answers go out before the store records them: the ledger holds its effect,
        // so after a crash in between the payment is still held, and releasing it again replays
        // the same transfer and finds the same names written (first write wins). A rejection
        // has nothing durable but the store, so it is recorded first.
        if release, !outputs.isEmpty { try self.writeOutputs(outputs) }
        do {
            try self.runtime.store.commit(batch)
        } catch {
            if let reservation = settled?.reservation { try? await self.runtime.limits.release(reservation) }
            throw error
        }
        if let settled { await self.settleLimits(settled) }
        if !release, !outputs.isEmpty { try self.writeOutputs(outputs) }
        return record
    }

    /// The archived copy of an input, searched across the archive's date folders (newest
    /// first) under its name and the suffixed names a same-day namesake gets (`x-2.xml`);
    /// with `digest`, only a file with exactly those bytes (SHA-256) qualifies.
    func archivedInput(_ name: String, digest: String? = nil) -> String? {
        let archive = self.runtime.directories.archive
        let days = ((try? FileManager.default.contentsOfDirectory(atPath: archive)) ?? []).sorted(by: >)
        for day in days {
            for attempt in 0..<1_000 {
                let path = "\(archive)/\(day)/\(OutputFile.candidateName(name, attempt: attempt))"
                guard FileManager.default.fileExists(atPath: path) else { break }
                guard let digest else { return path }
                if let bytes = FileManager.default.contents(atPath: path), ContentDigest(of: bytes).hex == digest { return path }
            }
        }
        return nil
    }
}
