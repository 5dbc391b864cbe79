import Foundation
import Settlement
import Testing
@testable import Gateway

/// End-to-end checks of the `corridor` executable: runs the built binary (`swift test` builds
/// it with the tests) and checks its output and exit status.
@Suite struct CorridorCLITests {
    /// The result of one run.
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String

        /// Each non-empty stdout line parsed as a JSON object.
        func jsonLines() throws -> [[String: Any]] {
            try stdout.split(separator: "\n").map { line in
                try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            }
        }

        /// Stdout parsed as one JSON array of objects.
        func jsonArray() throws -> [[String: Any]] {
            try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [[String: Any]])
        }
    }

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary = packageRoot.appendingPathComponent(".build/debug/corridor")
    static let unList = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/sanctions/un_sc").path
    static let hasSharedLists = FileManager.default.fileExists(atPath: unList)

    /// Runs `corridor` with `arguments`; output goes through files so that neither pipe can fill up.
    static func corridor(_ arguments: [String]) throws -> Run {
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build the CLI first: swift build")
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("stdout"), err = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return Run(status: process.terminationStatus,
                   stdout: try String(contentsOf: out, encoding: .utf8),
                   stderr: try String(contentsOf: err, encoding: .utf8))
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    // MARK: - validate

    @Test func validateReportsEachFileAndExitsWithOneWhenAnyIsInvalid() throws {
        let valid = try Self.corridor(["validate", "samples/messages/pacs008-settle-eur.xml", "samples/messages/pacs002-acsc.xml"])
        #expect(valid.status == 0, "\(valid.stderr)")
        #expect(valid.stdout.split(separator: "\n").map { $0.hasPrefix("OK ") } == [true, true])

        let mixed = try Self.corridor(["validate", "--format", "json", "samples/messages", "samples/invalid/pacs008-bad-iban.xml"])
        #expect(mixed.status == 1)
        let reports = try mixed.jsonArray()
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.packageRoot.appendingPathComponent("samples/messages").path)
        #expect(reports.count == names.filter { !$0.hasPrefix(".") }.count + 1)
        for report in reports {
            #expect(Set(report.keys) == ["file", "valid", "messageType", "envelope", "messageId", "transactions", "errors"])
        }
        let last = try #require(reports.last)
        #expect(last["file"] as? String == "samples/invalid/pacs008-bad-iban.xml")
        #expect(last["valid"] as? Bool == false)
        let error = try #require((last["errors"] as? [[String: Any]])?.first)
        #expect(Set(error.keys) == ["line", "column", "path", "rule", "reasonCode", "message"])
        #expect(error["rule"] as? String == "ID-IBAN")
    }

    @Test func validateExitsWithTwoForAMissingPathAndPrintsAnEmptyArrayForAnEmptyFolder() throws {
        let missing = try Self.corridor(["validate", "samples/messages", "samples/nope.xml"])
        #expect(missing.status == 2)
        #expect(missing.stdout.isEmpty)
        #expect(missing.stderr.contains("samples/nope.xml"))

        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = try Self.corridor(["validate", "--format", "json", folder.path])
        #expect(empty.status == 0)
        #expect(try empty.jsonArray().isEmpty)
    }

    // MARK: - screen

    @Test(.enabled(if: hasSharedLists, "needs ../shared/sanctions"))
    func screenNamesFileWritesJSONLinesWithTheContractKeys() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let names = folder.appendingPathComponent("names.txt")
        try "Jane Doe\n\nZia Agha\n".write(to: names, atomically: true, encoding: .utf8)

        let run = try Self.corridor(["screen", "--lists", Self.unList, "--format", "json", "--names-file", names.path])
        #expect(run.status == 1, "a blocked name exits with 1")
        #expect(run.stderr.contains("un_sc"), "the list load report goes to stderr")
        let lines = try run.jsonLines()
        try #require(lines.count == 2, "one line per non-blank name")
        #expect(Set(lines[0].keys) == ["query", "decision", "hits"])
        #expect(lines[0]["query"] as? String == "Jane Doe")
        #expect(lines[0]["decision"] as? String == "pass")
        #expect(lines[1]["decision"] as? String != "pass")
        let hits = try #require(lines[1]["hits"] as? [[String: Any]])
        let hit = try #require(hits.first)
        #expect(Set(hit.keys) == ["list", "entityId", "name", "matchedAlias", "aliasType", "score", "programs", "field"])
        #expect(hits.contains { $0["entityId"] as? String == "un_sc:TAi.156" })
    }

    @Test(.enabled(if: hasSharedLists, "needs ../shared/sanctions"))
    func screenExitStatuses() throws {
        #expect(try Self.corridor(["screen", "--lists", Self.unList, "--name", "Jane Doe"]).status == 0)
        let missingList = try Self.corridor(["screen", "--lists", "/nonexistent/list", "--name", "Jane Doe"])
        #expect(missingList.status == 2)
        #expect(missingList.stderr.contains("/nonexistent/list"))
        #expect(try Self.corridor(["screen", "--lists", Self.unList]).status == 2, "no query is a usage error")
    }

    // MARK: - config check and init

    @Test func configCheckAcceptsTheSampleConfiguration() throws {
        let run = try Self.corridor(["config", "check", "--config", "samples/corridor.yaml"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("CRDRGB2LXXX"))
        let json = try Self.corridor(["config", "check", "--config", "samples/corridor.yaml", "--format", "json"])
        #expect(json.status == 0)
        #expect(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) is [String: Any])
    }

    @Test func configCheckRejectsABrokenFileWithItsLineNumber() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("corridor.yaml")
        var lines = try String(contentsOf: Self.packageRoot.appendingPathComponent("samples/corridor.yaml"), encoding: .utf8)
            .components(separatedBy: "\n")
        let line = try #require(lines.firstIndex(of: "  bic: CRDRGB2LXXX"))
        lines[line] = "  bic: CRDRGB2"
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)

        let run = try Self.corridor(["config", "check", "--config", file.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("corridor.yaml:\(line + 1):"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func initWritesAConfigurationThatChecks() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("gateway")

        let created = try Self.corridor(["init", target.path, "--bic", "BANKDEFFXXX"])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("config check"))
        for name in ["inbox", "processing", "outbox", "outbound", "archive", "error"] {
            #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent("var/\(name)").path))
        }
        let config = target.appendingPathComponent("corridor.yaml").path
        let check = try Self.corridor(["config", "check", "--config", config])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("BANKDEFFXXX"))

        let again = try Self.corridor(["init", target.path])
        #expect(again.status == 1, "an existing corridor.yaml is not overwritten")
        #expect(try String(contentsOfFile: config, encoding: .utf8).contains("bic: BANKDEFFXXX"))
    }

    // MARK: - ledger and payments

    @Test func ledgerAndPaymentsReadTheDataFolder() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("corridor.yaml")
        try ConfigurationTemplate.commented(gatewayBIC: "CRDRGB2LXXX").write(to: config, atomically: true, encoding: .utf8)

        // Nothing has run yet: no ledger is created by reading.
        let before = try Self.corridor(["ledger", "balances", "--config", config.path])
        #expect(before.status == 2)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("var/ledger").path))

        // What the gateway would have written: accounts and transfers, a payment and its trail.
        let data = folder.appendingPathComponent("var")
        let ledger = try Ledger(directory: data.appendingPathComponent("ledger"))
        _ = try ledger.createAccounts([
            AccountSpec(participant: "BANKDEFFXXX", currency: "EUR", openingBalance: 100_000_000),
            AccountSpec(participant: "BANKFRPPXXX", currency: "EUR", minimumBalance: -5_000, openingBalance: 50_000),
            AccountSpec(participant: "BANKDEFFXXX", currency: "JPY", openingBalance: 700),
        ])
        _ = try ledger.settle(TransferRequest(id: TransferID("t-1"), debit: "BANKDEFFXXX", credit: "BANKFRPPXXX",
                                              currency: "EUR", amount: 12_345))
        _ = try ledger.reserve(TransferRequest(id: TransferID("t-2"), debit: "BANKFRPPXXX", credit: "BANKDEFFXXX",
                                               currency: "EUR", amount: 500))
        let store = try GatewayStore(directory: data.appendingPathComponent("state"))
        var batch = GatewayStore.Batch()
        batch.payments = [PaymentRecord(
            transferID: "t-2", uetr: "6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b", messageId: "MSG-1", sender: "BANKDEFFXXX",
            instructingAgent: "BANKDEFFXXX", endToEndId: "E2E-1", txId: nil, instrId: nil, debtorAgent: "BANKDEFFXXX",
            creditorAgent: "BANKUS33XXX", currency: "USD", amount: "5.00", route: "fednow", action: "forward",
            status: "ACSP", reason: nil, narrative: nil, inputName: "in.xml", inputDigest: "d", transactionIndex: 0,
            receivedAt: 1_767_225_600_123, updatedAt: 1_767_225_600_456, deadline: nil, routeAcknowledged: false,
            forwardMessageId: "FWD-1", fingerprint: "f", latencyMicros: 1_500)]
        batch.events = [
            PaymentEvent(transferID: "t-2", messageId: "MSG-1", at: 1_767_225_600_200, kind: "forwarded", detail: "to fednow"),
            PaymentEvent(transferID: nil, messageId: "MSG-1", at: 1_767_225_600_100, kind: "received", detail: "in.xml"),
            PaymentEvent(transferID: "other", messageId: "MSG-1", at: 1_767_225_600_150, kind: "status", detail: "not ours"),
        ]
        batch.at = 1_767_225_600_456
        try store.commit(batch)

        let balances = try Self.corridor(["ledger", "balances", "--config", config.path, "--format", "json"])
        #expect(balances.status == 0, "\(balances.stderr)")
        let accounts = try balances.jsonArray()
        func account(_ participant: String, _ currency: String) -> [String: Any]? {
            accounts.first { $0["participant"] as? String == participant && $0["currency"] as? String == currency }
        }
        let debtor = try #require(account("BANKDEFFXXX", "EUR"))
        #expect(Set(debtor.keys) == ["participant", "kind", "currency", "balance", "pendingDebits", "pendingCredits", "available"])
        #expect(debtor["kind"] as? String == "participant")
        #expect(debtor["balance"] as? String == "999876.55")
        #expect(debtor["pendingCredits"] as? String == "5.00")
        let creditor = try #require(account("BANKFRPPXXX", "EUR"))
        #expect(creditor["pendingDebits"] as? String == "5.00")
        #expect(creditor["available"] as? String == "618.45")
        #expect(account("BANKDEFFXXX", "JPY")?["balance"] as? String == "700", "JPY has no minor units")
        #expect(account("SYSTEM", "EUR")?["kind"] as? String == "system")
        #expect(account("SYSTEM", "EUR")?["balance"] as? String == "-1000500.00")

        let text = try Self.corridor(["ledger", "balances", "--config", config.path])
        #expect(text.stdout.contains("Participant accounts") && text.stdout.contains("System accounts"))

        let transfers = try Self.corridor(["ledger", "transfers", "--config", config.path, "--format", "json", "--limit", "2"])
        #expect(transfers.status == 0, "\(transfers.stderr)")
        let newest = try transfers.jsonArray()
        try #require(newest.count == 2)
        #expect(newest.map { $0["id"] as? String } == ["t-2", "t-1"])
        #expect(newest[0]["amount"] as? String == "5.00")
        #expect(newest[0]["state"] as? String == "pending")
        #expect(newest[0]["resolvedAt"] is NSNull)
        #expect(newest[1]["amount"] as? String == "123.45")

        let shown = try Self.corridor(["payments", "show", "E2E-1", "--config", config.path, "--format", "json"])
        #expect(shown.status == 0, "\(shown.stderr)")
        let payment = try #require(try shown.jsonArray().first)
        #expect(payment["receivedAt"] as? String == "2026-01-01T00:00:00.123Z")
        #expect(payment["resolvedBy"] is NSNull, "a forward still waiting for its route was made final by nothing yet")
        let events = try #require(payment["events"] as? [[String: Any]])
        #expect(events.map { $0["kind"] as? String } == ["received", "forwarded"])

        let shownText = try Self.corridor(["payments", "show", "FWD-1", "--config", config.path])
        #expect(shownText.status == 0)
        #expect(shownText.stdout.contains("fednow (forward)"))

        #expect(try Self.corridor(["payments", "show", "nope", "--config", config.path]).status == 1)
    }
}
