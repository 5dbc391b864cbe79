import Foundation
import Testing
@testable import Gateway

/// How `corridor process` and the daemon cut the inbox into durable groups.
struct GroupLimitsTests {
    /// The sizes, cut into groups.
    static func cut(_ sizes: [Int], groupSize: Int, groupBytes: Int) -> [[Int]] {
        GroupLimits(files: groupSize, bytes: groupBytes).cut(sizes: sizes).map { Array(sizes[$0]) }
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
            #expect(GroupLimits(files: 512, bytes: 250).cut(sizes: recovered.map(\.size)) == [0..<2, 2..<3])
        }
    }
}

