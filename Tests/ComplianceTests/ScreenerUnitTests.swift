import Testing
@testable import Compliance

/// Screener behaviour on a tiny hand-made list, independent of the shared data.
@Suite struct ScreenerUnitTests {
    static let list = SanctionsList(list: .ofacSDN, date: "2024-05-03", source: "test", entries: [
        SanctionsEntry(list: .ofacSDN, key: "1", kind: .individual,
                       names: [ListedName("SOLEIMANI, Ayoub", type: .primary), ListedName("CHANGITO", type: .weakAka)],
                       programs: ["SDGT"]),
        SanctionsEntry(list: .ofacSDN, key: "2", kind: .organisation,
                       names: [ListedName("HWASONG SHIPPING CO LTD", type: .primary)], programs: ["DPRK"], bics: ["HWSGKPPY"]),
        SanctionsEntry(list: .ofacSDN, key: "3", kind: .vessel, names: [ListedName("MARIA", type: .primary)]),
        SanctionsEntry(list: .ofacSDN, key: "4", kind: .organisation, names: [ListedName("SAVINGS BANK OF THE REPUBLIC", type: .primary)]),
    ])

    static func screener(_ configuration: ScreeningConfiguration = ScreeningConfiguration()) throws -> Screener {
        try Screener(lists: [list], configuration: configuration)
    }

    @Test func exactNameInEitherOrderBlocks() throws {
        let s = try Self.screener()
        #expect(s.screen(name: "Ayoub Soleimani").decision == .block)
        #expect(s.screen(name: "SOLEIMANI Ayoub").decision == .block)
    }

    @Test func weakAliasOnlyReviews() throws {
        let result = try Self.screener().screen(name: "Changito")
        #expect(result.decision == .review)
        #expect(result.hits.first?.aliasType == "weak_aka")
    }

    @Test func vesselNamesAreNotMatchedAgainstParties() throws {
        #expect(try Self.screener().screen(name: "Maria").decision == .pass)
    }

    @Test func genericWordsAloneDoNotAlert() throws {
        #expect(try Self.screener().screen(name: "Bank of America").decision == .pass)
        #expect(try Self.screener().screen(name: "Savings Bank").decision == .pass)
    }

    @Test func legalFormExpansionStillMatches() throws {
        let hit = try #require(try Self.screener().screen(name: "Hwasong Shipping Company Limited").hits.first)
        #expect(hit.entityId == "ofac_sdn:2")
        #expect(hit.score >= 0.92)
    }

    @Test func bic11WithBranchMatchesListedBIC8() throws {
        let result = try Self.screener().screen(ScreeningRequest(fields: [
            ScreeningField(path: "CdtrAgt/FinInstnId/BICFI", kind: .bic, value: "HWSGKPPYXXX"),
        ]))
        #expect(result.decision == .block)
        #expect(result.hits.map(\.entityId).contains("ofac_sdn:2"))
        #expect(result.hits.map(\.entityId).contains("embargo:KP"))
    }

    @Test func embargoCheckCanBeConfiguredAway() throws {
        let s = try Self.screener(ScreeningConfiguration(embargoedJurisdictions: [:]))
        let result = s.screen(ScreeningRequest(fields: [ScreeningField(path: "Cdtr/PstlAdr/Ctry", kind: .country, value: "IR")]))
        #expect(result.decision == .pass)
    }

    @Test func ibanCountryIsScreened() throws {
        let result = try Self.screener().screen(ScreeningRequest(fields: [
            ScreeningField(path: "CdtrAcct/Id/IBAN", kind: .country, value: "IR580540105180021273113007"),
        ]))
        #expect(result.hits.first?.entityId == "embargo:IR")
    }

    @Test func thresholdsDecideReviewVersusBlock() throws {
        let strict = try Self.screener(ScreeningConfiguration(reviewThreshold: 0.85, blockThreshold: 0.999))
        #expect(strict.screen(name: "Ayoub Soleimany").decision == .review)
    }

    @Test func invalidThresholdsAreATypedError() {
        #expect(throws: ScreeningError.invalidThresholds(review: 0.95, block: 0.9)) {
            try Screener(lists: [Self.list], configuration: ScreeningConfiguration(reviewThreshold: 0.95, blockThreshold: 0.9))
        }
    }

    @Test func noListsRefusedUnlessUnscreenedAllowed() throws {
        #expect(throws: ScreeningError.noListsConfigured) { try Screener(lists: []) }
        let unscreened = try Screener(lists: [], configuration: ScreeningConfiguration(allowUnscreened: true))
        #expect(unscreened.isUnscreened)
        #expect(unscreened.screen(name: "Anyone").decision == .pass)
    }

    @Test func jsonLineUsesTheContractKeysBestHitFirst() throws {
        let result = try Self.screener().screen(name: "Ayoub \"Soleimani\"")
        let line = ScreeningReport.jsonLine(query: "Ayoub \"Soleimani\"", result: result)
        #expect(line.hasPrefix("{\"query\":\"Ayoub \\\"Soleimani\\\"\",\"decision\":\"block\",\"hits\":[{\"list\":\"ofac_sdn\",\"entityId\":\"ofac_sdn:1\",\"name\":\"SOLEIMANI, Ayoub\",\"matchedAlias\":\"SOLEIMANI, Ayoub\",\"aliasType\":\"primary\",\"score\":1.0,\"programs\":[\"SDGT\"],\"field\":\"name\"}"))
        #expect(!line.contains("\n"))
    }

    @Test func textReportExplainsTheMatch() throws {
        let result = try Self.screener().screen(name: "Ayoub Soleimany")
        let text = ScreeningReport.text(query: "Ayoub Soleimany", result: result)
        #expect(text.contains("ofac_sdn:1"))
        #expect(text.contains("soleimany~soleimani"))
        #expect(text.contains("2024-05-03"))
    }

    @Test func namesFileRendersOneJSONLinePerQueryInOrder() throws {
        let lines = ScreeningReport.render(names: ["Ayoub Soleimani", "", "John Smith", "Changito"],
                                           screener: try Self.screener(), format: .json)
        #expect(lines.count == 3)
        #expect(lines[0].contains("\"decision\":\"block\""))
        #expect(lines[1] == "{\"query\":\"John Smith\",\"decision\":\"pass\",\"hits\":[]}")
        #expect(lines[2].contains("\"aliasType\":\"weak_aka\""))
    }

    @Test func cliThresholdRaisesBlockWhenNeeded() {
        let c = ScreeningConfiguration().withReviewThreshold(0.95)
        #expect(c.reviewThreshold == 0.95 && c.blockThreshold == 0.95)
        #expect(ScreeningConfiguration().withReviewThreshold(0.8).blockThreshold == 0.92)
    }
}
