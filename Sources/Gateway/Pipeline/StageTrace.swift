#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Foundation
import Logging
import Synchronization

/// Per-stage timings of one group, logged at debug level (`CORRIDOR_TRACE=1` prints them).
struct StageTrace: Sendable {
    private var last = DispatchTime.now().uptimeNanoseconds
    private(set) var stages: [(String, UInt64)] = []

    /// Records a stage measured elsewhere (the parallel read/validate/screen stage).
    mutating func record(_ stage: String, micros: Int64) {
        self.stages.append((stage, UInt64(max(0, micros)) * 1000))
    }

    /// Measures the next stage from now (after a wait that is no stage's work).
    mutating func restart() {
        self.last = DispatchTime.now().uptimeNanoseconds
    }

    mutating func mark(_ stage: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        self.stages.append((stage, now - self.last))
        self.last = now
    }

    func report(files: Int, logger: Logger) {
        let text = self.stages.map { "\($0.0)=\($0.1 / 1_000_000)ms" }.joined(separator: " ")
        if Self.enabled {
            print("[trace] group of \(files): \(text)")
        }
        logger.debug("group stages", metadata: ["files": "\(files)", "stages": "\(text)"])
    }

    static let enabled: Bool = {
        #if canImport(Glibc)
        return getenv("CORRIDOR_TRACE") != nil
        #else
        return false
        #endif
    }()
}


/// Stage timings waiting to be stored with the next group's commit.
final class StageLog: Sendable {
    private let pending = Mutex<[(at: Int64, stage: String, micros: Int64, files: Int)]>([])

    func add(_ stages: [(stage: String, micros: Int64, files: Int)], at: Int64) {
        self.pending.withLock { $0 += stages.map { (at, $0.stage, $0.micros, $0.files) } }
    }

    func take() -> [(at: Int64, stage: String, micros: Int64, files: Int)] {
        self.pending.withLock { pending in
            defer { pending = [] }
            return pending
        }
    }
}
