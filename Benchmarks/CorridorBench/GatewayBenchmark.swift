import ArgumentParser
import Dispatch
import Foundation
import Gateway
import ISO20022
import Logging
import Synchronization

/// Shared set-up for the gateway benchmarks: a temporary data folder and its configuration.
enum BenchGateway {
    static func configuration(in folder: URL, shared: String) throws -> GatewayConfiguration {
        let lists = FileManager.default.fileExists(atPath: shared + "/sanctions")
            ? "lists: [ \(shared)/sanctions/ofac_sdn_2024, \(shared)/sanctions/un_sc, \(shared)/sanctions/uk_hmt_ofsi ]"
            : "lists: []\n  allowUnscreened: true"
        let yaml = """
            gateway: { bic: CRDRGB2LXXX, data: ./var, timeoutSeconds: 10 }
            participants:
              - { bic: BANKDEFFXXX, name: Bank DE, accounts: [ { currency: EUR, balance: "900000000.00" } ] }
              - { bic: BANKFRPPXXX, name: Bank FR, accounts: [ { currency: EUR, balance: "900000000.00" } ] }
              - { bic: BANKNL2AXXX, name: Bank NL, accounts: [ { currency: EUR, balance: "900000000.00" } ] }
              - { bic: BANKGB2LXXX, name: Bank GB, accounts: [ { currency: EUR, balance: "900000000.00" } ] }
            routes:
              - { name: domestic, match: { currency: EUR }, action: settle }
            screening:
              \(lists)
              reviewThreshold: 0.85
              blockThreshold: 0.92
              onReview: pass
            limits: []
            """
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("corridor.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        return try GatewayConfiguration.load(from: file)
    }

    static let agents = ["BANKDEFFXXX", "BANKFRPPXXX", "BANKNL2AXXX", "BANKGB2LXXX"]

    static func payment(_ i: Int) -> [UInt8] {
        let debtor = agents[i % 4]
        let creditor = agents[(i + 1 + i / 4 % 3) % 4]
        return Array(SyntheticPayments.creditTransfer(index: i, debtorAgent: debtor, creditorAgent: creditor).utf8)
    }

    /// File `file` of a bulk run: `count` transactions from one debtor agent to the three others.
    static func bulkPayment(_ file: Int, count: Int) -> [UInt8] {
        Array(SyntheticPayments.bulkCreditTransfer(firstIndex: file * count, count: count, debtorAgent: agents[file % 4]) { i in
            agents[(file + 1 + i % 3) % 4]
        }.utf8)
    }

    static func drop(_ bytes: [UInt8], name: String, inbox: String) throws {
        let temporary = inbox + "/." + name + ".tmp"
        try Data(bytes).write(to: URL(fileURLWithPath: temporary))
        guard rename(temporary, inbox + "/" + name) == 0 else { throw ValidationError("rename failed") }
    }

    /// A fresh folder for one run. Defaults under `.build/` rather than /tmp: on a file system
    /// where many files were just deleted, ext4 spends hundreds of microseconds per new inode,
    /// which would measure the machine's history rather than the gateway.
    static func folder(_ given: String?, name: String) -> URL {
        URL(fileURLWithPath: given ?? ".build/corridor-bench/\(name)-\(getpid())").standardizedFileURL
    }

    static func seconds(_ start: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
}

/// CPU time this process has used, user and system, in seconds.
struct CPUTime {
    var user: Double
    var system: Double

    static func now() -> CPUTime {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return CPUTime(
            user: Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6,
            system: Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        )
    }

    static func - (a: CPUTime, b: CPUTime) -> CPUTime { CPUTime(user: a.user - b.user, system: a.system - b.system) }

    /// Busy and total jiffies of the whole machine (`/proc/stat`), nil where there is none:
    /// kernel threads (the file system's write-back) work for the gateway outside its own CPU time.
    static func machine() -> (busy: Double, total: Double)? {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let line = text.split(separator: "\n").first, line.hasPrefix("cpu ") else { return nil }
        let fields = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard fields.count >= 5 else { return nil }
        let total = fields.prefix(8).reduce(0, +)
        return (busy: total - fields[3] - fields[4], total: total)
    }
}

/// `corridor-bench process`: batch throughput against the parse+validate-only rate on the same files.
struct ProcessBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "process",
        abstract: "corridor process throughput (durable) beside the parse+validate-only rate on the same files."
    )

