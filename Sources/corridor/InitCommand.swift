import ArgumentParser
import Foundation
import Gateway
import ISO20022

/// `corridor init`: writes a commented starter configuration and creates its data folders.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a commented corridor.yaml and the data folders in a directory.",
        discussion: """
            The directory is created if needed. An existing corridor.yaml is never overwritten.

            Exit status: 0 when everything was created, 1 when corridor.yaml already exists or \
            something could not be written, 2 on usage errors.
            """
    )

    /// The gateway BIC written when `--bic` is not given.
    static let defaultBIC = "CRDRGB2LXXX"

    @Option(help: "The gateway's own BIC (8 or 11 characters).")
    var bic: String = InitCommand.defaultBIC

    @Argument(help: ArgumentHelp("The directory to set up.", valueName: "dir"))
    var directory: String

    /// Checks the combination of options. Runs at the start of `run()` rather than as
    /// `validate()`, whose errors exit with 64 and which `corridor help` also calls.
    func checkUsage() throws {
        do {
            try BIC(bic).validate()
        } catch {
            throw CLISupport.usageError("--bic \(bic) is not a valid BIC: \(error)", command: "init")
        }
    }

    func run() throws {
        try checkUsage()
        let folder = URL(fileURLWithPath: directory).standardizedFileURL
        let file = folder.appendingPathComponent(GatewayConfiguration.fileName)
        if FileManager.default.fileExists(atPath: file.path) {
            CLIOutput.error("corridor init: \(file.path) already exists; not overwriting it")
            throw ExitCode(1)
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            // withoutOverwriting: a file that appears meanwhile is not replaced either.
            try Data(ConfigurationTemplate.commented(gatewayBIC: BIC(bic)).utf8).write(to: file, options: .withoutOverwriting)
        } catch {
            CLIOutput.error("corridor init: cannot write \(file.path): \(error.localizedDescription)")
            throw ExitCode(1)
        }

        // The data folder is where the written configuration says, resolved as the gateway will.
        let configuration: GatewayConfiguration
        do {
            configuration = try GatewayConfiguration.load(from: file)
        } catch {
            CLIOutput.error("corridor init: the written configuration does not load:")
            CLIOutput.error(error.description)
            throw ExitCode(1)
        }
        let directories = DropDirectories(root: configuration.gateway.dataDirectory)
        do {
            try directories.create()
        } catch {
            CLIOutput.error("corridor init: cannot create the data folders: \(error)")
            throw ExitCode(1)
        }

        CLIOutput.line("Created \(file.path)")
        CLIOutput.line("Created the data folders in \(directories.root):")
        for path in directories.fixedDirectories {
            CLIOutput.line("  \(path)")
        }
        let config = Self.shellQuoted(file.path)
        CLIOutput.line("")
        CLIOutput.line("Next:")
        CLIOutput.line("  1. Edit \(file.path): participants, routes, limits, and sanctions lists under screening.")
        CLIOutput.line("  2. Check it:          corridor config check --config \(config)")
        CLIOutput.line("  3. Screen a name:     corridor screen --lists PATH... --name \"Some Name\"")
        CLIOutput.line("  4. Validate messages: corridor validate FILE...")
        CLIOutput.flush()
    }

    /// `path` quoted for a POSIX shell when it holds anything but safe characters.
    static func shellQuoted(_ path: String) -> String {
        let safe = path.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) || "/._-+:@%".unicodeScalars.contains($0)
        }
        return safe ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
