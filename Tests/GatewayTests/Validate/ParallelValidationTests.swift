import Foundation
import ISO20022
import Testing
@testable import Gateway

@Suite struct ParallelValidationTests {
    static let samples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("samples")

    /// A folder with `a.xml`, `sub/b.xml`, `sub/c.xml`, `sub/.hidden.xml` and `other/d.xml`.
    private static func tree() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-pv-\(UUID().uuidString)")
        for folder in ["sub", "other"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let valid = try Data(contentsOf: samples.appendingPathComponent("messages/pacs008-settle-eur.xml"))
        let invalid = try Data(contentsOf: samples.appendingPathComponent("invalid/pacs008-bad-iban.xml"))
        try valid.write(to: root.appendingPathComponent("a.xml"))
        try invalid.write(to: root.appendingPathComponent("sub/b.xml"))
        try valid.write(to: root.appendingPathComponent("sub/c.xml"))
        try valid.write(to: root.appendingPathComponent("sub/.hidden.xml"))
        try invalid.write(to: root.appendingPathComponent("other/d.xml"))
        return root
    }

    @Test func mixesFilesAndFoldersInTheOrderGiven() throws {
        let root = try Self.tree()
        defer { try? FileManager.default.removeItem(at: root) }
        let paths = [root.path + "/sub", root.path + "/a.xml", root.path + "/other", root.path + "/sub"]
        for jobs in [1, 2, 4] {
            let reports = try ParallelValidation(jobs: jobs).run(paths: paths) { $0 }
            #expect(reports.map { URL(fileURLWithPath: $0.file ?? "").lastPathComponent }
                == ["b.xml", "c.xml", "a.xml", "d.xml", "b.xml", "c.xml"])
            #expect(reports.map(\.valid) == [false, true, true, false, false, true])
        }
    }

    @Test func agreesWithExpandingThePathsFirst() throws {
        let root = try Self.tree()
        defer { try? FileManager.default.removeItem(at: root) }
        let paths = [root.path, root.path + "/a.xml"]
        let direct = try ParallelValidation().run(paths: paths) { $0.file ?? "" }
        let expanded = try ParallelValidation().run(InputFiles.expand(paths)) { $0.file ?? "" }
        #expect(direct == expanded)
        #expect(direct.count == 5)
    }

    @Test func failsOnTheFirstMissingPathBeforeReportingAnything() throws {
        let root = try Self.tree()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect {
            try ParallelValidation().run(paths: [root.path + "/a.xml", root.path + "/nope.xml", root.path + "/gone"]) { $0 }
        } throws: { error in
            (error as? InputFiles.Failure)?.path == root.path + "/nope.xml"
        }
    }

    @Test func failsUpFrontOnAPathThatDoesNotResolveLikeALinkLoop() throws {
        let root = try Self.tree()
        defer { try? FileManager.default.removeItem(at: root) }
        let loop = root.path + "/loop"
        #expect(symlink(loop, loop) == 0)
        #expect {
            try ParallelValidation().run(paths: [root.path + "/a.xml", loop + "/x.xml"]) { $0 }
        } throws: { error in
            (error as? InputFiles.Failure)?.path == loop + "/x.xml"
        }
    }

    @Test func skipsSpecialFilesInFoldersAndReportsOversizedFiles() throws {
        let root = try Self.tree()
        defer { try? FileManager.default.removeItem(at: root) }
        let fifo = root.path + "/sub/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        // A FIFO inside a folder is not listed (opening it would wait for a writer).
        let reports = try ParallelValidation().run(paths: [root.path + "/sub"]) { $0 }
        #expect(reports.count == 2)
        let oversized = root.path + "/big.xml"
        try Data(repeating: 0x20, count: 64).write(to: URL(fileURLWithPath: oversized))
        var reader = MessageReader()
        reader.limits.maxBytes = 16
        let big = try ParallelValidation(reader: reader).run(paths: [oversized]) { $0 }
        #expect(big.first?.errors.first?.rule == "LIMIT")
    }

    @Test func findsAFirstFileToPrepareTheSchemasWith() throws {
        let root = try Self.tree()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(InputFiles.firstFile(in: root.path + "/a.xml") == root.path + "/a.xml")
        let inFolder = try #require(InputFiles.firstFile(in: root.path + "/sub"))
        #expect([root.path + "/sub/b.xml", root.path + "/sub/c.xml"].contains(inFolder))
        #expect(InputFiles.firstFile(in: root.path + "/nope") == nil)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("empty"), withIntermediateDirectories: true)
        #expect(InputFiles.firstFile(in: root.path + "/empty") == nil)
    }
}
