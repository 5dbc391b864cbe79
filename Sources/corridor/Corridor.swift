import ArgumentParser
import Gateway

@main
struct Corridor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corridor",
        abstract: "ISO 20022 message gateway for cross-border instant payments.",
        version: "0.1.0",
        subcommands: [
            ValidateCommand.self, InspectCommand.self, ScreenCommand.self, ProcessCommand.self, RunCommand.self,
            DemoCommand.self, InitCommand.self, ConfigCommand.self, LedgerCommand.self, PaymentsCommand.self,
            ReviewCommand.self, StatsCommand.self,
        ]
    )
}
