import Foundation
import Testing
@testable import Gateway

@Suite struct DurableFileWriterTests {
    @Test func writesOneOutputUnderItsNameWithoutLeavingTemporaryFiles() async throws {
        try await withDataRoot { root in
            let folder = try root.directories.outboxDirectory(for: "DEUTDEFF")
            let written = try DurableFileWriter().write(
                OutputFile(data: Data("report".utf8), directory: folder, name: "r1.xml"))
            #expect(written.name == "r1.xml")
            #expect(written.outcome == .written)
            #expect(try root.text(at: written.path) == "report")
            #expect(try root.names(in: folder) == ["r1.xml"])
        }
    }

    @Test func uniqueOutputsNeverOverwriteAnExistingFile() async throws {
        try await withDataRoot { root in
            let folder = try root.directories.outboundDirectory(for: "target2")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try root.put("original", in: folder, as: "msg.xml")
            let writer = DurableFileWriter()
            let second = try writer.write(OutputFile(data: Data("two".utf8), directory: folder, name: "msg.xml"))
            let third = try writer.write(OutputFile(data: Data("three".utf8), directory: folder, name: "msg.xml"))
            #expect(second.name == "msg-2.xml")
            #expect(third.name == "msg-3.xml")
            #expect(try root.text(at: POSIX.path(folder, "msg.xml")) == "original")
            #expect(try root.text(at: second.path) == "two")
            #expect(try root.text(at: third.path) == "three")
        }
    }

    @Test(arguments: [DurableFileWriter.Durability.syncFileSystem, .syncEachFile, .automatic])
    func batchWritesEveryOutputAndReturnsFinalNamesInOrder(durability: DurableFileWriter.Durability) async throws {
        try await withDataRoot { root in
            let alpha = try root.directories.outboxDirectory(for: "ALPHDEFF")
            let beta = try root.directories.outboxDirectory(for: "BETADEFFXXX")
            var batch = OutputBatch()
            for index in 0..<50 {
                batch.add(Data("alpha \(index)".utf8), to: alpha, as: "a\(index).xml")
            }
            batch.add(Data("beta".utf8), to: beta, as: "a0.xml")
            batch.add(Data("dup".utf8), to: beta, as: "a0.xml")  // same desired name: suffixed
            let stem = OutputFile.deterministicName(forInput: "in-7.xml", kind: "pacs002")
            batch.add(Data("status".utf8), to: beta, as: stem, naming: .deterministic, source: "in-7.xml")

            let results = try DurableFileWriter(durability: durability).write(batch)
            #expect(results.count == 53)
            for index in 0..<50 {
                #expect(results[index].name == "a\(index).xml")
                #expect(try root.text(at: results[index].path) == "alpha \(index)")
            }
            #expect(results[50].name == "a0.xml")
            #expect(results[51].name == "a0-2.xml")
            #expect(results[52].name == "in-7.pacs002.xml")
            #expect(try root.text(at: results[51].path) == "dup")
            #expect(results.allSatisfy { $0.outcome == .written })
            #expect(try root.names(in: alpha).count == 50)
            #expect(try root.names(in: beta) == ["a0-2.xml", "a0.xml", "in-7.pacs002.xml"])
        }
    }

    @Test func aLargeBatchIsWrittenByTwoThreadsWithEveryByteInPlace() async throws {
        try await withDataRoot { root in
            let folders = try ["ALPHDEFF", "BETADEFF", "GAMMDEFF"].map { try root.directories.outboxDirectory(for: $0) }
            var batch = OutputBatch()
            let count = DurableFileWriter.parallelFrom * 3 + 1
            for index in 0..<count {
                batch.add(OutputFile(data: Data("output \(index)".utf8), directory: folders[index % 3], name: "o\(index).xml",
                                     naming: .firstWriteWins))
            }
            let written = try DurableFileWriter(durability: .syncFileSystem).write(batch)
            #expect(written.map(\.name) == (0..<count).map { "o\($0).xml" })
            #expect(written.allSatisfy { $0.outcome == .written })
            for (index, file) in written.enumerated() {
                #expect(try root.text(at: file.path) == "output \(index)")
            }
            let names = try folders.flatMap { try root.names(in: $0) }
            #expect(names.count == count, "no temporary file left behind")
        }
    }

