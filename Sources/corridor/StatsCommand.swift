import ArgumentParser
import Foundation
import Gateway
import ISO20022

/// `corridor stats`: counts by status and reason, throughput and latency, from the durable store.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Counts by status and reason, throughput, average response time and latency percentiles (persisted)."
    )

    @Option(help: "The corridor.yaml to use.") var config: String
    @Option(help: "Output format: text or json.") var format: OutputFormat = .text

    func run() throws {
        let configuration = try CLIConfiguration.load(self.config)
        let store = try GatewayStore(directory: configuration.gateway.dataDirectory.appendingPathComponent("state"))
        let stats = try store.statistics()
        let latency = LatencySummary(stats.latencies)
        let stages = try store.stageTimings().map { (stage: $0.stage, summary: LatencySummary($0.microsPerFile)) }
        let payments = stats.byStatus.reduce(0) { $0 + $1.count }
        let span = Double((stats.lastAt ?? 0) - (stats.firstAt ?? 0)) / 1000
        let throughput = span > 0 ? Double(payments) / span : 0
        switch self.format {
        case .text:
            CLIOutput.line("payments: \(payments)")
            for entry in stats.byStatus { CLIOutput.line("  \(entry.status) \(entry.reason ?? "")".padding(toLength: 16, withPad: " ", startingAt: 0) + "\(entry.count)") }
            CLIOutput.line("inputs: " + stats.inputs.map { "\($0.kind)=\($0.count)" }.joined(separator: " "))
            CLIOutput.line(String(format: "throughput: %.1f payments/s over %.1f s of traffic", throughput, span))
            CLIOutput.line("response time (receipt to durable status): \(latency.text)")
            if !stages.isEmpty { CLIOutput.line("per stage, per file (each group's stage time divided by its files):") }
            for stage in stages { CLIOutput.line("  \(stage.stage.padding(toLength: 8, withPad: " ", startingAt: 0)) \(stage.summary.text)") }
        case .json:
            CLIOutput.line(JSONValue.object([
                ("payments", .int(payments)),
                ("byStatus", .array(stats.byStatus.map { .object([("status", .string($0.status)), ("reason", .optional($0.reason)), ("count", .int($0.count))]) })),
                ("inputs", .object(stats.inputs.map { ($0.kind, .int($0.count)) })),
                ("throughput", .number(String(format: "%.1f", throughput))),
                ("averageResponseMs", .number(String(format: "%.3f", latency.meanMicros / 1000))),
                ("p50Ms", .number(String(format: "%.3f", Double(latency.p50Micros) / 1000))),
                ("p95Ms", .number(String(format: "%.3f", Double(latency.p95Micros) / 1000))),
                ("p99Ms", .number(String(format: "%.3f", Double(latency.p99Micros) / 1000))),
                ("stages", .object(stages.map { stage in
                    (stage.stage, .object([
                        ("groups", .int(stage.summary.count)),
                        ("meanMsPerFile", .number(String(format: "%.4f", stage.summary.meanMicros / 1000))),
                        ("p50MsPerFile", .number(String(format: "%.4f", Double(stage.summary.p50Micros) / 1000))),
                        ("p99MsPerFile", .number(String(format: "%.4f", Double(stage.summary.p99Micros) / 1000))),
                    ]))
                })),
            ]).serialized(indent: 2))
        }
        CLIOutput.flush()
    }
}
