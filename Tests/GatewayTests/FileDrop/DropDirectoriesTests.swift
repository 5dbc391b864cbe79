import Foundation
import Testing
@testable import Gateway

@Suite struct DropDirectoriesTests {
    @Test func createMakesEveryFixedFolderIncludingMissingParents() async throws {
        let base = FileManager.default.temporaryDirectory
            .appendingPathComponent("corridor-layout-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let layout = DropDirectories(root: base.appendingPathComponent("nested/gateway.data"))
        try layout.create()
        try layout.create()  // idempotent
        for directory in layout.fixedDirectories {
            var isDirectory: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) && isDirectory.boolValue)
        }
        #expect(layout.inbox.hasSuffix("gateway.data/inbox"))
    }

    @Test func outboxFolderIsNamedAfterAValidBIC() throws {
        let layout = DropDirectories(root: "/data/")
        #expect(try layout.outboxDirectory(for: "DEUTDEFF") == "/data/outbox/DEUTDEFF")
        #expect(try layout.outboxDirectory(for: "DEUTDEFF500") == "/data/outbox/DEUTDEFF500")
        // ISO 9362:2014 (the schemas' BICFIDec2014Identifier) allows digits in the institution code.
        #expect(try layout.outboxDirectory(for: "AB12GB2L") == "/data/outbox/AB12GB2L")
        for bad in ["deutdeff", "DEUT", "../../etc", "DEUTDEFF50", "DEUTD1FF", "DEUT DEFF"] {
            #expect(throws: FileDropError.self) { try layout.outboxDirectory(for: bad) }
        }
    }

    @Test func outboundFolderRejectsNamesThatEscapeTheFolder() throws {
        let layout = DropDirectories(root: "/data")
        #expect(try layout.outboundDirectory(for: "target2") == "/data/outbound/target2")
        for bad in ["", ".", "..", "a/b"] {
            #expect(throws: FileDropError.self) { try layout.outboundDirectory(for: bad) }
        }
    }

    @Test func archiveFolderUsesTheUTCDay() {
        let layout = DropDirectories(root: "/data")
        // 2024-02-29T23:30:00Z: still the 29th in UTC, whatever the local zone.
        let date = Date(timeIntervalSince1970: 1_709_249_400)
        #expect(layout.archiveDirectory(for: date) == "/data/archive/2024-02-29")
        #expect(layout.archiveDirectory(for: Date(timeIntervalSince1970: 0)) == "/data/archive/1970-01-01")
    }
}
