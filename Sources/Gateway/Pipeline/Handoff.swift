import Dispatch
import Synchronization

/// A bounded queue from one producing thread to one consuming task.
///
/// The producer blocks in ``put(_:)`` while `capacity` elements wait, so it never runs more
/// than that far ahead; the consumer awaits ``take()`` without holding a thread. After
/// ``close()`` (the producer is done) ``take()`` returns what is left, then nil. After
/// ``cancel()`` (the consumer gives up) ``put(_:)`` returns false at once and drops the element.
final class Handoff<Element: Sendable>: Sendable {
    private struct State {
        var buffer: [Element] = []
        var closed = false
        var cancelled = false
        var waiter: CheckedContinuation<Element?, Never>?
    }

    private let state = Mutex(State())
    /// One permit per free place; the producer takes one before each element.
    private let places: DispatchSemaphore

    init(capacity: Int) {
        self.places = DispatchSemaphore(value: max(1, capacity))
    }

    /// Hands `element` over, blocking while the queue is full. Returns false (and drops the
    /// element) when the consumer has cancelled.
    @discardableResult
    func put(_ element: Element) -> Bool {
        self.places.wait()
        let (accepted, waiter) = self.state.withLock { state -> (Bool, CheckedContinuation<Element?, Never>?) in
            guard !state.cancelled else { return (false, nil) }
            if let waiter = state.waiter {
                state.waiter = nil
                return (true, waiter)
            }
            state.buffer.append(element)
            return (true, nil)
        }
        if let waiter {
            // Handed straight to a waiting consumer: its place is free again.
            self.places.signal()
            waiter.resume(returning: element)
        }
        if !accepted { self.places.signal() }
        return accepted
    }

    /// Ends the stream: the consumer gets what is queued, then nil.
    func close() {
        let waiter = self.state.withLock { state -> CheckedContinuation<Element?, Never>? in
            state.closed = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: nil)
    }

    /// Stops the producer: queued elements are dropped, and every later ``put(_:)`` returns false.
    func cancel() {
        let dropped = self.state.withLock { state -> Int in
            state.cancelled = true
            defer { state.buffer.removeAll() }
            return state.buffer.count
        }
        for _ in 0..<dropped { self.places.signal() }
    }

    /// The next element, or nil once the producer has closed the queue and it is empty.
    func take() async -> Element? {
        await withCheckedContinuation { continuation in
            let ready = self.state.withLock { state -> Element?? in
                if !state.buffer.isEmpty { return .some(state.buffer.removeFirst()) }
                if state.closed || state.cancelled { return .some(nil) }
                state.waiter = continuation
                return .none
            }
            guard let ready else { return }
            if ready != nil { self.places.signal() }
            continuation.resume(returning: ready)
        }
    }
}
