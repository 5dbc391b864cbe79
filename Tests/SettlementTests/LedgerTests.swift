import Foundation
import Testing
@testable import Settlement

@Suite struct LedgerTests {
    static let eur = "EUR"
    static let alpha = "ALPHDEFFXXX"
    static let beta = "BETAFRPPXXX"
    static let gamma = "GAMMITMMXXX"

    func openThree(_ ledger: Ledger, funds: Int64 = 1_000) throws {
        try ledger.createAccounts([
            AccountSpec(participant: Self.alpha, currency: Self.eur, openingBalance: funds),
            AccountSpec(participant: Self.beta, currency: Self.eur, openingBalance: funds),
            AccountSpec(participant: Self.gamma, currency: Self.eur, minimumBalance: -500),
        ])
    }

    func request(_ id: String, _ debit: String = alpha, _ credit: String = beta, amount: Int64) -> TransferRequest {
        TransferRequest(id: tid(id), debit: debit, credit: credit, currency: Self.eur, amount: amount)
    }

    @Test func opensInWALModeWithFullSynchronousCommits() async throws {
        try await withLedger { ledger, _ in
            let settings = try ledger.durabilitySettings()
            #expect(settings.journalMode == "wal")
            #expect(settings.synchronous == 2)
        }
    }

    @Test func openingBalancesComeFromTheSystemAccount() async throws {
        try await withLedger { ledger, _ in
            try openThree(ledger)
            let balances = try ledger.balanceMap()
            #expect(balances["\(Self.alpha) EUR"]?.balance == 1_000)
            #expect(balances["\(Self.gamma) EUR"]?.balance == 0)
            #expect(balances["SYSTEM EUR"]?.balance == -2_000)
            #expect(balances["SYSTEM EUR"]?.isSystemAccount == true)
            #expect(invariantBreaches(try ledger.balances()).isEmpty)
        }
    }

    @Test func creatingAnAccountTwiceFundsItOnce() async throws {
        try await withLedger { ledger, _ in
            try openThree(ledger)
            try openThree(ledger)
            #expect(try ledger.balance(participant: Self.alpha, currency: Self.eur)?.balance == 1_000)
        }
    }

