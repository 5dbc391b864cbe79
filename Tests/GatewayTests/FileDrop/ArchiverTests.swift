import Foundation
import Testing
@testable import Gateway

@Suite struct ArchiverTests {
    private func claim(_ text: String, as name: String, in root: TemporaryDataRoot) throws -> ClaimedFile {
        try root.put(text, in: root.directories.inbox, as: name)
        return try #require(try InboxScanner(directories: root.directories).claim(named: name))
    }

    @Test func archiveMovesTheInputIntoTheUTCDayFolder() async throws {
        try await withDataRoot { root in
            let file = try claim("input", as: "in.xml", in: root)
            let date = Date(timeIntervalSince1970: 1_709_249_400)  // 2024-02-29T23:30Z
            let archived = try Archiver(directories: root.directories).archive(file, at: date)
            #expect(archived == POSIX.path(root.directories.archive, "2024-02-29/in.xml"))
            #expect(try root.text(at: archived) == "input")
            #expect(try root.names(in: root.directories.processing).isEmpty)
        }
    }

    @Test func archivingASecondInputOfTheSameNameKeepsBoth() async throws {
        try await withDataRoot { root in
            let archiver = Archiver(directories: root.directories)
            let date = Date(timeIntervalSince1970: 1_709_249_400)
            let first = try archiver.archive(try claim("one", as: "same.xml", in: root), at: date)
            let second = try archiver.archive(try claim("two", as: "same.xml", in: root), at: date)
            #expect(first.hasSuffix("/same.xml"))
            #expect(second.hasSuffix("/same-2.xml"))
            #expect(try root.text(at: first) == "one")
            #expect(try root.text(at: second) == "two")
        }
    }

    @Test func archiveOfManyInputsMovesThemAllInOrder() async throws {
        try await withDataRoot { root in
            let files = try (0..<5).map { try claim("n\($0)", as: "b\($0).xml", in: root) }
            let paths = try Archiver(directories: root.directories).archive(files)
            #expect(paths.map { URL(fileURLWithPath: $0).lastPathComponent } == files.map(\.name))
            #expect(try root.names(in: root.directories.processing).isEmpty)
        }
    }

    @Test func archivingAFileNoLongerInProcessingFailsAndLosesNothing() async throws {
        try await withDataRoot { root in
            let ghost = ClaimedFile(
                name: "ghost.xml", path: POSIX.path(root.directories.processing, "ghost.xml"), isRecovered: true)
            let error = try #require(throws: FileDropError.self) {
                try Archiver(directories: root.directories).archive(ghost)
            }
            #expect(error.errno == ENOENT)
        }
    }

    @Test func moveToErrorWritesTheReportThenMovesTheInput() async throws {
        try await withDataRoot { root in
            let file = try claim("<bad/>", as: "bad.xml", in: root)
            let time = Date(timeIntervalSince1970: 1_709_249_400)
            let digest = ContentDigest(of: Data("<bad/>".utf8))
            let report = ErrorReport(
                file: file.name, reason: "schema validation failed", code: "XSD_INVALID",
                detail: "line 1: element 'bad' is not expected", time: time, sha256: digest.hex)
            let rejected = try Archiver(directories: root.directories).moveToError(file, report: report)

            #expect(rejected.inputPath == POSIX.path(root.directories.error, "bad.xml"))
            #expect(rejected.reportPath == POSIX.path(root.directories.error, "bad.xml.error.json"))
            #expect(try root.text(at: rejected.inputPath) == "<bad/>")
            #expect(try root.names(in: root.directories.processing).isEmpty)

            let json = try Data(contentsOf: URL(fileURLWithPath: rejected.reportPath))
            let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: String])
            #expect(object["file"] == "bad.xml")
            #expect(object["reason"] == "schema validation failed")
            #expect(object["code"] == "XSD_INVALID")
            #expect(object["detail"] == "line 1: element 'bad' is not expected")
            #expect(object["time"] == "2024-02-29T23:30:00Z")
            #expect(object["sha256"] == digest.hex)
        }
    }

    @Test func aSecondRejectedInputOfTheSameNameGetsAMatchingSuffixForInputAndReport() async throws {
        try await withDataRoot { root in
            let archiver = Archiver(directories: root.directories)
            func report(_ detail: String) -> ErrorReport {
                ErrorReport(file: "dup.xml", reason: "r", code: "C", detail: detail)
            }
            _ = try archiver.moveToError(try claim("1", as: "dup.xml", in: root), report: report("first"))
            let second = try archiver.moveToError(try claim("2", as: "dup.xml", in: root), report: report("second"))
            #expect(second.inputPath.hasSuffix("/dup-2.xml"))
            #expect(second.reportPath.hasSuffix("/dup-2.xml.error.json"))
            #expect(try root.names(in: root.directories.error)
                == ["dup-2.xml", "dup-2.xml.error.json", "dup.xml", "dup.xml.error.json"])
        }
    }

    @Test func aReportOrphanedByACrashIsReplacedNotSuffixed() async throws {
        try await withDataRoot { root in
            let archiver = Archiver(directories: root.directories)
            // A crash after the report was written and before the input was moved.
            try Data("{\"stale\":true}".utf8).write(to: URL(fileURLWithPath: POSIX.path(root.directories.error, "crash.xml.error.json")))
            let report = ErrorReport(file: "crash.xml", reason: "r", code: "C", detail: "rerun")
            let rejected = try archiver.moveToError(try claim("x", as: "crash.xml", in: root), report: report)
            #expect(rejected.inputPath.hasSuffix("/crash.xml"))
            #expect(try root.names(in: root.directories.error) == ["crash.xml", "crash.xml.error.json"])
            let written = try String(contentsOfFile: rejected.reportPath, encoding: .utf8)
            #expect(written.contains("rerun") && !written.contains("stale"))
        }
    }

    @Test func moveToErrorOfAMissingInputFailsAndLeavesNoOrphanReport() async throws {
        try await withDataRoot { root in
            let ghost = ClaimedFile(
                name: "ghost.xml", path: POSIX.path(root.directories.processing, "ghost.xml"), isRecovered: false)
            #expect(throws: FileDropError.self) {
                try Archiver(directories: root.directories).moveToError(
                    ghost, report: ErrorReport(file: "ghost.xml", reason: "r", code: "C", detail: "d"))
            }
            let leftInError = try root.names(in: root.directories.error)
            #expect(leftInError.isEmpty)
        }
    }
}
