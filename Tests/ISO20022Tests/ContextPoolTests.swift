import Foundation
import Synchronization
import Testing
@testable import ISO20022

@Suite struct ContextPoolTests {
    /// A fake context: an address the pool never dereferences.
    private static func context(_ n: Int) -> UnsafeMutableRawPointer {
        UnsafeMutableRawPointer(bitPattern: 0x1000 * n)!
    }

    @Test func givesAThreadBackTheContextItGaveBefore() {
        let pool = ContextPool(maxIdle: 8) { _ in }
        pool.give(Self.context(1), uses: 1)
        pool.give(Self.context(2), uses: 1)
        #expect(pool.take()?.pointer == Self.context(2))
        #expect(pool.take()?.pointer == Self.context(1))
        #expect(pool.take() == nil)
    }

    @Test func doesNotHandOutAnotherThreadsContextWhileThePoolHasRoom() {
        let pool = ContextPool(maxIdle: 8) { _ in }
        // Another thread returns a context; this thread then gets none (and would make its own).
        let done = DispatchSemaphore(value: 0)
        let other = Thread {
            pool.give(Self.context(7), uses: 3)
            done.signal()
        }
        other.start()
        done.wait()
        #expect(pool.take() == nil)
    }

    @Test func takesTheLongestIdleForeignContextWhenThePoolIsFull() {
        let pool = ContextPool(maxIdle: 2) { _ in }
        let done = DispatchSemaphore(value: 0)
        let other = Thread {
            pool.give(Self.context(1), uses: 1)
            pool.give(Self.context(2), uses: 1)
            done.signal()
        }
        other.start()
        done.wait()
        #expect(pool.take()?.pointer == Self.context(1))
        #expect(pool.take() == nil)
    }

    @Test func retiresWornOutContexts() {
        let destroyed = Counter()
        let pool = ContextPool(maxIdle: 8, maxUses: 2) { _ in destroyed.add() }
        pool.give(Self.context(1), uses: 2)
        #expect(destroyed.value == 1)
        #expect(pool.take() == nil)
    }

    private final class Counter: Sendable {
        private let count = Mutex(0)
        var value: Int { self.count.withLock { $0 } }
        func add() { self.count.withLock { $0 += 1 } }
    }
}
