import Foundation
import ISO20022
import Settlement
import Testing
@testable import Gateway

/// The acceptance test of the file-drop pipeline, end to end: a configuration file, the inbox,
/// `BatchProcessor` runs, the route's answers, the timeout sweep, and then every observable
/// result checked against what `FileDropAcceptance` planned: where each file ended, every
/// pacs.002, every pacs.008 delivered or forwarded, the ledger, and the official schemas.
@Suite struct FileDropAcceptanceTests {
    typealias Plan = FileDropAcceptance
    typealias AnswerKey = FileDropAcceptance.AnswerKey
    typealias Outcome = FileDropAcceptance.Outcome
    typealias AccountKey = FileDropAcceptance.AccountKey

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    static let sanctionsFolder = shared.appendingPathComponent("sanctions")
    static let officialSchemas = shared.appendingPathComponent("iso20022/xsd")

    @Test func thousandDroppedPaymentsEachEndOnceGetTheirPlannedStatusAndLeaveTheLedgerBalanced() async throws {
        try await withTaskExecutorPreference(DedicatedQueueExecutor()) {
            try await Self.runAcceptance()
        }
    }

    static func runAcceptance() async throws {
        let manager = FileManager.default
        let work = manager.temporaryDirectory.appendingPathComponent("corridor-acceptance-\(UUID().uuidString)", isDirectory: true)
        try manager.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? manager.removeItem(at: work) }

        // The corridor: the real sanctions lists when they are beside the package.
        let lists: [String]? = manager.fileExists(atPath: Self.sanctionsFolder.appendingPathComponent("SOURCES.md").path)
            ? ["ofac_sdn_2024", "un_sc", "uk_hmt_ofsi"].map { Self.sanctionsFolder.appendingPathComponent($0).path }
            : nil
        let yaml = Plan.configuration(dataDirectory: work.appendingPathComponent("data").path, sanctionsLists: lists)
        try yaml.write(to: work.appendingPathComponent("corridor.yaml"), atomically: true, encoding: .utf8)
        let configuration = try GatewayConfiguration.parse(yaml: yaml, file: "corridor.yaml", baseDirectory: work)
        #expect(configuration.warnings.isEmpty, "\(configuration.warnings)")
        let runtime = try GatewayRuntime(
            configuration: configuration,
            screening: lists == nil ? ListedCreditorScreening(listedName: Plan.sanctionedName) : nil)
        let pipeline = Pipeline(runtime: runtime)
        let processor = BatchProcessor(pipeline: pipeline, groupSize: 512)
        let directories = runtime.directories

        let payments = Plan.payments()
        let invalid = Plan.schemaInvalidPayments()
        let answerable = payments + invalid
        #expect(payments.count == Plan.paymentCount)
        #expect(Set(payments.map(\.kind)).count == Plan.Kind.allCases.count - 1, "every kind of payment is generated")

        // Run 1: the 1,000 payments, the schema-invalid and unusable files, and two re-drops.
        var archived: Set<String> = []
        var errored: Set<String> = []
        for payment in answerable {
            try Self.drop(Data(payment.xml.utf8), as: payment.fileName, in: directories)
            archived.insert(payment.fileName)
        }
        for file in Plan.unanswerableFiles {
            try Self.drop(Data(file.text.utf8), as: file.name, in: directories)
            errored.insert(file.name)
        }
        // Byte-identical copies: of a file processed in an earlier group (known from the store), of
        // one in the same group (both groups of 512 are in run 1), and, in run 2, of an archived one.
        let redrops = [payments[2], payments[601], payments[3]].map { ("redrop-" + $0.fileName, $0) }
        for (name, original) in redrops.prefix(2) {
            try Self.drop(Data(original.xml.utf8), as: name, in: directories)
            errored.insert(name)
        }

        let first = try await processor.run()
        #expect(first.complete)
        #expect(first.files == answerable.count + Plan.unanswerableFiles.count + 2)
        #expect(first.errored == Plan.unanswerableFiles.count + 2)
        var reports = StatusReportLog()
        try reports.collect(phase: 1, outbox: directories.outbox, reader: runtime.reader)

