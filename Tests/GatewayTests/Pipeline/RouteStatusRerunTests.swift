import Foundation
import ISO20022
import Settlement
import Testing
@testable import Gateway

/// A route's pacs.002 taken up again after a crash: the sender still gets its final answer.
@Suite(.serialized) struct RouteStatusRerunTests {
    struct Fixture: GatewayFixture {
        let folder: URL
        let runtime: GatewayRuntime
        let pipeline: Pipeline

        init() throws {
            self.folder = Self.temporaryFolder("route")
            let yaml = """
                gateway: { bic: \(FileDropAcceptance.gateway), data: ./var, timeoutSeconds: 300 }
                participants:
                  - { bic: BANKDEFFXXX, name: Bank DE, accounts: [ { currency: USD, balance: "1000000.00" } ] }
                routes:
                  - { name: fednow, match: { currency: USD }, action: forward, nextAgent: \(FileDropAcceptance.nextAgent) }
                screening:
                  lists: []
                  allowUnscreened: true
                limits: []
                """
            self.runtime = try Self.runtime(yaml: yaml, in: self.folder, screening: ListedCreditorScreening(listedName: "nobody"))
            self.pipeline = Pipeline(runtime: runtime)
        }

        /// The pacs.002 statuses BANKDEFFXXX received, by file name.
        func answers() throws -> [String: [String]] {
            let folder = self.runtime.directories.outbox + "/BANKDEFFXXX"
            var answers: [String: [String]] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix("pacs002.xml") {
                let message = try #require(MessageReader().read(path: folder + "/" + name).message)
                guard case .statusReport(let report) = message.body else { continue }
                answers[name] = report.fiToFIPmtStsRpt.txInfAndSts.compactMap(\.txSts)
            }
            return answers
        }

        /// Forwards a USD payment and returns the route's answer to it, not yet dropped.
        func forwardedPaymentAndItsSettlement(status: String = "ACSC") async throws -> Data {
            let payment = SyntheticPayments.creditTransfer(index: 41, debtorAgent: "BANKDEFFXXX", creditorAgent: "BANKUS33XXX",
                                                           currency: "USD", amountMinor: 250_00)
            try self.drop(Data(payment.utf8), as: "usd.xml")
            _ = try await self.run()
            let outbound = self.runtime.directories.outbound + "/fednow"
            let forwardedName = try #require(try FileManager.default.contentsOfDirectory(atPath: outbound).first { $0.hasSuffix(".xml") })
            let forwarded = try #require(MessageReader().read(path: outbound + "/" + forwardedName).message)
            guard case .creditTransfer(let document) = forwarded.body else { throw CancellationError() }
            return Data(FileDropAcceptanceTests.routeAnswer(to: document.fiToFICstmrCdtTrf, status: status, reason: nil,
                                                            messageId: "FEDANS-1").xml())
        }
    }

    @Test func aRouteAnswerWhoseOutputsACrashCutShortIsAnsweredAgain() async throws {
        let gateway = try Fixture()
        defer { gateway.cleanUp() }
        let answer = try await gateway.forwardedPaymentAndItsSettlement()
        try gateway.drop(answer, as: "fed-answer.xml")
        _ = try await gateway.run()
        let final = try #require(try gateway.answers().first { $0.value == ["ACSC"] })

        // The crash: the report's commit went through, its pacs.002 and its archive move did not.
        try FileManager.default.removeItem(atPath: gateway.runtime.directories.outbox + "/BANKDEFFXXX/" + final.key)
        let archived = try #require(gateway.pipeline.archivedInput("fed-answer.xml"))
        try FileManager.default.moveItem(atPath: archived, toPath: gateway.runtime.directories.processing + "/fed-answer.xml")
        _ = try await gateway.run()

        #expect(try gateway.answers()[final.key] == ["ACSC"], "the final answer is written again under its name")
        #expect(try gateway.answers().values.filter { $0 == ["ACSC"] }.count == 1)
        #expect(try gateway.runtime.ledger.balance(participant: "BANKDEFFXXX", currency: "USD")?.balance == 1_000_000_00 - 250_00)
    }

    @Test func aRouteAnswerWhoseLedgerPostWentThroughButNotItsRecordIsFinished() async throws {
        let gateway = try Fixture()
        defer { gateway.cleanUp() }
        let answer = try await gateway.forwardedPaymentAndItsSettlement()
        // The crash: the ledger committed the post, the store did not hear of it.
        let uetr = try #require(try gateway.runtime.store.payments(matching: SyntheticPayments.uetr(41)).first)
        _ = try await gateway.runtime.ledger.apply([.post(pendingID: try TransferID(uetr.transferID))])

        try gateway.drop(answer, as: "fed-answer.xml")
        _ = try await gateway.run()
        #expect(try gateway.answers().values.contains(["ACSC"]), "the sender gets its final ACSC, not silence until the timeout")
        #expect(try gateway.runtime.store.payments(matching: SyntheticPayments.uetr(41)).first?.status == "ACSC")
        #expect(try gateway.runtime.ledger.balance(participant: "BANKDEFFXXX", currency: "USD")?.balance == 1_000_000_00 - 250_00)
    }

