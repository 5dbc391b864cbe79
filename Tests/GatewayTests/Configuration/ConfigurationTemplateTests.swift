import Foundation
import ISO20022
import Settlement
import Testing
@testable import Gateway

@Suite struct ConfigurationTemplateTests {
    /// The package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func theInitTemplateIsAWorkingConfigurationWithoutWarningsButUnscreened() throws {
        let text = ConfigurationTemplate.commented(gatewayBIC: "MYGWDEFFXXX")
        let config = try GatewayConfiguration.parse(yaml: text, baseDirectory: ConfigurationFixtures.folder)
        #expect(config.gateway.bic == "MYGWDEFFXXX")
        #expect(config.gateway.dataDirectory.path == "/srv/corridor/var")
        #expect(config.participants.count == 5)
        let currencies = Set(config.participants.flatMap { $0.accounts.map(\.currency) })
        #expect(currencies == ["EUR", "USD", "GBP"])
        let actions = config.routes.map { route -> String in
            switch route.action {
            case .settle: "settle"
            case .forward: "forward"
            case .reject: "reject"
            }
        }
        #expect(Set(actions) == ["settle", "forward", "reject"])
        #expect(config.screening.lists.isEmpty)
        #expect(config.screening.allowUnscreened)
        #expect(!config.limits.isEmpty)
        #expect(config.warnings.isEmpty, "\(config.warnings)")
    }

    @Test func theInitTemplateExplainsHowToAddSanctionsLists() {
        let text = ConfigurationTemplate.commented(gatewayBIC: "MYGWDEFFXXX")
        #expect(text.contains("#   lists: [ ./sanctions/ofac_sdn, ./sanctions/un_sc ]"))
        #expect(text.contains("lists: []\n  allowUnscreened: true"))
    }

    @Test func theDemoSampleLoadsWithTheFivePlannedParticipantsAndRoutes() throws {
        let url = Self.packageRoot.appendingPathComponent("samples/corridor.yaml")
        let config = try GatewayConfiguration.load(from: url)
        #expect(config.gateway.bic == "CRDRGB2LXXX")
        #expect(config.gateway.dataDirectory == Self.packageRoot.appendingPathComponent("samples/var").standardizedFileURL)
        #expect(config.participants.map(\.bic) == ["BANKDEFFXXX", "BANKFRPPXXX", "BANKNL2AXXX", "BANKGB2LXXX", "BANKESMMXXX"])
        #expect(config.participants[3].accounts.map(\.currency) == ["GBP", "EUR", "USD"])
        #expect(config.participants[4].accounts[0].balance == ExactDecimal("50000.00"))
        #expect(config.routes.map(\.name) == ["blocked", "fednow", "domestic", "sterling"])
        #expect(config.routes[0].action == .reject(reason: "AG01"))
        #expect(config.routes[1].action == .forward(nextAgent: "FRNYUS33XXX"))
        let shared = Self.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/sanctions")
        // Compared with symbolic links resolved: `../shared` may be a link to the shared folder.
        #expect(config.screening.lists.map { $0.resolvingSymlinksInPath() } == ["ofac_sdn_2024", "un_sc", "uk_hmt_ofsi"].map {
            shared.appendingPathComponent($0).resolvingSymlinksInPath()
        })
        #expect(!config.screening.allowUnscreened)
        #expect(config.limits.count == 2)
        #expect(config.warnings.isEmpty, "\(config.warnings)")
    }
}
