import ArgumentParser
import Foundation
import Gateway
import ISO20022

/// `corridor review list|release|reject`: payments held for sanctions review.
struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "List, release or reject payments held for sanctions review.",
        subcommands: [List.self, Release.self, Reject.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the payments held for review.")
        @Option(help: "The corridor.yaml to use.") var config: String
        @Option(help: "Output format: text or json.") var format: OutputFormat = .text

        func run() throws {
            let configuration = try CLIConfiguration.load(self.config)
            let store = try GatewayStore(directory: configuration.gateway.dataDirectory.appendingPathComponent("state"))
            let held = try store.heldPayments()
            switch self.format {
            case .text:
                if held.isEmpty { CLIOutput.line("no payments held for review") }
                for p in held {
                    CLIOutput.line("\(p.transferID)  \(p.amount) \(p.currency)  \(p.sender ?? "-") → \(p.creditorAgent ?? "-")  \(p.narrative ?? "")")
                }
            case .json:
                CLIOutput.line(JSONValue.array(held.map { p in
                    .object([("transferId", .string(p.transferID)), ("uetr", .optional(p.uetr)), ("messageId", .string(p.messageId)),
                             ("endToEndId", .string(p.endToEndId)), ("amount", .string(p.amount)), ("currency", .string(p.currency)),
                             ("sender", .optional(p.sender)), ("creditorAgent", .optional(p.creditorAgent)),
                             ("why", .optional(p.narrative))])
                }).serialized(indent: 2))
            }
            CLIOutput.flush()
        }
    }

    struct Release: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "release", abstract: "Release a held payment: it is routed and settled.")
        @Argument(help: "Transfer id, UETR, MsgId or EndToEndId.") var id: String
        @Option(help: "The corridor.yaml to use.") var config: String
        @Option(help: "A note for the audit trail.") var note: String?

        func run() async throws { try await ReviewCommand.decide(self.id, release: true, config: self.config, note: self.note) }
    }

    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reject", abstract: "Reject a held payment (RJCT RR04 to the sender).")
        @Argument(help: "Transfer id, UETR, MsgId or EndToEndId.") var id: String
        @Option(help: "The corridor.yaml to use.") var config: String
        @Option(help: "A note for the audit trail and the status report.") var note: String?

        func run() async throws { try await ReviewCommand.decide(self.id, release: false, config: self.config, note: self.note) }
    }

    static func decide(_ id: String, release: Bool, config: String, note: String?) async throws {
        let configuration = try CLIConfiguration.load(config)
        let runtime = try GatewayRuntime(configuration: configuration)
        do {
            let record = try await Pipeline(runtime: runtime).review(id, release: release, note: note)
            CLIOutput.line("\(record.transferID): \(record.status)\(record.reason.map { " \($0)" } ?? "")\(record.narrative.map { " (\($0))" } ?? "")")
            CLIOutput.flush()
        } catch let error as Pipeline.ReviewError {
            CLIOutput.error("corridor review: \(error)")
            throw ExitCode(1)
        }
    }
}