        // Forwards are reserved, not yet settled.
        let forwards = payments.filter { $0.kind.isForward }
        let pending = try Self.balancesByAccount(runtime)
        for sender in [Plan.bankDE, Plan.bankGB] {
            let reserved = forwards.filter { $0.debtorAgent == sender }.reduce(Int64(0)) { $0 + $1.amountMinor }
            #expect(pending[AccountKey(sender, "USD")]?.pendingDebits == reserved, "USD reserved by \(sender) for its forwards")
        }
        #expect(pending[AccountKey(Plan.nextAgent, "USD")]?.pendingCredits == forwards.reduce(Int64(0)) { $0 + $1.amountMinor })

        // Run 2: the route answers what it was sent (settled, rejected, only acknowledged or
        // nothing), and the second re-drop comes in.
        let forwarded = try Self.forwardedMessages(directories, reader: runtime.reader)
        let forwardsByUETR = Dictionary(uniqueKeysWithValues: forwards.map { ($0.uetr, $0) })
        var answerCount = 0
        for (uetr, message) in forwarded.sorted(by: { $0.key < $1.key }) {
            guard let payment = forwardsByUETR[uetr] else { continue }
            let answer: (String, String?)? = switch payment.routeAnswer {
            case .settled: ("ACSC", nil)
            case .rejected: ("RJCT", "AC04")
            case .acknowledged: ("ACSP", nil)
            case .silent: nil
            }
            guard let answer else { continue }
            let (status, reason) = answer
            answerCount += 1
            let name = String(format: "route-answer-%04d.xml", answerCount)
            try Self.drop(Data(Self.routeAnswer(to: message, status: status, reason: reason, messageId: "FEDANS-\(answerCount)").xml()),
                          as: name, in: directories)
            archived.insert(name)
        }
        try Self.drop(Data(redrops[2].1.xml.utf8), as: redrops[2].0, in: directories)
        errored.insert(redrops[2].0)

        let second = try await processor.run()
        #expect(second.complete)
        #expect(second.files == answerCount + 1)
        #expect(second.errored == 1)
        try reports.collect(phase: 2, outbox: directories.outbox, reader: runtime.reader)

        // The timeout sweep, as if the route's time had run out.
        let expired = try await pipeline.expireOverdue(now: Date().addingTimeInterval(Double(Plan.timeoutSeconds + 1)))
        let unanswered = forwards.filter { $0.routeAnswer == .silent || $0.routeAnswer == .acknowledged }
        #expect(expired.transactions == unanswered.count)
        try reports.collect(phase: 3, outbox: directories.outbox, reader: runtime.reader)
        let ledgerAfterExpiry = try Self.balancesByAccount(runtime)

        // Run 3: answers that come too late change nothing and answer nobody.
        let lateSettle = try #require(forwards.first { $0.kind == .forwardUnanswered })
        let lateReject = try #require(forwards.first { $0.kind == .forwardSettled })
        let lateAnswers: [(payment: FileDropAcceptance.Payment, status: String, reason: String?)] = [
            (lateSettle, "ACSC", nil), (lateReject, "RJCT", "AC04"),
        ]
        for (n, (payment, status, reason)) in lateAnswers.enumerated() {
            let message = try #require(forwarded[payment.uetr])
            let name = "late-answer-\(n + 1).xml"
            try Self.drop(Data(Self.routeAnswer(to: message, status: status, reason: reason, messageId: "FEDLATE-\(n + 1)").xml()),
                          as: name, in: directories)
            archived.insert(name)
        }
        let third = try await processor.run()
        #expect(third.complete)
        #expect(third.files == 2 && third.archived == 2)
        try reports.collect(phase: 4, outbox: directories.outbox, reader: runtime.reader)
        #expect(reports.reportsByPhase[4, default: 0] == 0, "a late route answer is recorded, never reported")
        #expect(try Self.balancesByAccount(runtime) == ledgerAfterExpiry, "a late route answer moves no money")

