import Foundation
import ISO20022
import Testing
@testable import Gateway

/// The daemon picks up what arrives and what a failed group left behind.
@Suite struct DaemonTests {
    static func waitFor(_ condition: () -> Bool, seconds: Double = 60) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return condition()
    }

    @Test func answersDroppedFilesAndRetriesWhatAFailedGroupLeftInProcessing() async throws {
        let gateway = try PipelinePathTests.Fixture()
        defer { gateway.cleanUp() }
        let daemon = Task { try await GatewayDaemon(pipeline: gateway.pipeline, tick: .milliseconds(50)).run() }
        defer { daemon.cancel() }
        let directories = gateway.runtime.directories

        // Delivered the documented way: written under a hidden name, then renamed.
        try Data(PipelinePathTests.payment(11).utf8).write(to: URL(fileURLWithPath: directories.inbox + "/.new.xml.tmp"))
        try FileManager.default.moveItem(atPath: directories.inbox + "/.new.xml.tmp", toPath: directories.inbox + "/new.xml")
        #expect(await Self.waitFor { (try? gateway.statusReports().count) == 1 })

        // A file left in processing/ (as when a group fails on a full disk) is retried.
        try Data(PipelinePathTests.payment(12).utf8).write(to: URL(fileURLWithPath: directories.processing + "/stranded.xml"))
        #expect(await Self.waitFor { gateway.pipeline.archivedInput("stranded.xml") != nil })
        #expect(try gateway.statusReports().count == 2)
        #expect(try gateway.balance("BANKFRPPXXX") == 1_000_000_00 + 2 * 100_00)
    }
}
