import ISO20022
import Testing
@testable import Compliance

@Suite struct ComplianceDecisionTests {
    @Test func buildsARejectionFromItsParts() {
        let decision = ComplianceDecision.reject(reason: "AM02", narrative: "too much", rule: "limit.transaction.EUR")
        #expect(decision.outcome == ComplianceOutcome(reasonCode: "AM02", narrative: "too much", ruleID: "limit.transaction.EUR"))
        #expect(!decision.isAccepted)
        #expect(ComplianceDecision.accept.outcome == nil)
    }

    @Test func describesAnOutcomeWithCodeRuleAndNarrative() {
        let outcome = ComplianceOutcome(reasonCode: "RR04", narrative: "debtor address country IR is under embargo", ruleID: "policy.embargo")
        #expect(outcome.description == "RR04 (policy.embargo): debtor address country IR is under embargo")
    }

    @Test(arguments: ["AM02", "AM05", "AM13", "AM14", "AG01", "RR04"])
    func usesOnlyPublishedStatusReasonCodes(code: String) {
        #expect(ExternalCodeSets.contains(code, in: .statusReason))
    }
}
