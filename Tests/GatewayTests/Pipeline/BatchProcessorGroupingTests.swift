import Foundation
import Testing
@testable import Gateway

/// How `corridor process` cuts the inbox into durable groups.
struct BatchProcessorGroupingTests {
    static func files(_ sizes: [Int]) -> [InboxFile] {
        sizes.enumerated().map { i, size in
            InboxFile(name: "f\(i).xml", path: "/inbox/f\(i).xml", size: size, modifiedSeconds: i, modifiedNanoseconds: 0)
        }
    }

    static func cut(_ sizes: [Int], groupSize: Int, groupBytes: Int) -> [[Int]] {
        BatchProcessor.groups(files(sizes), groupSize: groupSize, groupBytes: groupBytes).map { $0.map(\.size) }
    }

    @Test func singleTransactionFilesAreGroupedByCount() {
        #expect(Self.cut(Array(repeating: 5_000, count: 7), groupSize: 3, groupBytes: 1 << 20)
            == [[5_000, 5_000, 5_000], [5_000, 5_000, 5_000], [5_000]])
    }

    @Test func bulkFilesAreGroupedByTheByteBudget() {
        #expect(Self.cut([400, 400, 400, 100, 900], groupSize: 512, groupBytes: 1_000)
            == [[400, 400], [400, 100], [900]])
    }

    @Test func aFileLargerThanTheBudgetIsAGroupOfItsOwn() {
        #expect(Self.cut([10, 5_000, 10], groupSize: 512, groupBytes: 1_000) == [[10], [5_000], [10]])
        #expect(Self.cut([], groupSize: 512, groupBytes: 1_000).isEmpty)
    }

    @Test func filesRecoveredFromProcessingAreGroupedByTheirSizeToo() async throws {
        try await withDataRoot { root in
            for name in ["a.xml", "b.xml", "c.xml"] {
                try root.put(String(repeating: "x", count: 100), in: root.directories.processing, as: name)
            }
            let recovered = try InboxScanner(directories: root.directories).recoverable()
            #expect(recovered.map(\.size) == [100, 100, 100])
            #expect(BatchProcessor.groups(sizes: recovered.map(\.size), groupSize: 512, groupBytes: 250) == [0..<2, 2..<3])
        }
    }
}

