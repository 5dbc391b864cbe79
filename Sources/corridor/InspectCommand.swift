import ArgumentParser
import Foundation
import ISO20022

/// `corridor inspect`: prints the typed model of one message.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Print the typed model of one message (amounts as exact strings)."
    )

    @Option(help: "Output format: json (the default; text prints the same JSON).")
    var format: OutputFormat = .json

    @Argument(help: "The message file.")
    var file: String

    func run() throws {
        let reading = MessageReader().read(contentsOf: URL(fileURLWithPath: self.file), displayName: self.file)
        guard let message = reading.message else {
            for line in reading.report.textLines() { CLIOutput.error(line) }
            throw ExitCode(reading.report.errors.contains { $0.rule == "IO" } ? 2 : 1)
        }
        CLIOutput.line(message.jsonValue().serialized(indent: 2))
        CLIOutput.flush()
    }
}
