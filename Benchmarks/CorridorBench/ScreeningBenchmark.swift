import ArgumentParser
import Compliance
import Foundation
import Synchronization

/// `corridor-bench screening`: index build time, throughput, latency and memory of sanctions
/// screening against OFAC SDN 2024 (with aliases), UN and UK lists, compared in the same run
/// with a naive linear-scan Jaro-Winkler over all names.
struct ScreeningBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screening",
        abstract: "Sanctions screening: index build, payments/s, p99 latency, RSS, and a linear-scan baseline."
    )

    @Option(name: .customLong("lists"), parsing: .upToNextOption,
            help: "List files or folders (default: ../shared/sanctions/{ofac_sdn_2024,un_sc,uk_hmt_ofsi}).")
    var lists: [String] = []

    @Option(help: "Number of synthetic payments to screen.")
    var payments: Int = 100_000

    @Option(help: "Worker threads.")
    var threads: Int = 2

    @Option(help: "Payments screened by the linear-scan baseline (it is slow; the rate is extrapolated).")
    var baselinePayments: Int = 40

    @Option(help: "Print the hits of this many alerting payments (for inspecting the mix).")
    var showHits: Int = 0

    @Option(help: "Print the this many slowest single-name queries of the mix.")
    var slowest: Int = 0

    @Option(help: "Random seed for the synthetic mix.")
    var seed: UInt64 = 2026

    func run() async throws {
        let paths = lists.isEmpty
            ? ["ofac_sdn_2024", "un_sc", "uk_hmt_ofsi"].map { "../shared/sanctions/" + $0 }
            : lists
        let clock = ContinuousClock()
        let loadStart = clock.now
        let (loaded, report) = try SanctionsListLoader.loadAll(paths: paths)
        let loadTime = clock.now - loadStart
        let buildStart = clock.now
        let screener = try Screener(lists: loaded)
        let buildTime = clock.now - buildStart
        print(report)
        print("index: \(screener.index.entryCount) entries, \(screener.index.nameCount) name variants, \(screener.index.vocabularySize) tokens")
        print("list load (parallel parse): \(ms(loadTime)) ms; index build: \(ms(buildTime)) ms; total start: \(ms(loadTime + buildTime)) ms")
        print("memory after index build: \(procStatus("VmRSS")) resident (VmRSS), before the synthetic workload is generated")

        var generator = SyntheticScreeningPayments(lists: loaded, seed: seed)
        let requests = (0..<payments).map { _ in generator.next() }
        var shown = 0
        for r in requests where shown < showHits {
            let result = screener.screen(r)
            guard result.decision != .pass else { continue }
            shown += 1
            for hit in result.hits {
                print("  \(hit.decision) \(hit.field)=\(hit.fieldValue) -> \(hit.entityId) \(hit.matchedAlias) \(hit.score) [\(hit.reason)]")
            }
        }
        if slowest > 0 {
            var timings: [(UInt64, String)] = []
            for r in requests.prefix(20_000) {
                for f in r.fields where f.kind == .name {
                    let t0 = DispatchTime.now().uptimeNanoseconds
                    _ = screener.screen(name: f.value)
                    timings.append((DispatchTime.now().uptimeNanoseconds - t0, f.value))
                }
            }
            for (t, name) in timings.sorted(by: { $0.0 > $1.0 }).prefix(slowest) { print("  \(t / 1_000) µs  \(name)") }
        }
        // Warm up.
        for r in requests.prefix(2_000) { _ = screener.screen(r) }

        let cpuBefore = cpuSeconds()
        let (elapsed, latencies, decisions) = runParallel(requests, threads: threads) { screener.screen($0).decision }
        let cpuUsed = cpuSeconds() - cpuBefore
        let sorted = latencies.sorted()
        func pct(_ p: Double) -> Double { Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]) / 1_000 }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let rate = Double(requests.count) / seconds
        let reviews = decisions.filter { $0 == .review }.count, blocks = decisions.filter { $0 == .block }.count
        print(String(format: "indexed screener: %d payments (8 fields each) on %d threads in %.2f s = %.0f payments/s",
                     requests.count, threads, seconds, rate))
        print(String(format: "  latency per payment: p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs, max %.1f µs",
                     pct(0.50), pct(0.99), pct(0.999), Double(sorted.last ?? 0) / 1_000))
        print(String(format: "  CPU time used: %.2f s (%.0f payments per CPU-second, i.e. %.0f payments/s on %d uncontended cores)",
                     cpuUsed, Double(requests.count) / cpuUsed, Double(requests.count) / cpuUsed * Double(threads), threads))
        print("  decisions: \(requests.count - reviews - blocks) pass, \(reviews) review, \(blocks) block")

        guard baselinePayments > 0 else {
            print("memory: \(procStatus("VmHWM")) peak resident (VmHWM), \(procStatus("VmRSS")) now (VmRSS)")
            return
        }
        let baseline = LinearScanBaseline(index: screener.index)
        let sample = Array(requests.prefix(baselinePayments))
        let (baseElapsed, baseLatencies, _) = runParallel(sample, threads: threads) { request -> Int in
            request.fields.filter { $0.kind == .name }.reduce(0) { $0 + baseline.countMatches($1.value) }
        }
        let baseSeconds = Double(baseElapsed.components.seconds) + Double(baseElapsed.components.attoseconds) * 1e-18
        let baseSorted = baseLatencies.sorted()
        print(String(format: "linear-scan Jaro-Winkler baseline (%d names): %d payments in %.2f s = %.1f payments/s, p99 %.1f ms (%.0fx slower)",
                     baseline.nameCount, sample.count, baseSeconds, Double(sample.count) / baseSeconds,
                     Double(baseSorted[min(baseSorted.count - 1, Int(Double(baseSorted.count) * 0.99))]) / 1_000_000,
                     rate / (Double(sample.count) / baseSeconds)))
        print("memory: \(procStatus("VmHWM")) peak resident (VmHWM), \(procStatus("VmRSS")) now (VmRSS)")
    }

    private func ms(_ d: Duration) -> String {
        String(format: "%.0f", Double(d.components.seconds) * 1_000 + Double(d.components.attoseconds) * 1e-15)
    }

    private func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }

    private func procStatus(_ key: String) -> String {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return "n/a" }
        for line in text.split(separator: "\n") where line.hasPrefix(key + ":") {
            return line.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces)
        }
        return "n/a"
    }

    /// Runs `work` over `items` on `threads` threads; returns wall time, per-item latencies (ns)
    /// and results.
    private func runParallel<R: Sendable>(_ items: [ScreeningRequest], threads: Int,
                                          _ work: @escaping @Sendable (ScreeningRequest) -> R) -> (Duration, [UInt64], [R]) {
        let chunks = max(1, threads)
        let collector = Collector<R>(count: chunks)
        let clock = ContinuousClock()
        let start = clock.now
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var latencies: [UInt64] = []
            var results: [R] = []
            var i = chunk
            while i < items.count {
                let t0 = DispatchTime.now().uptimeNanoseconds
                results.append(work(items[i]))
                latencies.append(DispatchTime.now().uptimeNanoseconds - t0)
                i += chunks
            }
            collector.store(chunk, latencies, results)
        }
        let elapsed = clock.now - start
        return (elapsed, collector.latencies, collector.results)
    }

    private final class Collector<R: Sendable>: Sendable {
        private let parts: Mutex<[([UInt64], [R])?]>
        init(count: Int) { parts = Mutex(Array(repeating: nil, count: count)) }
        func store(_ i: Int, _ l: [UInt64], _ r: [R]) { parts.withLock { $0[i] = (l, r) } }
        var latencies: [UInt64] { parts.withLock { $0.flatMap { $0?.0 ?? [] } } }
        var results: [R] { parts.withLock { $0.flatMap { $0?.1 ?? [] } } }
    }
}

