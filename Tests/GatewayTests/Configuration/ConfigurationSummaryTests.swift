import Foundation
import ISO20022
import Testing
@testable import Gateway

@Suite struct ConfigurationSummaryTests {
    /// The fixture with a second list, a reject route and a window limit, loaded from `folder`
    /// where only the first list exists.
    private func load(in folder: TemporaryFolder) throws -> GatewayConfiguration {
        try folder.makeFolder("sanctions")
        let yaml = ConfigurationFixtures.base(replacing: [
            13: "      - { currency: EUR, balance: \"500.00\", minimumBalance: \"-100.00\" }",
            14: "routes:\n  - name: blocked\n    match: { currency: RUB }\n    action: reject\n    reason: AG01",
            23: "  lists: [ ./sanctions, ./missing.csv ]",
            28: "  - { currency: EUR, maxAmount: \"100.00\" }\n"
                + "  - { currency: EUR, debtorAgent: \"*\", window: 24h, maxTotal: \"5000000.00\" }\n"
                + "  - { currency: EUR, debtorAccount: true, window: 7d, maxCount: 3 }",
        ])
        return try GatewayConfiguration.load(from: try folder.write(yaml, to: "corridor.yaml"))
    }

    @Test func theTextNamesTheGatewayParticipantsRoutesScreeningAndLimits() throws {
        try withTemporaryFolder { folder in
            let summary = ConfigurationSummary(try load(in: folder))
            let text = summary.text()
            let root = folder.url.standardizedFileURL.path
            #expect(text.contains("BIC        CRDRGB2LXXX"))
            #expect(text.contains("data       \(root)/var"))
            #expect(text.contains("BANKDEFFXXX  Bank DE\n    EUR  balance 1000.00\n"))
            #expect(text.contains("EUR  balance 500.00, minimum -100.00"))
            #expect(text.contains("""
                  1. blocked: currency RUB → reject with AG01
                """))
            #expect(text.contains("2. fednow: country US → forward to FRNYUS33XXX via outbound/fednow/"))
            #expect(text.contains("3. domestic: currency EUR → settle between participants"))
            #expect(text.contains("review at  0.85, block at 0.92"))
            #expect(text.contains("on review  hold"))
            #expect(text.contains("\(root)/sanctions  (folder)"))
            #expect(text.contains("\(root)/missing.csv  (MISSING)"))
            #expect(text.contains("EUR: at most 100.00 per payment"))
            #expect(text.contains("EUR: each debtor agent at most 5000000.00 in total per 24h"))
            #expect(text.contains("EUR: each debtor account at most 3 payments per 7d"))
            #expect(!summary.allListsExist)
        }
    }

    @Test func theJSONCarriesTheSameFactsWithExactAmounts() throws {
        try withTemporaryFolder { folder in
            let json = ConfigurationSummary(try load(in: folder)).json().serialized(indent: 2)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            let root = folder.url.standardizedFileURL.path

            let gateway = try #require(object["gateway"] as? [String: Any])
            #expect(gateway["bic"] as? String == "CRDRGB2LXXX")
            #expect(gateway["dataDirectory"] as? String == "\(root)/var")
            #expect(gateway["timeoutSeconds"] as? Int == 10)

            let participants = try #require(object["participants"] as? [[String: Any]])
            let accounts = try #require(participants.first?["accounts"] as? [[String: Any]])
            #expect(accounts.first?["balance"] as? String == "1000.00")

            let routes = try #require(object["routes"] as? [[String: Any]])
            #expect(routes.map { $0["name"] as? String } == ["blocked", "fednow", "domestic"])
            #expect(routes[0]["reason"] as? String == "AG01")
            #expect(routes[1]["nextAgent"] as? String == "FRNYUS33XXX")
            #expect((routes[2]["match"] as? [String: Any])?["currency"] as? String == "EUR")

            let screening = try #require(object["screening"] as? [String: Any])
            let lists = try #require(screening["lists"] as? [[String: Any]])
            #expect(lists.map { $0["exists"] as? Bool } == [true, false])
            #expect(screening["reviewThreshold"] as? Double == 0.85)
            #expect(screening["onReview"] as? String == "hold")

            let limits = try #require(object["limits"] as? [[String: Any]])
            #expect(limits[1]["window"] as? String == "24h")
            #expect(limits[1]["windowSeconds"] as? Int == 86_400)
            #expect(limits[1]["maxTotal"] as? String == "5000000.00")
            #expect(limits[2]["scope"] as? String == "debtorAccount")
        }
    }

    @Test func theTextSaysLoudlyWhenPaymentsPassUnscreened() throws {
        let config = try GatewayConfiguration.parse(
            yaml: ConfigurationTemplate.commented(gatewayBIC: "CRDRGB2LXXX"), baseDirectory: ConfigurationFixtures.folder)
        #expect(ConfigurationSummary(config).text().contains("payments pass UNSCREENED"))
    }
}