    @Test func aLargeBatchKeepsTheFirstOfNamesAlreadyTaken() async throws {
        try await withDataRoot { root in
            let folder = try root.directories.outboxDirectory(for: "ALPHDEFF")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for index in stride(from: 0, to: 100, by: 10) { try root.put("first \(index)", in: folder, as: "o\(index).xml") }
            var batch = OutputBatch()
            for index in 0..<100 {
                batch.add(OutputFile(data: Data("second \(index)".utf8), directory: folder, name: "o\(index).xml", naming: .firstWriteWins))
            }
            let written = try DurableFileWriter(durability: .syncFileSystem).write(batch)
            for (index, file) in written.enumerated() {
                #expect(file.outcome == (index % 10 == 0 ? .alreadyPresent : .written))
                #expect(try root.text(at: file.path) == (index % 10 == 0 ? "first \(index)" : "second \(index)"))
            }
            #expect(try root.names(in: folder).count == 100, "no temporary file left behind")
        }
    }

    @Test func deterministicRewriteWithIdenticalBytesIsRecognisedAsDone() async throws {
        try await withDataRoot { root in
            let folder = try root.directories.outboxDirectory(for: "DEUTDEFF")
            let output = OutputFile(
                data: Data("<pacs002/>".utf8), directory: folder, name: "in.pacs002.xml", naming: .deterministic)
            let writer = DurableFileWriter()
            #expect(try writer.write(output).outcome == .written)
            let again = try writer.write(output)
            #expect(again.outcome == .alreadyPresent)
            #expect(again.name == "in.pacs002.xml")
            #expect(try root.names(in: folder) == ["in.pacs002.xml"])
        }
    }

    @Test func deterministicRewriteWithDifferentBytesIsAConflictAndWritesNothing() async throws {
        try await withDataRoot { root in
            let folder = try root.directories.outboxDirectory(for: "DEUTDEFF")
            let writer = DurableFileWriter()
            _ = try writer.write(OutputFile(
                data: Data("first".utf8), directory: folder, name: "in.pacs002.xml", naming: .deterministic))
            var batch = OutputBatch()
            batch.add(Data("other".utf8), to: folder, as: "unrelated.xml")
            batch.add(Data("second".utf8), to: folder, as: "in.pacs002.xml", naming: .deterministic, source: "in.xml")
            let error = try #require(throws: FileDropError.self) { try writer.write(batch) }
            #expect(error.kind == .outputConflict(existingSize: 5, newSize: 6))
            #expect(error.path.hasSuffix("/outbox/DEUTDEFF/in.pacs002.xml"))
            #expect(error.description.contains("output of 'in.xml'"))
            #expect(error.description.contains("different bytes"))
            #expect(try root.names(in: folder) == ["in.pacs002.xml"])  // nothing else written
            #expect(try root.text(at: POSIX.path(folder, "in.pacs002.xml")) == "first")
        }
    }

    @Test func firstWriteWinsKeepsTheFirstAnswerWhenARerunRegeneratesIt() async throws {
        try await withDataRoot { root in
            let folder = try root.directories.outboxDirectory(for: "DEUTDEFF")
            let writer = DurableFileWriter()
            _ = try writer.write(OutputFile(
                data: Data("first".utf8), directory: folder, name: "in.pacs002.xml", naming: .firstWriteWins))
            var batch = OutputBatch()
            batch.add(Data("other".utf8), to: folder, as: "unrelated.xml")
            batch.add(Data("regenerated".utf8), to: folder, as: "in.pacs002.xml", naming: .firstWriteWins)
            let written = try writer.write(batch)
            #expect(written.map(\.outcome) == [.written, .alreadyPresent])
            #expect(try root.names(in: folder) == ["in.pacs002.xml", "unrelated.xml"])
            #expect(try root.text(at: POSIX.path(folder, "in.pacs002.xml")) == "first")
        }
    }

