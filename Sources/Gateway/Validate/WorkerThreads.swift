import Foundation

/// Runs a body on `count` threads at once (the caller's thread being one of them) and returns
/// when all are done.
///
/// `DispatchQueue.concurrentPerform` called from a Swift-concurrency thread on Linux may find
/// the shared thread pool already at its width and run the iterations one after another;
/// explicit threads give the CPU-bound stages (parse, validate, screen, render) every core.
enum WorkerThreads {
    static func run(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let workers = max(1, count)
        guard workers > 1 else {
            body(0)
            return
        }
        let done = DispatchSemaphore(value: 0)
        for index in 1..<workers {
            let thread = Thread {
                body(index)
                done.signal()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        body(0)
        for _ in 1..<workers { done.wait() }
    }
}
