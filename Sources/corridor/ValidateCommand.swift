import ArgumentParser
import Foundation
import Gateway
import ISO20022
import Synchronization

/// `corridor validate`: checks files against the schemas and business rules.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate ISO 20022 messages (pacs.008, pacs.002, head.001): schema and business rules.",
        discussion: "Exit status: 0 when every file is valid, 1 when any is invalid, 2 on usage or I/O errors."
    )

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(help: "Validate against the XSDs in this folder instead (chosen by target namespace).")
    var schemas: String?

    @Option(help: "Parallel workers (default: all cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Argument(help: "Files or folders (recursive; any extension).")
    var paths: [String]

    func validate() throws {
        guard self.jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        var reader = MessageReader()
        if let folder = self.schemas {
            do {
                reader.schemas = try SchemaSet.overriding(with: URL(fileURLWithPath: folder))
            } catch {
                CLIOutput.error("corridor validate: \(error)")
                throw ExitCode(2)
            }
        }
        let files: [String]
        do {
            files = try InputFiles.expand(ValidateCommand.setAsidePaths.get() ?? self.paths)
        } catch {
            CLIOutput.error("corridor validate: \(error)")
            throw ExitCode(2)
        }
        let reports = ParallelValidation(reader: reader, jobs: self.jobs).run(files)
        switch self.format {
        case .text:
            for report in reports {
                for line in report.textLines() { CLIOutput.line(line) }
            }
        case .json:
            var bytes: [UInt8] = []
            bytes.reserveCapacity(reports.count * 256)
            JSONValue.array(reports.map { $0.jsonValue() }).write(to: &bytes, indent: 2)
            CLIOutput.bytes(bytes)
        }
        CLIOutput.flush()
        if reports.contains(where: { report in report.errors.contains { $0.rule == "IO" } }) { throw ExitCode(2) }
        if reports.contains(where: { !$0.valid }) { throw ExitCode(1) }
    }
}

extension ValidateCommand {
    /// Paths taken off the command line before parsing (see `Corridor.main()`).
    static let setAsidePaths = SetAside()

    final class SetAside: Sendable {
        private let paths = Mutex<[String]?>(nil)

        func set(_ paths: [String]) { self.paths.withLock { $0 = paths } }

        func get() -> [String]? { self.paths.withLock { $0 } }
    }

    /// Splits validate's arguments into options (with their values) and positional paths.
    static func separatePaths(_ arguments: [String]) -> (options: [String], paths: [String]) {
        let valued: Set<String> = ["--format", "--schemas", "--jobs"]
        var options: [String] = []
        var paths: [String] = []
        var index = 0
        var terminated = false
        while index < arguments.count {
            let argument = arguments[index]
            if terminated || !argument.hasPrefix("-") || argument == "-" {
                paths.append(argument)
            } else if argument == "--" {
                terminated = true
            } else if valued.contains(argument), index + 1 < arguments.count {
                options += [argument, arguments[index + 1]]
                index += 1
            } else {
                options.append(argument)
            }
            index += 1
        }
        return (options, paths)
    }
}

/// `--format text|json`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
