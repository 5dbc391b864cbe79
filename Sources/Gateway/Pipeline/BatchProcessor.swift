import Foundation
import ISO20022

/// `corridor process`: everything in the inbox (and anything a crash left in processing/),
/// processed in durable groups, then the summary.
public struct BatchProcessor: Sendable {
    public let pipeline: Pipeline
    /// Most files per durable group: larger groups mean fewer flushes.
    public var groupSize: Int
    /// Most input bytes per durable group (see ``GroupLimits``). The default, 4 MiB, is above
    /// 512 single-transaction messages of 5–8 KB.
    public var groupBytes: Int

    public init(pipeline: Pipeline, groupSize: Int = 512, groupBytes: Int = 4 << 20) {
        self.pipeline = pipeline
        self.groupSize = max(1, groupSize)
        self.groupBytes = max(1, groupBytes)
    }

    var limits: GroupLimits { GroupLimits(files: self.groupSize, bytes: self.groupBytes) }

    /// Groups read, validated and screened ahead of the one being committed, at most.
    static let lookahead = 1

    /// The figures `corridor process` prints at the end.
    public struct Summary: Sendable {
        public var files = 0
        public var archived = 0
        public var errored = 0
        public var transactions = 0
        public var statuses: [String: Int] = [:]
        public var rejectedByReason: [String: Int] = [:]
        public var settled: [String: ExactDecimal] = [:]
        public var seconds: Double = 0
        public var latency = LatencySummary([])

        /// Every input ended in archive/ or error/.
        public var complete: Bool { self.files == self.archived + self.errored }

        public var text: String {
            var lines: [String] = []
            lines.append("files:        \(self.files) (\(self.archived) archived, \(self.errored) to error/)")
            lines.append("transactions: \(self.transactions)")
            let acceptedCodes = ["ACSC", "ACCC", "ACSP"].filter { (self.statuses[$0] ?? 0) > 0 }
            let accepted = acceptedCodes.reduce(0) { $0 + (self.statuses[$1] ?? 0) }
            lines.append("accepted:     \(accepted)" + (acceptedCodes.isEmpty ? "" : " (" + acceptedCodes.map { "\($0) \(self.statuses[$0] ?? 0)" }.joined(separator: ", ") + ")"))
            if let held = self.statuses["PDNG"], held > 0 { lines.append("held:         \(held) (PDNG, waiting for corridor review)") }
            let rejected = self.rejectedByReason.values.reduce(0, +)
            lines.append("rejected:     \(rejected)" + (rejected == 0 ? "" : " (" + self.rejectedByReason.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")"))
            let settled = self.settled.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            lines.append("settled:      \(settled.isEmpty ? "-" : settled)")
            let rate = self.seconds > 0 ? Double(self.transactions) / self.seconds : 0
            lines.append(String(format: "throughput:   %.0f payments/s (%.2f s)", rate, self.seconds))
            lines.append("response:     \(self.latency.text)")
            return lines.joined(separator: "\n")
        }

        public func json() -> JSONValue {
            .object([
                ("files", .int(self.files)), ("archived", .int(self.archived)), ("errored", .int(self.errored)),
                ("transactions", .int(self.transactions)),
                ("statuses", .object(self.statuses.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
                ("rejectedByReason", .object(self.rejectedByReason.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
                ("settled", .object(self.settled.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value.description)) })),
                ("seconds", .number(String(format: "%.3f", self.seconds))),
                ("throughput", .number(String(format: "%.1f", self.seconds > 0 ? Double(self.transactions) / self.seconds : 0))),
                ("averageResponseMs", .number(String(format: "%.3f", self.latency.meanMicros / 1000))),
                ("p50Ms", .number(String(format: "%.3f", Double(self.latency.p50Micros) / 1000))),
                ("p95Ms", .number(String(format: "%.3f", Double(self.latency.p95Micros) / 1000))),
                ("p99Ms", .number(String(format: "%.3f", Double(self.latency.p99Micros) / 1000))),
            ])
        }

        mutating func add(_ group: Pipeline.GroupResult) {
            self.files += group.files
            self.archived += group.archived
            self.errored += group.errored
            self.transactions += group.transactions
            for (k, v) in group.statuses { self.statuses[k, default: 0] += v }
            for (k, v) in group.reasons { self.rejectedByReason[k, default: 0] += v }
            for (k, v) in group.settled { self.settled[k] = (self.settled[k] ?? .zero).adding(v) ?? v }
        }
    }

