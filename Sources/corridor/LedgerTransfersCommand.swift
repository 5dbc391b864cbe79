import ArgumentParser
import Foundation
import Gateway
import ISO20022
import Settlement

/// `corridor ledger transfers`: the most recent transfers, newest first.
struct LedgerTransfersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transfers",
        abstract: "Show the most recent transfers, newest first.",
        discussion: """
            Amounts are exact decimals in the currency's units; times are ISO 8601 in UTC.

            Exit status: 0 on success, 2 on usage errors and when the configuration or the ledger \
            cannot be opened.
            """
    )

    @Option(help: ArgumentHelp("The configuration file.", valueName: "file"))
    var config: String

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(help: "Show at most this many transfers.")
    var limit: Int = 50

    /// Checks the combination of options. Runs at the start of `run()` rather than as
    /// `validate()`, whose errors exit with 64 and which `corridor help` also calls.
    func checkUsage() throws {
        guard limit >= 1 else { throw CLISupport.usageError("--limit must be at least 1", command: "ledger transfers") }
    }

    func run() throws {
        try checkUsage()
        let ledger = try LedgerCommand.open(config: config, command: "ledger transfers")
        let transfers: [Transfer]
        do {
            transfers = try ledger.transfers(limit: limit)
        } catch {
            CLIOutput.error("corridor ledger transfers: \(error)")
            throw ExitCode(2)
        }
        switch format {
        case .json:
            let array: JSONValue = .array(transfers.map { transfer in
                .object([
                    ("id", .string(transfer.id.rawValue)),
                    ("kind", .string(transfer.kind.description)),
                    ("debit", .string(transfer.debit)),
                    ("credit", .string(transfer.credit)),
                    ("currency", .string(transfer.currency)),
                    ("amount", .string(CLISupport.amount(transfer.amount, currency: transfer.currency))),
                    ("state", .string(transfer.state.description)),
                    ("createdAt", .string(CLISupport.timestamp(transfer.createdAt))),
                    ("resolvedAt", .optional(transfer.resolvedAt.map(CLISupport.timestamp))),
                ])
            })
            CLIOutput.line(array.serialized(indent: 2))
        case .text:
            if transfers.isEmpty {
                CLIOutput.line("No transfers.")
                break
            }
            let rows = transfers.map { transfer in
                [CLISupport.timestamp(transfer.createdAt), transfer.id.rawValue, transfer.kind.description,
                 transfer.debit, transfer.credit, transfer.currency,
                 CLISupport.amount(transfer.amount, currency: transfer.currency), transfer.state.description,
                 transfer.resolvedAt.map(CLISupport.timestamp) ?? "-"]
            }
            let header = ["CREATED", "ID", "KIND", "DEBIT", "CREDIT", "CCY", "AMOUNT", "STATE", "RESOLVED"]
            for line in CLISupport.table(header: header, rows: rows, rightAligned: [6]) { CLIOutput.line(line) }
        }
        CLIOutput.flush()
    }
}
