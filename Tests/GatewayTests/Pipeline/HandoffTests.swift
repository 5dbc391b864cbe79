import Foundation
import Synchronization
import Testing
@testable import Gateway

@Suite struct HandoffTests {
    @Test func deliversEveryElementInOrderThenNil() async throws {
        let queue = Handoff<Int>(capacity: 1)
        let producer = BackgroundWork<Void> {
            for n in 0..<200 { queue.put(n) }
            queue.close()
        }
        var received: [Int] = []
        while let n = await queue.take() { received.append(n) }
        try await producer.value()
        #expect(received == Array(0..<200))
    }

    @Test func keepsTheProducerAtMostCapacityAhead() async throws {
        let queue = Handoff<Int>(capacity: 2)
        let produced = Atomic<Int>(0)
        let producer = BackgroundWork<Void> {
            for n in 0..<5 {
                queue.put(n)
                produced.add(1, ordering: .sequentiallyConsistent)
            }
            queue.close()
        }
        // Nothing is taken yet: two elements fit, the third put blocks.
        try await Self.waitUntil { produced.load(ordering: .sequentiallyConsistent) == 2 }
        try await Task.sleep(for: .milliseconds(50))
        #expect(produced.load(ordering: .sequentiallyConsistent) == 2)
        #expect(await queue.take() == 0)
        try await Self.waitUntil { produced.load(ordering: .sequentiallyConsistent) == 3 }
        try await Task.sleep(for: .milliseconds(50))
        #expect(produced.load(ordering: .sequentiallyConsistent) == 3)
        var rest: [Int] = []
        while let n = await queue.take() { rest.append(n) }
        try await producer.value()
        #expect(rest == [1, 2, 3, 4])
    }

    /// Polls `condition` for up to ten seconds (a loaded machine may start threads late).
    static func waitUntil(_ condition: () -> Bool) async throws {
        for _ in 0..<1_000 where !condition() { try await Task.sleep(for: .milliseconds(10)) }
    }

    @Test func cancellingReleasesABlockedProducer() async throws {
        let queue = Handoff<Int>(capacity: 1)
        let firstPut = Atomic<Bool>(false)
        let producer = BackgroundWork<[Bool]> {
            // The second put blocks until the consumer cancels, then reports the drop.
            let first = queue.put(1)
            firstPut.store(true, ordering: .sequentiallyConsistent)
            return [first, queue.put(2), queue.put(3)]
        }
        try await Self.waitUntil { firstPut.load(ordering: .sequentiallyConsistent) }
        try await Task.sleep(for: .milliseconds(20))
        queue.cancel()
        let accepted = try await producer.value()
        #expect(accepted == [true, false, false])
        #expect(await queue.take() == nil)
    }
}
