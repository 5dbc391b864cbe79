import Foundation
import Testing
@testable import Gateway

/// A rolling limit window is durable: a restart does not give a debtor agent its day back.
@Suite(.serialized) struct LimitWindowRestartTests {
    static func runtime(in folder: URL) throws -> GatewayRuntime {
        let yaml = """
            gateway: { bic: CRDRGB2LXXX, data: ./var, timeoutSeconds: 10 }
            participants:
              - { bic: BANKDEFFXXX, name: Bank DE, accounts: [ { currency: EUR, balance: "1000000.00" } ] }
              - { bic: BANKFRPPXXX, name: Bank FR, accounts: [ { currency: EUR, balance: "1000000.00" } ] }
            routes:
              - { name: domestic, match: { currency: EUR }, action: settle }
            screening:
              lists: []
              allowUnscreened: true
            limits:
              - { currency: EUR, debtorAgent: "*", window: 24h, maxTotal: "250.00" }
            """
        let configuration = try GatewayConfiguration.parse(yaml: yaml, file: "corridor.yaml", baseDirectory: folder)
        return try GatewayRuntime(configuration: configuration, screening: ListedCreditorScreening(listedName: "nobody"))
    }

    static func process(_ indexes: [Int], with runtime: GatewayRuntime) async throws {
        for i in indexes {
            let payment = SyntheticPayments.creditTransfer(index: i, debtorAgent: "BANKDEFFXXX", creditorAgent: "BANKFRPPXXX",
                                                           amountMinor: 100_00)
            try Data(payment.utf8).write(to: URL(fileURLWithPath: runtime.directories.inbox + "/p\(i).xml"))
        }
        _ = try await BatchProcessor(pipeline: Pipeline(runtime: runtime)).run()
    }

    static func status(_ i: Int, in runtime: GatewayRuntime) throws -> String? {
        try runtime.store.payments(matching: SyntheticPayments.uetr(i)).first.map { "\($0.status)\($0.reason.map { " \($0)" } ?? "")" }
    }

    @Test func aRestartKeepsWhatTheDailyWindowAlreadyHolds() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-limits-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            let runtime = try Self.runtime(in: folder)
            try await Self.process([1, 2], with: runtime)
            #expect(try Self.status(1, in: runtime) == "ACSC" && Self.status(2, in: runtime) == "ACSC", "200.00 of 250.00 used")
        }
        // The restart: a new runtime on the same data folder.
        let restarted = try Self.runtime(in: folder)
        try await Self.process([3], with: restarted)
        #expect(try Self.status(3, in: restarted) == "RJCT AM13", "another 100.00 would make 300.00 within the 24 h window")
    }
}
