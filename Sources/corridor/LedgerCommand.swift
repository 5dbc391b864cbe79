import ArgumentParser
import Foundation
import Gateway
import Settlement

/// `corridor ledger`: read the settlement ledger of a configured gateway.
struct LedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "Show the settlement ledger: balances and transfers.",
        subcommands: [LedgerBalancesCommand.self, LedgerTransfersCommand.self]
    )

    /// Opens the ledger in the configuration's data folder without creating one: a missing
    /// ledger is reported and ends the command with exit status 2.
    static func open(config path: String, command: String) throws -> Ledger {
        let configuration = try CLISupport.configuration(at: path, command: command)
        let directory = configuration.gateway.dataDirectory.appendingPathComponent("ledger")
        try CLISupport.requireDatabase(directory.appendingPathComponent(Ledger.databaseFileName), what: "ledger",
                                       command: command)
        do {
            return try Ledger(directory: directory)
        } catch {
            CLIOutput.error("corridor \(command): \(error)")
            throw ExitCode(2)
        }
    }
}
