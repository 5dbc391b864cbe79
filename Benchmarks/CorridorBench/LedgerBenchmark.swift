import ArgumentParser
import Foundation
import Settlement

/// `corridor-bench ledger`: durable throughput and latency of the settlement ledger.
///
/// Every figure is for durable commits (WAL, synchronous = FULL) in a fresh temporary
/// directory. A two-phase transfer is a reservation plus its post: two operations, counted once.
struct LedgerBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "Durable ledger throughput (group commit vs one transaction per transfer) and commit latency.")

    @Option(help: "Two-phase transfers (and as many settlements) per group-commit run.")
    var transfers = 200_000

    @Option(help: "Concurrent clients submitting through the committer.")
    var clients = 4_096

    @Option(help: "Largest number of operations per group commit.")
    var batchSize = 8_192

    @Option(help: "Transfers in the one-transaction-per-transfer baseline.")
    var baselineTransfers = 1_000

    @Option(help: "Sequential submits for the low-load latency run.")
    var latencySamples = 200

    @Option(help: "Pause between latency submits, in milliseconds.")
    var pauseMilliseconds = 5

    @Option(help: "Phases to run, comma-separated: committer, apply, baseline, latency.")
    var phases = "committer,apply,baseline,latency"

    @Option(help: "Data directory (default: a fresh temporary directory, removed afterwards).")
    var directory: String?

    func run() async throws {
        let root = directory.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("corridor-ledger-bench-\(UUID().uuidString)")
        defer { if directory == nil { try? FileManager.default.removeItem(at: root) } }
        let ledger = try Ledger(directory: root)
        let settings = try ledger.durabilitySettings()
        print("ledger at \(ledger.databaseURL.path): journal_mode=\(settings.journalMode) synchronous=\(settings.synchronous)")

        let participants = (0..<100).map { String(format: "BNK%05dXXX", $0) }
        try ledger.createAccounts(participants.map {
            AccountSpec(participant: $0, currency: "EUR", openingBalance: 1_000_000_000_000)
        })
        let workload = Workload(participants: participants)

        let selected = Set(phases.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        let committer = LedgerCommitter(ledger: ledger, maximumBatchSize: batchSize)
        let perClient = max(1, transfers / clients)

        // 1. Group commit through the committer: concurrent clients, one operation per submit.
        if selected.contains("committer") {
        let twoPhase = try await measure(count: perClient * clients) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for client in 0..<clients {
                    group.addTask {
                        for i in 0..<perClient {
                            let n = client * perClient + i
                            let id = "tp-\(n)"
                            let reserved = try await committer.submit(.reserve(workload.request(id, n)))
                            let posted = try await committer.submit(.post(pendingID: try TransferID(id)))
                            guard reserved.transfer?.state == .pending, posted.transfer?.state == .posted else {
                                throw ValidationError("unexpected outcomes \(reserved) / \(posted)")
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        report("group commit, \(clients) clients, submit per op: two-phase transfers", twoPhase)

        let settles = try await measure(count: perClient * clients) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for client in 0..<clients {
                    group.addTask {
                        for i in 0..<perClient {
                            let n = client * perClient + i
                            let outcome = try await committer.submit(.settle(workload.request("st-\(n)", n)))
                            guard outcome.transfer != nil else { throw ValidationError("unexpected outcome \(outcome)") }
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        report("group commit, \(clients) clients, submit per op: settlements", settles)
        }

        // 2. Group commit by the caller: apply() with whole batches (reserve + post in one batch).
        if selected.contains("apply") {
        let pairsPerBatch = batchSize / 2
        let batches = max(1, transfers / pairsPerBatch)
        let applied = try measure(count: batches * pairsPerBatch) {
            for b in 0..<batches {
                var operations: [LedgerOperation] = []
                operations.reserveCapacity(pairsPerBatch * 2)
                for i in 0..<pairsPerBatch {
                    let n = b * pairsPerBatch + i
                    operations.append(.reserve(workload.request("ap-\(n)", n)))
                }
                for i in 0..<pairsPerBatch {
                    operations.append(.post(pendingID: try TransferID("ap-\(b * pairsPerBatch + i)")))
                }
                let outcomes = try ledger.apply(operations)
                guard outcomes.allSatisfy({ $0.transfer != nil }) else { throw ValidationError("apply() rejected an operation") }
            }
        }
        report("apply(), \(pairsPerBatch * 2) ops per transaction: two-phase transfers", applied)
        }

        // 3. Baseline: one transaction per operation.
        if selected.contains("baseline") {
        let single = try measure(count: baselineTransfers) {
            for n in 0..<baselineTransfers {
                try ledger.reserve(workload.request("one-\(n)", n))
                try ledger.post(try TransferID("one-\(n)"))
            }
        }
        report("one transaction per operation: two-phase transfers", single)
        let singleSettles = try measure(count: baselineTransfers) {
            for n in 0..<baselineTransfers { try ledger.settle(workload.request("one-st-\(n)", n)) }
        }
        report("one transaction per operation: settlements", singleSettles)
        }

        // 4. Latency of a lone submit at low load.
        if selected.contains("latency") {
        var latencies: [Duration] = []
        let clock = ContinuousClock()
        for n in 0..<latencySamples {
            let start = clock.now
            _ = try await committer.submit(.settle(workload.request("lat-\(n)", n)))
            latencies.append(clock.now - start)
            try await Task.sleep(for: .milliseconds(pauseMilliseconds))
        }
        latencies.sort()
        func percentile(_ p: Double) -> String {
            let index = min(latencies.count - 1, Int((Double(latencies.count) * p).rounded(.up)) - 1)
            return milliseconds(latencies[max(0, index)])
        }
        print("low-load commit latency, \(latencySamples) sequential submits \(pauseMilliseconds) ms apart: "
            + "p50 \(percentile(0.50)) ms, p99 \(percentile(0.99)) ms, max \(milliseconds(latencies.last!)) ms")
        }

        let balances = try ledger.balances()
        let sum = balances.reduce(Int64(0)) { $0 + $1.balance }
        print("check: EUR balances sum to \(sum) over \(balances.count) accounts")
    }

    /// Deterministic transfers among the benchmark's participants.
    private struct Workload: Sendable {
        let participants: [String]

        /// Transfer `n`: distinct debit and credit accounts, amounts between 1 and 10,000 cents.
        func request(_ id: String, _ n: Int) -> TransferRequest {
            let count = participants.count
            // Benchmark ids are short, non-empty ASCII: always valid.
            return TransferRequest(
                id: try! TransferID(id), debit: participants[n % count],
                credit: participants[(n % count + 1 + (n / count) % (count - 1)) % count],
                currency: "EUR", amount: Int64(n % 10_000 + 1))
        }
    }

    private struct Measurement {
        let count: Int
        let elapsed: Duration
        var perSecond: Double {
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            return Double(count) / seconds
        }
    }

    private func measure(count: Int, _ body: () async throws -> Void) async throws -> Measurement {
        let clock = ContinuousClock()
        let start = clock.now
        try await body()
        return Measurement(count: count, elapsed: clock.now - start)
    }

    private func measure(count: Int, _ body: () throws -> Void) throws -> Measurement {
        let clock = ContinuousClock()
        let start = clock.now
        try body()
        return Measurement(count: count, elapsed: clock.now - start)
    }

    private func report(_ label: String, _ measurement: Measurement) {
        print("\(label): \(measurement.count) in \(milliseconds(measurement.elapsed)) ms = \(Int(measurement.perSecond))/s")
    }

    private func milliseconds(_ duration: Duration) -> String {
        let ms = Double(duration.components.seconds) * 1_000 + Double(duration.components.attoseconds) / 1e15
        return String(format: "%.2f", ms)
    }
}
