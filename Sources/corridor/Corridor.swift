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

    /// Parses the command line. `corridor validate *.xml` may name tens of thousands of files,
    /// and swift-argument-parser takes time quadratic in the number of positional values, so
    /// validate's paths are set aside here and handed to the command directly.
    static func main() async {
        var arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "validate" {
            let (options, paths) = ValidateCommand.separatePaths(Array(arguments.dropFirst()))
            if !options.contains(where: { $0.hasPrefix("--schemas") }), let first = paths.first {
                // Reading the first file on another core while the arguments are parsed compiles
                // the schemas it needs (the first validation of each kind waits for that).
                ParallelValidation.prepareSchemas(byReading: first)
            }
            if paths.count > 1 {
                ValidateCommand.setAsidePaths.set(paths)
                arguments = ["validate"] + options + [paths[0]]
            }
        }
        await Self.main(arguments)
    }
}