        // (1) Every input ended in exactly one of archive/ and error/, with a report in error/.
        try Self.checkPlacement(directories, archived: archived, errored: errored, duplicates: Set(redrops.map(\.0)))

        // (2) Every transaction has exactly one first pacs.002 and, when forwarded, one final one.
        Self.expectNone(reports.problems, "pacs.002 in outbox/ fail the gateway's own reading")
        #expect(reports.reportsByPhase[1] == answerable.count, "one pacs.002 per answerable input file")
        Self.checkStatuses(reports, expected: answerable)

        // Deliveries to creditor agents and forwards to the route: one per payment that made it.
        try Self.checkDeliveries(directories, reader: runtime.reader, payments: payments, forwarded: Set(forwarded.keys))

        // (3) and (4) The ledger holds exactly what the plan says moved, and every currency sums to zero.
        try Self.checkLedger(runtime, payments: payments)

        // (5) Every output validates against the official ISO 20022 schemas.
        try Self.checkOfficialSchemas(directories)
    }

    // MARK: Checks

    static func checkPlacement(_ directories: DropDirectories, archived: Set<String>, errored: Set<String>, duplicates: Set<String>) throws {
        let manager = FileManager.default
        #expect(try manager.contentsOfDirectory(atPath: directories.inbox).isEmpty, "inbox/ is empty")
        #expect(try manager.contentsOfDirectory(atPath: directories.processing).isEmpty, "processing/ is empty")
        var inArchive: [String] = []
        for day in try manager.contentsOfDirectory(atPath: directories.archive) {
            inArchive += try manager.contentsOfDirectory(atPath: directories.archive + "/" + day)
        }
        let errorEntries = try manager.contentsOfDirectory(atPath: directories.error)
        let inError = errorEntries.filter { !$0.hasSuffix(".error.json") }
        let reports = Set(errorEntries.filter { $0.hasSuffix(".error.json") })

        var seen: [String: Int] = [:]
        for name in inArchive + inError { seen[name, default: 0] += 1 }
        let twice = seen.filter { $0.value > 1 }.map(\.key).sorted()
        Self.expectNone(twice, "inputs are in more than one place")
        Self.expectNone(Set(inArchive).subtracting(archived).sorted(), "inputs are archived that should not be")
        Self.expectNone(archived.subtracting(inArchive).sorted(), "inputs are missing from archive/")
        Self.expectNone(Set(inError).subtracting(errored).sorted(), "inputs are in error/ that should not be")
        Self.expectNone(errored.subtracting(inError).sorted(), "inputs are missing from error/")
        #expect(reports == Set(inError.map { ErrorReport.fileName(forInput: $0) }), "every file in error/ has its report")

        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        for name in inError {
            let data = try Data(contentsOf: URL(fileURLWithPath: directories.error + "/" + ErrorReport.fileName(forInput: name)))
            let report = try decoder.decode(ErrorReport.self, from: data)
            #expect(report.file == name)
            if duplicates.contains(name) {
                #expect(report.code == "DUPLICATE", "\(name) is refused as a byte-identical re-drop: \(report)")
            } else {
                #expect(report.code == "FF01", "\(name): \(report)")
            }
        }
    }

    static func checkStatuses(_ log: StatusReportLog, expected: [FileDropAcceptance.Payment]) {
        var problems: [String] = []
        let expectedKeys = Set(expected.map(\.key))
        #expect(expectedKeys.count == expected.count, "the plan gives every transaction its own answer key")
        for payment in expected {
            let answers = log.answers[payment.key] ?? []
            let firsts = answers.filter { $0.phase == 1 }.map(\.outcome)
            let laters = answers.filter { $0.phase > 1 }.map(\.outcome)
            let label = "\(payment.fileName) (\(payment.kind))"
            if firsts != [payment.first] {
                problems.append("\(label): first status \(firsts), expected \(payment.first)")
            }
            if laters != (payment.final.map { [$0] } ?? []) {
                problems.append("\(label): later statuses \(laters), expected \(payment.final.map { "\($0)" } ?? "none")")
            }
            if answers.last?.outcome != payment.lastStatus {
                problems.append("\(label): last status \(answers.last.map { "\($0.outcome)" } ?? "none"), expected \(payment.lastStatus)")
            }
            let statuses = Set(answers.map(\.outcome.status))
            if statuses.contains("ACSC") && statuses.contains("RJCT") {
                problems.append("\(label): both ACSC and RJCT were reported")
            }
        }
        let unexpected = Set(log.answers.keys).subtracting(expectedKeys)
        Self.expectNone(unexpected.map(\.description).sorted(), "pacs.002 answer no planned transaction")
        Self.expectNone(problems, "statuses are off plan")
    }

    static func checkDeliveries(_ directories: DropDirectories, reader: MessageReader, payments: [FileDropAcceptance.Payment],
                                forwarded: Set<String>) throws {
        // A settled payment is delivered to its creditor agent as a pacs.008 in that agent's outbox.
        var delivered: [String: Int] = [:]
        for file in try Self.xmlFiles(under: directories.outbox) {
            guard case .creditTransfer(let document)? = reader.read(path: file.path).message?.body else { continue }
            for tx in document.fiToFICstmrCdtTrf.cdtTrfTxInf {
                delivered["\(file.folder) \(tx.pmtId.uetr?.rawValue ?? "-")", default: 0] += 1
            }
        }
        let settled = Set(payments.filter { $0.lastStatus.status == "ACSC" && !$0.kind.isForward }.map { "\($0.creditorAgent) \($0.uetr)" })
        Self.expectNone(delivered.filter { $0.value != 1 }.map { "\($0.key) delivered \($0.value) times" }.sorted(),
                        "payments are delivered more than once")
        Self.expectNone(Set(delivered.keys).subtracting(settled).sorted(), "deliveries (creditor agent, UETR) are for no settled payment")
        Self.expectNone(settled.subtracting(delivered.keys).sorted(), "settled payments (creditor agent, UETR) are not delivered")
        // Every payment routed to the US is forwarded once, whatever the route later answers.
        let routed = Set(payments.filter(\.kind.isForward).map(\.uetr))
        Self.expectNone(routed.symmetricDifference(forwarded).sorted(), "UETRs differ between the forwards planned and those in outbound/")
    }

    static func checkLedger(_ runtime: GatewayRuntime, payments: [FileDropAcceptance.Payment]) throws {
        var expected = Plan.openingBalances
        let currencies = Set(expected.keys.map(\.currency))
        for currency in currencies {
            expected[AccountKey("SYSTEM", currency)] = -expected.filter { $0.key.currency == currency }.reduce(Int64(0)) { $0 + $1.value }
            expected[AccountKey(Plan.nextAgent, currency)] = 0
        }
        for payment in payments {
            guard let movement = payment.movement else { continue }
            expected[movement.debit, default: 0] -= movement.amount
            expected[movement.credit, default: 0] += movement.amount
        }
        let ledger = try Self.balancesByAccount(runtime)
        let actual = ledger.mapValues(\.balance)
        let differences = Set(expected.keys).union(actual.keys).sorted()
            .filter { expected[$0] != actual[$0] }
            .map { "\($0): ledger \(actual[$0].map(String.init) ?? "none"), expected \(expected[$0].map(String.init) ?? "none")" }
        Self.expectNone(differences, "balances differ from the independent computation")
        #expect(ledger.values.allSatisfy { $0.pendingDebits == 0 && $0.pendingCredits == 0 }, "no reservation is left open")
        for currency in Set(ledger.keys.map(\.currency)) {
            let sum = ledger.filter { $0.key.currency == currency }.reduce(Int64(0)) { $0 + $1.value.balance }
            #expect(sum == 0, "the \(currency) balances, SYSTEM included, sum to zero")
        }
        // Sanity of the plan itself: it does move money, in both settlement kinds.
        #expect(payments.contains { $0.kind == .settle && $0.movement != nil })
        #expect(payments.contains { $0.kind == .forwardSettled && $0.movement != nil })
    }

    static func checkOfficialSchemas(_ directories: DropDirectories) throws {
        guard FileManager.default.fileExists(atPath: officialSchemas.appendingPathComponent("pacs.002.001.10.xsd").path) else {
            print("FileDropAcceptanceTests: \(officialSchemas.path) is absent; official-schema validation of the outputs skipped")
            return
        }
        let reader = MessageReader(schemas: try SchemaSet.overriding(with: officialSchemas))
        let outputs = try Self.xmlFiles(under: directories.outbox) + Self.xmlFiles(under: directories.outbound)
        #expect(outputs.count > Plan.paymentCount)
        var invalid: [String] = []
        for file in outputs {
            let report = reader.read(path: file.path).report
            if !report.valid { invalid.append("\(file.folder)/\(file.name): \(report.errors.prefix(2))") }
        }
        Self.expectNone(invalid, "of \(outputs.count) outputs fail the official ISO 20022 schemas")
    }

    // MARK: Helpers

    /// Records one issue naming the first few `problems` (`#expect(problems.isEmpty)` would print them all).
    static func expectNone(_ problems: [String], _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard !problems.isEmpty else { return }
        Issue.record("\(problems.count) \(what), e.g.:\n\(problems.prefix(10).joined(separator: "\n"))", sourceLocation: sourceLocation)
    }

    /// Delivers a file the way operators must: written under a hidden name, then renamed.
    static func drop(_ data: Data, as name: String, in directories: DropDirectories) throws {
        let temporary = directories.inbox + "/." + name + ".tmp"
        try data.write(to: URL(fileURLWithPath: temporary))
        try FileManager.default.moveItem(atPath: temporary, toPath: directories.inbox + "/" + name)
    }

    struct FoundFile {
        var folder: String
        var name: String
        var path: String
    }

    /// The `.xml` files one level down (`outbox/<BIC>/`, `outbound/<route>/`).
    static func xmlFiles(under parent: String) throws -> [FoundFile] {
        let manager = FileManager.default
        var found: [FoundFile] = []
        for folder in try manager.contentsOfDirectory(atPath: parent).sorted() {
            for name in try manager.contentsOfDirectory(atPath: parent + "/" + folder).sorted() where name.hasSuffix(".xml") {
                found.append(FoundFile(folder: folder, name: name, path: parent + "/" + folder + "/" + name))
            }
        }
        return found
    }

    static func balancesByAccount(_ runtime: GatewayRuntime) throws -> [AccountKey: AccountBalance] {
        Dictionary(uniqueKeysWithValues: try runtime.ledger.balances().map { (AccountKey($0.participant, $0.currency), $0) })
    }

    /// The forwarded pacs.008 in outbound/, by the UETR of their (single) transaction.
    static func forwardedMessages(_ directories: DropDirectories, reader: MessageReader) throws -> [String: FIToFICustomerCreditTransferV08] {
        var messages: [String: FIToFICustomerCreditTransferV08] = [:]
        for file in try Self.xmlFiles(under: directories.outbound) {
            #expect(file.folder == Plan.forwardRoute)
            let reading = reader.read(path: file.path)
            guard case .creditTransfer(let document)? = reading.message?.body else {
                Issue.record("unreadable forward \(file.name): \(reading.report.errors.prefix(2))")
                continue
            }
            let transfer = document.fiToFICstmrCdtTrf
            #expect(transfer.grpHdr.instdAgt?.finInstnId.bicfi?.bic11 == Plan.nextAgent, "\(file.name) is instructed to the next agent")
            for tx in transfer.cdtTrfTxInf {
                let uetr = try #require(tx.pmtId.uetr?.rawValue)
                #expect(messages[uetr] == nil, "UETR \(uetr) forwarded twice")
                messages[uetr] = transfer
            }
        }
        return messages
    }

    /// The route's pacs.002 on a forwarded message.
    static func routeAnswer(to forwarded: FIToFICustomerCreditTransferV08, status: String, reason: String?, messageId: String) -> ISOMessage {
        func agent(_ bic: String) -> BranchAndFinancialInstitutionIdentification6 {
            BranchAndFinancialInstitutionIdentification6(finInstnId: FinancialInstitutionIdentification18(bicfi: BIC(bic)))
        }
        let now = ISODateTime.now()
        let transactions = forwarded.cdtTrfTxInf.map { tx in
            PaymentTransaction110(
                orgnlInstrId: tx.pmtId.instrId, orgnlEndToEndId: tx.pmtId.endToEndId, orgnlTxId: tx.pmtId.txId,
                orgnlUETR: tx.pmtId.uetr, txSts: status,
                stsRsnInf: reason.map { [StatusReasonInformation12(rsn: .cd($0), addtlInf: ["creditor account closed"])] } ?? [],
                accptncDtTm: status == "RJCT" ? nil : now)
        }
        let document = Pacs002Document(fiToFIPmtStsRpt: FIToFIPaymentStatusReportV10(
            grpHdr: GroupHeader91(msgId: messageId, creDtTm: now, instgAgt: agent(Plan.nextAgent), instdAgt: agent(Plan.gateway)),
            orgnlGrpInfAndSts: [OriginalGroupHeader17(orgnlMsgId: forwarded.grpHdr.msgId, orgnlMsgNmId: "pacs.008.001.08", grpSts: status)],
            txInfAndSts: transactions))
        let header = BusinessApplicationHeaderV02(
            fr: .fiId(agent(Plan.nextAgent)), to: .fiId(agent(Plan.gateway)), bizMsgIdr: messageId, msgDefIdr: "pacs.002.001.10",
            creDt: now)
        return ISOMessage(header: header, body: .statusReport(document))
    }
}

