import Foundation
import Synchronization

/// Blocking work started at once on a thread of its own, and awaited later.
///
/// Reading and validating a group (on worker threads) and writing its outputs block the
/// thread that runs them; run as tasks, they would hold Swift's cooperative threads (one per
/// core) while the next group's commit waits for one. On a thread of their own they overlap
/// that commit instead.
final class BackgroundWork<Value: Sendable>: Sendable {
    private struct State {
        var result: Result<Value, any Error>?
        var waiter: CheckedContinuation<Value, any Error>?
    }

    private let state = Mutex(State())

    /// Starts `body` on a new thread.
    init(_ body: @escaping @Sendable () throws -> Value) {
        Thread.detachNewThread { [self] in
            let result = Result { try body() }
            let waiter = self.state.withLock { state in
                state.result = result
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(with: result)
        }
    }

    /// The result, once the work is done. Call it once.
    func value() async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            let ready = self.state.withLock { state in
                if state.result == nil { state.waiter = continuation }
                return state.result
            }
            if let ready { continuation.resume(with: ready) }
        }
    }
}
