import ArgumentParser
import Gateway

@main
struct CorridorBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corridor-bench",
        abstract: "Reproducible benchmarks for Corridor (see BENCHMARKS.md).",
        subcommands: [ValidateBenchmark.self, LedgerBenchmark.self, ScreeningBenchmark.self, ProcessBenchmark.self, DaemonBenchmark.self]
    )
}
