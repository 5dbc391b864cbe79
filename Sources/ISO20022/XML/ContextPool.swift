import Foundation

/// A small free list of libxml2 contexts (parser or validation), so that a busy thread does not
/// allocate and free one per document.
///
/// A context is taken for one synchronous parse or validation and given back afterwards, so it
/// is never used by two threads at once. Contexts are retired after `maxUses` uses, which bounds
/// what a parser context's string dictionary can accumulate.
final class ContextPool: Sendable {
    private let lock = NSLock()
    // Guarded by `lock`: only `take` and `give` touch it, each inside the lock.
    nonisolated(unsafe) private var free: [(pointer: UnsafeMutableRawPointer, uses: Int)] = []
    private let maxIdle: Int
    private let maxUses: Int
    private let destroy: @Sendable (UnsafeMutableRawPointer) -> Void

    init(maxIdle: Int = 8, maxUses: Int = 1000, destroy: @escaping @Sendable (UnsafeMutableRawPointer) -> Void) {
        self.maxIdle = maxIdle
        self.maxUses = maxUses
        self.destroy = destroy
    }

    /// A pooled context and how often it was used, or nil when the pool is empty.
    func take() -> (pointer: UnsafeMutableRawPointer, uses: Int)? {
        self.lock.lock()
        defer { self.lock.unlock() }
        return self.free.popLast()
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
                self.free.append((pointer, uses))
                self.lock.unlock()
                return
            }
            self.lock.unlock()
        }
        self.destroy(pointer)
    }
}
