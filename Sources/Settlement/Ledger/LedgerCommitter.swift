import Dispatch
import Synchronization

/// Gathers concurrent ledger operations into group commits.
///
/// Callers ``submit(_:)-(LedgerOperation)`` operations and suspend. The committer applies the
/// waiting operations in one ``Ledger`` transaction (up to ``maximumBatchSize`` at a time, in
/// arrival order) and resumes every caller of that batch only after the transaction is durable.
/// While a batch commits, new arrivals queue up and form the next batch, so batches grow with
/// load without a fixed delay: at low load a lone operation commits at once (or after
/// ``window``, if one is set); at high load one sync of the log covers thousands of operations.
///
/// Transactions run on a private serial dispatch queue, never on the Swift concurrency pool,
/// because a commit blocks its thread until the log is synced. The only shared state is the
/// queue of waiting callers, under a mutex.
public final class LedgerCommitter: Sendable {
    /// The ledger that commits the batches.
    public let ledger: Ledger
    /// The largest number of operations applied in one transaction (a multi-operation submit
    /// larger than this commits alone).
    public let maximumBatchSize: Int
    /// How long an idle committer waits for more operations after the first one arrives, before
    /// committing; `.zero` commits at once.
    public let window: Duration

    private typealias One = UnsafeContinuation<Result<LedgerOutcome, LedgerError>, Never>
    private typealias Many = UnsafeContinuation<Result<[LedgerOutcome], LedgerError>, Never>

    /// A suspended caller.
    private enum Waiter: Sendable {
        case one(LedgerOperation, One)
        case many([LedgerOperation], Many)

        var count: Int {
            switch self {
            case .one: 1
            case .many(let operations, _): operations.count
            }
        }
    }

    private struct State: ~Copyable {
        var waiters: [Waiter] = []
        var queuedOperations = 0
        /// Whether a drain is scheduled or running; it alone takes waiters off the queue.
        var isDraining = false
    }

    private let state = Mutex(State())
    private let commitQueue = DispatchQueue(label: "Corridor.LedgerCommitter.commit")
    private let resumeQueue = DispatchQueue(label: "Corridor.LedgerCommitter.resume")

    /// Creates a committer for `ledger`.
    ///
    /// - Parameters:
    ///   - maximumBatchSize: The most operations per transaction (at least 1).
    ///   - window: The gathering delay before committing an idle committer's first operation.
    public init(ledger: Ledger, maximumBatchSize: Int = 8192, window: Duration = .zero) {
        self.ledger = ledger
        self.maximumBatchSize = max(1, maximumBatchSize)
        self.window = window
    }

    /// Applies `operation` in the next group commit and returns its outcome once that commit
    /// is durable.
    ///
    /// - Throws: ``LedgerError/storage(context:message:)`` if the batch's transaction failed;
    ///   the operation was not applied then.
    public func submit(_ operation: LedgerOperation) async throws(LedgerError) -> LedgerOutcome {
        // Safe as an unsafe continuation: every waiter `drainNow` dequeues is passed to `resume`,
        // which resumes it exactly once,
        // on success and on failure alike, and nothing else dequeues waiters.
        let result = await withUnsafeContinuation { continuation in
            enqueue(.one(operation, continuation))
        }
        return try result.get()
    }

    /// Applies `operations`, in order and all in the same group commit, and returns their
    /// outcomes once that commit is durable.
    public func submit(_ operations: [LedgerOperation]) async throws(LedgerError) -> [LedgerOutcome] {
        if operations.isEmpty { return [] }
        // See submit(_:) for why an unsafe continuation is safe here.
        let result = await withUnsafeContinuation { continuation in
            enqueue(.many(operations, continuation))
        }
        return try result.get()
    }

    private func enqueue(_ waiter: Waiter) {
        let mustStart = state.withLock { state in
            state.waiters.append(waiter)
            state.queuedOperations += waiter.count
            if state.isDraining { return false }
            state.isDraining = true
            return true
        }
        if mustStart {
            commitQueue.async { self.drain() }
        }
    }

    /// Commits batches until no caller waits. Runs on `commitQueue`, one at a time.
    private func drain() {
        if window > .zero, state.withLock({ $0.queuedOperations }) < maximumBatchSize {
            let (seconds, attoseconds) = window.components
            let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
            commitQueue.asyncAfter(deadline: DispatchTime(uptimeNanoseconds: deadline)) { self.drainNow() }
        } else {
            drainNow()
        }
    }

    private func drainNow() {
        while let batch = takeBatch() {
            var operations: [LedgerOperation] = []
            operations.reserveCapacity(batch.reduce(0) { $0 + $1.count })
            for waiter in batch {
                switch waiter {
                case .one(let operation, _): operations.append(operation)
                case .many(let many, _): operations.append(contentsOf: many)
                }
            }
            let result: Result<[LedgerOutcome], LedgerError>
            do {
                result = .success(try ledger.apply(operations))
            } catch {
                result = .failure(error)
            }
            // Resuming thousands of callers takes milliseconds; doing it on another queue lets
            // the next batch start committing meanwhile.
            resumeQueue.async { Self.resume(batch, with: result) }
        }
    }

    /// Resumes every waiter of a committed (or failed) batch, each with its own outcomes.
    private static func resume(_ batch: [Waiter], with result: Result<[LedgerOutcome], LedgerError>) {
        switch result {
        case .success(let outcomes):
            var index = 0
            for waiter in batch {
                switch waiter {
                case .one(_, let continuation):
                    continuation.resume(returning: .success(outcomes[index]))
                    index += 1
                case .many(let many, let continuation):
                    continuation.resume(returning: .success(Array(outcomes[index..<index + many.count])))
                    index += many.count
                }
            }
        case .failure(let error):
            for waiter in batch {
                switch waiter {
                case .one(_, let continuation): continuation.resume(returning: .failure(error))
                case .many(_, let continuation): continuation.resume(returning: .failure(error))
                }
            }
        }
    }

    /// Dequeues whole waiters, at least one, up to the batch size; `nil` (and the end of the
    /// drain) when none waits.
    private func takeBatch() -> [Waiter]? {
        state.withLock { state in
            guard !state.waiters.isEmpty else {
                state.isDraining = false
                return nil
            }
            var taken = 1
            var operationCount = state.waiters[0].count
            while taken < state.waiters.count, operationCount + state.waiters[taken].count <= maximumBatchSize {
                operationCount += state.waiters[taken].count
                taken += 1
            }
            let batch = Array(state.waiters.prefix(taken))
            state.waiters.removeFirst(taken)
            state.queuedOperations -= operationCount
            return batch
        }
    }
}
