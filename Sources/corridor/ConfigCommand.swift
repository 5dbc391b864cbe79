import ArgumentParser

/// `corridor config`: commands about `corridor.yaml`.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Work with the gateway configuration (corridor.yaml).",
        subcommands: [ConfigCheckCommand.self]
    )
}
