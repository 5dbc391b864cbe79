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

    /// Reads one file on a background thread and returns at once, so that the schemas its
    /// message needs are compiled (schemas compile on first use, and every validation of that
    /// kind waits for it) while the caller does its own start-up work on this core. A folder
    /// contributes its first listed file; anything unreadable is ignored.
    ///
    /// The process does not exit while such a reading is under way: libxml2 frees its global
    /// state when the process exits, which would pull it from under the reading thread (an
    /// early exit, say on a usage error, would then crash).
    public static func prepareSchemas(byReading path: String, reader: MessageReader = MessageReader()) {
        _ = ParallelValidation.waitForPreparationsAtExit
        ParallelValidation.preparations.enter()
        Thread.detachNewThread {
            defer { ParallelValidation.preparations.leave() }
            guard let file = InputFiles.firstFile(in: path) else { return }
            _ = reader.read(path: file)
        }
    }

    /// Readings started by ``prepareSchemas(byReading:reader:)`` and not finished.
    private static let preparations = DispatchGroup()

    /// Registered once: `exit` waits for the readings before the libraries' own clean-up runs
    /// (`atexit` handlers run before the shared libraries' destructors).
    private static let waitForPreparationsAtExit: Void = {
        atexit {
            _ = ParallelValidation.preparations.wait(timeout: .now() + .seconds(10))
        }
    }()

    /// One result per file, in the order given, each report naming the file as given:
    /// `transform` runs on the worker that validated
    /// the file, so per-report work (rendering it, say) is spread over the cores too.
    public func run<Result: Sendable>(_ files: [String], _ transform: @Sendable @escaping (ValidationReport) -> Result) -> [Result] {
        let reader = self.reader
        return self.map(files) { path, buffer in transform(reader.read(path: path, reusing: &buffer).report) }
    }

    /// One result per file named by command-line `paths`: a path is a file, validated as
    /// given, or a folder, whose files are validated in path order (as ``InputFiles/expand(_:)``
    /// lists them), all in the order of `paths`.
    ///
    /// The workers find out which paths are folders as they open them, so a command line
    /// naming thousands of files costs no extra `stat` per file on the main thread.
    ///
    /// - Throws: the first path, in the order given, that does not exist or cannot be listed
    ///   (before any result is returned, as ``InputFiles/expand(_:)`` would).
    public func run<Result: Sendable>(paths: [String], _ transform: @Sendable @escaping (ValidationReport) -> Result) throws(InputFiles.Failure) -> [Result] {
        let reader = self.reader
        let outcomes = self.map(paths) { path, buffer -> PathOutcome<Result> in
            switch FileBytes.read(path, limit: reader.limits.maxBytes, into: &buffer) {
            case .success: return .done(transform(reader.read(buffer, file: path).report))
            case .failure(.directory): return .folder
            case .failure(.missing(let reason)): return .missing(reason)
            case .failure(let failure): return .done(transform(reader.unreadable(failure, file: path).report))
            }
        }
        var results: [Result] = []
        results.reserveCapacity(outcomes.count)
        var folders: [(position: Int, files: [String])] = []
        for (path, outcome) in zip(paths, outcomes) {
            switch outcome {
            case .done(let result): results.append(result)
            case .missing(let reason): throw InputFiles.Failure(path: path, reason: reason)
            case .folder: folders.append((results.count, try InputFiles.expand([path])))
            }
        }
        guard !folders.isEmpty else { return results }
        let inside = self.run(folders.flatMap(\.files), transform)
        var merged: [Result] = []
        merged.reserveCapacity(results.count + inside.count)
        var taken = 0
        var consumed = 0
        for folder in folders {
            merged += results[taken..<folder.position]
            taken = folder.position
            merged += inside[consumed..<consumed + folder.files.count]
            consumed += folder.files.count
        }
        merged += results[taken...]
        return merged
    }

    /// Runs `body` over `items` on the workers, each worker with its own read buffer.
    private func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], _ body: @Sendable @escaping (Item, inout [UInt8]) -> Result
    ) -> [Result] {
        let results = ResultSlots<Result>(count: items.count)
        let workers = min(self.jobs, max(1, items.count))
        let next = AtomicCounter()
        WorkerThreads.run(workers) { _ in
            var buffer: [UInt8] = []
            while true {
                let index = next.increment()
                guard index < items.count else { return }
                results.set(index, body(items[index], &buffer))
            }
        }
        return results.values()
    }
}

/// What became of one command-line path on the first pass.
private enum PathOutcome<Result: Sendable>: Sendable {
    case done(Result)
    case folder
    case missing(String)
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
