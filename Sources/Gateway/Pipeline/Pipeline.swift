import Compliance
import Dispatch
import Foundation
import ISO20022
import Logging
import Settlement

/// The end-to-end processing of claimed input files, one durable group at a time.
///
/// A group goes through: read, validate and screen (in parallel on all cores) → decide each
/// transaction in order (duplicates, sanctions, policy, limits, route) → one ledger transaction
/// for every transfer of the group → one gateway-store transaction for every status → every
/// output written and made durable with one flush → inputs archived. Nothing leaves the gateway
/// before the ledger and the store have committed, and an input is archived only after its
/// outputs are durable, so a crash at any point is followed by a rerun that settles nothing
/// twice and writes no second or different output: answers take their `MsgId` from the input's
/// SHA-256 and their time from the first commit. (Timeout sweeps and review releases, which
/// have no input to rerun, write their answers after the ledger and before the store: a rerun
/// finds the same ledger effects and writes the same answers.)
public final class Pipeline: Sendable {
    public let runtime: GatewayRuntime
    let factory: StatusReportFactory
    let stageLog = StageLog()

    public init(runtime: GatewayRuntime) {
        self.runtime = runtime
        self.factory = StatusReportFactory(gateway: runtime.configuration.gateway.bic)
    }

    // MARK: Stage A: read, validate, screen (parallel)

    struct Item: Sendable {
        var file: ClaimedFile
        var claimedAt: Int64
        var bytes: [UInt8] = []
        var digest: String = ""
        var readError: String? = nil
        var reading: MessageReader.Reading? = nil
        /// For a valid pacs.008: the sender, and what `prepare` works out for each transaction.
        var sender: BIC? = nil
        var transactions: [PreparedTransaction] = []
    }

    /// One transaction of a valid pacs.008 as `prepare` leaves it: worked out in parallel, so
    /// that the ordered commit only looks things up and decides.
    struct PreparedTransaction: Sendable {
        var reference: PaymentReference
        var facts: PaymentFacts
        var fingerprint: String
        var screening: ScreeningResult
    }

