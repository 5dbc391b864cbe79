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
}
