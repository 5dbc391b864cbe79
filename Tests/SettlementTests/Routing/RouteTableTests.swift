import ISO20022
import Testing
@testable import Settlement

@Suite struct RouteTableTests {
    /// The settle sample: EUR 2500.00 to BANKFRPPXXX, group-level SvcLvl SEPA and LclInstrm INST.
    static func sample() throws -> (CreditTransferTransaction39, GroupHeader93) {
        let transfer = try MessageFixtures.transfer("pacs008-settle-eur.xml")
        return (transfer.cdtTrfTxInf[0], transfer.grpHdr)
    }

    static func matches(_ match: RouteMatch) throws -> Bool {
        let (tx, group) = try sample()
        return match.matches(tx, group: group)
    }

    @Test(arguments: [("BANKFRPPXXX", true), ("BANKFRPP", true), ("BANKFR*", true), ("BANKDEFF", false), ("BANKFRPP123", false)])
    func instructedAgentMatchesTheCreditorAgentBIC(_ pattern: String, _ expected: Bool) throws {
        #expect(try Self.matches(RouteMatch(instructedAgent: BICPattern(pattern))) == expected)
    }

    @Test(arguments: [("FR", true), ("DE", false)])
    func countryIsTheCreditorAgentBICCountry(_ country: String, _ expected: Bool) throws {
        #expect(try Self.matches(RouteMatch(country: CountryCode(country))) == expected)
    }

    @Test(arguments: [("EUR", true), ("GBP", false)])
    func currencyIsTheSettlementCurrency(_ currency: String, _ expected: Bool) throws {
        #expect(try Self.matches(RouteMatch(currency: CurrencyCode(currency))) == expected)
    }

    @Test(arguments: [("2500", true), ("2500.00", true), ("2499.99", true), ("2500.01", false)])
    func minimumAmountIsInclusive(_ minimum: String, _ expected: Bool) throws {
        #expect(try Self.matches(RouteMatch(minAmount: ExactDecimal(minimum))) == expected)
    }

    @Test(arguments: [("2500", true), ("2500.000", true), ("2500.01", true), ("2499.99", false)])
    func maximumAmountIsInclusive(_ maximum: String, _ expected: Bool) throws {
        #expect(try Self.matches(RouteMatch(maxAmount: ExactDecimal(maximum))) == expected)
    }

    @Test(arguments: [("SEPA", true), ("URGP", false), ("sepa", false)])
    func serviceLevelComesFromTheGroupWhenTheTransactionHasNone(_ code: String, _ expected: Bool) throws {
        #expect(try Self.matches(RouteMatch(serviceLevel: code)) == expected)
    }

    @Test(arguments: [("INST", true), ("CORE", false)])
    func localInstrumentComesFromTheGroupWhenTheTransactionHasNone(_ code: String, _ expected: Bool) throws {
        #expect(try Self.matches(RouteMatch(localInstrument: code)) == expected)
    }

    @Test func transactionPaymentTypeOverridesTheGroupOne() throws {
        var (tx, group) = try Self.sample()
        tx.pmtTpInf = PaymentTypeInformation28(svcLvl: [.cd("URGP")], lclInstrm: .cd("CORE"))
        #expect(RouteMatch(serviceLevel: "URGP").matches(tx, group: group))
        #expect(!RouteMatch(serviceLevel: "SEPA").matches(tx, group: group))
        #expect(RouteMatch(localInstrument: "CORE").matches(tx, group: group))
        #expect(!RouteMatch(localInstrument: "INST").matches(tx, group: group))

        tx.pmtTpInf = PaymentTypeInformation28(instrPrty: .high)
        #expect(RouteMatch(serviceLevel: "SEPA", localInstrument: "INST").matches(tx, group: group))
        group.pmtTpInf = nil
        #expect(!RouteMatch(serviceLevel: "SEPA").matches(tx, group: group))
    }

    @Test func proprietaryServiceLevelNeverMatchesACode() throws {
        var (tx, group) = try Self.sample()
        group.pmtTpInf = nil
        tx.pmtTpInf = PaymentTypeInformation28(svcLvl: [.prtry("SEPA")])
        #expect(!RouteMatch(serviceLevel: "SEPA").matches(tx, group: group))
    }

    @Test func creditorAgentWithoutBICNeverMatchesAgentOrCountry() throws {
        var (tx, group) = try Self.sample()
        tx.cdtrAgt = BranchAndFinancialInstitutionIdentification6(finInstnId: FinancialInstitutionIdentification18(nm: "Banque"))
        #expect(!RouteMatch(instructedAgent: BICPattern("BANKFR*")).matches(tx, group: group))
        #expect(!RouteMatch(country: "FR").matches(tx, group: group))
        #expect(RouteMatch(currency: "EUR").matches(tx, group: group))
    }

    @Test func everyConditionMustHold() throws {
        #expect(try Self.matches(RouteMatch(country: "FR", currency: "EUR", maxAmount: ExactDecimal("5000"))))
        #expect(try !Self.matches(RouteMatch(country: "FR", currency: "EUR", maxAmount: ExactDecimal("1000"))))
        #expect(try Self.matches(RouteMatch()))
    }

    @Test func firstMatchingRouteWins() throws {
        let (tx, group) = try Self.sample()
        let table = RouteTable([
            Route(name: "gbp", match: RouteMatch(currency: "GBP"), action: .forward(nextAgent: "NXTBGB2LXXX")),
            Route(name: "fr-small", match: RouteMatch(country: "FR", maxAmount: ExactDecimal("10000")), action: .settle),
            Route(name: "fr-any", match: RouteMatch(country: "FR"), action: .forward(nextAgent: "NXTBFRPPXXX")),
            Route(name: "rest", match: RouteMatch(), action: .reject(reason: "AGNT")),
        ])
        #expect(table.route(tx, group: group)?.name == "fr-small")
        #expect(RouteTable(Array(table.routes.dropFirst(2))).route(tx, group: group)?.name == "fr-any")
    }

    @Test func noMatchingRouteGivesNil() throws {
        let (tx, group) = try Self.sample()
        #expect(RouteTable([Route(name: "gbp", match: RouteMatch(currency: "GBP"), action: .settle)]).route(tx, group: group) == nil)
        #expect(RouteTable([]).route(tx, group: group) == nil)
    }
}
