import Foundation

/// A small free list of libxml2 contexts (parser or validation), so that a busy thread does not
/// allocate and free one per document.
///
/// A context is taken for one synchronous parse or validation and given back afterwards, so it
/// is never used by two threads at once. Contexts are retired after `maxUses` uses, which bounds
/// what a parser context's string dictionary can accumulate.
///
/// A thread gets back a context it used before: a context holds memory from its thread's malloc
/// arena and sits in that core's cache, and handing contexts back and forth between threads
/// cost a third more CPU with two validating threads (measured with `corridor validate`,
/// `--jobs 1` against `--jobs 2`). A thread without an idle context of its own gets a new one,
/// unless the pool is full, when it takes the longest idle.
final class ContextPool: Sendable {
    private let lock = NSLock()
    // Guarded by `lock`: only `take` and `give` touch it, each inside the lock.
    nonisolated(unsafe) private var free: [(pointer: UnsafeMutableRawPointer, uses: Int, owner: pthread_t)] = []
    private let maxIdle: Int
    private let maxUses: Int
    private let destroy: @Sendable (UnsafeMutableRawPointer) -> Void

    init(maxIdle: Int = 8, maxUses: Int = 1000, destroy: @escaping @Sendable (UnsafeMutableRawPointer) -> Void) {
        self.maxIdle = maxIdle
        self.maxUses = maxUses
        self.destroy = destroy
    }

    /// A context this thread used before and how often it was used; when it has none, nil
    /// (the caller makes one), unless the pool is full, when the longest idle one.
    func take() -> (pointer: UnsafeMutableRawPointer, uses: Int)? {
        let thread = pthread_self()
        self.lock.lock()
        defer { self.lock.unlock() }
        if let index = self.free.lastIndex(where: { pthread_equal($0.owner, thread) != 0 }) {
            let entry = self.free.remove(at: index)
            return (entry.pointer, entry.uses)
        }
        guard self.free.count >= self.maxIdle else { return nil }
        let entry = self.free.removeFirst()
        return (entry.pointer, entry.uses)
    }

    /// Destroys every idle context (before the schema they validate against is freed).
    func drain() {
        self.lock.lock()
        let idle = self.free
        self.free.removeAll()
        self.lock.unlock()
        for entry in idle { self.destroy(entry.pointer) }
    }

    deinit { self.drain() }

    /// Returns a context after use; retires it when worn out or when the pool is full.
    func give(_ pointer: UnsafeMutableRawPointer, uses: Int) {
        if uses < self.maxUses {
            self.lock.lock()
            if self.free.count < self.maxIdle {
                self.free.append((pointer, uses, pthread_self()))
                self.lock.unlock()
                return
            }
            self.lock.unlock()
        }
        self.destroy(pointer)
    }
}
