import Foundation
import Testing
@testable import Settlement

/// Random sequences of operations, replayable from their seed, checked after every step.
@Suite struct LedgerPropertyTests {
    static let participants = ["PAAADEFF", "PBBBFRPP", "PCCCITMM", "PDDDESMM", "PEEENL2A", "PFFFBEBB"]
    static let currencies = ["EUR", "USD"]

    @Test(arguments: [1, 2, 3, 42] as [UInt64])
    func balancesSumToZeroAndNoAccountFallsBelowItsMinimum(seed: UInt64) async throws {
        var random = SeededGenerator(seed: seed)
        let clock = TestClock()
        try await withLedger(clock: clock) { ledger, _ in
            var specs: [AccountSpec] = []
            for participant in Self.participants {
                for currency in Self.currencies {
                    specs.append(AccountSpec(
                        participant: participant, currency: currency,
                        minimumBalance: Bool.random(using: &random) ? 0 : -Int64.random(in: 1...300, using: &random),
                        openingBalance: Int64.random(in: 0...2_000, using: &random)))
                }
            }
            try ledger.createAccounts(specs)
            #expect(invariantBreaches(try ledger.balances()).isEmpty)

            var recorded: [(LedgerOperation, TransferRequest)] = []  // for replays
            var reservations: [TransferID] = []
            var nextID = 0
            var seen: Set<String> = []  // which kinds of outcome the sequence exercised

            for step in 0..<150 {
                clock.advance(by: Double.random(in: 0...2, using: &random))
                if Int.random(in: 0..<10, using: &random) == 0 {
                    let cutoff = clock.now.addingTimeInterval(-Double.random(in: 0...5, using: &random))
                    let expired = try ledger.expire(olderThan: cutoff)
                    #expect(expired.allSatisfy { $0.state == .expired && $0.createdAt < cutoff })
                    if !expired.isEmpty { seen.insert("expired") }
                } else {
                    var operations: [LedgerOperation] = []
                    var expectations: [LedgerOutcome?] = []
                    for _ in 0..<Int.random(in: 1...6, using: &random) {
                        let dice = Int.random(in: 0..<100, using: &random)
                        if dice < 15, let (operation, request) = recorded.randomElement(using: &random) {
                            if Bool.random(using: &random) {
                                operations.append(operation)
                                expectations.append(nil)  // replayed: checked below
                            } else {
                                var changed = request
                                changed.amount += 1
                                let modified: LedgerOperation = if case .settle = operation { .settle(changed) } else { .reserve(changed) }
                                operations.append(modified)
                                expectations.append(.rejected(.conflictingReplay(
                                    request.id, field: .amount, recorded: String(request.amount), submitted: String(changed.amount))))
                            }
                        } else if dice < 40, let pending = reservations.randomElement(using: &random) {
                            operations.append(Bool.random(using: &random) ? .post(pendingID: pending) : .void(pendingID: pending))
                            expectations.append(nil)
                        } else {
                            nextID += 1
                            let debit = Self.participants.randomElement(using: &random)!
                            let credit = Self.participants.filter { $0 != debit }.randomElement(using: &random)!
                            let request = TransferRequest(
                                id: tid("p\(nextID)"), debit: debit, credit: credit,
                                currency: Self.currencies.randomElement(using: &random)!,
                                amount: Int64.random(in: 1...900, using: &random))
                            let operation: LedgerOperation = dice < 70 ? .settle(request) : .reserve(request)
                            operations.append(operation)
                            expectations.append(nil)
                        }
                    }
                    let outcomes = try ledger.apply(operations)
                    for (index, outcome) in outcomes.enumerated() {
                        switch outcome {
                        case .applied: seen.insert("applied")
                        case .replayed: seen.insert("replayed")
                        case .rejected(let rejection):
                            if case .alreadyResolved = rejection { seen.insert("alreadyResolved") }
                            if let code = rejection.isoReasonCode { seen.insert(code) }
                        }
                        if let expected = expectations[index] {
                            #expect(outcome == expected, "seed \(seed) step \(step)")
                        }
                        switch (operations[index], outcome) {
                        case (.settle(let request), .applied), (.reserve(let request), .applied):
                            recorded.append((operations[index], request))
                            if case .reserve = operations[index] { reservations.append(request.id) }
                        case (.settle, .replayed(let transfer)), (.reserve, .replayed(let transfer)):
                            #expect(transfer.id == operations[index].transferID)
                        case (.settle, .rejected(let rejection)), (.reserve, .rejected(let rejection)):
                            let allowed = rejection.isoReasonCode == "AM04" || rejection.isoReasonCode == "AM05"
                            #expect(allowed, "seed \(seed) step \(step): \(rejection)")
                        case (.post, .rejected(let rejection)), (.void, .rejected(let rejection)):
                            guard case .alreadyResolved = rejection else {
                                Issue.record("seed \(seed) step \(step): unexpected \(rejection)")
                                break
                            }
                        case (.post, .applied(let transfer)):
                            #expect(transfer.state == .posted)
                        case (.void, .applied(let transfer)):
                            #expect(transfer.state == .voided)
                        default:
                            Issue.record("seed \(seed) step \(step): unexpected \(outcome) for \(operations[index])")
                        }
                    }
                }
                let breaches = invariantBreaches(try ledger.balances())
                #expect(breaches.isEmpty, "seed \(seed) step \(step): \(breaches)")
                if !breaches.isEmpty { break }
            }
            let exercised: Set<String> = ["applied", "replayed", "alreadyResolved", "AM04", "AM05", "expired"]
            #expect(exercised.isSubset(of: seen), "seed \(seed) never produced \(exercised.subtracting(seen))")
        }
    }
}
