import ISO20022
import Testing
@testable import Compliance

@Suite struct SchemeDefaultsTests {
    @Test(arguments: [
        ("FedNow", CurrencyCode("USD"), ExactDecimal(10_000_000)),
        ("RTP", CurrencyCode("USD"), ExactDecimal(10_000_000)),
        ("FPS", CurrencyCode("GBP"), ExactDecimal(1_000_000)),
    ])
    func capsEachTransactionAtTheSchemeCeiling(scheme: String, currency: CurrencyCode, ceiling: ExactDecimal) throws {
        let rules = try #require(LimitRule.schemeDefaults(for: scheme))
        #expect(rules == [LimitRule(currency: currency, maxAmount: ceiling, name: "scheme.\(scheme).maxAmount")])
        #expect(throws: Never.self) { try LimitChecker(rules: rules) }
    }

    @Test func hasNoSchemeCeilingForSCTInstSinceTheRulebookDroppedIt() {
        #expect(LimitRule.schemeDefaults(for: "SCTInst") == [])
    }

    @Test func knowsNoDefaultsForAnUnknownScheme() {
        #expect(LimitRule.schemeDefaults(for: "Pix") == nil)
    }

    @Test func rejectsAFedNowPaymentOverTenMillionDollars() async throws {
        let limits = try LimitChecker(rules: LimitRule.schemeDefaults(for: .fedNow))
        let result = try await limits.reserve(ComplianceFixtures.payment("10000000.01", currency: "USD"))
        #expect(result.outcome?.narrative == "10,000,000.01 USD exceeds the 10,000,000.00 USD per-transaction limit")
        #expect(result.outcome?.ruleID == "scheme.FedNow.maxAmount")
    }
}