    @Test func reopeningAnAccountWithAnotherMinimumIsAConflict() async throws {
        try await withLedger { ledger, _ in
            try openThree(ledger)
            #expect(throws: LedgerError.accountConflict(participant: Self.alpha, currency: Self.eur, existingMinimum: 0, requestedMinimum: -1)) {
                try ledger.createAccounts([AccountSpec(participant: Self.alpha, currency: Self.eur, minimumBalance: -1)])
            }
        }
    }

    @Test func accountsNeedABICAndAnISOCurrency() async throws {
        try await withLedger { ledger, _ in
            #expect(throws: LedgerError.invalidParticipant("bank")) {
                try ledger.createAccounts([AccountSpec(participant: "bank", currency: "EUR")])
            }
            #expect(throws: LedgerError.invalidCurrency("eur")) {
                try ledger.createAccounts([AccountSpec(participant: Self.alpha, currency: "eur")])
            }
        }
    }

    @Test func settleMovesFundsAtOnce() async throws {
        try await withLedger { ledger, _ in
            try openThree(ledger)
            let transfer = try ledger.settle(request("s1", amount: 300))
            #expect(transfer.state == .posted)
            #expect(transfer.kind == .settlement)
            #expect(try ledger.balance(participant: Self.alpha, currency: Self.eur)?.balance == 700)
            #expect(try ledger.balance(participant: Self.beta, currency: Self.eur)?.balance == 1_300)
            #expect(try ledger.transfer(id: tid("s1")) == transfer)
        }
    }

    @Test func replayWithTheSameFieldsReturnsTheFirstResultAndMovesNothing() async throws {
        try await withLedger { ledger, _ in
            try openThree(ledger)
            let first = try ledger.settle(request("s1", amount: 300))
            let outcomes = try ledger.apply([.settle(request("s1", amount: 300)), .settle(request("s1", amount: 300))])
            #expect(outcomes == [.replayed(first), .replayed(first)])
            #expect(try ledger.balance(participant: Self.alpha, currency: Self.eur)?.balance == 700)
        }
    }

    @Test func replayIsRecognisedEvenWhenTheFundsAreNowGone() async throws {
        try await withLedger { ledger, _ in
            try openThree(ledger)
            let first = try ledger.settle(request("all", amount: 1_000))
            #expect(try ledger.settle(request("all", amount: 1_000)) == first)
        }
    }

    @Test func replayWithADifferentAmountNamesTheAmount() async throws {
        try await withLedger { ledger, _ in
            try openThree(ledger)
            try ledger.settle(request("s1", amount: 300))
            let outcome = try ledger.apply([.settle(request("s1", amount: 301))])[0]
            #expect(outcome == .rejected(.conflictingReplay(tid("s1"), field: .amount, recorded: "300", submitted: "301")))
            #expect(outcome.rejection?.isoReasonCode == "AM05")
            #expect("\(outcome)".contains("amount 300"))
            #expect(try ledger.balance(participant: Self.alpha, currency: Self.eur)?.balance == 700)
        }
    }

    @Test func replayWithADifferentCreditorOrKindNamesThatField() async throws {
        try await withLedger { ledger, _ in
            try openThree(ledger)
            try ledger.settle(request("s1", amount: 300))
            let outcomes = try ledger.apply([
                .settle(request("s1", Self.alpha, Self.gamma, amount: 300)),
                .reserve(request("s1", amount: 300)),
            ])
            #expect(outcomes[0].rejection == .conflictingReplay(tid("s1"), field: .credit, recorded: Self.beta, submitted: Self.gamma))
            #expect(outcomes[1].rejection == .conflictingReplay(tid("s1"), field: .kind, recorded: "settlement", submitted: "reservation"))
        }
    }

    @Test func insufficientFundsIsRejectedWithAM04AndMovesNothing() async throws {
        try await withLedger { ledger, _ in
            try openThree(ledger)
            #expect(throws: LedgerError.rejected(.insufficientFunds(
                tid("big"), participant: Self.alpha, currency: Self.eur, available: 1_000, requested: 1_001, minimumBalance: 0))) {
                try ledger.settle(request("big", amount: 1_001))
            }
            #expect(try ledger.balance(participant: Self.alpha, currency: Self.eur)?.balance == 1_000)
            #expect(try ledger.transfer(id: tid("big")) == nil)
            let outcome = try ledger.apply([.settle(request("big", amount: 1_001))])[0]
            #expect(outcome.rejection?.isoReasonCode == "AM04")
        }
    }

    @Test func aNegativeMinimumBalanceIsACreditLine() async throws {
        try await withLedger { ledger, _ in
            try openThree(ledger)
            try ledger.settle(request("c1", Self.gamma, Self.alpha, amount: 500))
            #expect(try ledger.balance(participant: Self.gamma, currency: Self.eur)?.balance == -500)
            let outcome = try ledger.apply([.settle(request("c2", Self.gamma, Self.alpha, amount: 1))])[0]
            #expect(outcome.rejection?.isoReasonCode == "AM04")
        }
    }

    @Test func reservedFundsAreNotAvailable() async throws {
        try await withLedger { ledger, _ in
            try openThree(ledger)
            let pending = try ledger.reserve(request("r1", amount: 800))
            #expect(pending.state == .pending)
            let alpha = try #require(try ledger.balance(participant: Self.alpha, currency: Self.eur))
            #expect(alpha.balance == 1_000)
            #expect(alpha.pendingDebits == 800)
            #expect(alpha.available == 200)
            #expect(try ledger.balance(participant: Self.beta, currency: Self.eur)?.pendingCredits == 800)
            let outcome = try ledger.apply([.settle(request("s1", amount: 201))])[0]
            #expect(outcome.rejection?.isoReasonCode == "AM04")
        }
    }

    @Test func postingAReservationMovesTheHeldFunds() async throws {
        try await withLedger { ledger, _ in
            try openThree(ledger)
            try ledger.reserve(request("r1", amount: 800))
            let posted = try ledger.post(tid("r1"))
            #expect(posted.state == .posted)
            #expect(posted.resolvedAt != nil)
            let balances = try ledger.balanceMap()
            #expect(balances["\(Self.alpha) EUR"] == AccountBalance(
                participant: Self.alpha, currency: Self.eur, balance: 200, pendingDebits: 0, pendingCredits: 0, minimumBalance: 0))
            #expect(balances["\(Self.beta) EUR"]?.balance == 1_800)
            #expect(balances["\(Self.beta) EUR"]?.pendingCredits == 0)
            #expect(try ledger.transfer(id: tid("r1"))?.state == .posted)
        }
    }

    @Test func voidingAReservationReleasesTheHeldFunds() async throws {
        try await withLedger { ledger, _ in
            try openThree(ledger)
            try ledger.reserve(request("r1", amount: 800))
            #expect(try ledger.void(tid("r1")).state == .voided)
            let alpha = try #require(try ledger.balance(participant: Self.alpha, currency: Self.eur))
            #expect(alpha.balance == 1_000)
            #expect(alpha.available == 1_000)
        }
    }

    @Test func aReservationIsResolvedExactlyOnce() async throws {
        try await withLedger { ledger, _ in
            try openThree(ledger)
            try ledger.reserve(request("r1", amount: 100))
            try ledger.reserve(request("r2", amount: 100))
            let outcomes = try ledger.apply([
                .post(pendingID: tid("r1")), .post(pendingID: tid("r1")), .void(pendingID: tid("r1")),
                .void(pendingID: tid("r2")), .void(pendingID: tid("r2")), .post(pendingID: tid("r2")),
            ])
            #expect(outcomes[0].transfer?.state == .posted)
            #expect(outcomes[1].rejection == .alreadyResolved(tid("r1"), state: .posted))
            #expect(outcomes[2].rejection == .alreadyResolved(tid("r1"), state: .posted))
            #expect(outcomes[3].transfer?.state == .voided)
            #expect(outcomes[4].rejection == .alreadyResolved(tid("r2"), state: .voided))
            #expect(outcomes[5].rejection == .alreadyResolved(tid("r2"), state: .voided))
            #expect(try ledger.balance(participant: Self.alpha, currency: Self.eur)?.balance == 900)
            #expect(invariantBreaches(try ledger.balances()).isEmpty)
        }
    }

    @Test func postingASettlementOrAnUnknownIDIsRejected() async throws {
        try await withLedger { ledger, _ in
            try openThree(ledger)
            try ledger.settle(request("s1", amount: 1))
            let outcomes = try ledger.apply([.post(pendingID: tid("s1")), .void(pendingID: tid("nope"))])
            #expect(outcomes == [.rejected(.notPending(tid("s1"))), .rejected(.unknownTransfer(tid("nope")))])
        }
    }

    @Test func expireReleasesOnlyOpenReservationsOlderThanTheCutoff() async throws {
        let clock = TestClock()
        try await withLedger(clock: clock) { ledger, _ in
            try openThree(ledger)
            try ledger.reserve(request("old", amount: 100))
            try ledger.reserve(request("old-posted", amount: 100))
            try ledger.post(tid("old-posted"))
            clock.advance(by: 10)
            let cutoff = clock.now
            try ledger.reserve(request("new", amount: 100))
            clock.advance(by: 1)

            let expired = try ledger.expire(olderThan: cutoff)
            #expect(expired.map(\.id) == [tid("old")])
            #expect(expired.first?.state == .expired)
            #expect(try ledger.expire(olderThan: cutoff).isEmpty)
            #expect(try ledger.transfer(id: tid("new"))?.state == .pending)
            let alpha = try #require(try ledger.balance(participant: Self.alpha, currency: Self.eur))
            #expect(alpha.pendingDebits == 100)
            #expect(alpha.balance == 900)
            #expect(try ledger.apply([.post(pendingID: tid("old"))])[0].rejection == .alreadyResolved(tid("old"), state: .expired))
        }
    }

    @Test func unknownAccountsAreRejectedWithAC01() async throws {
        try await withLedger { ledger, _ in
            try openThree(ledger)
            let outcomes = try ledger.apply([
                .settle(request("u1", Self.alpha, "NOPEGB2LXXX", amount: 1)),
                .settle(TransferRequest(id: tid("u2"), debit: Self.alpha, credit: Self.beta, currency: "USD", amount: 1)),
            ])
            #expect(outcomes[0].rejection == .unknownAccount(tid("u1"), participant: "NOPEGB2LXXX", currency: "EUR"))
            #expect(outcomes[1].rejection == .unknownAccount(tid("u2"), participant: Self.alpha, currency: "USD"))
            #expect(outcomes[0].rejection?.isoReasonCode == "AC01")
        }
    }

    @Test func invalidAmountsAndSelfTransfersAreRejected() async throws {
        try await withLedger { ledger, _ in
            try openThree(ledger)
            let outcomes = try ledger.apply([
                .settle(request("z", amount: 0)), .reserve(request("n", amount: -5)),
                .settle(request("self", Self.alpha, Self.alpha, amount: 1)),
            ])
            #expect(outcomes[0].rejection == .invalidAmount(tid("z"), amount: 0))
            #expect(outcomes[1].rejection == .invalidAmount(tid("n"), amount: -5))
            #expect(outcomes[2].rejection == .sameAccount(tid("self"), participant: Self.alpha))
        }
    }

    @Test func aRejectedOperationDoesNotFailItsBatch() async throws {
        try await withLedger { ledger, _ in
            try openThree(ledger)
            let outcomes = try ledger.apply([
                .settle(request("ok1", amount: 600)),
                .settle(request("too-much", amount: 600)),
                .reserve(request("r", Self.beta, Self.alpha, amount: 1_600)),
                .post(pendingID: tid("r")),
                .settle(request("ok2", amount: 1_000)),
            ])
            #expect(outcomes[0].transfer != nil)
            #expect(outcomes[1].rejection?.isoReasonCode == "AM04")
            #expect(outcomes[2].transfer?.state == .pending)
            #expect(outcomes[3].transfer?.state == .posted)
            #expect(outcomes[4].transfer != nil)
            let balances = try ledger.balanceMap()
            #expect(balances["\(Self.alpha) EUR"]?.balance == 1_000)
            #expect(balances["\(Self.beta) EUR"]?.balance == 1_000)
            #expect(try ledger.transfer(id: tid("too-much")) == nil)
        }
    }

    @Test func transfersListsTheNewestFirst() async throws {
        try await withLedger { ledger, _ in
            try openThree(ledger)
            try ledger.settle(request("a", amount: 1))
            try ledger.reserve(request("b", amount: 2))
            let latest = try ledger.transfers(limit: 2)
            #expect(latest.map(\.id) == [tid("b"), tid("a")])
            #expect(latest[0].sequence > latest[1].sequence)
        }
    }

    @Test func committedTransfersSurviveReopening() async throws {
        try await withLedger { ledger, directory in
            try openThree(ledger)
            try ledger.settle(request("s1", amount: 250))
            try ledger.reserve(request("r1", amount: 50))
            let reopened = try Ledger(directory: directory)
            #expect(try reopened.balance(participant: Self.alpha, currency: Self.eur)?.balance == 750)
            #expect(try reopened.balance(participant: Self.alpha, currency: Self.eur)?.pendingDebits == 50)
            #expect(try reopened.post(tid("r1")).state == .posted)
        }
    }

    @Test func concurrentSubmitsAreGroupCommittedAndEachGetsItsOwnOutcome() async throws {
        try await withLedger { ledger, _ in
            try openThree(ledger)
            let committer = LedgerCommitter(ledger: ledger, maximumBatchSize: 64)
            let outcomes = await withTaskGroup(of: (Int, LedgerOutcome?).self) { group in
                for index in 0..<200 {
                    group.addTask {
                        let op = LedgerOperation.settle(request("c\(index)", amount: 10))
                        return (index, try? await committer.submit(op))
                    }
                }
                var result: [Int: LedgerOutcome] = [:]
                for await (index, outcome) in group { result[index] = outcome }
                return result
            }
            #expect(outcomes.count == 200)
            // 1,000 funds cover exactly 100 transfers of 10; the other 100 are refused.
            #expect(outcomes.values.filter { $0.transfer != nil }.count == 100)
            #expect(outcomes.values.filter { $0.rejection?.isoReasonCode == "AM04" }.count == 100)
            for (index, outcome) in outcomes {
                if let transfer = outcome.transfer { #expect(transfer.id == tid("c\(index)")) }
            }
            #expect(try ledger.balance(participant: Self.alpha, currency: Self.eur)?.balance == 0)
        }
    }

    @Test func committerBatchSubmitKeepsOrder() async throws {
        try await withLedger { ledger, _ in
            try openThree(ledger)
            let committer = LedgerCommitter(ledger: ledger, window: .milliseconds(1))
            let outcomes = try await committer.submit([
                .reserve(request("r", amount: 10)), .post(pendingID: tid("r")), .post(pendingID: tid("r")),
            ])
            #expect(outcomes.map { $0.transfer?.state } == [.pending, .posted, nil])
            #expect(outcomes[2].rejection == .alreadyResolved(tid("r"), state: .posted))
        }
    }

    @Test func aSubmitReturnsOnlyAfterItsCommitIsVisibleToOtherConnections() async throws {
        try await withLedger { ledger, directory in
            try openThree(ledger)
            let committer = LedgerCommitter(ledger: ledger)
            let outcome = try await committer.submit(.settle(request("seen", amount: 5)))
            #expect(outcome.transfer != nil)
            // A separate ledger instance has its own connections: it sees only committed data.
            let other = try Ledger(directory: directory)
            #expect(try other.transfer(id: tid("seen")) == outcome.transfer)
        }
    }
}
