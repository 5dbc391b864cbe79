import Foundation
import Testing
@testable import Gateway

/// The pieces together: a run that stops after writing its output but before archiving is
/// resumed from `processing/` without duplicating the output.
@Suite struct CrashRecoveryTests {
    @Test func reprocessingARecoveredInputSkipsItsAlreadyWrittenOutputAndArchivesIt() async throws {
        try await withDataRoot { root in
            let layout = root.directories
            try root.put("<pain001/>", in: layout.inbox, as: "batch-17.xml")
            let scanner = InboxScanner(directories: layout)
            let writer = DurableFileWriter()
            func output(for input: ClaimedFile) throws -> OutputFile {
                OutputFile(
                    data: Data("<pacs002 of=\"\(input.name)\"/>".utf8),
                    directory: try layout.outboxDirectory(for: "DEUTDEFF"),
                    name: OutputFile.deterministicName(forInput: input.name, kind: "pacs002"),
                    naming: .deterministic, source: input.name)
            }

            // First run: claim and write the report, then "crash" before archiving.
            let claimed = try #require(try scanner.claim(named: "batch-17.xml"))
            #expect(try writer.write(try output(for: claimed)).outcome == .written)

            // Restart: the input is recoverable and its output is recognised as done.
            let recovered = try scanner.recoverable()
            #expect(recovered.map(\.name) == ["batch-17.xml"])
            let again = try writer.write(try output(for: recovered[0]))
            #expect(again.outcome == .alreadyPresent)
            #expect(again.name == "batch-17.pacs002.xml")
            try Archiver(directories: layout).archive(recovered[0])

            #expect(try scanner.recoverable().isEmpty)
            #expect(try root.names(in: try layout.outboxDirectory(for: "DEUTDEFF")) == ["batch-17.pacs002.xml"])
        }
    }

    @Test func suffixedNamesKeepTheLastExtension() {
        #expect(OutputFile.candidateName("a.pacs002.xml", attempt: 0) == "a.pacs002.xml")
        #expect(OutputFile.candidateName("a.pacs002.xml", attempt: 1) == "a.pacs002-2.xml")
        #expect(OutputFile.candidateName("README", attempt: 2) == "README-3")
        #expect(OutputFile.deterministicName(forInput: "in.xml", kind: "pacs002") == "in.pacs002.xml")
        #expect(OutputFile.deterministicName(forInput: "noext", kind: "pacs002") == "noext.pacs002.xml")
    }
}