/// Runs the acceptance test on a thread of its own. The pipeline does blocking work (files,
/// SQLite, XSD validation) inside async functions; on the cooperative pool, as wide as the
/// machine has cores, that would stall the tests running beside it for seconds (the inbox
/// watcher's timing tests notice on two cores).
final class DedicatedQueueExecutor: TaskExecutor {
    let queue = DispatchQueue(label: "corridor.file-drop-acceptance")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = self.asUnownedTaskExecutor()
        self.queue.async { job.runSynchronously(on: executor) }
    }
}

/// Every pacs.002 in outbox/, read once, by the phase in which it appeared.
struct StatusReportLog {
    struct Answer {
        var phase: Int
        var outcome: FileDropAcceptance.Outcome
    }

    var answers: [FileDropAcceptance.AnswerKey: [Answer]] = [:]
    var reportsByPhase: [Int: Int] = [:]
    var problems: [String] = []
    private var seen: Set<String> = []

    /// Reads the pacs.002 files not seen before.
    mutating func collect(phase: Int, outbox: String, reader: MessageReader) throws {
        for file in try FileDropAcceptanceTests.xmlFiles(under: outbox) where !self.seen.contains(file.path) {
            self.seen.insert(file.path)
            let reading = reader.read(path: file.path)
            guard let message = reading.message else {
                self.problems.append("\(file.folder)/\(file.name): \(reading.report.errors.prefix(2))")
                continue
            }
            guard case .statusReport(let document) = message.body else { continue }
            self.reportsByPhase[phase, default: 0] += 1
            let report = StatusReportReading(document)
            if report.entries.isEmpty {
                for group in report.groups {
                    let key = FileDropAcceptance.AnswerKey(recipient: file.folder, messageId: group.originalMessageId, uetr: nil)
                    self.answers[key, default: []].append(Answer(phase: phase, outcome: .init(group.status ?? "-", group.reason)))
                }
            }
            for entry in report.entries {
                let key = FileDropAcceptance.AnswerKey(
                    recipient: file.folder, messageId: entry.originalMessageId ?? "-", uetr: entry.originalUETR?.rawValue)
                self.answers[key, default: []].append(Answer(phase: phase, outcome: .init(entry.status ?? "-", entry.reason)))
            }
        }
    }
}
