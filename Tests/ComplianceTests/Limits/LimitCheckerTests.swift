import Foundation
import ISO20022
import Testing
@testable import Compliance

@Suite struct LimitCheckerTests {
    typealias F = ComplianceFixtures

    private func checker(_ rules: [LimitRule], clock: ManualClock = ManualClock()) throws -> LimitChecker {
        try LimitChecker(rules: rules, store: InMemoryLimitWindowStore(), now: clock.function)
    }

    /// Reserves and commits, as the gateway does for a payment it accepts.
    @discardableResult
    private func accept(_ payment: PaymentFacts, with limits: LimitChecker) async throws -> Bool {
        guard let reservation = try await limits.reserve(payment).reservation else { return false }
        try await limits.commit(reservation)
        return true
    }

    // MARK: Per transaction

    @Test func rejectsAnAmountAboveThePerTransactionMaximumWithAM02AndBothFigures() async throws {
        let limits = try checker([LimitRule(currency: "EUR", maxAmount: 100_000)])
        let result = try await limits.reserve(F.payment("2500000.00"))
        #expect(result.outcome == ComplianceOutcome(
            reasonCode: "AM02",
            narrative: "2,500,000.00 EUR exceeds the 100,000.00 EUR per-transaction limit",
            ruleID: "limit.transaction.EUR"))
    }

    @Test(arguments: ["100000.00", "99999.99", "0.01"])
    func acceptsAnAmountAtOrBelowThePerTransactionMaximum(amount: String) async throws {
        let limits = try checker([LimitRule(currency: "EUR", maxAmount: 100_000)])
        #expect(try await limits.reserve(F.payment(amount)) == .accepted(.none))
    }

    @Test func ignoresRulesInAnotherCurrency() async throws {
        let limits = try checker([LimitRule(currency: "USD", maxAmount: 1)])
        #expect(try await limits.reserve(F.payment("5000.00")).outcome == nil)
    }

    @Test func appliesAParticipantMaximumOnlyToThatDebtorAgent() async throws {
        let limits = try checker([LimitRule(currency: "EUR", scope: .debtorAgent("BANKDEFF"), maxAmount: 1_000)])
        let own = try await limits.reserve(F.payment("1500.00", debtorAgent: "BANKDEFF500"))
        #expect(own.outcome?.reasonCode == "AM02")
        #expect(own.outcome?.narrative.hasSuffix("for debtor agent BANKDEFF500") == true)
        #expect(try await limits.reserve(F.payment("1500.00", debtorAgent: "OTHRDEFFXXX")).outcome == nil)
    }

    @Test func reportsTheConfiguredRuleNameWhenThereIsOne() async throws {
        var rule = LimitRule(currency: "EUR", maxAmount: 10)
        rule.name = "psp-cap"
        let result = try await checker([rule]).reserve(F.payment("11"))
        #expect(result.outcome?.ruleID == "psp-cap")
    }

    // MARK: Cumulative per debtor agent

    @Test func rejectsWithAM13WhenTheDebtorAgentsRollingTotalWouldBeExceeded() async throws {
        let limits = try checker([LimitRule(currency: "EUR", scope: .debtorAgent("*"), windowSeconds: 3_600, maxTotal: 1_000)])
        for _ in 0..<3 { #expect(try await limits.reserve(F.payment("300.00")).reservation != nil) }
        let result = try await limits.reserve(F.payment("200.00"))
        #expect(result.outcome == ComplianceOutcome(
            reasonCode: "AM13",
            narrative: "200.00 EUR would bring debtor agent BANKDEFFXXX to 1,100.00 EUR in 1h, over the 1,000.00 EUR limit per 1h",
            ruleID: "limit.debtorAgent.*.EUR.1h"))
        #expect(try await limits.reserve(F.payment("100.00")).reservation != nil, "exactly reaching the total is allowed")
    }

    @Test func keepsASeparateWindowForEachDebtorAgentUnderTheWildcard() async throws {
        let limits = try checker([LimitRule(currency: "EUR", scope: .debtorAgent("*"), windowSeconds: 3_600, maxTotal: 500)])
        #expect(try await limits.reserve(F.payment("500", debtorAgent: "BANKDEFFXXX")).reservation != nil)
        #expect(try await limits.reserve(F.payment("500", debtorAgent: "OTHRDEFFXXX")).reservation != nil)
        #expect(try await limits.reserve(F.payment("1", debtorAgent: "BANKDEFF")).outcome?.reasonCode == "AM13",
                "BANKDEFF and BANKDEFFXXX are the same primary office")
    }

    @Test func freesTheWindowOnceEarlierPaymentsRollOutOfIt() async throws {
        let clock = ManualClock()
        let limits = try checker(
            [LimitRule(currency: "EUR", scope: .debtorAgent("*"), windowSeconds: 600, maxTotal: 1_000)], clock: clock)
        try await accept(F.payment("800"), with: limits)
        clock.advance(seconds: 300)
        try await accept(F.payment("200"), with: limits)
        #expect(try await limits.reserve(F.payment("1")).outcome != nil)
        clock.advance(seconds: 299)
        #expect(try await limits.reserve(F.payment("1")).outcome != nil, "the 800 is still 599 s old")
        clock.advance(seconds: 1)
        #expect(try await accept(F.payment("800"), with: limits), "the 800 is now 600 s old: out")
        #expect(try await limits.reserve(F.payment("1")).outcome != nil)
    }

    // MARK: Velocity per debtor account

    @Test func rejectsWithAM14WhenTheDebtorAccountMakesTooManyPaymentsInTheWindow() async throws {
        let clock = ManualClock()
        let limits = try checker(
            [LimitRule(currency: "EUR", scope: .debtorAccount, windowSeconds: 600, maxCount: 3)], clock: clock)
        for _ in 0..<3 {
            #expect(try await accept(F.payment("1"), with: limits))
            clock.advance(seconds: 60)
        }
        let result = try await limits.reserve(F.payment("1"))
        #expect(result.outcome == ComplianceOutcome(
            reasonCode: "AM14",
            narrative: "debtor account DE89370400440532013000 already sent 3 payments in the last 10m; the limit is 3 per 10m",
            ruleID: "limit.debtorAccount.EUR.10m"))
        #expect(try await limits.reserve(F.payment("1", debtorIBAN: "FR1420041010050500013M02606")).reservation != nil,
                "another account has its own count")
        clock.advance(seconds: 421)
        #expect(try await limits.reserve(F.payment("1")).reservation != nil, "the first payment left the window")
    }

    @Test func rejectsWithAM14WhenTheDebtorAccountsAmountInTheWindowWouldBeExceeded() async throws {
        let limits = try checker([LimitRule(currency: "EUR", scope: .debtorAccount, windowSeconds: 86_400, maxTotal: 5_000)])
        _ = try await limits.reserve(F.payment("4000"))
        let result = try await limits.reserve(F.payment("1000.01"))
        #expect(result.outcome?.reasonCode == "AM14")
        #expect(result.outcome?.narrative ==
            "1,000.01 EUR would bring debtor account DE89370400440532013000 to 5,000.01 EUR in 24h, over the 5,000.00 EUR limit per 24h")
    }

    @Test func doesNotApplyAccountVelocityToAPaymentWithoutDebtorAccount() async throws {
        let limits = try checker([LimitRule(currency: "EUR", scope: .debtorAccount, windowSeconds: 60, maxCount: 1)])
        #expect(try await limits.reserve(F.payment(debtorIBAN: nil)) == .accepted(.none))
        #expect(try await limits.reserve(F.payment(debtorIBAN: nil)) == .accepted(.none))
    }

    // MARK: Reservations

    @Test func aReservationNeverAnsweredStopsCountingAfterTheStoreTimeout() async throws {
        let clock = ManualClock()
        let limits = try LimitChecker(
            rules: [LimitRule(currency: "EUR", scope: .debtorAgent("*"), windowSeconds: 3_600, maxCount: 1)],
            store: InMemoryLimitWindowStore(reservationTimeoutSeconds: 30), now: clock.function)
        #expect(try await limits.reserve(F.payment()).reservation != nil)
        clock.advance(seconds: 30)
        #expect(try await limits.reserve(F.payment()).reservation != nil)
    }

    @Test func releasedReservationsGiveTheirCapacityBack() async throws {
        let limits = try checker([LimitRule(currency: "EUR", scope: .debtorAgent("*"), windowSeconds: 60, maxTotal: 100, maxCount: 1)])
        let first = try #require(try await limits.reserve(F.payment("100")).reservation)
        #expect(try await limits.reserve(F.payment("1")).outcome != nil, "a pending reservation already counts")
        try await limits.release(first)
        let second = try #require(try await limits.reserve(F.payment("100")).reservation)
        try await limits.commit(second)
        #expect(try await limits.reserve(F.payment("1")).outcome != nil, "a committed payment keeps counting")
    }

    @Test func aRejectedPaymentReservesNothing() async throws {
        let limits = try checker([LimitRule(currency: "EUR", scope: .debtorAgent("*"), windowSeconds: 60, maxTotal: 100)])
        #expect(try await limits.reserve(F.payment("150")).outcome != nil)
        #expect(try await limits.reserve(F.payment("100")).reservation != nil)
    }

    @Test func aPaymentOverOneWindowIsNotRecordedInTheOthers() async throws {
        let limits = try checker([
            LimitRule(currency: "EUR", scope: .debtorAgent("*"), windowSeconds: 60, maxTotal: 1_000),
            LimitRule(currency: "EUR", scope: .debtorAccount, windowSeconds: 60, maxTotal: 100),
        ])
        #expect(try await limits.reserve(F.payment("150")).outcome?.reasonCode == "AM14")
        let usage = try await limits.store.usage(of: LimitWindow.Key(rawValue: "debtorAgent:BANKDEFFXXX:EUR"),
                                                 windowSeconds: 60, at: Date(timeIntervalSince1970: 1_795_000_000))
        #expect(usage == .empty)
    }

    @Test func committingOrReleasingTwiceIsReportedAsUnknown() async throws {
        let limits = try checker([LimitRule(currency: "EUR", scope: .debtorAgent("*"), windowSeconds: 60, maxCount: 5)])
        let reservation = try #require(try await limits.reserve(F.payment()).reservation)
        try await limits.commit(reservation)
        await #expect(throws: LimitStoreError(.unknownReservation(reservation.id))) {
            try await limits.release(reservation)
        }
    }

    @Test func concurrentPaymentsNeverShareTheLastHeadroom() async throws {
        let limits = try checker([LimitRule(currency: "EUR", scope: .debtorAgent("*"), windowSeconds: 60, maxTotal: 1_000)])
        let accepted = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<50 { group.addTask { try await limits.reserve(F.payment("100")).reservation != nil } }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(accepted == 10)
    }

    // MARK: Configuration

    @Test(arguments: [
        (LimitRule(currency: "EUR"), LimitRuleError.Problem.limitsNothing),
        (LimitRule(currency: "EUR", scope: .debtorAgent("*"), maxTotal: 5), .windowMissing),
        (LimitRule(currency: "EUR", windowSeconds: 60, maxCount: 5), .windowWithoutScope),
        (LimitRule(currency: "EUR", scope: .debtorAccount, windowSeconds: 0, maxCount: 5), .nonPositive("windowSeconds")),
        (LimitRule(currency: "EUR", maxAmount: 0), .nonPositive("maxAmount")),
        (LimitRule(currency: "EUR", scope: .debtorAgent("NOT A BIC"), maxAmount: 5), .invalidAgent("NOT A BIC")),
    ])
    func refusesRulesThatCannotBeEnforced(rule: LimitRule, problem: LimitRuleError.Problem) {
        #expect(throws: LimitRuleError(ruleID: rule.id, problem: problem)) { try LimitChecker(rules: [rule]) }
    }

    @Test func explainsAnUnenforceableRuleByItsID() {
        let error = LimitRuleError(ruleID: "limit.debtorAgent.*.EUR", problem: .windowMissing)
        #expect(error.description == "limit rule limit.debtorAgent.*.EUR sets maxTotal or maxCount but no windowSeconds")
    }
}
