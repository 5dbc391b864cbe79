import Foundation
import GRDB
import Testing
@testable import Gateway

/// The gateway store's own guarantees.
struct GatewayStoreTests {
    @Test func everyCommitIsFlushedToDisk() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try GatewayStore(directory: folder)
        let settings = try store.durabilitySettings()
        #expect(settings.journalMode == "wal")
        #expect(settings.synchronous == 2, "synchronous = FULL; GRDB's WAL default, NORMAL, defers the flush to a checkpoint")
        #expect(settings.busyTimeout == 10_000, "a command opened beside the daemon waits for its lock")
    }

    @Test func limitUsageIsReadFromACutoffAndPrunedBeforeIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try GatewayStore(directory: folder)
        var batch = GatewayStore.Batch()
        batch.limitUsage = [(key: "debtorAgent:BANKDEFFXXX:EUR", at: 5_000, amount: "10.00"),
                            (key: "debtorAgent:BANKDEFFXXX:EUR", at: 1_000, amount: "20.00")]
        try store.commit(batch)
        #expect(try store.limitUsage(since: 0).map(\.at) == [1_000, 5_000], "oldest first")
        #expect(try store.limitUsage(since: 3_000).map(\.amount) == ["10.00"])
        try store.pruneLimitUsage(before: 3_000)
        #expect(try store.limitUsage(since: 0).map(\.at) == [5_000])
    }

    @Test func aTransactionsEventsIncludeItsMessagesOwnButNotItsSiblings() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try GatewayStore(directory: folder)
        var batch = GatewayStore.Batch()
        batch.events = [
            PaymentEvent(transferID: "T1", messageId: "M1", at: 1, kind: "settle", detail: "tx 1"),
            PaymentEvent(transferID: "T2", messageId: "M1", at: 2, kind: "settle", detail: "tx 2, a sibling"),
            PaymentEvent(transferID: nil, messageId: "M1", at: 3, kind: "unanswerable", detail: "the message as a whole"),
            PaymentEvent(transferID: nil, messageId: "M2", at: 4, kind: "rejected-message", detail: "another message"),
        ]
        try store.commit(batch)
        let events = try store.events(transferIDs: ["T1"], messageIds: ["M1"])
        #expect(events.map(\.detail) == ["tx 1", "the message as a whole"])
    }

    @Test func indexesHoldOnlyWhatLookUpsNeed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try GatewayStore(directory: folder)
        let database = try DatabaseQueue(path: folder.appendingPathComponent("gateway.sqlite").path)
        let sql = try database.read { db in
            try [String: String](uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
                .map { ($0["name"] as String, $0["sql"] as String) })
        }
        #expect(sql["payment_forward"]?.contains("WHERE forwardMessageId IS NOT NULL") == true)
        #expect(sql["event_message"]?.contains("WHERE transferID IS NULL") == true)
        #expect(sql["payment_e2e_agent_tx"]?.contains("(endToEndId, instructingAgent, txId)") == true)
        #expect(sql["payment_e2e"] == nil && sql["payment_agent_tx"] == nil, "the EndToEndId lookup and the duplicate check share one index")
        #expect(sql["payment_uetr"]?.contains("WHERE transferID <> uetr") == true, "the primary key finds the rest")
    }

    @Test func aUETRFindsThePaymentItIdentifiesAndTheDuplicatesRecordedUnderOtherIds() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try GatewayStore(directory: folder)
        let uetr = "8a562c67-ca16-48ba-b074-65581be6f011"
        func record(_ transferID: String, uetr: String?, index: Int) -> PaymentRecord {
            PaymentRecord(transferID: transferID, uetr: uetr, messageId: "M\(index)", sender: nil, instructingAgent: nil,
                          endToEndId: "E2E-\(index)", txId: nil, instrId: nil, debtorAgent: nil, creditorAgent: nil,
                          currency: "EUR", amount: "1.00", route: nil, action: "settle", status: "ACSC", reason: nil,
                          narrative: nil, inputName: "in\(index).xml", inputDigest: "d\(index)", transactionIndex: 0,
                          receivedAt: Int64(index), updatedAt: Int64(index), deadline: nil, routeAcknowledged: false,
                          forwardMessageId: nil, fingerprint: "f\(index)", latencyMicros: nil)
        }
        var batch = GatewayStore.Batch()
        batch.payments = [
            record(uetr, uetr: uetr, index: 1),
            record("dup:0123456789abcdef:0", uetr: uetr, index: 2),
            record("8d3b41a4d6c1e7f20a9b5c4d3e2f1a0b", uetr: nil, index: 3),
            record("0c4c2a9e-7d55-4c1a-9f0e-3b2a1d0c9e8f", uetr: "0c4c2a9e-7d55-4c1a-9f0e-3b2a1d0c9e8f", index: 4),
        ]
        try store.commit(batch)
        #expect(try store.payments(matching: uetr).map(\.transferID) == [uetr, "dup:0123456789abcdef:0"])
        #expect(try store.payments(matching: "E2E-3").map(\.transferID) == ["8d3b41a4d6c1e7f20a9b5c4d3e2f1a0b"])
        #expect(try store.lookupPlan().allSatisfy { !$0.hasPrefix("SCAN") }, "every look-up searches an index")
    }
}