    @Option(help: "Payments.") var files: Int = 10000
    @Option(help: "Transactions per pacs.008 file (1: instant payments, one per message; more: bulk files).") var transactionsPerFile: Int = 1
    @Option(help: "The shared folder with the sanctions lists.") var shared: String = "../shared"
    @Option(help: "Most files per durable group.") var groupSize: Int = 512
    @Option(help: "Most input bytes per durable group.") var groupBytes: Int = 4 << 20
    @Option(help: "The data folder to create (default .build/corridor-bench/process-<pid>).") var directory: String?
    @Flag(help: "Delete the data folder afterwards (deleting thousands of files slows the next run's file creation on ext4; by default it is kept).") var clean = false

    func run() async throws {
        MallocTuning.forBatchCommands()
        let folder = BenchGateway.folder(self.directory, name: "process")
        try? FileManager.default.removeItem(at: folder)
        defer { if self.clean { try? FileManager.default.removeItem(at: folder) } }
        let configuration = try BenchGateway.configuration(in: folder, shared: URL(fileURLWithPath: self.shared).standardizedFileURL.path)
        let runtime = try GatewayRuntime(configuration: configuration)
        let perFile = max(1, self.transactionsPerFile)
        let documents = perFile == 1
            ? (0..<self.files).map(BenchGateway.payment)
            : (0..<max(1, self.files / perFile)).map { BenchGateway.bulkPayment($0, count: perFile) }
        let payments = perFile == 1 ? documents.count : documents.count * perFile

        // Parse + validate only (schema, model, business rules), in memory, all cores. The best
        // of three passes: the baseline the ratio divides by is taken at its fastest.
        let reader = MessageReader()
        let workers = ProcessInfo.processInfo.activeProcessorCount
        let invalid = Atomic<Int>(0)
        var validateRate = 0.0
        for _ in 0..<3 {
            let validateStart = DispatchTime.now().uptimeNanoseconds
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                var i = w
                while i < documents.count {
                    if reader.read(documents[i]).message == nil { invalid.add(1, ordering: .relaxed) }
                    i += workers
                }
            }
            validateRate = max(validateRate, Double(payments) / BenchGateway.seconds(validateStart))
        }
        guard invalid.load(ordering: .relaxed) == 0 else {
            throw ValidationError("\(invalid.load(ordering: .relaxed)) generated files are invalid")
        }

        for (i, bytes) in documents.enumerated() {
            try BenchGateway.drop(bytes, name: String(format: "p%06d.xml", i), inbox: runtime.directories.inbox)
        }
        let processor = BatchProcessor(pipeline: Pipeline(runtime: runtime), groupSize: self.groupSize, groupBytes: self.groupBytes)
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuBefore = CPUTime.now()
        let machineBefore = CPUTime.machine()
        let summary = try await processor.run()
        let elapsed = BenchGateway.seconds(start)
        let cpu = CPUTime.now() - cpuBefore
        let machineAfter = CPUTime.machine()
        let rate = Double(summary.transactions) / elapsed
        print("payments: \(summary.transactions) in \(summary.files) files; settled \(summary.statuses["ACSC"] ?? 0); errors \(summary.errored)")
        print("screening: \(FileManager.default.fileExists(atPath: self.shared + "/sanctions") ? "OFAC SDN 2024 + UN + UK" : "off (lists absent)")")
        print(String(format: "parse+validate only (in memory, %d threads, best of 3): %.0f payments/s", workers, validateRate))
        print(String(format: "corridor process (durable, group %d):          %.0f payments/s (%.2f s)", self.groupSize, rate, elapsed))
        let perPayment = { (seconds: Double) in seconds * 1e6 / Double(max(1, summary.transactions)) }
        var machine = ""
        if let before = machineBefore, let after = machineAfter, after.total > before.total {
            machine = String(format: " (the whole machine %.0f%%)", 100 * (after.busy - before.busy) / (after.total - before.total))
        }
        print(String(format: "process CPU per payment: %.0f µs user + %.0f µs system; the process kept the cores %.0f%% busy",
                     perPayment(cpu.user), perPayment(cpu.system), 100 * (cpu.user + cpu.system) / (elapsed * Double(workers))) + machine)
        print(String(format: "ratio process / parse+validate: %.2f (target >= 0.40); target >= 5000 payments/s", rate / validateRate))
    }
}

