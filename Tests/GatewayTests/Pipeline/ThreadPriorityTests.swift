import Foundation
import Synchronization
import Testing
@testable import Gateway
#if canImport(Glibc)
import Glibc
#endif

@Suite struct ThreadPriorityTests {
    #if os(Linux)
    /// The calling thread's nice value (Linux keeps one per thread).
    static func niceValue() -> Int32 {
        errno = 0
        return getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
    }

    @Test func lowersOnlyTheCallingThreadAndTheThreadsItStarts() async throws {
        let before = Self.niceValue()
        let seen = try await BackgroundWork { () -> (own: Int32, started: Int32) in
            ThreadPriority.lowerCurrentThread()
            let own = Self.niceValue()
            let started = Mutex<Int32>(-100)
            WorkerThreads.run(2) { index in
                if index == 1 { started.withLock { $0 = Self.niceValue() } }
            }
            return (own, started.withLock { $0 })
        }.value()
        #expect(seen.own >= ThreadPriority.background, "was \(before)")
        #expect(seen.started == seen.own, "worker threads inherit the nice value")
        #expect(Self.niceValue() == before, "the commit's thread keeps its priority")
    }
    #endif
}
