import ArgumentParser
import Dispatch
import Foundation
import Gateway
import ISO20022

/// `corridor-bench validate`: Corridor's validation throughput against xmllint on the same files.
struct ValidateBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "corridor validate vs xmllint --schema (official XSD) over generated ~5 KB pacs.008 files."
    )

    @Option(help: "How many files to generate.")
    var files: Int = 2000

    @Option(help: "Folder with the official XSDs (for xmllint).")
    var officialXSD: String = "../shared/iso20022/xsd"

    @Option(help: "In-process iterations per measurement.")
    var iterations: Int = 20000

    @Flag(help: "Keep the generated files (in .build/corridor-bench/).")
    var keep = false

    @Option(help: "Repeat each measurement this many times and report the median.")
    var rounds: Int = 5

    func run() throws {
        let folder = BenchGateway.folder(nil, name: "validate")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { if !self.keep { try? FileManager.default.removeItem(at: folder) } }

        var paths: [String] = []
        var documents: [[UInt8]] = []
        var totalBytes = 0
        for i in 0..<self.files {
            let bytes = Array(SyntheticPayments.creditTransfer(index: i).utf8)
            let url = folder.appendingPathComponent(String(format: "pacs008-%05d.xml", i))
            try Data(bytes).write(to: url)
            paths.append(url.path)
            documents.append(bytes)
            totalBytes += bytes.count
        }
        print("files: \(self.files), average size \(totalBytes / self.files) bytes, cores: \(ProcessInfo.processInfo.activeProcessorCount)")

        // Sanity: every generated file is valid for Corridor.
        let reader = MessageReader()
        let invalid = documents.prefix(50).filter { !reader.read($0).report.valid }.count
        guard invalid == 0 else { throw ValidationError("generated files are invalid: \(reader.read(documents[0]).report.errors)") }

        let corridor = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("corridor").path
        let xsd = URL(fileURLWithPath: self.officialXSD).appendingPathComponent("pacs.008.001.08.xsd").path

        // One round runs each command once, in turn, so that all three see the same machine.
        var corridorRates: [Double] = []
        var corridorJSONRates: [Double] = []
        var corridorFolderRates: [Double] = []
        var xmllintRates: [Double] = []
        let hasXmllint = FileManager.default.fileExists(atPath: "/usr/bin/xmllint")
        for _ in 0..<self.rounds {
            let c = try Self.time { try Self.runProcess(corridor, ["validate"] + paths) }
            corridorRates.append(Double(self.files) / c)
            let j = try Self.time { try Self.runProcess(corridor, ["validate", "--format", "json"] + paths) }
            corridorJSONRates.append(Double(self.files) / j)
            let f = try Self.time { try Self.runProcess(corridor, ["validate", folder.path]) }
            corridorFolderRates.append(Double(self.files) / f)
            if hasXmllint {
                let x = try Self.time { try Self.runProcess("/usr/bin/xmllint", ["--noout", "--schema", xsd] + paths) }
                xmllintRates.append(Double(self.files) / x)
            }
        }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let corridorMedian = Self.median(corridorRates)
        let corridorJSONMedian = Self.median(corridorJSONRates)
        let corridorFolderMedian = Self.median(corridorFolderRates)
        print(String(format: "corridor validate FILES (CLI, %d cores, files, models, rules; text report): %.0f files/s", cores, corridorMedian))
        print(String(format: "corridor validate --format json FILES:                                 %.0f files/s", corridorJSONMedian))
        print(String(format: "corridor validate FOLDER (the same 2,000 files by their folder):         %.0f files/s", corridorFolderMedian))
        if !xmllintRates.isEmpty {
            let xmllintMedian = Self.median(xmllintRates)
            print(String(format: "xmllint --noout --schema FILES (one process, official XSD):            %.0f files/s", xmllintMedian))
            print(String(format: "ratio corridor / xmllint: %.2fx (target >= 1.5x); with --format json: %.2fx; by folder: %.2fx",
                         corridorMedian / xmllintMedian, corridorJSONMedian / xmllintMedian, corridorFolderMedian / xmllintMedian))
        } else {
            print("xmllint not installed (apt-get install -y libxml2-utils): comparison skipped")
        }
        if Self.swiftRuntimeIsShared {
            print("note: built without --static-swift-stdlib; the release build the figures in BENCHMARKS.md come from is static (start-up about 5 ms shorter)")
        }

        // In-process, one thread: parse + XSD + model + business rules from memory.
        var perCore: [Double] = []
        for _ in 0..<self.rounds {
            let n = self.iterations
            let elapsed = try Self.time {
                var valid = 0
                for i in 0..<n where reader.read(documents[i % documents.count]).message != nil { valid += 1 }
                if valid != n { throw ValidationError("unexpected invalid document") }
            }
            perCore.append(Double(n) / elapsed)
        }
        print(String(format: "in-process API, 1 thread: %.0f documents/s per core (target >= 5000)", Self.median(perCore)))

        // In-process, all cores.
        let workers = ProcessInfo.processInfo.activeProcessorCount
        let n = self.iterations
        let shared = documents
        let elapsed = try Self.time {
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                var i = w
                while i < n {
                    _ = reader.read(shared[i % shared.count])
                    i += workers
                }
            }
        }
        print(String(format: "in-process API, %d threads: %.0f documents/s", workers, Double(n) / elapsed))
    }

    /// True when this process loaded the Swift runtime as a shared library (a build without
    /// `--static-swift-stdlib`, so `corridor` next to it is one too).
    static var swiftRuntimeIsShared: Bool {
        guard let maps = try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8) else { return false }
        return maps.contains("libswiftCore.so")
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }

    static func time(_ body: () throws -> Void) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func runProcess(_ path: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
    }
}