/// A reproducible synthetic payment mix: 5 names (1 in 40 taken from the lists with
/// typos, reordering, dropped tokens or case changes; the rest ordinary person and company
/// names), 2 BICs (1 in 50 a listed BIC) and 1 country (1 in 50 embargoed).
struct SyntheticScreeningPayments {
    private var rng: SplitMix
    private let listedNames: [String]
    private let listedBICs: [String]

    private static let given = ["James", "Maria", "Wei", "Fatima", "Olga", "Juan", "Aisha", "Pierre", "Anna", "Mohammed",
                                "Li", "Sofia", "Ahmed", "Elena", "David", "Yuki", "Carlos", "Nadia", "Peter", "Ines",
                                "Sergei", "Laura", "Omar", "Hannah", "Ravi", "Chen", "Isabel", "Tomasz", "Amir", "Grace"]
    private static let family = ["Smith", "Garcia", "Wang", "Muller", "Rossi", "Kowalski", "Silva", "Nguyen", "Jensen",
                                 "Dubois", "Novak", "Tanaka", "Okafor", "Haddad", "Ivanova", "Lopez", "Schmidt", "Kumar",
                                 "Brown", "Fischer", "Petrov", "Martin", "Costa", "Yilmaz", "Andersen", "Moreau", "Sato",
                                 "Hansen", "Romero", "Kaplan", "Weber", "Ferreira", "Kim", "Park", "Ali", "Khan"]
    private static let companyWords = ["Global", "Trading", "International", "Bank", "Logistics", "Holdings", "Capital",
                                       "Energy", "Solutions", "Group", "Industries", "Marine", "Textiles", "Foods",
                                       "Partners", "Systems", "Pharma", "Metals", "Consulting", "Services", "Nordic",
                                       "Alpine", "Pacific", "Atlas", "Summit", "Harbor", "Cedar", "Orion", "Vertex"]
    private static let forms = ["Ltd", "LLC", "GmbH", "S.A.", "AG", "Inc", "Limited", "B.V.", "S.r.l.", "PLC", ""]
    private static let countries = ["DE", "FR", "GB", "US", "NL", "ES", "IT", "CH", "AE", "TR", "PL", "SE", "JP", "SG", "BR"]
    private static let embargoed = ["IR", "KP", "SY", "CU"]

