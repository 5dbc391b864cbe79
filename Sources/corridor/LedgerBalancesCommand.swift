import ArgumentParser
import Foundation
import Gateway
import ISO20022
import Settlement

/// `corridor ledger balances`: every account's balance, pending amounts and available funds.
struct LedgerBalancesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "balances",
        abstract: "Show the balance of every account, per participant and currency.",
        discussion: """
            Amounts are exact decimals in the currency's units. available is balance minus \
            pending debits. Participant accounts come first; route accounts (the next agent \
            of a forward route: funds forwarded through it) and system accounts (SYSTEM, the counterpart of funding) \
            follow under their own headings; in JSON each account has a "kind".

            Exit status: 0 on success, 2 when the configuration or the ledger cannot be opened.
            """
    )

    @Option(help: ArgumentHelp("The configuration file.", valueName: "file"))
    var config: String

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    /// What an account belongs to.
    enum Kind: String, CaseIterable {
        case participant, route, system

        init(_ account: AccountBalance, participants: Set<String>) {
            if account.isSystemAccount || account.participant == Ledger.systemParticipant {
                self = .system
            } else if !participants.contains(account.participant) {
                self = .route
            } else {
                self = .participant
            }
        }

        var heading: String {
            switch self {
            case .participant: "Participant accounts"
            case .route: "Route accounts"
            case .system: "System accounts"
            }
        }
    }

    func run() throws {
        let ledger = try LedgerCommand.open(config: config, command: "ledger balances")
        let balances: [AccountBalance]
        do {
            balances = try ledger.balances()
        } catch {
            CLIOutput.error("corridor ledger balances: \(error)")
            throw ExitCode(2)
        }
        // Participant, route, system; then participant, then currency.
        let participants = Set(((try? GatewayConfiguration.load(from: URL(fileURLWithPath: self.config)))?.participants ?? []).map { $0.bic.bic11 })
        let ordered = balances.map { (kind: Kind($0, participants: participants), account: $0) }.sorted { a, b in
            let ka = Kind.allCases.firstIndex(of: a.kind)!, kb = Kind.allCases.firstIndex(of: b.kind)!
            if ka != kb { return ka < kb }
            if a.account.participant != b.account.participant { return a.account.participant < b.account.participant }
            return a.account.currency < b.account.currency
        }
        switch format {
        case .json:
            let array: JSONValue = .array(ordered.map { kind, account in
                let amount = { (minor: Int64) in JSONValue.string(CLISupport.amount(minor, currency: account.currency)) }
                return .object([
                    ("participant", .string(account.participant)),
                    ("kind", .string(kind.rawValue)),
                    ("currency", .string(account.currency)),
                    ("balance", amount(account.balance)),
                    ("pendingDebits", amount(account.pendingDebits)),
                    ("pendingCredits", amount(account.pendingCredits)),
                    ("available", amount(account.available)),
                ])
            })
            CLIOutput.line(array.serialized(indent: 2))
        case .text:
            if ordered.isEmpty { CLIOutput.line("No accounts.") }
            var first = true
            for kind in Kind.allCases {
                let accounts = ordered.filter { $0.kind == kind }.map(\.account)
                guard !accounts.isEmpty else { continue }
                if !first { CLIOutput.line("") }
                first = false
                CLIOutput.line(kind.heading)
                let rows = accounts.map { account in
                    [account.participant, account.currency]
                        + [account.balance, account.pendingDebits, account.pendingCredits, account.available].map {
                            CLISupport.amount($0, currency: account.currency)
                        }
                }
                let header = ["ACCOUNT", "CCY", "BALANCE", "PENDING DEBITS", "PENDING CREDITS", "AVAILABLE"]
                for line in CLISupport.table(header: header, rows: rows, rightAligned: [2, 3, 4, 5]) { CLIOutput.line(line) }
            }
        }
        CLIOutput.flush()
    }
}
