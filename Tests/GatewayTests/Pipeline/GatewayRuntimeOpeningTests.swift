import Foundation
import Settlement
import Testing
@testable import Gateway

@Suite struct GatewayRuntimeOpeningTests {
    /// A reserve requirement (`minimumBalance` above zero) is valid configuration, and an opening
    /// balance above it satisfies it.
    @Test func participantWithAPositiveMinimumBalanceOpensFundedAboveItsFloor() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-opening-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let yaml = """
            gateway:
              bic: CRDRGB2LXXX
              data: \(work.appendingPathComponent("data").path)
            participants:
              - bic: BANKDEFFXXX
                name: Bank DE
                accounts:
                  - { currency: EUR, balance: "6000.00", minimumBalance: "1000.00" }
              - bic: BANKFRPPXXX
                name: Bank FR
                accounts:
                  - { currency: EUR, balance: "0.00" }
            routes:
              - name: domestic
                match: { currency: EUR }
                action: settle
            screening:
              lists: []
              allowUnscreened: true

            """
        let configuration = try GatewayConfiguration.parse(yaml: yaml, file: "corridor.yaml", baseDirectory: work)
        // A new account starts at 0 and is funded afterwards; its positive minimum applies from then on.
        let runtime = try GatewayRuntime(configuration: configuration, screening: ListedCreditorScreening(listedName: "-"))
        let account = try runtime.ledger.balance(participant: "BANKDEFFXXX", currency: "EUR")
        #expect(account?.balance == 6_000_00)
        #expect(account?.minimumBalance == 1_000_00)
        // Opening again (a restart) finds the same account and minimum.
        let again = try GatewayRuntime(configuration: configuration, screening: ListedCreditorScreening(listedName: "-"))
        #expect(try again.ledger.balance(participant: "BANKDEFFXXX", currency: "EUR")?.minimumBalance == 1_000_00)
    }

    /// The gateway does not start unscreened: a configured list that cannot be read stops it.
    @Test func refusesToStartWhenASanctionsListIsMissing() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-failclosed-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let yaml = """
            gateway: { bic: CRDRGB2LXXX, data: ./data }
            participants:
              - { bic: BANKDEFFXXX, name: Bank DE, accounts: [ { currency: EUR, balance: "10.00" } ] }
            routes:
              - { name: domestic, match: { currency: EUR }, action: settle }
            screening:
              lists: [ ./no-such-list ]
            """
        let configuration = try GatewayConfiguration.parse(yaml: yaml, file: "corridor.yaml", baseDirectory: work)
        #expect(throws: (any Error).self) { try GatewayRuntime(configuration: configuration) }
        // Nothing was claimed: the inbox of a gateway that did not start stays untouched.
        let processing = work.appendingPathComponent("data/processing").path
        let claimed = (try? FileManager.default.contentsOfDirectory(atPath: processing)) ?? []
        #expect(claimed.isEmpty)
    }
}
