import Foundation
import Testing
@testable import Gateway

/// A rolling limit window is durable: a restart does not give a debtor agent its day back.
@Suite(.serialized) struct LimitWindowRestartTests {
    /// Two EUR participants and a 250.00 daily window per debtor agent; opening a second one
    /// on the same folder is a restart.
    struct Fixture: GatewayFixture {
        let folder: URL
        let runtime: GatewayRuntime
        let pipeline: Pipeline

        init(folder: URL) throws {
            self.folder = folder
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
            self.runtime = try Self.runtime(yaml: yaml, in: folder, screening: ListedCreditorScreening(listedName: "nobody"))
            self.pipeline = Pipeline(runtime: runtime)
        }

        /// Drops payments of 100.00 from Bank DE to Bank FR and processes them.
        func process(_ indexes: [Int]) async throws {
            for i in indexes {
                try self.drop(SyntheticPayments.creditTransfer(index: i, debtorAgent: "BANKDEFFXXX", creditorAgent: "BANKFRPPXXX",
                                                               amountMinor: 100_00), as: "p\(i).xml")
            }
            _ = try await self.run()
        }

        func status(_ i: Int) throws -> String? {
            try self.runtime.store.payments(matching: SyntheticPayments.uetr(i)).first.map { "\($0.status)\($0.reason.map { " \($0)" } ?? "")" }
        }
    }

    @Test func aRestartKeepsWhatTheDailyWindowAlreadyHolds() async throws {
        let folder = Fixture.temporaryFolder("limits")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            let gateway = try Fixture(folder: folder)
            try await gateway.process([1, 2])
            #expect(try gateway.status(1) == "ACSC" && gateway.status(2) == "ACSC", "200.00 of 250.00 used")
        }
        // The restart: a new runtime on the same data folder.
        let restarted = try Fixture(folder: folder)
        try await restarted.process([3])
        #expect(try restarted.status(3) == "RJCT AM13", "another 100.00 would make 300.00 within the 24 h window")
    }
}
