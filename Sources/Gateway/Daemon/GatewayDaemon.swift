import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// `corridor run`: watches the inbox and processes files as they arrive, fires timeouts, and
/// shuts down gracefully (stop claiming, finish the group in flight, return).
public struct GatewayDaemon: Service {
    public let pipeline: Pipeline
    /// Most files per group.
    public var groupSize: Int
    /// Most input bytes per group (see ``GroupLimits``).
    public var groupBytes: Int
    /// How often timeouts are checked and the inbox rescanned when no event arrives.
    public var tick: Duration
    public var watcher: InboxWatcher.Configuration

    public init(pipeline: Pipeline, groupSize: Int = 256, groupBytes: Int = 4 << 20, tick: Duration = .milliseconds(200),
                watcher: InboxWatcher.Configuration = InboxWatcher.Configuration(rescanInterval: .seconds(2))) {
        self.pipeline = pipeline
        self.groupSize = max(1, groupSize)
        self.groupBytes = max(1, groupBytes)
        self.tick = tick
        self.watcher = watcher
    }

    var limits: GroupLimits { GroupLimits(files: self.groupSize, bytes: self.groupBytes) }

    public func run() async throws {
        let runtime = self.pipeline.runtime
        let logger = runtime.logger
        let scanner = InboxScanner(directories: runtime.directories)
        let (wakes, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let stopping = StopFlag()

        let recovered = try scanner.recoverable()
        if !recovered.isEmpty {
            logger.info("recovering files left in processing/", metadata: ["files": "\(recovered.count)"])
            _ = try await self.pipeline.processRecovered(recovered, limits: self.limits, scanner: scanner)
        }
        logger.info("watching the inbox", metadata: ["inbox": "\(runtime.directories.inbox)"])

        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { tasks in
                let watcherConfiguration = self.watcher
                let tick = self.tick
                tasks.addTask {
                    for await event in InboxWatcher(directory: runtime.directories.inbox, configuration: watcherConfiguration) {
                        if case .started(let mode) = event { logger.info("inbox watcher started", metadata: ["mode": "\(mode)"]) }
                        wake.yield()
                        if stopping.isSet { return }
                    }
                }
                tasks.addTask {
                    while !stopping.isSet {
                        try? await Task.sleep(for: tick)
                        wake.yield()
                    }
                }
                wake.yield()
                var pruned = ContinuousClock.now
                for await _ in wakes {
                    if stopping.isSet { break }
                    do {
                        try await self.drain(scanner: scanner, stopping: stopping)
                        let expired = try await self.pipeline.expireOverdue()
                        if expired.transactions > 0 {
                            logger.info("forwards timed out", metadata: ["count": "\(expired.transactions)"])
                        }
                        // Limit usage the windows have rolled past: once a minute is plenty.
                        if ContinuousClock.now - pruned > .seconds(60) {
                            pruned = ContinuousClock.now
                            try runtime.pruneLimitUsage()
                        }
                    } catch {
                        // A failing group leaves its inputs in processing/, and a failing timeout
                        // sweep its forwards overdue: both are taken up again on the next wake.
                        logger.error("group or timeout sweep failed; retrying", metadata: ["error": "\(error)"])
                        try? await Task.sleep(for: .milliseconds(500))
                    }
                }
                tasks.cancelAll()
            }
        } onGracefulShutdown: {
            logger.info("graceful shutdown: no new claims, finishing the group in flight")
            stopping.set()
            wake.finish()
        }
        logger.info("stopped")
    }

    /// Claims and processes until the inbox is empty or shutdown starts.
    ///
    /// Files a failed group left in processing/ (a full disk, a database error) are taken
    /// again first: the daemon is the only one claiming, so anything there between groups is
    /// waiting for a retry, and a rerun is idempotent.
    func drain(scanner: InboxScanner, stopping: StopFlag) async throws {
        let stranded = try scanner.recoverable()
        if !stranded.isEmpty && !stopping.isSet {
            _ = try await self.pipeline.processRecovered(stranded, limits: self.limits, scanner: scanner)
        }
        while !stopping.isSet {
            let eligible = try scanner.eligibleFiles()
            if eligible.isEmpty { return }
            var claimed: [ClaimedFile] = []
            guard let first = self.limits.cut(sizes: eligible.map(\.size)).first else { return }
            for file in eligible[first] {
                if let claim = try scanner.claim(file) { claimed.append(claim) }
            }
            if claimed.isEmpty { return }
            try scanner.makeClaimsDurable()
            let result = try await self.pipeline.process(claimed)
            self.pipeline.runtime.logger.info("group processed", metadata: [
                "files": "\(result.files)", "transactions": "\(result.transactions)", "errors": "\(result.errored)",
            ])
        }
    }
}

/// A flag set once, read from several tasks.
final class StopFlag: Sendable {
    private let value = Mutex(false)

    var isSet: Bool { self.value.withLock { $0 } }

    func set() { self.value.withLock { $0 = true } }
}
