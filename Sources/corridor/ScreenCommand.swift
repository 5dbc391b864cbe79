import ArgumentParser
import Compliance
import Foundation
import Gateway
import ISO20022

/// `corridor screen`: screens names, a file of names, or pacs.008 messages against sanctions lists.
struct ScreenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen",
        abstract: "Screen names or pacs.008 messages against sanctions lists.",
        discussion: """
            Give exactly one of --name, --names-file or message files (files or folders). \
            --lists takes every path up to the next option, so name message files before it \
            or after `--`. The list load report goes to standard error.

            --names-file prints one result per non-blank line (JSON Lines with --format json). \
            Message files print one result per message, with one entry per transaction. A \
            message that cannot be read or is not a valid pacs.008 is reported on standard \
            error and is not screened.

            Exit status: 0 when every query passes, 1 when any query is held for review or \
            blocked, 2 on usage, I/O or list errors and on messages that could not be screened.
            """
    )

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Sanctions list files or folders.", valueName: "path"))
    var lists: [String] = []

    @Option(help: "Review threshold in (0, 1]: a name score at or above it is reported (default 0.85).")
    var threshold: Double?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(help: "Screen this one name.")
    var name: String?

    @Option(help: ArgumentHelp("Screen each line of this file as a name.", valueName: "file"))
    var namesFile: String?

    @Argument(help: ArgumentHelp("pacs.008 message files or folders.", valueName: "message-file"))
    var messageFiles: [String] = []

    /// Checks the combination of options. Runs at the start of `run()` rather than as
    /// `validate()`, whose errors exit with 64 and which `corridor help` also calls.
    func checkUsage() throws {
        guard !lists.isEmpty else { throw CLISupport.usageError("give at least one sanctions list with --lists", command: "screen") }
        let modes = [name != nil, namesFile != nil, !messageFiles.isEmpty].filter { $0 }.count
        guard modes == 1 else {
            throw CLISupport.usageError(modes == 0
                ? "give --name, --names-file or message files (name message files before --lists, or after `--`)"
                : "give only one of --name, --names-file or message files", command: "screen")
        }
        if let threshold, !(threshold > 0 && threshold <= 1) {
            throw CLISupport.usageError("--threshold must be greater than 0 and at most 1", command: "screen")
        }
    }

    func run() throws {
        try checkUsage()
        var configuration = ScreeningConfiguration()
        if let threshold { configuration = configuration.withReviewThreshold(threshold) }
        let screener: Screener
        do {
            let loaded = try Screener.load(paths: lists, configuration: configuration)
            CLIOutput.error(loaded.report.description)
            screener = loaded.screener
        } catch {
            CLIOutput.error("corridor screen: \(error)")
            throw ExitCode(2)
        }
        let reportFormat: ScreeningReport.Format = format == .json ? .json : .text

        let decisions: [ScreeningDecision]
        var unscreened = false
        if let name {
            let result = screener.screen(name: name)
            CLIOutput.line(ScreeningReport.render(query: name, result: result, format: reportFormat))
            decisions = [result.decision]
        } else if let namesFile {
            decisions = try screenNames(in: namesFile, screener: screener, format: reportFormat)
        } else {
            (decisions, unscreened) = try screenMessages(screener: screener)
        }
        CLIOutput.flush()
        if unscreened { throw ExitCode(2) }
        if decisions.contains(where: { $0 != .pass }) { throw ExitCode(1) }
    }

    // MARK: - Names

    /// Prints the result for each name in the file and returns the decisions.
    private func screenNames(in path: String, screener: Screener, format: ScreeningReport.Format) throws -> [ScreeningDecision] {
        let text: String
        do {
            text = try String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8)
        } catch {
            CLIOutput.error("corridor screen: cannot read \(path): \(error.localizedDescription)")
            throw ExitCode(2)
        }
        let names = text.split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }.map(String.init)
        let rendered = ScreeningReport.render(names: names, screener: screener, format: format)
        var decisions: [ScreeningDecision] = []
        decisions.reserveCapacity(rendered.count)
        for (index, block) in rendered.enumerated() {
            if format == .text && index > 0 { CLIOutput.line("") }
            CLIOutput.line(block)
            decisions.append(Self.decision(ofRendered: block, format: format))
        }
        return decisions
    }

    /// The decision a rendered result states: the `decision` key of a JSON line, or the word
    /// after the last colon of a text block's first line (`query: DECISION`).
    static func decision(ofRendered block: String, format: ScreeningReport.Format) -> ScreeningDecision {
        switch format {
        case .json:
            let object = try? JSONSerialization.jsonObject(with: Data(block.utf8)) as? [String: Any]
            return (object?["decision"] as? String).flatMap(ScreeningDecision.init(rawValue:)) ?? .block
        case .text:
            let firstLine = block.prefix { $0 != "\n" }
            guard let colon = firstLine.lastIndex(of: ":") else { return .block }
            let word = firstLine[firstLine.index(after: colon)...].trimmingCharacters(in: .whitespaces).lowercased()
            return ScreeningDecision(rawValue: word) ?? .block
        }
    }

    // MARK: - Messages

    /// Screens every transaction of every pacs.008 given; returns the message decisions and
    /// whether any input could not be screened.
    private func screenMessages(screener: Screener) throws -> (decisions: [ScreeningDecision], unscreened: Bool) {
        let files: [String]
        do {
            files = try InputFiles.expand(messageFiles)
        } catch {
            CLIOutput.error("corridor screen: \(error)")
            throw ExitCode(2)
        }
        let reader = MessageReader()
        var decisions: [ScreeningDecision] = []
        var unscreened = false
        for file in files {
            let reading = reader.read(path: file)
            guard let message = reading.message else {
                for line in reading.report.textLines() { CLIOutput.error(line) }
                CLIOutput.error("corridor screen: \(file) was not screened")
                unscreened = true
                continue
            }
            guard case .creditTransfer(let document) = message.body else {
                CLIOutput.error("corridor screen: \(file) is a \(message.messageType), not a pacs.008: not screened")
                unscreened = true
                continue
            }
            let transfer = document.fiToFICstmrCdtTrf
            let screened = transfer.cdtTrfTxInf.map { tx in
                (tx: tx, result: screener.screen(SanctionsScreening.request(for: tx, group: transfer.grpHdr, remittance: false)))
            }
            let decision = screened.map(\.result.decision).max() ?? .pass
            decisions.append(decision)
            switch format {
            case .json:
                let object: JSONValue = .object([
                    ("file", .string(file)),
                    ("messageId", .string(message.messageId)),
                    ("decision", .string(decision.rawValue)),
                    ("transactions", .array(screened.map { tx, result in
                        .object([
                            ("endToEndId", .string(tx.pmtId.endToEndId)),
                            ("uetr", .optional(tx.pmtId.uetr?.rawValue)),
                            ("decision", .string(result.decision.rawValue)),
                            ("hits", .array(result.hits.map(Self.json))),
                        ])
                    })),
                ])
                CLIOutput.line(object.serialized())
            case .text:
                CLIOutput.line("\(file) \(message.messageId): \(decision.rawValue.uppercased())")
                for (tx, result) in screened {
                    let uetr = tx.pmtId.uetr.map { " UETR \($0.rawValue)" } ?? ""
                    let block = ScreeningReport.text(query: "EndToEndId \(tx.pmtId.endToEndId)\(uetr)", result: result)
                    for line in block.split(separator: "\n", omittingEmptySubsequences: false) { CLIOutput.line("  " + line) }
                }
                CLIOutput.line("")
            }
        }
        return (decisions, unscreened)
    }

    /// One hit with the same keys, in the same order, as a `--names-file` JSON line.
    static func json(_ hit: ScreeningHit) -> JSONValue {
        .object([
            ("list", .string(hit.list)),
            ("entityId", .string(hit.entityId)),
            ("name", .string(hit.name)),
            ("matchedAlias", .string(hit.matchedAlias)),
            ("aliasType", .string(hit.aliasType)),
            ("score", .number(String((hit.score * 10_000).rounded() / 10_000))),
            ("programs", .array(hit.programs.map(JSONValue.string))),
            ("field", .string(hit.field)),
        ])
    }
}
