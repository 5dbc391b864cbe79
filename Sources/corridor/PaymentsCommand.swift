import ArgumentParser

/// `corridor payments`: look up payments the gateway has handled.
struct PaymentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payments",
        abstract: "Look up payments the gateway has handled.",
        subcommands: [PaymentsShowCommand.self]
    )
}
