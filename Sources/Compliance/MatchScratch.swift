import Foundation

/// Reusable per-request working memory for candidate generation: one bit mask per indexed
/// name plus the list of names touched, so that no per-query dictionary is needed.
final class MatchScratch {
    var masks: [UInt32]
    var touched: [Int32] = []

    init(nameCount: Int) {
        masks = [UInt32](repeating: 0, count: nameCount)
        touched.reserveCapacity(4_096)
    }

    /// Clears the masks set since the last reset.
    func reset() {
        for name in touched { masks[Int(name)] = 0 }
        touched.removeAll(keepingCapacity: true)
    }
}

/// A small lock-protected pool of ``MatchScratch`` buffers shared by concurrent screenings.
// Unchecked Sendable: the stack is only touched under `lock`; a scratch buffer is used by one
// caller at a time between `take` and `give`.
final class MatchScratchPool: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [MatchScratch] = []
    private let nameCount: Int

    init(nameCount: Int) { self.nameCount = nameCount }

    func withScratch<R>(_ body: (MatchScratch) -> R) -> R {
        lock.lock()
        let scratch = free.popLast() ?? MatchScratch(nameCount: nameCount)
        lock.unlock()
        defer {
            lock.lock()
            free.append(scratch)
            lock.unlock()
        }
        return body(scratch)
    }
}
