import Foundation
import Synchronization

/// Runs independent, CPU-bound work items on all cores and returns results in input order.
enum ParallelMap {
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        if items.count <= 1 { return items.map(transform) }
        let box = ResultBox<R>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { i in
            box.set(i, transform(items[i]))
        }
        return box.values()
    }

    private final class ResultBox<R: Sendable>: Sendable {
        private let storage: Mutex<[R?]>
        init(count: Int) { storage = Mutex(Array(repeating: nil, count: count)) }
        func set(_ i: Int, _ value: R) { storage.withLock { $0[i] = value } }
        func values() -> [R] { storage.withLock { $0.map { $0! } } }
    }
}