/// `corridor-bench daemon`: latency from a file's rename into inbox/ to its pacs.002 in outbox/.
struct DaemonBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daemon",
        abstract: "Daemon latency (rename into inbox/ → pacs.002 in outbox/) at a fixed offered rate."
    )

    @Option(help: "Files offered per second.") var rate: Int = 500
    @Option(help: "Seconds of offered load.") var duration: Int = 10
    @Option(help: "The data folder to create (default .build/corridor-bench/daemon-<pid>).") var directory: String?
    @Flag(help: "Delete the data folder afterwards (deleting thousands of files slows the next run's file creation on ext4; by default it is kept).") var clean = false
    @Option(help: "The shared folder with the sanctions lists.") var shared: String = "../shared"

    func run() async throws {
        let folder = BenchGateway.folder(self.directory, name: "daemon")
        try? FileManager.default.removeItem(at: folder)
        defer { if self.clean { try? FileManager.default.removeItem(at: folder) } }
        let configuration = try BenchGateway.configuration(in: folder, shared: URL(fileURLWithPath: self.shared).standardizedFileURL.path)
        var logger = Logger(label: "bench")
        logger.logLevel = .warning
        let runtime = try GatewayRuntime(configuration: configuration, logger: logger)
        let total = self.rate * self.duration
        let documents = (0..<total).map(BenchGateway.payment)
        for bic in BenchGateway.agents { _ = try runtime.directories.outboxDirectory(for: bic) }
        for bic in BenchGateway.agents {
            try FileManager.default.createDirectory(atPath: runtime.directories.outbox + "/" + bic, withIntermediateDirectories: true)
        }

        let daemon = Task { try await GatewayDaemon(pipeline: Pipeline(runtime: runtime)).run() }
        try await Task.sleep(for: .milliseconds(500))

        // Send times on the wall clock; a pacs.002 becomes visible when it is renamed into
        // outbox/, which sets its inode change time: latency = ctime − send time, for every file.
        var sent: [String: Double] = [:]
        let interval = 1_000_000_000 / UInt64(self.rate)
        let start = DispatchTime.now().uptimeNanoseconds
        for (i, bytes) in documents.enumerated() {
            let due = start + UInt64(i) * interval
            let now = DispatchTime.now().uptimeNanoseconds
            if due > now { try await Task.sleep(for: .nanoseconds(Int(due - now))) }
            let stem = String(format: "d%06d", i)
            sent[stem] = Date().timeIntervalSince1970
            try BenchGateway.drop(bytes, name: stem + ".xml", inbox: runtime.directories.inbox)
        }
        var answered: [String: Double] = [:]
        let deadline = DispatchTime.now().uptimeNanoseconds + 15_000_000_000
        repeat {
            try await Task.sleep(for: .milliseconds(250))
            answered = [:]
            for bic in BenchGateway.agents {
                let folder = runtime.directories.outbox + "/" + bic
                for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasSuffix(".pacs002.xml") {
                    var info = stat()
                    if stat(folder + "/" + name, &info) == 0 {
                        answered[String(name.prefix(7))] = Double(info.st_ctim.tv_sec) + Double(info.st_ctim.tv_nsec) / 1e9
                    }
                }
            }
        } while answered.count < total && DispatchTime.now().uptimeNanoseconds < deadline
        daemon.cancel()
        var latencies: [Int64] = []
        for (stem, at) in answered {
            if let sentAt = sent[stem] { latencies.append(Int64(max(0, at - sentAt) * 1_000_000)) }
        }
        let summary = LatencySummary(latencies)
        print("offered: \(total) files at \(self.rate)/s; answered: \(latencies.count)")
        print("latency rename → pacs.002 in outbox: \(summary.text) (target p99 <= 50 ms)")
    }
}
