import Dispatch
import Foundation
import ISO20022

/// Validates many files on several cores, keeping the input order in the results.
public struct ParallelValidation: Sendable {
    public var reader: MessageReader
    public var jobs: Int

    public init(reader: MessageReader = MessageReader(), jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.reader = reader
        self.jobs = max(1, jobs)
    }

    /// One report per file, in the order given, each naming the file as given.
    public func run(_ files: [String]) -> [ValidationReport] {
        let results = ResultSlots<ValidationReport>(count: files.count)
        let reader = self.reader
        let workers = min(self.jobs, max(1, files.count))
        let next = AtomicCounter()
        WorkerThreads.run(workers) { _ in
            while true {
                let index = next.increment()
                guard index < files.count else { return }
                let reading = reader.read(path: files[index])
                results.set(index, reading.report)
            }
        }
        return results.values()
    }
}

/// A fixed array of slots written once each from several threads.
final class ResultSlots<Value: Sendable>: Sendable {
    private let lock = NSLock()
    // Guarded by `lock`; every access goes through set/values below.
    nonisolated(unsafe) private var slots: [Value?]

    init(count: Int) { self.slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) {
        self.lock.lock()
        self.slots[index] = value
        self.lock.unlock()
    }

    func values() -> [Value] {
        self.lock.lock()
        defer { self.lock.unlock() }
        return self.slots.map { $0! }
    }
}

/// A counter shared by worker threads.
final class AtomicCounter: Sendable {
    private let lock = NSLock()
    // Guarded by `lock`.
    nonisolated(unsafe) private var value = 0

    /// Returns the current value and advances it.
    func increment() -> Int {
        self.lock.lock()
        defer { self.lock.unlock() }
        let current = self.value
        self.value += 1
        return current
    }
}
