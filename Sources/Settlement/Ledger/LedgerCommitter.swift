/// Gathers concurrent ledger operations into group commits.
///
/// Callers ``submit(_:)`` one operation each and suspend. The committer applies the waiting
/// operations in one ``Ledger`` transaction (at most ``maximumBatchSize`` at a time, in arrival
/// order) and resumes every caller of that batch only after the transaction is durable. While a
/// batch commits, new arrivals queue up and form the next batch, so batches grow with load
/// without a fixed delay: at low load a lone operation commits at once (or after ``window``, if
/// one is set); at high load one sync of the log covers thousands of operations.
public actor LedgerCommitter {
    /// The ledger that commits the batches.
    public nonisolated let ledger: Ledger
    /// The largest number of operations applied in one transaction.
    public nonisolated let maximumBatchSize: Int
    /// How long an idle committer waits for more operations after the first one arrives, before
    /// committing; `.zero` commits at once.
    public nonisolated let window: Duration

    /// One caller's operations and the continuation that resumes it with their outcomes.
    private struct Waiter {
        let operations: [LedgerOperation]
        let continuation: CheckedContinuation<Result<[LedgerOutcome], LedgerError>, Never>
    }

    private var queue: [Waiter] = []
    private var queuedOperations = 0
    private var isCommitting = false

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
        try await enqueue([operation]).get()[0]
    }

    /// Applies `operations`, in order and all in the same group commit, and returns their
    /// outcomes once that commit is durable. A call with more than ``maximumBatchSize``
    /// operations commits alone.
    public func submit(_ operations: [LedgerOperation]) async throws(LedgerError) -> [LedgerOutcome] {
        if operations.isEmpty { return [] }
        return try await enqueue(operations).get()
    }

    private func enqueue(_ operations: [LedgerOperation]) async -> Result<[LedgerOutcome], LedgerError> {
        await withCheckedContinuation { continuation in
            queue.append(Waiter(operations: operations, continuation: continuation))
            queuedOperations += operations.count
            startCommittingIfIdle()
        }
    }

    private func startCommittingIfIdle() {
        guard !isCommitting else { return }
        isCommitting = true
        Task { await self.commitUntilEmpty() }
    }

    /// Commits batches until the queue is empty. Only one runs at a time (``isCommitting``).
    private func commitUntilEmpty() async {
        if window > .zero, queuedOperations < maximumBatchSize {
            try? await Task.sleep(for: window)
        }
        while !queue.isEmpty {
            // Take whole waiters, at least one, up to the batch size.
            var taken = 1
            var operationCount = queue[0].operations.count
            while taken < queue.count, operationCount + queue[taken].operations.count <= maximumBatchSize {
                operationCount += queue[taken].operations.count
                taken += 1
            }
            let batch = Array(queue.prefix(taken))
            queue.removeFirst(taken)
            queuedOperations -= operationCount
            var operations: [LedgerOperation] = []
            operations.reserveCapacity(operationCount)
            for waiter in batch { operations.append(contentsOf: waiter.operations) }

            let result: Result<[LedgerOutcome], LedgerError>
            do {
                result = .success(try await ledger.apply(operations))
            } catch {
                result = .failure(error)
            }
            switch result {
            case .success(let outcomes):
                var start = 0
                for waiter in batch {
                    let end = start + waiter.operations.count
                    waiter.continuation.resume(returning: .success(Array(outcomes[start..<end])))
                    start = end
                }
            case .failure(let error):
                for waiter in batch { waiter.continuation.resume(returning: .failure(error)) }
            }
        }
        isCommitting = false
    }
}
