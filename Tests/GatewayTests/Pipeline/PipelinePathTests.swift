import Compliance
import Foundation
import ISO20022
import Settlement
import Testing
@testable import Gateway

/// Single paths of the pipeline, each on a small fresh gateway: re-sent payments, a rerun
/// after a crash, and the sanctions-review hold.
@Suite(.serialized) struct PipelinePathTests {
    /// A gateway in a temporary folder with three EUR participants and a settle route.
    struct Fixture: GatewayFixture {
        let folder: URL
        let runtime: GatewayRuntime
        let pipeline: Pipeline

        init(onReview: String = "hold", screening: PaymentScreening = ListedCreditorScreening(listedName: "Hwasong Shipping Company Limited")) throws {
            self.folder = Self.temporaryFolder("paths")
            let yaml = """
                gateway: { bic: CRDRGB2LXXX, data: ./var, timeoutSeconds: 10 }
                participants:
                  - { bic: BANKDEFFXXX, name: Bank DE, accounts: [ { currency: EUR, balance: "1000000.00" } ] }
                  - { bic: BANKFRPPXXX, name: Bank FR, accounts: [ { currency: EUR, balance: "1000000.00" } ] }
                  - { bic: BANKNL2AXXX, name: Bank NL, accounts: [ { currency: EUR, balance: "1000000.00" } ] }
                routes:
                  - { name: domestic, match: { currency: EUR }, action: settle }
                screening:
                  lists: []
                  allowUnscreened: true
                  onReview: \(onReview)
                limits: []
                """
            self.runtime = try Self.runtime(yaml: yaml, in: self.folder, screening: screening)
            self.pipeline = Pipeline(runtime: runtime)
        }

        /// Claims the inbox file `name` and processes it as a group of its own.
        func processAlone(_ name: String) async throws {
            let claimed = try #require(try InboxScanner(directories: self.runtime.directories).claim(named: name))
            _ = try await self.pipeline.process([claimed])
        }

        /// A crash after the outputs but before the archive: the input goes back to processing/.
        func crashBeforeArchiving(_ name: String) throws {
            let archived = try #require(self.pipeline.archivedInput(name))
            try FileManager.default.moveItem(atPath: archived, toPath: self.runtime.directories.processing + "/" + name)
        }

        func balance(_ bic: String) throws -> Int64? {
            try self.runtime.ledger.balance(participant: bic, currency: "EUR")?.balance
        }