    func prepare(_ files: [ClaimedFile], claimedAt: Int64) -> [Item] {
        let slots = ResultSlots<Item>(count: files.count)
        let runtime = self.runtime
        let next = AtomicCounter()
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, files.count))
        WorkerThreads.run(workers) { _ in
            while true {
                let index = next.increment()
                guard index < files.count else { return }
                var item = Item(file: files[index], claimedAt: claimedAt)
                switch FileBytes.read(files[index].path, limit: runtime.reader.limits.maxBytes) {
                case .success(let bytes):
                    item.bytes = bytes
                    item.digest = ContentDigest(of: bytes).hex
                    let reading = runtime.reader.read(bytes, file: files[index].name)
                    if let message = reading.message, case .creditTransfer(let document) = message.body {
                        let transfer = document.fiToFICstmrCdtTrf
                        let sender = Pipeline.sender(of: message, transfer)
                        let facts = PaymentFacts.extract(from: message)
                        item.sender = sender
                        item.transactions = transfer.cdtTrfTxInf.enumerated().map { i, tx in
                            PreparedTransaction(
                                reference: PaymentReference(transaction: tx, group: transfer.grpHdr, sender: sender),
                                facts: facts[i], fingerprint: Pipeline.fingerprint(tx, group: transfer.grpHdr),
                                screening: runtime.screening.screen(tx, group: transfer.grpHdr, path: PaymentFacts.path(ofTransaction: i + 1)))
                        }
                    }
                    item.reading = reading
                case .failure(.tooLarge(let size)):
                    item.readError = "the file is \(size) bytes, over the \(runtime.reader.limits.maxBytes)-byte limit"
                    item.reading = MessageReader.Reading(report: ValidationReport(file: files[index].name, errors: [
                        ValidationIssue(rule: "LIMIT", reasonCode: "FF01", message: item.readError!),
                    ]))
                case .failure(let failure):
                    item.readError = failure.reason
                }
                slots.set(index, item)
            }
        }
        return slots.values()
    }

    // MARK: Stage B: decide

    /// What happens to one transaction.
    enum Decision: Sendable {
        case status(String, reason: String?, narrative: String?)
        case hold(narrative: String)
        case settle(operation: Int)
        case forward(route: String, nextAgent: BIC, operation: Int)
        /// Already known: answer with the stored record (a re-sent payment or a rerun after a crash).
        case known(PaymentRecord, rerun: Bool)
        /// A re-send of a payment decided earlier in the same group: answered with that
        /// payment's status once it is final (Stage D), not with its placeholder.
        case sameAsEarlier(transferID: String)
    }

    struct TransactionPlan: Sendable {
        var index: Int
        var record: PaymentRecord
        var decision: Decision
        var reservation: LimitReservation?
        /// The limit windows the reservation counts in, recorded with the payment when it is
        /// accepted so that a restart restores them.
        var limitKeys: [LimitWindow.Key] = []
        /// The transaction and its group header, shared rather than copied: a plan is copied
        /// several times on its way through a group, and a parsed transaction is large.
        let payment: PlannedPayment
        var sender: BIC?

        var transaction: CreditTransferTransaction39 { self.payment.transaction }
        var group: GroupHeader93 { self.payment.group }

        init(index: Int, record: PaymentRecord, decision: Decision, reservation: LimitReservation?,
             transaction: CreditTransferTransaction39, group: GroupHeader93, sender: BIC?) {
            self.index = index
            self.record = record
            self.decision = decision
            self.reservation = reservation
            self.payment = PlannedPayment(transaction: transaction, group: group)
            self.sender = sender
        }
    }

    /// The parsed parts of a payment that its plan refers to (immutable).
    final class PlannedPayment: Sendable {
        let transaction: CreditTransferTransaction39
        let group: GroupHeader93

        init(transaction: CreditTransferTransaction39, group: GroupHeader93) {
            self.transaction = transaction
            self.group = group
        }
    }

    /// What happens to one input file.
    enum FilePlan: Sendable {
        /// To `error/`, with why.
        case error(reason: String, code: String, detail: String)
        /// Invalid but answerable: a group RJCT to the sender, then archived.
        case invalid(RejectedMessage, reason: String, narrative: String)
        case creditTransfer(messageId: String, creation: ISODateTime, sender: BIC?, transactions: [TransactionPlan])
        case statusReport(entries: [CorrelationPlan])
    }

    struct CorrelationPlan: Sendable {
        var record: PaymentRecord?
        var entry: StatusReportReading.Entry
        /// post, void, acknowledge, late or unknown.
        var action: String
        var operation: Int?
    }

    /// The result of one group, for summaries and statistics.
    public struct GroupResult: Sendable {
        public var files = 0
        public var archived = 0
        public var errored = 0
        public var statuses: [String: Int] = [:]
        public var reasons: [String: Int] = [:]
        public var settled: [String: ExactDecimal] = [:]
        public var latenciesMicros: [Int64] = []
        public var transactions = 0
    }

    /// Processes a group of claimed files end to end.
    public func process(_ files: [ClaimedFile]) async throws -> GroupResult {
        try await self.complete(self.prepared(files))
    }

    /// Processes files left in processing/ (by a crash, or a group that failed) in groups
    /// within `limits`, after making their claims durable: the claims may have died with the
    /// process that made them before it flushed them.
    public func processRecovered(_ files: [ClaimedFile], limits: GroupLimits, scanner: InboxScanner) async throws -> [GroupResult] {
        guard !files.isEmpty else { return [] }
        try scanner.makeClaimsDurable()
        var results: [GroupResult] = []
        for range in limits.cut(sizes: files.map(\.size)) {
            results.append(try await self.process(Array(files[range])))
        }
        return results
    }

    /// The parallel first stage of a group, on its own: reading, validation and screening touch no
    /// state, so a batch run prepares the next group while the previous one completes.
    func prepared(_ files: [ClaimedFile]) -> PreparedGroup {
        let start = DispatchTime.now().uptimeNanoseconds
        let items = self.prepare(files, claimedAt: Pipeline.milliseconds())
        return PreparedGroup(items: items, prepareMicros: Int64((DispatchTime.now().uptimeNanoseconds - start) / 1000))
    }

    /// A group read, validated and screened, ready for ``complete(_:)``.
    public struct PreparedGroup: Sendable {
        let items: [Item]
        var prepareMicros: Int64? = nil
    }

    /// Completes a prepared group: decisions, ledger, store, outputs, archive.
    public func complete(_ group: PreparedGroup) async throws -> GroupResult {
        try self.deliver(try await self.commit(group))
    }

    /// A group whose decisions, ledger effects and records are durable, with its outputs and
    /// input moves still to do (``deliver(_:)``).
    public struct CommittedGroup: Sendable {
        var files: Int
        var result: GroupResult
        var outputs: [PendingOutput]
        var archiveFiles: [ClaimedFile]
        var errorFiles: [(ClaimedFile, ErrorReport)]
        var trace: StageTrace
        var finishedAt: Int64
    }

    /// The ordered half of ``complete(_:)``: decisions, one ledger transaction and one store
    /// transaction for the group. Groups must be committed one at a time, in order: each sees
    /// the records of the ones before.
    public func commit(_ group: PreparedGroup) async throws -> CommittedGroup {
        var plans: [FilePlan] = []
        var limitSettlements: [TransactionPlan] = []
        let committed: CommittedGroup
        do {
            committed = try await self.commit(group, plans: &plans, limitSettlements: &limitSettlements)
        } catch {
            // The store has recorded nothing of the group, so it will be decided again (the
            // daemon retries, a rerun takes it up; the ledger replays whatever it committed):
            // its limit reservations must not count twice.
            for case .creditTransfer(_, _, _, let transactions) in plans {
                for reservation in transactions.compactMap(\.reservation) { try? await self.runtime.limits.release(reservation) }
            }
            throw error
        }
        // Limit usage becomes final only with the records that account for it.
        for plan in limitSettlements { await self.settleLimits(plan) }
        return committed
    }

    private func commit(_ group: PreparedGroup, plans: inout [FilePlan],
                        limitSettlements: inout [TransactionPlan]) async throws -> CommittedGroup {
        let items = group.items
        let now = Pipeline.milliseconds()
        var trace = StageTrace()
        if let micros = group.prepareMicros { trace.record("prepare", micros: micros) }
        let files = items.map(\.file)
        var transferIDs: [String] = []
        var references: [(String?, String, String?)] = []
        var messages: [(String, String)] = []
        for item in items {
            if let sender = item.sender, let messageId = item.reading?.report.messageId { messages.append((sender.rawValue, messageId)) }
            for reference in item.transactions.lazy.map(\.reference) {
                transferIDs.append(reference.transferID)
                references.append((reference.instructingAgent?.bic11, reference.endToEndId, reference.transactionId))
            }
        }
        let known = try self.runtime.store.known(transferIDs: transferIDs, references: references, messages: messages,
                                                 digests: items.filter { !$0.digest.isEmpty }.map(\.digest))
        trace.mark("lookup")
        var operations: [LedgerOperation] = []
        var memory = GroupMemory()
        for item in items {
            plans.append(try await self.plan(item, now: now, known: known, operations: &operations, memory: &memory))
        }

        trace.mark("plan")
        // Stage C: one ledger transaction for the group.
        let outcomes = operations.isEmpty ? [] : try await self.runtime.ledger.apply(operations)
        trace.mark("ledger")

        // Stage D: statuses, outputs and records.
        let finishedAt = Pipeline.milliseconds()
        var answers = GroupAnswers(files: items.count, at: finishedAt)
        for (item, plan) in zip(items, plans) {
            // The answers' time: this commit's, or for a rerun after a crash, the first commit's,
            // so that the rerun writes the same bytes.
            let answeredAt = self.firstCommit(of: item, known: known) ?? finishedAt
            self.answer(item, plan: plan, outcomes: outcomes, finishedAt: finishedAt, answeredAt: answeredAt,
                            into: &answers, limitSettlements: &limitSettlements)
        }

        trace.mark("finish")
        // Stage timings of the previous group ride along with this group's commit.
        answers.batch.stages = self.stageLog.take()
        // Stage E: the store, durably. Outputs and input moves follow in `deliver`.
        try self.runtime.store.commit(answers.batch)
        trace.mark("store")
        return CommittedGroup(files: files.count, result: answers.result, outputs: answers.outputs,
                              archiveFiles: answers.archiveFiles, errorFiles: answers.errorFiles, trace: trace,
                              finishedAt: finishedAt)
    }

    /// The other half of ``complete(_:)``: the group's outputs written durably, then its inputs
    /// moved to archive/ or error/. Only blocking file work, which may overlap the
    /// ``commit(_:)`` of the next group: that one depends on the store, not on these files.
    public func deliver(_ group: CommittedGroup) throws -> GroupResult {
        var trace = group.trace
        trace.restart()
        if !group.outputs.isEmpty { try self.writeOutputs(group.outputs) }
        trace.mark("outputs")
        if !group.archiveFiles.isEmpty { _ = try self.runtime.archiver.archive(group.archiveFiles) }
        for (file, report) in group.errorFiles {
            _ = try self.runtime.archiver.moveToError(file, report: report)
        }
        trace.mark("archive")
        trace.report(files: group.files, logger: self.runtime.logger)
        self.stageLog.add(trace.stages.map { (stage: $0.0, micros: Int64($0.1 / 1000), files: group.files) }, at: group.finishedAt)
        var result = group.result
        result.archived = group.archiveFiles.count
        result.errored = group.errorFiles.count
        return result
    }

    /// The time of `item`'s first commit when this is a rerun of it after a crash (recovered
    /// from processing/ under the name that commit recorded with its bytes); nil otherwise.
    func firstCommit(of item: Item, known: GatewayStore.Known) -> Int64? {
        guard item.file.isRecovered, let stored = known.inputs[item.digest], stored.name == item.file.name else { return nil }
        return stored.at
    }

    /// What the decisions of a group have seen so far: each decision sees those before it.
    struct GroupMemory {
        /// Input digests.
        var digests = Set<String>()
        /// Payments decided, by transfer id.
        var payments: [String: PaymentRecord] = [:]
        /// Input digest by sender and MsgId.
        var messages: [String: String] = [:]
        /// Forwards a route's report posts or voids.
        var resolvedForwards = Set<String>()
    }

    func plan(_ item: Item, now: Int64, known: GatewayStore.Known, operations: inout [LedgerOperation],
              memory: inout GroupMemory) async throws -> FilePlan {
        if let error = item.readError, item.reading == nil {
            return .error(reason: "unreadable", code: "IO", detail: error)
        }
        // A file recovered from processing/ may be this very input's earlier attempt (the store
        // may already hold it, under its name). A byte-identical re-send under another name that
        // was claimed before the crash is still a duplicate: treating it as a rerun would answer
        // it and deliver the payment to the creditor agent a second time.
        if memory.digests.contains(item.digest) {
            return .error(reason: "duplicate file", code: "DUPLICATE", detail: "byte-identical to another file of the same group")
        }
        if let first = known.inputs[item.digest], self.firstCommit(of: item, known: known) == nil {
            return .error(reason: "duplicate file", code: "DUPLICATE",
                          detail: "byte-identical to \(first.name), first seen \(Pipeline.iso(first.at)); SHA-256 \(item.digest)")
        }
        memory.digests.insert(item.digest)
        guard let reading = item.reading else { return .error(reason: "unreadable", code: "IO", detail: "no reading") }
        guard let message = reading.message else {
            let report = reading.report
            let first = report.errors.first
            let reason = first?.reasonCode ?? "FF01"
            let narrative = first.map { "\($0.rule) \($0.path ?? "") \($0.message)" } ?? "invalid message"
            let detail = report.errors.map(\.description).joined(separator: "\n")
            if let sender = reading.sender, report.messageId != nil {
                // The answer goes to outbox/<sender>/: a sender that cannot name that folder
                // (lower case, wrong length) makes the file unanswerable, decided here, before
                // anything of the group is committed.
                guard DropDirectories.isValidBIC(sender) else {
                    return .error(reason: "invalid and unanswerable (the sender '\(sender)' is not a BIC an outbox folder can have)",
                                  code: reason, detail: detail)
                }
                return .invalid(RejectedMessage(reading), reason: reason, narrative: String(narrative.prefix(300)))
            }
            return .error(reason: "invalid and unanswerable (no readable sender or MsgId)", code: reason, detail: detail)
        }
        switch message.body {
        case .creditTransfer(let document):
            return try await self.planCreditTransfer(message, document.fiToFICstmrCdtTrf, item: item, now: now, known: known,
                                                     operations: &operations, memory: &memory)
        case .statusReport:
            // A rerun of a report whose commit went through before a crash: the payments it
            // made final carry that commit's time, and are answered again (first write wins).
            return try self.planStatusReport(message, digest: item.digest, now: now, rerunOf: self.firstCommit(of: item, known: known),
                                             operations: &operations,
                                             resolvedForwards: &memory.resolvedForwards)
        case .none:
            return .error(reason: "not a payment message", code: "FF01", detail: "a Business Application Header without a Document")
        }
    }

    func planCreditTransfer(_ message: ISOMessage, _ transfer: FIToFICustomerCreditTransferV08, item: Item, now: Int64,
                            known: GatewayStore.Known,
                            operations: inout [LedgerOperation], memory: inout GroupMemory) async throws -> FilePlan {
        let group = transfer.grpHdr
        let senderBIC = item.sender
        let messageKey = "\(senderBIC?.rawValue ?? "-")|\(group.msgId)"
        var messageReusedFrom: String? = nil
        if let sender = senderBIC, let first = known.messages[GatewayStore.Known.messageKey(sender.rawValue, group.msgId)],
           first.digest != item.digest
        {
            messageReusedFrom = "first received \(Pipeline.iso(first.at))"
        } else if let digest = memory.messages[messageKey], digest != item.digest {
            messageReusedFrom = "received earlier in this group"
        }
        memory.messages[messageKey] = item.digest

        var plans: [TransactionPlan] = []
        for (i, tx) in transfer.cdtTrfTxInf.enumerated() {
            let prepared = item.transactions[i]
            let fact = prepared.facts
            let reference = prepared.reference
            let amount = tx.intrBkSttlmAmt
            var record = PaymentRecord(
                transferID: reference.transferID, uetr: tx.pmtId.uetr?.rawValue, messageId: group.msgId,
                sender: senderBIC?.rawValue, instructingAgent: fact.instructingAgent?.bic11,
                endToEndId: tx.pmtId.endToEndId, txId: tx.pmtId.txId, instrId: tx.pmtId.instrId,
                debtorAgent: fact.debtorAgent?.bic11, creditorAgent: fact.creditorAgent?.bic11,
                currency: amount.currency.rawValue, amount: amount.amount.description, route: nil, action: "none",
                status: "RJCT", reason: nil, narrative: nil, inputName: item.file.name, inputDigest: item.digest,
                transactionIndex: i, receivedAt: item.claimedAt, updatedAt: now, deadline: nil, routeAcknowledged: false,
                forwardMessageId: nil, fingerprint: prepared.fingerprint, latencyMicros: nil)
            var plan = TransactionPlan(index: i, record: record, decision: .status("RJCT", reason: "MS03", narrative: nil),
                                       reservation: nil, transaction: tx, group: group, sender: senderBIC)

            // Known payment: a rerun, a replay, or a duplicate.
            let earlierInGroup = memory.payments[record.transferID]
            if let existing = earlierInGroup ?? known.payments[record.transferID] {
                if existing.fingerprint == record.fingerprint {
                    plan.decision = earlierInGroup != nil
                        ? .sameAsEarlier(transferID: existing.transferID)
                        // A rerun: this very transaction of this very input (the business
                        // rules refuse a message that carries a transaction twice; belt and braces).
                        : .known(existing, rerun: existing.inputDigest == item.digest && existing.transactionIndex == i)
                } else {
                    plan.decision = .status("RJCT", reason: "AM05", narrative:
                        "duplicate: transfer \(existing.transferID) was received in \(existing.inputName) (\(existing.messageId)) with other details")
                    record.transferID = "dup:\(item.digest.prefix(16)):\(i)"
                    plan.record = record
                }
                plans.append(plan)
                continue
            }
            if let reused = messageReusedFrom {
                plan.decision = .status("RJCT", reason: "AM05", narrative: "duplicate MsgId \(group.msgId) from \(senderBIC?.rawValue ?? "-"), \(reused)")
                plan.record.transferID = "dup:\(item.digest.prefix(16)):\(i)"
                plans.append(plan)
                continue
            }
            if record.txId != nil,
               let other = known.byReference[GatewayStore.Known.referenceKey(reference.instructingAgent?.bic11, record.endToEndId, record.txId)]
            {
                plan.decision = .status("RJCT", reason: "AM05", narrative:
                    "duplicate: the same EndToEndId and TxId from this agent were received in \(other.inputName) (\(other.messageId))")
                plan.record.transferID = "dup:\(item.digest.prefix(16)):\(i)"
                plans.append(plan)
                continue
            }

            plan.decision = try await self.decide(&plan, screening: prepared.screening, fact: fact, now: now, operations: &operations)
            memory.payments[plan.record.transferID] = plan.record
            plans.append(plan)
        }
        return .creditTransfer(messageId: group.msgId, creation: group.creDtTm, sender: senderBIC, transactions: plans)
    }

    /// Screening, policy, limits and routing for one new transaction.
    func decide(_ plan: inout TransactionPlan, screening: ScreeningResult, fact: PaymentFacts, now: Int64,
                operations: inout [LedgerOperation]) async throws -> Decision {
        let config = self.runtime.configuration
        let tx = plan.transaction
        switch screening.decision {
        case .block:
            return .status("RJCT", reason: "RR04", narrative: "sanctions: " + Pipeline.describe(screening))
        case .review:
            switch config.screening.onReview {
            case .hold:
                plan.record.action = "hold"
                return .hold(narrative: "held for sanctions review: " + Pipeline.describe(screening))
            case .reject:
                return .status("RJCT", reason: "RR04", narrative: "sanctions review: " + Pipeline.describe(screening))
            case .pass:
                break
            }
        case .pass:
            break
        }
        if let outcome = self.runtime.policy.evaluate(fact) {
            return .status("RJCT", reason: outcome.reasonCode, narrative: outcome.narrative)
        }
        return try await self.route(&plan, fact: fact, now: now, operations: &operations, tx: tx)
    }

    /// Routing, participants, limits and the ledger operation (the part `corridor review release` resumes).
    func route(_ plan: inout TransactionPlan, fact: PaymentFacts, now: Int64, operations: inout [LedgerOperation],
               tx: CreditTransferTransaction39) async throws -> Decision {
        let config = self.runtime.configuration
        guard let route = self.runtime.routes.route(tx, group: plan.group) else {
            return .status("RJCT", reason: "NOAR", narrative: "no route matches this payment")
        }
        plan.record.route = route.name
        let currency = tx.intrBkSttlmAmt.currency.rawValue
        guard let minor = tx.intrBkSttlmAmt.minorUnits else {
            return .status("RJCT", reason: "CH20", narrative: "amount has more decimals than \(currency) allows")
        }
        let instructing = fact.instructingAgent
        switch route.action {
        case .reject(let reason):
            plan.record.action = "reject"
            return .status("RJCT", reason: reason, narrative: "route \(route.name) rejects this payment")
        case .settle:
            plan.record.action = "settle"
            guard self.runtime.isParticipant(instructing, currency: currency) else {
                return .status("RJCT", reason: "DNOR", narrative: "instructing agent \(instructing?.rawValue ?? "-") is not a \(currency) participant")
            }
            guard self.runtime.isParticipant(fact.debtorAgent, currency: currency) || fact.debtorAgent?.bic8 == instructing?.bic8 else {
                return .status("RJCT", reason: "DNOR", narrative: "debtor agent \(fact.debtorAgent?.rawValue ?? "-") is not a \(currency) participant")
            }
            guard let creditor = fact.creditorAgent, self.runtime.isParticipant(creditor, currency: currency) else {
                return .status("RJCT", reason: "CNOR", narrative: "creditor agent \(fact.creditorAgent?.rawValue ?? "-") is not a \(currency) participant")
            }
            if let rejection = try await self.reserveLimits(&plan, fact: fact) { return rejection }
            guard let id = try? TransferID(plan.record.transferID), let instructing else {
                return .status("RJCT", reason: "FF01", narrative: "the transfer id cannot be formed")
            }
            operations.append(.settle(TransferRequest(id: id, debit: instructing.bic11, credit: creditor.bic11, currency: currency, amount: minor)))
            return .settle(operation: operations.count - 1)
        case .forward(let nextAgent):
            plan.record.action = "forward"
            guard self.runtime.isParticipant(instructing, currency: currency), let instructing else {
                return .status("RJCT", reason: "DNOR", narrative: "instructing agent \(instructing?.rawValue ?? "-") is not a \(currency) participant")
            }
            if let rejection = try await self.reserveLimits(&plan, fact: fact) { return rejection }
            guard let id = try? TransferID(plan.record.transferID) else {
                return .status("RJCT", reason: "FF01", narrative: "the transfer id cannot be formed")
            }
            operations.append(.reserve(TransferRequest(id: id, debit: instructing.bic11, credit: GatewayRuntime.routeAccount(nextAgent),
                                                       currency: currency, amount: minor)))
            plan.record.deadline = now + Int64(config.gateway.timeoutSeconds) * 1000
            return .forward(route: route.name, nextAgent: nextAgent, operation: operations.count - 1)
        }
    }

    func reserveLimits(_ plan: inout TransactionPlan, fact: PaymentFacts) async throws -> Decision? {
        switch try await self.runtime.limits.reserve(fact) {
        case .accepted(let reservation):
            plan.reservation = reservation
            if reservation != .none { plan.limitKeys = self.runtime.limits.windowKeys(for: fact) }
            return nil
        case .rejected(let outcome):
            return .status("RJCT", reason: outcome.reasonCode, narrative: outcome.narrative)
        }
    }

    /// Whether a payment's limit reservation becomes usage (rather than being released).
    static func usesLimits(_ record: PaymentRecord) -> Bool { ["ACSC", "ACSP", "ACCC"].contains(record.status) }

    /// Records the limit usage of an accepted payment in the store batch that accepts it.
    func recordLimitUsage(_ plan: TransactionPlan, at: Int64, in batch: inout GatewayStore.Batch) {
        guard plan.reservation != nil, Pipeline.usesLimits(plan.record) else { return }
        for key in plan.limitKeys { batch.limitUsage.append((key: key.rawValue, at: at, amount: plan.record.amount)) }
    }

    func settleLimits(_ plan: TransactionPlan) async {
        guard let reservation = plan.reservation else { return }
        if Pipeline.usesLimits(plan.record) {
            try? await self.runtime.limits.commit(reservation)
        } else {
            try? await self.runtime.limits.release(reservation)
        }
    }

    // MARK: Helpers

    /// An output decided during a group, rendered to XML just before it is written.
    struct PendingOutput: Sendable {
        var message: ISOMessage
        var directory: String
        var name: String
    }

    /// Adds an output under a name derived from its input; if a crash left one of that name,
    /// the first stands (the writer's `firstWriteWins`).
    func addOutput(_ message: ISOMessage, directory: String, name: String, to outputs: inout [PendingOutput]) {
        outputs.append(PendingOutput(message: message, directory: directory, name: name))
    }

    /// Renders the outputs' XML on all cores, then writes them durably with one flush.
    func writeOutputs(_ pending: [PendingOutput]) throws {
        guard !pending.isEmpty else { return }
        let slots = ResultSlots<OutputFile>(count: pending.count)
        let next = AtomicCounter()
        WorkerThreads.run(max(1, min(ProcessInfo.processInfo.activeProcessorCount, pending.count))) { _ in
            while true {
                let index = next.increment()
                guard index < pending.count else { return }
                let output = pending[index]
                slots.set(index, OutputFile(data: Data(output.message.xml()), directory: output.directory, name: output.name,
                                            naming: .firstWriteWins))
            }
        }
        _ = try self.runtime.writer.write(OutputBatch(slots.values()))
    }

    /// The `MsgId` of an answer to an input: derived from the input's SHA-256 and the answer's
    /// kind, so that a rerun after a crash writes the same message again, never a second one.
    func answerMessageId(_ item: Item, kind: String, at milliseconds: Int64) -> String {
        self.runtime.messageIDs.derived(from: item.digest + "|" + kind, at: milliseconds)
    }

    /// The sender's pacs.002 for one payment answered outside any input (a review, a timeout):
    /// `<kind>-<transfer id>.pacs002.xml`, its `MsgId` derived from both, dated `at`, so that
    /// answering again gives the same bytes under the same name.
    func addStandaloneAnswer(for record: PaymentRecord, kind: String, at: Int64, to outputs: inout [PendingOutput]) {
        guard let sender = record.sender, let directory = try? self.runtime.directories.outboxDirectory(for: sender) else { return }
        let report = self.factory.report(
            originalMessageId: record.messageId, originalCreation: nil, records: [record], to: BIC(sender),
            messageId: self.runtime.messageIDs.derived(from: kind + "|" + record.transferID, at: at),
            now: ISODateTime(utcMilliseconds: at))
        let name = kind + "-" + record.transferID.filter { $0.isLetter || $0.isNumber || $0 == "-" } + ".pacs002.xml"
        self.addOutput(report, directory: directory, name: name, to: &outputs)
    }

    /// `<input stem>-<first 12 hex of its SHA-256>.<kind>.xml`: the same input always names its outputs the same.
    func outputName(_ item: Item, kind: String) -> String {
        "\(FileNameFitting.fitting(item.file.stem, within: 180))-\(item.digest.prefix(12)).\(kind).xml"
    }

    /// The sender of a pacs.008: the AppHdr's From BIC, else the instructing agent.
    static func sender(of message: ISOMessage, _ transfer: FIToFICustomerCreditTransferV08) -> BIC? {
        if case .fiId(let agent)? = message.header?.fr, let bic = agent.finInstnId.bicfi { return bic }
        return transfer.grpHdr.instgAgt?.finInstnId.bicfi ?? transfer.cdtTrfTxInf.first?.instgAgt?.finInstnId.bicfi
    }

    static func fingerprint(_ tx: CreditTransferTransaction39, group: GroupHeader93) -> String {
        let parts = [
            tx.pmtId.uetr?.rawValue ?? "", tx.pmtId.endToEndId, tx.pmtId.txId ?? "", tx.pmtId.instrId ?? "",
            tx.intrBkSttlmAmt.currency.rawValue, tx.intrBkSttlmAmt.amount.normalized.description,
            tx.dbtrAgt.finInstnId.bicfi?.bic11 ?? "", tx.cdtrAgt.finInstnId.bicfi?.bic11 ?? "",
        ]
        let bytes: [UInt8] = Array(parts.joined(separator: "|").utf8)
        return ContentDigest(of: bytes).hex
    }

    static func describe(_ result: ScreeningResult) -> String {
        guard let hit = result.hits.first else { return result.decision.rawValue }
        return "\(hit.field) '\(hit.fieldValue)' ~ \(hit.entityId) \(hit.name) (\(hit.list), score \(String(format: "%.2f", hit.score)))"
    }

    static func milliseconds() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    /// `date` in milliseconds since 1970, to the nearest (the ledger's times are whole milliseconds).
    static func milliseconds(of date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    static func iso(_ ms: Int64) -> String { ISODateTime(utcMilliseconds: ms).rawValue }
}
