#if canImport(Glibc)
import Glibc
#endif

/// The scheduling priority of the work around `corridor process`'s ordered commit.
///
/// The commit (decisions, ledger, store) is the one stage that runs a group at a time, so every
/// moment it waits for a core is lost to the whole run; the stages beside it (reading,
/// validating and screening the next groups, delivering the previous one) are parallel and can
/// use whatever it leaves. With all of them at the same priority the scheduler shared the two
/// cores evenly among four or five threads: the commit crawled, the producer then waited for
/// it with a group in hand, and the cores were 82–86% busy. With the parallel stages niced, the
/// commit gets a core whenever it can run and the others fill the rest (93–94% busy).
enum ThreadPriority {
    /// The nice value of the background stages: the scheduler weighs a nice-0 thread about ten
    /// times as heavily.
    static let background: Int32 = 10

    /// Lowers the calling thread's priority to ``background``. Threads it starts later inherit
    /// it. On Linux the nice value belongs to the thread; elsewhere this does nothing, as it
    /// would lower the whole process.
    static func lowerCurrentThread() {
        #if os(Linux)
        // Lowering needs no privilege; a failure leaves the thread as it was, which is only slower.
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, background)
        #endif
    }
}
