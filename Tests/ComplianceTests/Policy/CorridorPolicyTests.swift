import ISO20022
import Testing
@testable import Compliance

@Suite struct CorridorPolicyTests {
    typealias F = ComplianceFixtures

    static let euroFromCore = CorridorRule(currency: "EUR", from: CountrySet(["DE", "FR", "NL", "ES"]), to: CountrySet(["*"]))

    @Test(arguments: [
        (BIC("BANKDEFFXXX"), BIC("BANKFRPPXXX")),
        (BIC("BANKNL2AXXX"), BIC("BANKUS33XXX")),
        (BIC("BANKESMMXXX"), BIC("BANKDEFFXXX")),
    ])
    func allowsAPaymentInsideAConfiguredCorridor(from debtorAgent: BIC, to creditorAgent: BIC) {
        let policy = CorridorPolicy(allowed: [Self.euroFromCore])
        #expect(policy.evaluate(F.payment(debtorAgent: debtorAgent, creditorAgent: creditorAgent)) == nil)
    }

    @Test func forbidsAPaymentFromACountryOutsideEveryCorridorWithAG01() {
        let policy = CorridorPolicy(allowed: [Self.euroFromCore])
        #expect(policy.evaluate(F.payment(debtorAgent: "BANKITMMXXX")) == ComplianceOutcome(
            reasonCode: "AG01", narrative: "no corridor allows EUR payments from IT to FR", ruleID: "policy.corridor"))
    }

    @Test func forbidsACurrencyNoCorridorCarries() {
        let policy = CorridorPolicy(allowed: [Self.euroFromCore])
        #expect(policy.evaluate(F.payment(currency: "USD"))?.reasonCode == "AG01")
    }

    @Test func allowsACurrencyOnlyToTheListedDestinations() {
        let policy = CorridorPolicy(allowed: [
            CorridorRule(currency: "GBP", from: CountrySet(["GB"]), to: CountrySet(["gb", "IE"])),
        ])
        #expect(policy.evaluate(F.payment(currency: "GBP", debtorAgent: "BANKGB2LXXX", creditorAgent: "BANKIE2DXXX")) == nil)
        #expect(policy.evaluate(F.payment(currency: "GBP", debtorAgent: "BANKGB2LXXX", creditorAgent: "BANKFRPPXXX")) != nil)
    }

    @Test func allowsAnAgentWithoutBICOnlyUnderAWildcard() {
        let listed = CorridorPolicy(allowed: [Self.euroFromCore])
        #expect(listed.evaluate(F.payment(debtorAgent: nil))?.narrative
            == "no corridor allows EUR payments from an agent without BIC to FR")
        #expect(listed.evaluate(F.payment(creditorAgent: nil)) == nil)
    }

    @Test func allowsEverythingWithoutCorridorRulesAndNothingWithAnEmptyList() {
        #expect(CorridorPolicy().evaluate(F.payment(currency: "JPY")) == nil)
        #expect(CorridorPolicy(allowed: []).evaluate(F.payment())?.reasonCode == "AG01")
    }

    @Test(arguments: [
        ("debtor agent BIC", F.payment(debtorAgent: "BANKIRTHXXX")),
        ("creditor agent BIC", F.payment(creditorAgent: "BANKIRTHXXX")),
        ("debtor IBAN", F.payment(debtorIBAN: "IR580540105180021273113007")),
    ])
    func rejectsWithRR04WhenAnyCountryOfThePaymentIsEmbargoed(role: String, payment: PaymentFacts) {
        let policy = CorridorPolicy(embargoed: ["IR"])
        #expect(policy.evaluate(payment) == ComplianceOutcome(
            reasonCode: "RR04", narrative: "\(role) country IR is under embargo", ruleID: "policy.embargo"))
    }

    @Test func rejectsWithRR04ForAnEmbargoedCreditorIBANOrAddress() {
        let policy = CorridorPolicy(embargoed: ["KP"])
        var payment = F.payment()
        payment.creditorAccount = AccountIdentifier(iban: "KP0012345678")
        #expect(policy.evaluate(payment)?.narrative == "creditor IBAN country KP is under embargo")
        payment = F.payment()
        payment.debtorCountry = "KP"
        #expect(policy.evaluate(payment)?.narrative == "debtor address country KP is under embargo")
        payment = F.payment()
        payment.creditorCountry = "KP"
        #expect(policy.evaluate(payment)?.narrative == "creditor address country KP is under embargo")
    }

    @Test func checksTheEmbargoBeforeTheCorridors() {
        let policy = CorridorPolicy(allowed: [], embargoed: ["FR"])
        #expect(policy.evaluate(F.payment())?.reasonCode == "RR04")
    }

    @Test func namesCorridorRulesByTheirContentUnlessNamed() {
        #expect(Self.euroFromCore.id == "corridor.EUR.DE,ES,FR,NL->*")
        #expect(CorridorRule(currency: nil, from: .any, to: .any, name: "open").id == "open")
    }
}
