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
    }
}
