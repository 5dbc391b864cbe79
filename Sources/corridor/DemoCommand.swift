import ArgumentParser
import Foundation
import Gateway

/// `corridor demo`: the quick start in one command.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create a fresh demo folder, fill its inbox from samples/, process it and show where to look."
    )

    @Option(help: "The samples folder (default: ./samples).")
    var samples: String = "samples"

    @Option(help: "The demo folder to create (default: ./corridor-demo-<time>).")
    var directory: String?

    @Option(help: "How many payments to generate besides the samples.")
    var generated: Int = 200

    func run() async throws {
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "").prefix(17)
        let folder = URL(fileURLWithPath: self.directory ?? "corridor-demo-\(stamp)").standardizedFileURL
        guard !FileManager.default.fileExists(atPath: folder.appendingPathComponent("corridor.yaml").path) else {
            CLIOutput.error("corridor demo: \(folder.path) already holds a corridor.yaml; choose another --directory")
            throw ExitCode(2)
        }
        let scenario = DemoScenario(samples: URL(fileURLWithPath: self.samples).standardizedFileURL, directory: folder,
                                    generated: self.generated)
        let configuration = try scenario.prepare()
        let runtime = try GatewayRuntime(configuration: configuration)
        let dropped = try scenario.fillInbox(runtime.directories)
        CLIOutput.line("demo folder:  \(folder.path)")
        CLIOutput.line("inbox:        \(dropped) files (samples and generated payments)")
        if configuration.screening.lists.isEmpty {
            CLIOutput.line("screening:    off: no sanctions lists beside the repository (../shared/sanctions), so nothing is screened")
        }
        let processor = BatchProcessor(pipeline: Pipeline(runtime: runtime))
        var summary = try await processor.run()
        let answers = try scenario.answerForwards(runtime.directories, gateway: configuration.gateway.bic)
        if answers > 0 {
            CLIOutput.line("route:        answered \(answers) forwarded payment(s) with ACSC; processing the answers")
            let second = try await processor.run()
            summary.files += second.files
            summary.archived += second.archived
            summary.errored += second.errored
            // The answers turn forwards' ACSP into their final status: count each payment once.
            let resolved = (second.statuses["ACSC"] ?? 0) + (second.statuses["ACCC"] ?? 0) + (second.statuses["RJCT"] ?? 0)
            summary.statuses["ACSP"] = max(0, (summary.statuses["ACSP"] ?? 0) - resolved)
            for (k, v) in second.statuses { summary.statuses[k, default: 0] += v }
            for (k, v) in second.rejectedByReason { summary.rejectedByReason[k, default: 0] += v }
            for (k, v) in second.settled { summary.settled[k] = (summary.settled[k] ?? .zero).adding(v) ?? v }
        }
        CLIOutput.line("")
        CLIOutput.line(summary.text)
        CLIOutput.line("")
        let data = configuration.gateway.dataDirectory.path
        CLIOutput.line("where to look:")
        CLIOutput.line("  \(data)/outbox/<BIC>/     pacs.002 to senders, pacs.008 to creditor agents")
        CLIOutput.line("  \(data)/outbound/fednow/  forwarded pacs.008")
        CLIOutput.line("  \(data)/archive/          processed inputs;  \(data)/error/  unprocessable ones, with .error.json")
        CLIOutput.line("  corridor ledger balances --config \(folder.path)/corridor.yaml")
        CLIOutput.line("  corridor stats --config \(folder.path)/corridor.yaml")
        CLIOutput.flush()
        if !summary.complete { throw ExitCode(1) }
    }
}
