import Foundation
import Synchronization
import Testing
@testable import Gateway

@Suite struct InboxScannerTests {
    @Test func listsOnlyCompleteRegularFilesOldestFirst() async throws {
        try await withDataRoot { root in
            let inbox = root.directories.inbox
            let base = Date(timeIntervalSince1970: 1_700_000_000)
            try root.put("b", in: inbox, as: "b.xml", modified: base)
            try root.put("a", in: inbox, as: "a.xml", modified: base)  // same time: by name
            try root.put("old", in: inbox, as: "z-old.xml", modified: base.addingTimeInterval(-60))
            try root.put("hidden", in: inbox, as: ".c.xml")
            try root.put("tmp", in: inbox, as: "d.xml.tmp")
            try root.put("part", in: inbox, as: "e.xml.part")
            try FileManager.default.createDirectory(atPath: POSIX.path(inbox, "folder.xml"), withIntermediateDirectories: false)
            try FileManager.default.createSymbolicLink(atPath: POSIX.path(inbox, "link.xml"), withDestinationPath: "/etc/hostname")

            let names = try InboxScanner(directories: root.directories).eligibleFiles().map(\.name)
            #expect(names == ["z-old.xml", "a.xml", "b.xml"])
        }
    }

    @Test func claimMovesTheFileIntoProcessing() async throws {
        try await withDataRoot { root in
            try root.put("<Document/>", in: root.directories.inbox, as: "p1.xml")
            let scanner = InboxScanner(directories: root.directories)
            let file = try #require(try scanner.eligibleFiles().first)
            let claimed = try #require(try scanner.claim(file))
            #expect(claimed.path == POSIX.path(root.directories.processing, "p1.xml"))
            #expect(!claimed.isRecovered)
            #expect(try root.text(at: claimed.path) == "<Document/>")
            #expect(try root.names(in: root.directories.inbox).isEmpty)
            #expect(try scanner.claim(file) == nil)  // already gone
        }
    }

    @Test func claimRefusesHiddenTmpAndPartFiles() async throws {
        try await withDataRoot { root in
            let scanner = InboxScanner(directories: root.directories)
            for name in [".x.xml", "x.xml.tmp", "x.xml.part"] {
                try root.put("partial", in: root.directories.inbox, as: name)
                #expect(throws: FileDropError.self) { try scanner.claim(named: name) }
            }
            #expect(try root.names(in: root.directories.processing).isEmpty)
        }
    }

    @Test func concurrentClaimsOfTheSameFileHaveExactlyOneWinner() async throws {
        try await withDataRoot { root in
            let scanner = InboxScanner(directories: root.directories)
            for round in 0..<10 {
                let name = "race-\(round).xml"
                try root.put("payload \(round)", in: root.directories.inbox, as: name)
                let winners = await withTaskGroup(of: Int.self) { group in
                    for _ in 0..<40 {
                        group.addTask { ((try? scanner.claim(named: name)) ?? nil) == nil ? 0 : 1 }
                    }
                    return await group.reduce(0, +)
                }
                #expect(winners == 1, "round \(round)")
            }
            #expect(try root.names(in: root.directories.processing).count == 10)
        }
    }

    @Test func concurrentClaimsFromThreadsHaveExactlyOneWinner() async throws {
        try await withDataRoot { root in
            let scanner = InboxScanner(directories: root.directories)
            try root.put("payload", in: root.directories.inbox, as: "threads.xml")
            let outcomes = Mutex<[Bool]>([])
            DispatchQueue.concurrentPerform(iterations: 16) { _ in
                let won = ((try? scanner.claim(named: "threads.xml")) ?? nil) != nil
                outcomes.withLock { $0.append(won) }
            }
            #expect(outcomes.withLock { $0.filter { $0 }.count } == 1)
        }
    }

    @Test func aFileWhoseNameIsStillInProcessingIsNotClaimedOverIt() async throws {
        try await withDataRoot { root in
            let scanner = InboxScanner(directories: root.directories)
            try root.put("first", in: root.directories.inbox, as: "same.xml")
            _ = try #require(try scanner.claim(named: "same.xml"))
            try root.put("second", in: root.directories.inbox, as: "same.xml")
            #expect(try scanner.eligibleFiles().isEmpty)
            #expect(try scanner.claim(named: "same.xml") == nil)
            #expect(try root.text(at: POSIX.path(root.directories.processing, "same.xml")) == "first")
            #expect(try root.text(at: POSIX.path(root.directories.inbox, "same.xml")) == "second")
        }
    }

    @Test func recoverableListsFilesLeftInProcessingOldestFirst() async throws {
        try await withDataRoot { root in
            let processing = root.directories.processing
            let base = Date(timeIntervalSince1970: 1_700_000_000)
            try root.put("2", in: processing, as: "second.xml", modified: base)
            try root.put("1", in: processing, as: "first.xml", modified: base.addingTimeInterval(-5))
            let recovered = try InboxScanner(directories: root.directories).recoverable()
            #expect(recovered.map(\.name) == ["first.xml", "second.xml"])
            #expect(recovered.allSatisfy { $0.isRecovered })
            #expect(recovered.first?.stem == "first")
        }
    }
}
