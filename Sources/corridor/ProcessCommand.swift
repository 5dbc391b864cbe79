import ArgumentParser
import Foundation
import Gateway
import Logging

/// `corridor process`: processes everything in the inbox and exits.
struct ProcessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "process",
        abstract: "Process everything in the inbox, then print a summary.",
        discussion: "Exit status: 0 when every input was processed (rejections included), 1 when any could not be."
    )

    @Option(help: "The corridor.yaml to use.")
    var config: String

    @Option(help: "Summary format: text or json.")
    var format: OutputFormat = .text

    @Option(help: "Most files per durable group (a group also ends at 4 MiB of input, so bulk files make smaller groups).")
    var groupSize: Int = 512

    func run() async throws {
        MallocTuning.forBatchCommands()
        let configuration = try CLIConfiguration.load(self.config)
        let runtime = try GatewayRuntime(configuration: configuration)
        let processor = BatchProcessor(pipeline: Pipeline(runtime: runtime), groupSize: self.groupSize)
        let terminal = isatty(STDERR_FILENO) != 0
        let summary = try await processor.run { done, total in
            guard terminal else { return }
            let width = 30
            let filled = total > 0 ? width * done / total : width
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total) files".utf8))
        }
        if terminal { FileHandle.standardError.write(Data("\n".utf8)) }
        switch self.format {
        case .text: CLIOutput.line(summary.text)
        case .json: CLIOutput.line(summary.json().serialized(indent: 2))
        }
        CLIOutput.flush()
        if !summary.complete { throw ExitCode(1) }
    }
}

/// Loading the configuration with errors printed the same way by every command.
enum CLIConfiguration {
    static func load(_ path: String) throws -> GatewayConfiguration {
        do {
            let configuration = try GatewayConfiguration.load(from: URL(fileURLWithPath: path))
            for warning in configuration.warnings { CLIOutput.error("warning: \(warning)") }
            return configuration
        } catch {
            CLIOutput.error("\(error)")
            throw ExitCode(2)
        }
    }
}
