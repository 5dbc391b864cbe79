import Foundation
import Testing
@testable import Gateway

/// Measures the durability strategies on this machine (opt-in: it spends seconds of disk
/// flushes). Run with `CORRIDOR_MEASURE_DURABILITY=1 swift test --filter DurabilityMeasurement`;
/// `CORRIDOR_MEASURE_DIR` picks the file system (default: the system temporary folder).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["CORRIDOR_MEASURE_DURABILITY"] == "1"))
struct DurabilityMeasurementTests {
    @Test func compareSyncfsWithPerFileFlushes() throws {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["CORRIDOR_MEASURE_DIR"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory
        let root = base.appendingPathComponent("corridor-measure-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let layout = DropDirectories(root: root)
        try layout.create()
        let payload = Data(repeating: 0x41, count: 3_000)
        let files = 1_000
        let batchSize = 100

        func rate(_ label: String, _ body: (String) throws -> Void) throws {
            let folder = POSIX.path(layout.outbox, label)
            try POSIX.ensureDirectory(folder)
            let clock = ContinuousClock()
            let elapsed = try clock.measure { try body(folder) }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print("durability \(label): \(Int(Double(files) / seconds)) files/s")
        }
        try rate("single") { folder in
            for index in 0..<files {
                _ = try DurableFileWriter().write(OutputFile(data: payload, directory: folder, name: "\(index).xml"))
            }
        }
        for durability in [DurableFileWriter.Durability.syncEachFile, .syncFileSystem] {
            try rate("batch-\(durability)") { folder in
                for start in stride(from: 0, to: files, by: batchSize) {
                    var batch = OutputBatch()
                    for index in start..<(start + batchSize) {
                        batch.add(payload, to: folder, as: "\(index).xml")
                    }
                    _ = try DurableFileWriter(durability: durability).write(batch)
                }
            }
        }
    }
}