    @Test func identicalDeterministicOutputsInOneBatchAreWrittenOnce() async throws {
        try await withDataRoot { root in
            let folder = try root.directories.outboxDirectory(for: "DEUTDEFF")
            var batch = OutputBatch()
            batch.add(Data("same".utf8), to: folder, as: "x.pacs002.xml", naming: .deterministic)
            batch.add(Data("same".utf8), to: folder, as: "x.pacs002.xml", naming: .deterministic)
            let results = try DurableFileWriter().write(batch)
            #expect(results.map(\.outcome) == [.written, .alreadyPresent])
            #expect(try root.names(in: folder) == ["x.pacs002.xml"])

            var conflicting = OutputBatch()
            conflicting.add(Data("one".utf8), to: folder, as: "y.xml", naming: .deterministic)
            conflicting.add(Data("two".utf8), to: folder, as: "y.xml", naming: .deterministic)
            #expect(throws: FileDropError.self) { try DurableFileWriter().write(conflicting) }
            #expect(try root.names(in: folder) == ["x.pacs002.xml"])
        }
    }

    @Test func namesThatWouldEscapeTheFolderAreRejected() async throws {
        try await withDataRoot { root in
            let writer = DurableFileWriter()
            for name in ["", "..", "a/b", String(repeating: "n", count: 256)] {
                let error = try #require(throws: FileDropError.self) {
                    try writer.write(OutputFile(data: Data(), directory: root.directories.outbox, name: name))
                }
                guard case .invalidName = error.kind else {
                    Issue.record("expected invalidName, got \(error)")
                    continue
                }
            }
        }
    }

    @Test func abandonedTemporaryFilesAreRemovedButOthersAreKept() async throws {
        try await withDataRoot { root in
            let folder = root.directories.outbox
            try root.put("x", in: folder, as: DurableFileWriter.temporaryName(for: "a.xml"))
            try root.put("y", in: folder, as: ".someone-else.tmp")
            try root.put("z", in: folder, as: "a.xml")
            #expect(try DurableFileWriter().removeAbandonedTemporaryFiles(in: folder) == 1)
            #expect(try root.names(in: folder) == [".someone-else.tmp", "a.xml"])
        }
    }

    @Test func temporaryFilesOfAWriterAtWorkAreLeftAlone() async throws {
        try await withDataRoot { root in
            let folder = root.directories.outbox
            // A live writer: process 1 always runs.
            let fresh = ".fresh.xml\(DurableFileWriter.temporaryMarker)1-0123456789abcdef.tmp"
            let stale = DurableFileWriter.temporaryName(for: "stale.xml")
            try root.put("x", in: folder, as: fresh)
            try root.put("y", in: folder, as: stale)
            var times = [timespec(tv_sec: time(nil) - 3_600, tv_nsec: 0), timespec(tv_sec: time(nil) - 3_600, tv_nsec: 0)]
            #expect(utimensat(AT_FDCWD, POSIX.path(folder, stale), &times, 0) == 0)
            #expect(try DurableFileWriter().removeAbandonedTemporaryFiles(in: folder, olderThan: 600) == 1)
            #expect(try root.names(in: folder) == [fresh])
        }
    }

    @Test func temporaryFilesOfAWriterThatDiedAreRemovedAtOnce() async throws {
        try await withDataRoot { root in
            let folder = root.directories.outbox
            // This process's id: left by an earlier process that had the same one.
            let earlier = DurableFileWriter.temporaryName(for: "earlier.xml")
            #expect(DurableFileWriter.writerProcess(ofTemporaryName: earlier) == getpid())
            // A process id no process has (above the kernel's maximum of 2^22).
            let dead = ".dead.xml\(DurableFileWriter.temporaryMarker)99999999-0123456789abcdef.tmp"
            let live = ".live.xml\(DurableFileWriter.temporaryMarker)1-0123456789abcdef.tmp"
            for name in [earlier, dead, live] { try root.put("x", in: folder, as: name) }
            #expect(try DurableFileWriter().removeAbandonedTemporaryFiles(in: folder, olderThan: 600) == 2)
            #expect(try root.names(in: folder) == [live])
        }
    }

    @Test func temporaryNamesAreIgnoredByInboxStyleScanners() {
        let name = DurableFileWriter.temporaryName(for: "report.xml")
        #expect(!InboxScanner.isCompleteFileName(name))
        #expect(DurableFileWriter.isTemporaryName(name))
    }

    @Test func systemErrorsNameTheOperationPathAndErrno() {
        let error = FileDropError(
            .system(errno: ENOENT), operation: .rename, path: "/a/x.tmp", destination: "/a/x.xml")
        #expect(error.description == "could not rename '/a/x.tmp' to '/a/x.xml': No such file or directory (errno 2)")
        #expect(error.errno == ENOENT)
    }
}
