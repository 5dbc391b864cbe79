import Dispatch
import Foundation
import ISO20022
import Synchronization

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
        self.run(files) { $0 }
    }

    /// One result per file, in the order given: `transform` runs on the worker that validated
    /// the file, so per-report work (rendering it, say) is spread over the cores too.
    public func run<Result: Sendable>(_ files: [String], _ transform: @Sendable @escaping (ValidationReport) -> Result) -> [Result] {
        let results = ResultSlots<Result>(count: files.count)
        let reader = self.reader
        let workers = min(self.jobs, max(1, files.count))
        let next = AtomicCounter()
        WorkerThreads.run(workers) { _ in
            var buffer: [UInt8] = []
            while true {
                let index = next.increment()
                guard index < files.count else { return }
                let reading = reader.read(path: files[index], reusing: &buffer)
                results.set(index, transform(reading.report))
            }
        }
        return results.values()
    }
}

/// A fixed array of slots written once each from several threads.
final class ResultSlots<Value: Sendable>: Sendable {
    private let slots: Mutex<[Value?]>

    init(count: Int) { self.slots = Mutex(Array(repeating: nil, count: count)) }

    func set(_ index: Int, _ value: Value) {
        self.slots.withLock { $0[index] = value }
    }

    func values() -> [Value] {
        self.slots.withLock { $0.map { $0! } }
    }
}

/// A counter shared by worker threads.
final class AtomicCounter: Sendable {
    private let value = Mutex(0)

    /// Returns the current value and advances it.
    func increment() -> Int {
        self.value.withLock { value in
            defer { value += 1 }
            return value
        }
    }
}
