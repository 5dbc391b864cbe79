import Compliance
import Foundation
import ISO20022
import Settlement
import Testing
@testable import Gateway

@Suite struct GatewayConfigurationLoadingTests {
    @Test func aValidFileLoadsWithEverySectionAndPathsRelativeToItsFolder() throws {
        try withTemporaryFolder { folder in
            let file = try folder.write(ConfigurationFixtures.base, to: "etc/corridor.yaml")
            let config = try GatewayConfiguration.load(from: file)
            let etc = folder.url.appendingPathComponent("etc").standardizedFileURL

            #expect(config.sourceFile == file.standardizedFileURL.path)
            #expect(config.gateway == GatewaySettings(
                bic: "CRDRGB2LXXX", dataDirectory: etc.appendingPathComponent("var"), timeoutSeconds: 10))
            #expect(config.participants == [
                Participant(bic: "BANKDEFFXXX", name: "Bank DE", accounts: [
                    .init(currency: "EUR", balance: ExactDecimal("1000.00")!, minimumBalance: .zero)
                ]),
                Participant(bic: "BANKFRPPXXX", name: "Bank FR", accounts: [
                    .init(currency: "EUR", balance: ExactDecimal("500.00")!)
                ]),
            ])
            #expect(config.routes == [
                Route(name: "fednow", match: RouteMatch(country: "US"), action: .forward(nextAgent: "FRNYUS33XXX")),
                Route(name: "domestic", match: RouteMatch(currency: "EUR"), action: .settle),
            ])
            #expect(config.screening == ScreeningSettings(
                lists: [etc.appendingPathComponent("sanctions")], reviewThreshold: 0.85, blockThreshold: 0.92,
                onReview: .hold))
            #expect(config.limits == [LimitRule(currency: "EUR", maxAmount: ExactDecimal("100.00")!)])
            #expect(config.warnings.isEmpty)
        }
    }

    @Test func parentAndAbsolutePathsAreResolvedToStandardAbsolutePaths() throws {
        let yaml = ConfigurationFixtures.base(replacing: [
            3: "  data: ../state/./var",
            23: "  lists: [ ../shared/sanctions/un_sc, /opt/lists/ofac ]",
        ])
        let config = try GatewayConfiguration.parse(
            yaml: yaml, baseDirectory: URL(fileURLWithPath: "/srv/corridor/etc"))
        #expect(config.gateway.dataDirectory.path == "/srv/corridor/state/var")
        #expect(config.screening.lists.map(\.path) == ["/srv/corridor/shared/sanctions/un_sc", "/opt/lists/ofac"])
    }

    @Test func omittedOptionalKeysTakeTheirDocumentedDefaults() throws {
        let yaml = """
            gateway:
              bic: CRDRGB2L
            screening:
              allowUnscreened: true
            """
        let config = try GatewayConfiguration.parse(yaml: yaml, baseDirectory: ConfigurationFixtures.folder)
        #expect(config.gateway.bic == "CRDRGB2LXXX")
        #expect(config.gateway.dataDirectory.path == "/srv/corridor/var")
        #expect(config.gateway.timeoutSeconds == 10)
        #expect(config.screening == ScreeningSettings(lists: [], allowUnscreened: true))
        #expect(config.participants.isEmpty && config.routes.isEmpty && config.limits.isEmpty)
        #expect(config.warnings.map(\.key) == ["participants", "routes"])
    }

    @Test func everyRouteMatchKeyAndScreeningOptionIsRead() throws {
        let yaml = ConfigurationFixtures.base(replacing: [
            16: "    match: { instructedAgent: \"BANKUS*\", currency: USD, minAmount: \"0.01\", maxAmount: \"25000\", "
                + "serviceLevel: G001, localInstrument: INST }",
            26: "  onReview: reject\n  embargoedCountries: [ KP, IR ]\n  allowUnscreened: false\n  screenRemittance: TRUE",
        ])
        let config = try GatewayConfiguration.parse(yaml: yaml, baseDirectory: ConfigurationFixtures.folder)
        #expect(config.routes[0].match == RouteMatch(
            instructedAgent: BICPattern("BANKUS*"), currency: "USD", minAmount: ExactDecimal("0.01"),
            maxAmount: ExactDecimal("25000"), serviceLevel: "G001", localInstrument: "INST"))
        #expect(config.screening.onReview == .reject)
        #expect(config.screening.embargoedCountries == ["KP", "IR"])
        #expect(config.screening.screenRemittance)
    }

    @Test func limitRulesReadEveryScopeAndWindowUnit() throws {
        let yaml = ConfigurationFixtures.base(replacing: [
            28: """
                  - { currency: EUR, maxAmount: "100.00" }
                  - { currency: EUR, debtorAgent: "*", window: 24h, maxTotal: "5000000.00" }
                  - { currency: EUR, debtorAgent: BANKDEFF, window: 15m, maxCount: 10 }
                  - { currency: GBP, debtorAccount: true, window: 7d, maxTotal: "2000", maxCount: 5, maxAmount: "900" }
                  - { currency: EUR, debtorAccount: false, maxAmount: "50" }
                  - { currency: EUR, debtorAccount: true, window: 30s, maxCount: 3 }
                """,
        ])
        let config = try GatewayConfiguration.parse(yaml: yaml, baseDirectory: ConfigurationFixtures.folder)
        #expect(config.limits == [
            LimitRule(currency: "EUR", maxAmount: ExactDecimal("100.00")),
            LimitRule(currency: "EUR", scope: .debtorAgent("*"), windowSeconds: 86_400, maxTotal: ExactDecimal("5000000.00")),
            LimitRule(currency: "EUR", scope: .debtorAgent("BANKDEFFXXX"), windowSeconds: 900, maxCount: 10),
            LimitRule(currency: "GBP", scope: .debtorAccount, maxAmount: ExactDecimal("900"), windowSeconds: 604_800,
                      maxTotal: ExactDecimal("2000"), maxCount: 5),
            LimitRule(currency: "EUR", maxAmount: ExactDecimal("50")),
            LimitRule(currency: "EUR", scope: .debtorAccount, windowSeconds: 30, maxCount: 3),
        ])
    }

    @Test func unquotedAmountsAndCountryNOAreReadAsWrittenNotAsYAMLTypes() throws {
        let yaml = ConfigurationFixtures.base(replacing: [
            9: "      - { currency: EUR, balance: 1000.10 }",
            16: "    match: { country: NO }",
        ])
        let config = try GatewayConfiguration.parse(yaml: yaml, baseDirectory: ConfigurationFixtures.folder)
        #expect(config.participants[0].accounts[0].balance.description == "1000.10")
        #expect(config.routes[0].match.country == "NO")
    }

    @Test func aNegativeMinimumBalanceIsAnIntradayCreditLine() throws {
        let yaml = ConfigurationFixtures.base(replacing: [
            13: "      - { currency: EUR, balance: \"0.00\", minimumBalance: \"-250000.00\" }",
        ])
        let config = try GatewayConfiguration.parse(yaml: yaml, baseDirectory: ConfigurationFixtures.folder)
        #expect(config.participants[1].accounts[0].minimumBalance == ExactDecimal("-250000.00"))
    }

    @Test func loadingAMissingFileSaysSoWithoutALine() {
        let url = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/corridor.yaml")
        #expect(throws: ConfigurationError.self) { try GatewayConfiguration.load(from: url) }
        do {
            _ = try GatewayConfiguration.load(from: url)
        } catch {
            #expect(error.errors.count == 1)
            #expect(error.errors[0].line == nil)
            #expect(error.description == "\(url.path): no configuration file here (create one with `corridor init`)")
        }
    }
}