    init(lists: [SanctionsList], seed: UInt64) {
        rng = SplitMix(state: seed)
        var names: [String] = []
        var bics: [String] = []
        for list in lists {
            for entry in list.entries where entry.kind == .individual || entry.kind == .organisation {
                names += entry.names.filter { $0.type != .weakAka && $0.type != .originalScript }.map(\.text)
                bics += entry.bics
            }
        }
        listedNames = names
        listedBICs = bics.isEmpty ? ["AAAAUS33"] : bics
    }

    mutating func next() -> ScreeningRequest {
        var fields: [ScreeningField] = []
        let paths = ["Dbtr/Nm", "Cdtr/Nm", "UltmtDbtr/Nm", "UltmtCdtr/Nm", "CdtrAgt/FinInstnId/Nm"]
        for path in paths { fields.append(ScreeningField(path: path, kind: .name, value: name())) }
        fields.append(ScreeningField(path: "DbtrAgt/FinInstnId/BICFI", kind: .bic, value: bic()))
        fields.append(ScreeningField(path: "CdtrAgt/FinInstnId/BICFI", kind: .bic, value: bic()))
        let country = rng.below(50) == 0 ? Self.embargoed[rng.below(Self.embargoed.count)] : Self.countries[rng.below(Self.countries.count)]
        fields.append(ScreeningField(path: "Cdtr/PstlAdr/Ctry", kind: .country, value: country))
        return ScreeningRequest(fields: fields)
    }

    private mutating func name() -> String {
        if rng.below(40) == 0 { return vary(listedNames[rng.below(listedNames.count)]) }
        if rng.below(2) == 0 {
            let g = Self.given[rng.below(Self.given.count)], f = Self.family[rng.below(Self.family.count)]
            return rng.below(3) == 0 ? "\(f.uppercased()), \(g)" : "\(g) \(f)"
        }
        var words: [String] = []
        for _ in 0..<(1 + rng.below(3)) { words.append(Self.companyWords[rng.below(Self.companyWords.count)]) }
        if rng.below(2) == 0 { words.insert(Self.family[rng.below(Self.family.count)], at: 0) }
        words.append(Self.forms[rng.below(Self.forms.count)])
        return words.joined(separator: " ")
    }

    private mutating func vary(_ name: String) -> String {
        var chars = Array(name)
        switch rng.below(5) {
        case 0 where chars.count > 4:
            let i = 1 + rng.below(chars.count - 2)
            chars[i] = Character(UnicodeScalar(UInt8(97 + rng.below(26))))
            return String(chars)
        case 1:
            return name.split(separator: " ").reversed().joined(separator: " ")
        case 2:
            let parts = name.split(separator: " ")
            return parts.count > 2 ? parts.dropLast().joined(separator: " ") : name
        case 3:
            return name.lowercased()
        default:
            return name
        }
    }

    private mutating func bic() -> String {
        if rng.below(50) == 0 { return listedBICs[rng.below(listedBICs.count)] }
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        var code = ""
        for _ in 0..<4 { code.append(letters[rng.below(26)]) }
        code += Self.countries[rng.below(Self.countries.count)]
        code.append(letters[rng.below(26)])
        code.append(String(rng.below(10)).first!)
        if rng.below(2) == 0 { code += "XXX" }
        return code
    }
}

/// SplitMix64, for a reproducible mix without Foundation's global random state.
struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
