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
    var jobs: Int?

    @Argument(help: "Files or folders (recursive; any extension).")
    var paths: [String]

    func validate() throws {
        guard (self.jobs ?? 1) >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        MallocTuning.forBatchCommands()
        var reader = MessageReader()
        if let folder = self.schemas {
            do {
                reader.schemas = try SchemaSet.overriding(with: URL(fileURLWithPath: folder))
            } catch {
                CLIOutput.error("corridor validate: \(error)")
                throw ExitCode(2)
            }
        }
        // Each report is rendered by the worker that produced it; this thread only joins them.
        let format = self.format
        let rendered: [RenderedReport]
        do {
            rendered = try ParallelValidation(reader: reader, jobs: self.jobs ?? ProcessInfo.processInfo.activeProcessorCount).run(paths: ValidateCommand.setAsidePaths.get() ?? self.paths) {
                RenderedReport($0, format: format)
            }
        } catch {
            CLIOutput.error("corridor validate: \(error)")
            throw ExitCode(2)
        }
        switch format {
        case .text:
            for report in rendered { CLIOutput.append(report.bytes) }
        case .json:
            var bytes: [UInt8] = []
            bytes.reserveCapacity(rendered.reduce(4) { $0 + $1.bytes.count + 4 })
            var array = JSONArrayWriter(to: &bytes, indent: 2, level: 0)
            for report in rendered { array.add(serialized: report.bytes, to: &bytes) }
            array.finish(&bytes)
            CLIOutput.bytes(bytes)
        }
        CLIOutput.flush()
        if rendered.contains(where: \.ioError) { throw ExitCode(2) }
        if rendered.contains(where: { !$0.valid }) { throw ExitCode(1) }
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

/// One file's report, rendered for output.
struct RenderedReport: Sendable {
    var bytes: [UInt8] = []
    var valid: Bool
    var ioError: Bool

    init(_ report: ValidationReport, format: OutputFormat) {
        self.valid = report.valid
        self.ioError = report.errors.contains { $0.rule == "IO" }
        switch format {
        case .text:
            for line in report.textLines() {
                self.bytes.append(contentsOf: line.utf8)
                self.bytes.append(0x0A)
            }
        case .json:
            self.bytes.reserveCapacity(256)
            report.writeJSON(to: &self.bytes, indent: 2, level: 1)
        }
    }
}

/// `--format text|json`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
