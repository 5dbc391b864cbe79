import ArgumentParser
import Foundation
import Gateway
import ISO20022

/// `corridor payments show`: a payment's identifiers, route, status and audit trail.
struct PaymentsShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show the payments with an id, and their audit trail.",
        discussion: """
            ID is matched against the transfer id, UETR, MsgId, EndToEndId and the MsgId of \
            the forwarded message; every payment that matches is shown. Times are ISO 8601 in UTC.

            Exit status: 0 when a payment matches, 1 when none does, 2 when the configuration \
            or the gateway state cannot be opened.
            """
    )

    @Option(help: ArgumentHelp("The configuration file.", valueName: "file"))
    var config: String

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Argument(help: ArgumentHelp("A transfer id, UETR, MsgId or EndToEndId.", valueName: "id"))
    var id: String

    func run() throws {
        let command = "payments show"
        let configuration = try CLISupport.configuration(at: config, command: command)
        let directory = configuration.gateway.dataDirectory.appendingPathComponent("state")
        try CLISupport.requireDatabase(directory.appendingPathComponent("gateway.sqlite"), what: "gateway state",
                                       command: command)
        var found: [(payment: PaymentRecord, events: [PaymentEvent])] = []
        do {
            let store = try GatewayStore(directory: directory)
            for payment in try store.payments(matching: id) {
                let messages = [payment.messageId] + (payment.forwardMessageId.map { [$0] } ?? [])
                // Events of this transaction, and those of its messages as a whole (not of the
                // other transactions they carry).
                let events = try store.events(transferIDs: [payment.transferID], messageIds: messages)
                found.append((payment, events))  // already in time order
            }
        } catch {
            CLIOutput.error("corridor \(command): \(error)")
            throw ExitCode(2)
        }
        guard !found.isEmpty else {
            CLIOutput.error("corridor \(command): no payment matches \(id)")
            throw ExitCode(1)
        }
        switch format {
        case .json:
            CLIOutput.line(JSONValue.array(found.map { Self.json($0.payment, events: $0.events) }).serialized(indent: 2))
        case .text:
            for (index, item) in found.enumerated() {
                if index > 0 { CLIOutput.line("") }
                for line in Self.text(item.payment, events: item.events) { CLIOutput.line(line) }
            }
        }
        CLIOutput.flush()
    }

    static func text(_ p: PaymentRecord, events: [PaymentEvent]) -> [String] {
        var lines = ["Payment \(p.transferID)"]
        func add(_ label: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            lines.append("  " + label.padding(toLength: 16, withPad: " ", startingAt: 0) + value)
        }
        var status = p.status
        if let reason = p.reason { status += " \(reason)" }
        if let narrative = p.narrative { status += ": \(narrative)" }
        add("status", status)
        add("amount", "\(p.amount) \(p.currency)")
        add("UETR", p.uetr)
        add("MsgId", p.messageId)
        add("EndToEndId", p.endToEndId)
        add("TxId", p.txId)
        add("InstrId", p.instrId)
        add("sender", p.sender)
        add("instructing", p.instructingAgent)
        add("debtor agent", p.debtorAgent)
        add("creditor agent", p.creditorAgent)
        add("route", p.route.map { "\($0) (\(p.action))" } ?? p.action)
        add("forward MsgId", p.forwardMessageId)
        add("received", CLISupport.timestamp(milliseconds: p.receivedAt))
        add("updated", CLISupport.timestamp(milliseconds: p.updatedAt))
        add("deadline", p.deadline.map { CLISupport.timestamp(milliseconds: $0) })
        add("made final by", p.resolvedBy.map { $0 == "timeout" ? "the timeout" : "route report sha256 \($0.prefix(16))" })
        add("latency", p.latencyMicros.map { "\(CLISupport.amount($0, scale: 3)) ms" })
        add("input", "\(p.inputName) (transaction \(p.transactionIndex + 1))")
        lines.append("  Audit trail")
        if events.isEmpty { lines.append("    none recorded") }
        for event in events {
            lines.append("    \(CLISupport.timestamp(milliseconds: event.at))  \(event.kind)  \(event.detail)")
        }
        return lines
    }

    static func json(_ p: PaymentRecord, events: [PaymentEvent]) -> JSONValue {
        .object([
            ("transferId", .string(p.transferID)),
            ("uetr", .optional(p.uetr)),
            ("messageId", .string(p.messageId)),
            ("endToEndId", .string(p.endToEndId)),
            ("txId", .optional(p.txId)),
            ("instrId", .optional(p.instrId)),
            ("sender", .optional(p.sender)),
            ("instructingAgent", .optional(p.instructingAgent)),
            ("debtorAgent", .optional(p.debtorAgent)),
            ("creditorAgent", .optional(p.creditorAgent)),
            ("currency", .string(p.currency)),
            ("amount", .string(p.amount)),
            ("route", .optional(p.route)),
            ("action", .string(p.action)),
            ("status", .string(p.status)),
            ("reason", .optional(p.reason)),
            ("narrative", .optional(p.narrative)),
            ("forwardMessageId", .optional(p.forwardMessageId)),
            ("receivedAt", .string(CLISupport.timestamp(milliseconds: p.receivedAt))),
            ("updatedAt", .string(CLISupport.timestamp(milliseconds: p.updatedAt))),
            ("deadline", .optional(p.deadline.map { CLISupport.timestamp(milliseconds: $0) })),
            ("resolvedBy", .optional(p.resolvedBy)),
            ("latencyMicros", p.latencyMicros.map { JSONValue.int($0) } ?? .null),
            ("input", .string(p.inputName)),
            ("transactionIndex", .int(p.transactionIndex)),
            ("events", .array(events.map { event in
                .object([
                    ("at", .string(CLISupport.timestamp(milliseconds: event.at))),
                    ("kind", .string(event.kind)),
                    ("detail", .string(event.detail)),
                    ("transferId", .optional(event.transferID)),
                    ("messageId", .optional(event.messageId)),
                ])
            })),
        ])
    }
}
