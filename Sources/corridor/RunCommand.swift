import ArgumentParser
import Foundation
import Gateway
import Logging
import ServiceLifecycle

/// `corridor run`: the long-running daemon.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the gateway daemon: watch the inbox, process, fire timeouts; stop on SIGINT/SIGTERM."
    )

    @Option(help: "The corridor.yaml to use.")
    var config: String

    @Option(help: "Log format: text or json (one JSON object per line).")
    var logFormat: OutputFormat = .text

    @Option(help: "Most files per durable group (a group also ends at 4 MiB of input, so bulk files make smaller groups).")
    var groupSize: Int = 256

    func run() async throws {
        let json = self.logFormat == .json
        LoggingSystem.bootstrap { label in
            json ? JSONLogHandler(label: label) as any LogHandler : StreamLogHandler.standardError(label: label)
        }
        let logger = Logger(label: "corridor")
        let configuration = try CLIConfiguration.load(self.config)
        let runtime = try GatewayRuntime(configuration: configuration, logger: logger)
        let daemon = GatewayDaemon(pipeline: Pipeline(runtime: runtime), groupSize: self.groupSize)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [.init(service: daemon)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