    @Test func aTimeoutWhoseVoidWentThroughBeforeACrashGivesTheSameAnswer() async throws {
        let gateway = try Fixture()
        defer { gateway.cleanUp() }
        let acknowledgement = try await gateway.forwardedPaymentAndItsSettlement(status: "ACSP")
        try gateway.drop(acknowledgement, as: "fed-ack.xml")
        _ = try await gateway.run()
        // The crash: the sweep's void reached the ledger, its records and answers did not.
        let record = try #require(try gateway.runtime.store.payments(matching: SyntheticPayments.uetr(41)).first)
        #expect(record.routeAcknowledged)
        _ = try await gateway.runtime.ledger.apply([.void(pendingID: try TransferID(record.transferID))])

        let result = try await gateway.pipeline.expireOverdue(now: Date().addingTimeInterval(3_600))
        #expect(result.reasons == ["AB05": 1], "acknowledged by the route: AB05, as without the crash")
        let stored = try #require(try gateway.runtime.store.payments(matching: SyntheticPayments.uetr(41)).first)
        #expect(stored.status == "RJCT" && stored.reason == "AB05" && stored.deadline == nil)
        #expect(try gateway.answers().contains { $0.key.hasPrefix("timeout-") && $0.value == ["RJCT"] })
    }

    @Test func aSecondRouteReportOnTheSameForwardInOneGroupIsLateNotASecondAnswer() async throws {
        let gateway = try Fixture()
        defer { gateway.cleanUp() }
        let settled = try await gateway.forwardedPaymentAndItsSettlement(status: "ACSC")
        try gateway.drop(settled, as: "fed-1-settled.xml")
        // The route repeats itself, then sends a stale acknowledgement: all in one group.
        try gateway.drop(settled + Data("<!-- again -->".utf8), as: "fed-2-again.xml")
        let outbound = gateway.runtime.directories.outbound + "/fednow"
        let forwardedName = try #require(try FileManager.default.contentsOfDirectory(atPath: outbound).first { $0.hasSuffix(".xml") })
        guard case .creditTransfer(let document)? = MessageReader().read(path: outbound + "/" + forwardedName).message?.body else {
            Issue.record("no forwarded pacs.008"); return
        }
        let acknowledgement = FileDropAcceptanceTests.routeAnswer(to: document.fiToFICstmrCdtTrf, status: "ACSP", reason: nil, messageId: "FEDANS-3")
        try gateway.drop(Data(acknowledgement.xml()), as: "fed-3-ack.xml")
        _ = try await gateway.run()

        #expect(try gateway.answers().values.filter { $0 == ["ACSC"] }.count == 1, "one final answer to the sender")
        let record = try #require(try gateway.runtime.store.payments(matching: SyntheticPayments.uetr(41)).first)
        #expect(record.status == "ACSC" && record.deadline == nil, "the stale acknowledgement undid nothing")

        // A crash before the three were archived: the rerun answers as the first run did.
        for name in ["fed-1-settled.xml", "fed-2-again.xml", "fed-3-ack.xml"] {
            let archived = try #require(gateway.pipeline.archivedInput(name))
            try FileManager.default.moveItem(atPath: archived, toPath: gateway.runtime.directories.processing + "/" + name)
        }
        _ = try await gateway.run()
        #expect(try gateway.answers().values.filter { $0 == ["ACSC"] }.count == 1, "still one final answer after the rerun")
    }

    @Test func aLateReportRerunAloneAfterACrashGivesNoSecondAnswer() async throws {
        let gateway = try Fixture()
        defer { gateway.cleanUp() }
        let settled = try await gateway.forwardedPaymentAndItsSettlement(status: "ACSC")
        // Two agreeing reports in one group: the first makes the payment final, the second is late.
        try gateway.drop(settled, as: "fed-1-settled.xml")
        try gateway.drop(settled + Data("<!-- again -->".utf8), as: "fed-2-again.xml")
        _ = try await gateway.run()
        #expect(try gateway.answers().values.filter { $0 == ["ACSC"] }.count == 1)
        let record = try #require(try gateway.runtime.store.payments(matching: SyntheticPayments.uetr(41)).first)
        #expect(record.resolvedBy == ContentDigest(of: Array(settled)).hex, "the record names the report that made it final")

        // The crash fell between the two archive moves: only the late one is taken up again.
        let archived = try #require(gateway.pipeline.archivedInput("fed-2-again.xml"))
        try FileManager.default.moveItem(atPath: archived, toPath: gateway.runtime.directories.processing + "/fed-2-again.xml")
        _ = try await gateway.run()
        let answers = try gateway.answers()
        #expect(answers.values.filter { $0 == ["ACSC"] }.count == 1,
                "the late report made nothing final, so its rerun answers nothing: \(answers.keys.sorted())")
    }
}
