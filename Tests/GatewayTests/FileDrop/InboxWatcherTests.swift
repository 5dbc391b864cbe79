import Foundation
import Testing
@testable import Gateway

@Suite struct InboxWatcherTests {
    /// Iterates `watcher`, calling `onStart` after the first event, until `matches` accepts an
    /// event or `timeout` passes; returns the accepted event.
    private func firstEvent(
        of watcher: InboxWatcher, within timeout: Duration,
        onStart: @escaping @Sendable () throws -> Void = {},
        matching matches: @escaping @Sendable (InboxEvent) -> Bool
    ) async -> InboxEvent? {
        await withTaskGroup(of: InboxEvent?.self) { group in
            group.addTask {
                var started = false
                for await event in watcher {
                    if !started {
                        started = true
                        try? onStart()
                    }
                    if matches(event) { return event }
                }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    @Test func seesAFileRenamedIntoTheInbox() async throws {
        try await withDataRoot { root in
            let inbox = root.directories.inbox
            let staging = try root.put("<Document/>", in: root.directories.root, as: ".staging.xml")
            let watcher = InboxWatcher(directory: inbox)
            let event = await firstEvent(of: watcher, within: .seconds(60), onStart: {
                guard rename(staging, POSIX.path(inbox, "arrived.xml")) == 0 else { throw POSIXError(.EIO) }
            }, matching: { $0 == .fileArrived(name: "arrived.xml") })
            #expect(event == .fileArrived(name: "arrived.xml"))
        }
    }

    @Test func reportsInotifyModeOnLinux() async throws {
        try await withDataRoot { root in
            let event = await firstEvent(of: InboxWatcher(directory: root.directories.inbox), within: .seconds(60)) { _ in true }
            #if os(Linux)
            #expect(event == .started(.inotify))
            #endif
        }
    }

    @Test func ignoresTemporaryAndHiddenNames() async throws {
        try await withDataRoot { root in
            let inbox = root.directories.inbox
            let event = await firstEvent(of: InboxWatcher(directory: inbox), within: .seconds(60), onStart: {
                try Data("partial".utf8).write(to: URL(fileURLWithPath: POSIX.path(inbox, "x.xml.part")))
                try Data("hidden".utf8).write(to: URL(fileURLWithPath: POSIX.path(inbox, ".x.xml")))
                try Data("done".utf8).write(to: URL(fileURLWithPath: POSIX.path(inbox, "x.xml")))
            }, matching: { if case .fileArrived = $0 { true } else { false } })
            #expect(event == .fileArrived(name: "x.xml"))
        }
    }

    @Test func fallsBackToPollingAtTheConfiguredInterval() async throws {
        try await withDataRoot { root in
            let watcher = InboxWatcher(
                directory: root.directories.inbox,
                configuration: .init(useInotify: false, pollInterval: .milliseconds(50)))
            var iterator = watcher.makeAsyncIterator()
            #expect(await iterator.next() == .started(.polling))
            let clock = ContinuousClock()
            let start = clock.now
            #expect(await iterator.next() == .tick)
            #expect(await iterator.next() == .tick)
            #expect(clock.now - start < .seconds(60), "two ticks arrive (the bound is loose: CI runs tests in parallel on 2 cores)")
        }
    }

    @Test func pollingStartsWhenTheFolderCannotBeWatched() async throws {
        let watcher = InboxWatcher(
            directory: "/nonexistent/corridor/inbox", configuration: .init(pollInterval: .milliseconds(20)))
        var iterator = watcher.makeAsyncIterator()
        #expect(await iterator.next() == .started(.polling))
    }

    @Test func cancellingTheConsumerEndsTheSequence() async throws {
        try await withDataRoot { root in
            let watcher = InboxWatcher(directory: root.directories.inbox)
            let consumer = Task {
                var count = 0
                for await _ in watcher { count += 1 }
                return count
            }
            try await Task.sleep(for: .milliseconds(100))
            consumer.cancel()
            let finished = await withTaskGroup(of: Bool.self) { group in
                group.addTask { _ = await consumer.value; return true }
                group.addTask { try? await Task.sleep(for: .seconds(60)); return false }
                let first = await group.next() ?? false
                group.cancelAll()
                return first
            }
            #expect(finished)
        }
    }
}