    /// Processes until the inbox is empty. `progress` is called after each group with
    /// (files done, files known).
    public func run(progress: (Int, Int) -> Void = { _, _ in }) async throws -> Summary {
        let runtime = self.pipeline.runtime
        let scanner = InboxScanner(directories: runtime.directories)
        let start = Date()
        var summary = Summary()
        var latencies: [Int64] = []

        for group in try await self.pipeline.processRecovered(scanner.recoverable(), limits: self.limits, scanner: scanner) {
            summary.add(group)
            latencies += group.latenciesMicros
        }
        // Groups in flight: one group is committed (decisions, ledger, store, in order) while
        // the group before it is delivered (outputs and archive, on a thread of its own) and a
        // producer thread claims, reads, validates and screens the groups after it, up to
        // `lookahead` finished ones ahead. The commit is the only ordered stage; the others keep
        // both cores busy around it, at a lower priority (``ThreadPriority``) so that it never
        // waits for a core. A failed delivery (a full disk, say) is seen once the commit
        // running beside it ends: both groups then stay in processing/, settled but unanswered,
        // and the next run answers them from the store, as after a crash.
        let pipeline = self.pipeline
        while true {
            let eligible = try scanner.eligibleFiles()
            if eligible.isEmpty { break }
            let total = summary.files + eligible.count
            let ranges = self.limits.cut(sizes: eligible.map(\.size))
            let prepared = Handoff<Result<Pipeline.PreparedGroup, any Error>>(capacity: BatchProcessor.lookahead)
            let producer = BackgroundWork<Void> {
                defer { prepared.close() }
                ThreadPriority.lowerCurrentThread()
                for range in ranges {
                    do {
                        var claimed: [ClaimedFile] = []
                        for file in eligible[range] {
                            if let claim = try scanner.claim(file) { claimed.append(claim) }
                        }
                        guard !claimed.isEmpty else { continue }
                        try scanner.makeClaimsDurable()
                        guard prepared.put(.success(pipeline.prepared(claimed))) else { return }
                    } catch {
                        prepared.put(.failure(error))
                        return
                    }
                }
            }
            var delivering: BackgroundWork<Pipeline.GroupResult>? = nil
            func finishDelivery() async throws {
                guard let work = delivering else { return }
                delivering = nil
                let group = try await work.value()
                summary.add(group)
                latencies += group.latenciesMicros
                progress(summary.files, total)
            }
            do {
                while let next = await prepared.take() {
                    let committed = try await pipeline.commit(try next.get())
                    try await finishDelivery()
                    delivering = BackgroundWork {
                        ThreadPriority.lowerCurrentThread()
                        return try pipeline.deliver(committed)
                    }
                }
                try await finishDelivery()
                try await producer.value()
            } catch {
                // Nothing keeps running behind a failure: the work in flight ends first (what it
                // leaves in processing/ is taken up again by the next run).
                prepared.cancel()
                _ = try? await producer.value()
                _ = try? await delivering?.value()
                throw error
            }
        }
        let expired = try await self.pipeline.expireOverdue()
        for (k, v) in expired.reasons { summary.rejectedByReason[k, default: 0] += v }
        summary.seconds = Date().timeIntervalSince(start)
        summary.latency = LatencySummary(latencies)
        return summary
    }
}
