import Foundation
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
}
