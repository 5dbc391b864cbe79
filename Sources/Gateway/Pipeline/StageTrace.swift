#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Logging

/// Per-stage timings of one group, logged at debug level (`CORRIDOR_TRACE=1` prints them).
struct StageTrace {
    private var last = DispatchTime.now().uptimeNanoseconds
    private var stages: [(String, UInt64)] = []

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