        /// Every pacs.002 the sender received, as (file, TxSts of each transaction).
        func statusReports(to bic: String = "BANKDEFFXXX") throws -> [(String, [String])] {
            let folder = self.runtime.directories.outbox + "/" + bic
            return try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix("pacs002.xml") }.sorted().map { name in
                let message = try #require(MessageReader().read(path: folder + "/" + name).message)
                guard case .statusReport(let report) = message.body else { return (name, []) }
                return (name, report.fiToFIPmtStsRpt.txInfAndSts.compactMap(\.txSts))
            }
        }
    }

    static func payment(_ i: Int, creditorName: String? = nil) -> String {
        SyntheticPayments.creditTransfer(index: i, debtorAgent: "BANKDEFFXXX", creditorAgent: "BANKFRPPXXX", amountMinor: 100_00,
                                         creditorName: creditorName)
    }

    @Test func aResentPaymentIsAnsweredWithItsStoredStatusAndSettlesOnce() async throws {
        let gateway = try Fixture()
        defer { gateway.cleanUp() }
        try gateway.drop(Self.payment(1), as: "first.xml")
        _ = try await gateway.run()
        // The same payment again, in a different file (a comment makes the bytes differ).
        try gateway.drop(Self.payment(1) + "<!-- re-sent after a timeout -->\n", as: "again.xml")
        let summary = try await gateway.run()
        #expect(summary.archived == 1 && summary.errored == 0)
        #expect(try gateway.balance("BANKDEFFXXX") == 1_000_000_00 - 100_00, "settled exactly once")
        #expect(try gateway.runtime.ledger.transfers(limit: 100).filter { $0.debit == "BANKDEFFXXX" }.count == 1)
        let reports = try gateway.statusReports()
        #expect(reports.count == 2)
        #expect(reports.allSatisfy { $0.1 == ["ACSC"] }, "the re-send gets the stored ACSC: \(reports)")
        let trail = try gateway.runtime.store.events(transferIDs: [SyntheticPayments.uetr(1)], messageIds: [])
        #expect(trail.contains { $0.kind == "replay" })
    }

    @Test func aBulkFileSettlesEveryTransactionAndIsAnsweredByOneReport() async throws {
        let gateway = try Fixture()
        defer { gateway.cleanUp() }
        let bulk = SyntheticPayments.bulkCreditTransfer(firstIndex: 20, count: 3, debtorAgent: "BANKDEFFXXX") { _ in "BANKFRPPXXX" }
        let message = try #require(MessageReader().read(Array(bulk.utf8)).message, "the generated bulk file is valid")
        guard case .creditTransfer(let document) = message.body else { Issue.record("not a pacs.008"); return }
        let transactions = document.fiToFICstmrCdtTrf.cdtTrfTxInf
        #expect(transactions.count == 3)
        var total = Money(minorUnits: 0, currency: transactions[0].intrBkSttlmAmt.currency)
        for transaction in transactions { total = try #require(total.adding(transaction.intrBkSttlmAmt)) }
        #expect(document.fiToFICstmrCdtTrf.grpHdr.ttlIntrBkSttlmAmt?.minorUnits == total.minorUnits)

        try gateway.drop(bulk, as: "bulk.xml")
        let summary = try await gateway.run()
        #expect(summary.archived == 1 && summary.transactions == 3)
        #expect(try gateway.statusReports().map(\.1) == [["ACSC", "ACSC", "ACSC"]])
        let minor = try #require(total.minorUnits)
        #expect(try gateway.balance("BANKFRPPXXX") == 1_000_000_00 + minor)
    }

    @Test func aBulkFileReachesEachCreditorAgentAsOneBulkThatARerunWritesAgain() async throws {
        let gateway = try Fixture()
        defer { gateway.cleanUp() }
        // Four payments: three to Bank FR, one to Bank NL.
        let bulk = SyntheticPayments.bulkCreditTransfer(firstIndex: 40, count: 4, debtorAgent: "BANKDEFFXXX") { i in
            i == 41 ? "BANKNL2AXXX" : "BANKFRPPXXX"
        }
        try gateway.drop(bulk, as: "bulk.xml")
        _ = try await gateway.run()
        let statuses = try gateway.statusReports().map(\.1)
        #expect(statuses == [["ACSC", "ACSC", "ACSC", "ACSC"]])

        func deliveries(to bic: String) throws -> [String: Data] {
            let folder = gateway.runtime.directories.outbox + "/" + bic
            var files: [String: Data] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.contains(".pacs008-") {
                files[name] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
            }
            return files
        }
        let toFrance = try deliveries(to: "BANKFRPPXXX")
        #expect(toFrance.count == 1, "one bulk for Bank FR: \(toFrance.keys.sorted())")
        #expect(toFrance.keys.first?.hasSuffix(".pacs008-1.xml") == true, "named after its first payment")
        let bytes = try #require(toFrance.values.first)
        let message = try #require(MessageReader().read(Array(bytes)).message)
        guard case .creditTransfer(let document) = message.body else { Issue.record("not a pacs.008"); return }
        #expect(document.fiToFICstmrCdtTrf.grpHdr.nbOfTxs == "3")
        #expect(document.fiToFICstmrCdtTrf.cdtTrfTxInf.map(\.pmtId.uetr?.rawValue) == [40, 42, 43].map { SyntheticPayments.uetr($0) })
        let toNetherlands = try deliveries(to: "BANKNL2AXXX")
        #expect(toNetherlands.keys.sorted().map { $0.hasSuffix(".pacs008-2.xml") } == [true])

        // A crash after the outputs, before the archive: the rerun finds the same payments
        // settled and writes the same bulks, byte for byte, under the same names.
        try gateway.crashBeforeArchiving("bulk.xml")
        let summary = try await gateway.run()
        #expect(summary.archived == 1)
        #expect(try deliveries(to: "BANKFRPPXXX") == toFrance)
        #expect(try deliveries(to: "BANKNL2AXXX") == toNetherlands)
    }

    @Test func anInvalidFileFromASenderNoFolderCanBeNamedAfterGoesToErrorAndSpoilsNothingElse() async throws {
        let gateway = try Fixture()
        defer { gateway.cleanUp() }
        // Lower-case BICs: schema-invalid, and no outbox folder can carry that name.
        try gateway.drop(SyntheticPayments.creditTransfer(index: 31, debtorAgent: "bankdeffxxx", creditorAgent: "BANKFRPPXXX"), as: "lower.xml")
        try gateway.drop(Self.payment(32), as: "fine.xml")
        let summary = try await gateway.run()
        #expect(summary.archived == 1 && summary.errored == 1)
        #expect(try gateway.statusReports().map(\.1) == [["ACSC"]])
        let report = try String(contentsOfFile: gateway.runtime.directories.error + "/lower.xml.error.json", encoding: .utf8)
        #expect(report.contains("bankdeffxxx") && report.contains("unanswerable"))
    }

    @Test func inputsWithTheLongestNamesAreAnsweredAndMoved() async throws {
        let gateway = try Fixture()
        defer { gateway.cleanUp() }
        let long = String(repeating: "n", count: 251) + ".xml"  // 255 bytes, the file system's limit
        let longer = String(repeating: "m", count: 251) + ".xml"
        try gateway.drop(Self.payment(33), as: long)
        try gateway.drop("<Document>not a payment", as: longer)
        let summary = try await gateway.run()
        #expect(summary.archived == 1 && summary.errored == 1)
        #expect(try gateway.statusReports().map(\.1) == [["ACSC"]])
        let reports = try FileManager.default.contentsOfDirectory(atPath: gateway.runtime.directories.error).filter { $0.hasSuffix(".error.json") }
        #expect(reports.count == 1 && reports.allSatisfy { $0.utf8.count <= 255 })
    }

    @Test func aResendInTheSameGroupIsAnsweredWithTheOriginalsFinalStatus() async throws {
        let gateway = try Fixture()
        defer { gateway.cleanUp() }
        try gateway.drop(Self.payment(34), as: "a-original.xml")
        try gateway.drop(Self.payment(34) + "<!-- re-sent -->\n", as: "b-resent.xml")
        let summary = try await gateway.run()
        #expect(summary.archived == 2)
        #expect(try gateway.statusReports().map(\.1) == [["ACSC"], ["ACSC"]], "not the placeholder RJCT of the undecided original")
        #expect(try gateway.balance("BANKDEFFXXX") == 1_000_000_00 - 100_00, "settled once")
    }

    @Test func anotherPaymentWithAnEarlierPaymentsEndToEndIdAndTxIdIsRejectedAM05() async throws {
        let gateway = try Fixture()
        defer { gateway.cleanUp() }
        try gateway.drop(Self.payment(35), as: "first.xml")
        _ = try await gateway.run()
        // A new UETR and MsgId, the same agent, EndToEndId and TxId: a different transfer id, so
        // only the reference look-up can tell.
        let otherUETR = SyntheticPayments.uetr(9_035)
        let again = Self.payment(35)
            .replacingOccurrences(of: "<UETR>\(SyntheticPayments.uetr(35))</UETR>", with: "<UETR>\(otherUETR)</UETR>")
            .replacingOccurrences(of: "<MsgId>MSG-BANKDEFF-00000035</MsgId>", with: "<MsgId>MSG-BANKDEFF-RESENT-35</MsgId>")
        try gateway.drop(again, as: "second.xml")
        _ = try await gateway.run()
        #expect(try gateway.statusReports().map(\.1) == [["ACSC"], ["RJCT"]])
        let second = try #require(try gateway.runtime.store.payments(matching: "MSG-BANKDEFF-RESENT-35").first)
        #expect(second.reason == "AM05")
        #expect(second.narrative?.contains("the same EndToEndId and TxId") == true && second.narrative?.contains("first.xml") == true)
        #expect(try gateway.balance("BANKDEFFXXX") == 1_000_000_00 - 100_00, "settled once")
    }

    @Test func aByteIdenticalFileGoesToErrorWithoutEffects() async throws {
        let gateway = try Fixture()
        defer { gateway.cleanUp() }
        try gateway.drop(Self.payment(2), as: "one.xml")
        _ = try await gateway.run()
        try gateway.drop(Self.payment(2), as: "copy.xml")
        let summary = try await gateway.run()
        #expect(summary.errored == 1)
        let report = try String(contentsOfFile: gateway.runtime.directories.error + "/copy.xml.error.json", encoding: .utf8)
        #expect(report.contains("duplicate") && report.contains("one.xml"))
        #expect(try gateway.statusReports().count == 1)
    }

    @Test func aRerunAfterACrashWritesNoSecondOutputAndSettlesNothingTwice() async throws {
        let gateway = try Fixture()
        defer { gateway.cleanUp() }
        try gateway.drop(Self.payment(3), as: "crash.xml")
        try await gateway.processAlone("crash.xml")
        try gateway.crashBeforeArchiving("crash.xml")
        let summary = try await gateway.run()
        #expect(summary.archived == 1)
        #expect(try gateway.balance("BANKFRPPXXX") == 1_000_000_00 + 100_00)
        #expect(try gateway.statusReports().count == 1, "no second pacs.002")
        let deliveries = try FileManager.default.contentsOfDirectory(atPath: gateway.runtime.directories.outbox + "/BANKFRPPXXX")
        #expect(deliveries.filter { $0.hasSuffix(".xml") }.count == 1, "no second delivery")
    }

    @Test func aRerunAfterACrashRewritesCollectedAnswersByteForByte() async throws {
        let gateway = try Fixture()
        defer { gateway.cleanUp() }
        try gateway.drop(Self.payment(35), as: "collected.xml")
        try await gateway.processAlone("collected.xml")
        let outbox = gateway.runtime.directories.outbox
        let answers = [outbox + "/BANKDEFFXXX", outbox + "/BANKFRPPXXX"].flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".xml") }.map { folder + "/" + $0 }
        }
        #expect(answers.count == 2, "the pacs.002 to the sender and the pacs.008 to the creditor agent")
        let first = try answers.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        // The participants collect both, then the gateway is killed before archiving the input.
        for path in answers { try FileManager.default.removeItem(atPath: path) }
        try gateway.crashBeforeArchiving("collected.xml")
        try await Task.sleep(for: .milliseconds(5))  // a later clock must not show in the answers
        _ = try await gateway.run()
        let again = try answers.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        #expect(again == first, "the same messages, same MsgIds: a receiver discards them as duplicates")
        #expect(try gateway.balance("BANKFRPPXXX") == 1_000_000_00 + 100_00)
    }

    @Test func aHeldPaymentWaitsForReviewThenSettlesOnRelease() async throws {
        let gateway = try Fixture(screening: ReviewEverything())
        defer { gateway.cleanUp() }
        try gateway.drop(Self.payment(4), as: "held.xml")
        _ = try await gateway.run()
        #expect(try gateway.statusReports().map(\.1) == [["PDNG"]])
        #expect(try gateway.runtime.store.heldPayments().count == 1)
        #expect(try gateway.balance("BANKDEFFXXX") == 1_000_000_00, "nothing moves while held")
        let released = try await gateway.pipeline.review(SyntheticPayments.uetr(4), release: true, note: "false positive")
        #expect(released.status == "ACSC")
        #expect(try gateway.balance("BANKDEFFXXX") == 1_000_000_00 - 100_00)
        #expect(try gateway.statusReports().map(\.1).contains(["ACSC"]))
        #expect(try gateway.runtime.store.heldPayments().isEmpty)
    }

    @Test func aReleaseSettlesTheHeldFileNotANamesakeArchivedBesideIt() async throws {
        let gateway = try Fixture(screening: ReviewEverything())
        defer { gateway.cleanUp() }
        try gateway.drop(Self.payment(50), as: "held.xml")
        _ = try await gateway.run()
        let other = SyntheticPayments.creditTransfer(index: 51, debtorAgent: "BANKDEFFXXX", creditorAgent: "BANKFRPPXXX", amountMinor: 200_00)
        try gateway.drop(other, as: "held.xml")  // the same name, archived beside the first as held-2.xml
        _ = try await gateway.run()
        let released = try await gateway.pipeline.review(SyntheticPayments.uetr(51), release: true)
        #expect(released.status == "ACSC")
        #expect(try gateway.balance("BANKDEFFXXX") == 1_000_000_00 - 200_00, "payment 51's own amount, from its own file")
        #expect(try gateway.runtime.store.heldPayments().map(\.transferID) == [SyntheticPayments.uetr(50)])
    }

    @Test func aReleaseInterruptedAfterTheLedgerCanOnlyBeFinishedByReleasingAgain() async throws {
        let gateway = try Fixture(screening: ReviewEverything())
        defer { gateway.cleanUp() }
        try gateway.drop(Self.payment(52), as: "held.xml")
        _ = try await gateway.run()
        // The release's settlement reached the ledger; then the process died before its records.
        let id = try TransferID(SyntheticPayments.uetr(52))
        let settled = try await gateway.runtime.ledger.apply([
            .settle(TransferRequest(id: id, debit: "BANKDEFFXXX", credit: "BANKFRPPXXX", currency: "EUR", amount: 100_00)),
        ])
        let settledAt = try #require(settled.first?.transfer?.createdAt)
        await #expect(throws: Pipeline.ReviewError.self, "a rejection would contradict the ledger") {
            try await gateway.pipeline.review(SyntheticPayments.uetr(52), release: false)
        }
        try await Task.sleep(for: .milliseconds(5))
        let released = try await gateway.pipeline.review(SyntheticPayments.uetr(52), release: true)
        #expect(released.status == "ACSC")
        #expect(released.updatedAt == Int64((settledAt.timeIntervalSince1970 * 1000).rounded()), "dated by the ledger's transfer")
        #expect(try gateway.balance("BANKDEFFXXX") == 1_000_000_00 - 100_00, "settled once")
    }

    @Test func aRejectedReviewAnswersRR04() async throws {
        let gateway = try Fixture(screening: ReviewEverything())
        defer { gateway.cleanUp() }
        try gateway.drop(Self.payment(5), as: "held.xml")
        _ = try await gateway.run()
        let rejected = try await gateway.pipeline.review(SyntheticPayments.uetr(5), release: false, note: "true match")
        #expect(rejected.status == "RJCT" && rejected.reason == "RR04")
        // A crash cut the answer short: rejecting again writes the same answer.
        let folder = gateway.runtime.directories.outbox + "/BANKDEFFXXX/"
        let answer = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasPrefix("review-") })
        let bytes = try Data(contentsOf: URL(fileURLWithPath: folder + answer))
        try FileManager.default.removeItem(atPath: folder + answer)
        _ = try await gateway.pipeline.review(SyntheticPayments.uetr(5), release: false)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + answer)) == bytes)
        await #expect(throws: Pipeline.ReviewError.self) {
            try await gateway.pipeline.review(SyntheticPayments.uetr(5), release: true)
        }
    }
}

/// Sends every payment to review.
struct ReviewEverything: PaymentScreening {
    func screen(_ transaction: CreditTransferTransaction39, group: GroupHeader93, path: String) -> ScreeningResult {
        ScreeningResult(decision: .review, hits: [])
    }
}
