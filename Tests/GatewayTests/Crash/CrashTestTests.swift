import Foundation
import Testing

/// Runs `Scripts/crash-test.sh --short`: the daemon is killed with SIGKILL at random moments
/// while messages stream in and restarted each time; the script then proves that every input
/// ended in exactly one place, every payment was answered once and settled at most once, and
/// the ledger balances. (The full run, 5,000 messages and 20 kills, is `Scripts/crash-test.sh`.)
@Suite struct CrashTestTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary = packageRoot.appendingPathComponent(".build/debug/corridor")

    static var canRun: Bool {
        FileManager.default.isExecutableFile(atPath: binary.path)
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")
    }

    @Test(.enabled(if: canRun, "needs the debug corridor binary (swift build) and python3"))
    func killedDaemonLosesNothingAndDoesNothingTwice() throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-crash-\(UUID().uuidString).log")
        #expect(FileManager.default.createFile(atPath: log.path, contents: nil))
        defer { try? FileManager.default.removeItem(at: log) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Self.packageRoot.appendingPathComponent("Scripts/crash-test.sh").path, "--short", "--seed", "20261126",
                             "--binary", Self.binary.path, "--unscreened"]
        process.currentDirectoryURL = Self.packageRoot
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(process.terminationStatus == 0, "crash test failed:\n\(output.suffix(4000))")
    }
}
