import Foundation
import Testing
@testable import Settlement

/// 10,000 random transfers among 20 participants, each outcome and every final balance checked
/// against a model computed independently in the test.
@Suite struct LedgerRandomTransfersTests {
    /// The test's own account of one participant.
    struct ModelAccount {
        var balance: Int64
        var pendingDebits: Int64 = 0
        var pendingCredits: Int64 = 0
        let minimum: Int64
    }

    @Test func tenThousandRandomTransfersMatchAnIndependentModel() async throws {
        var random = SeededGenerator(seed: 2026)
        try await withLedger { ledger, _ in
            let participants = (0..<20).map { String(format: "PART%02dXXXXX", $0).replacingOccurrences(of: "0", with: "O") }
            var model: [String: ModelAccount] = [:]
            var specs: [AccountSpec] = []
            for participant in participants {
                let minimum: Int64 = Bool.random(using: &random) ? 0 : -5_000
                let opening = Int64.random(in: 0...20_000, using: &random)
                specs.append(AccountSpec(participant: participant, currency: "EUR", minimumBalance: minimum, openingBalance: opening))
                model[participant] = ModelAccount(balance: opening, minimum: minimum)
            }
            try ledger.createAccounts(specs)
            let systemBalance = -model.values.reduce(0) { $0 + $1.balance }

            var open: [(TransferID, String, String, Int64)] = []
            var created = 0
            var rejectedForFunds = 0
            while created < 10_000 {
                var operations: [LedgerOperation] = []
                var expected: [Bool] = []  // true: applied, false: rejected for funds
                while operations.count < 500, created < 10_000 {
                    if !open.isEmpty, Int.random(in: 0..<3, using: &random) == 0 {
                        let (id, debit, credit, amount) = open.remove(at: Int.random(in: 0..<open.count, using: &random))
                        model[debit]!.pendingDebits -= amount
                        model[credit]!.pendingCredits -= amount
                        if Bool.random(using: &random) {
                            model[debit]!.balance -= amount
                            model[credit]!.balance += amount
                            operations.append(.post(pendingID: id))
                        } else {
                            operations.append(.void(pendingID: id))
                        }
                        expected.append(true)
                        continue
                    }
                    created += 1
                    let debit = participants.randomElement(using: &random)!
                    let credit = participants.filter { $0 != debit }.randomElement(using: &random)!
                    let amount = Int64.random(in: 1...3_000, using: &random)
                    let request = TransferRequest(id: tid("t\(created)"), debit: debit, credit: credit, currency: "EUR", amount: amount)
                    let account = model[debit]!
                    let fits = account.balance - account.pendingDebits - amount >= account.minimum
                    let isReservation = Int.random(in: 0..<10, using: &random) < 4
                    if fits {
                        if isReservation {
                            model[debit]!.pendingDebits += amount
                            model[credit]!.pendingCredits += amount
                            open.append((request.id, debit, credit, amount))
                        } else {
                            model[debit]!.balance -= amount
                            model[credit]!.balance += amount
                        }
                    } else {
                        rejectedForFunds += 1
                    }
                    operations.append(isReservation ? .reserve(request) : .settle(request))
                    expected.append(fits)
                }
                let outcomes = try ledger.apply(operations)
                for (index, outcome) in outcomes.enumerated() {
                    if expected[index] {
                        #expect(outcome.transfer != nil, "\(operations[index]): \(outcome)")
                    } else {
                        #expect(outcome.rejection?.isoReasonCode == "AM04", "\(operations[index]): \(outcome)")
                    }
                }
            }
            #expect(rejectedForFunds > 0, "the generator should exercise insufficient funds")

            let balances = try ledger.balanceMap()
            for participant in participants {
                let actual = try #require(balances["\(participant) EUR"])
                let expected = model[participant]!
                #expect(actual.balance == expected.balance, "\(participant)")
                #expect(actual.pendingDebits == expected.pendingDebits, "\(participant)")
                #expect(actual.pendingCredits == expected.pendingCredits, "\(participant)")
            }
            // Funding happened only at opening; transfers between participants leave the system account alone.
            #expect(balances["SYSTEM EUR"]?.balance == systemBalance)
            #expect(invariantBreaches(Array(balances.values)).isEmpty)
        }
    }
}
