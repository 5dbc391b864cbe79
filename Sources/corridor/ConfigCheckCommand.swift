import ArgumentParser
import Foundation
import Gateway

/// `corridor config check`: loads a configuration and prints what it configures.
struct ConfigCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a configuration file and summarise it.",
        discussion: """
            Every problem is reported on standard error as file:line:column: key: message. \
            Warnings do not make the file invalid; with --format json they are also written \
            to standard error.

            Exit status: 0 when the configuration is valid, 1 when it is not (or cannot be read).
            """
    )

    @Option(help: ArgumentHelp("The configuration file.", valueName: "file"))
    var config: String

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let configuration: GatewayConfiguration
        do {
            configuration = try GatewayConfiguration.load(from: URL(fileURLWithPath: config))
        } catch {
            CLIOutput.error(error.description)
            let count = error.errors.count
            CLIOutput.error("corridor config check: \(count) error\(count == 1 ? "" : "s"); the configuration is not valid")
            throw ExitCode(1)
        }
        let summary = ConfigurationSummary(configuration)
        switch format {
        case .text:
            var text = summary.text()
            if text.hasSuffix("\n") { text.removeLast() }
            CLIOutput.line(text)
        case .json:
            CLIOutput.line(summary.json().serialized(indent: 2))
            for warning in configuration.warnings { CLIOutput.error(warning.description) }
        }
        CLIOutput.flush()
    }
}
