import Foundation
import Testing
@testable import Gateway

@Suite struct BackgroundWorkTests {
    struct Failure: Error, Equatable {}

    @Test func returnsTheValueWhetherAwaitedBeforeOrAfterTheWorkEnds() async throws {
        let gate = DispatchSemaphore(value: 0)
        let slow = BackgroundWork { () -> Int in
            gate.wait()
            return 42
        }
        async let waited = slow.value()
        try await Task.sleep(for: .milliseconds(20))
        gate.signal()
        #expect(try await waited == 42)

        let quick = BackgroundWork { 7 }
        try await Task.sleep(for: .milliseconds(20))
        #expect(try await quick.value() == 7)
    }

    @Test func passesTheErrorOn() async {
        let failing = BackgroundWork { () throws -> Int in throw Failure() }
        await #expect(throws: Failure.self) { try await failing.value() }
    }

    @Test func startsWithoutBeingAwaited() async throws {
        let started = DispatchSemaphore(value: 0)
        let work = BackgroundWork { () -> Bool in
            started.signal()
            return true
        }
        // The work signals before anyone asks for its value.
        #expect(started.wait(timeout: .now() + 10) == .success)
        #expect(try await work.value())
    }
}
