import Foundation
import Synchronization
@testable import Settlement

/// A clock the test moves by hand.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_750_000_000)) {
        current = Mutex(start)
    }

    var now: Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

/// A fresh ledger in its own temporary directory, removed when the body returns.
func withLedger<T>(
    clock: TestClock = TestClock(), _ body: (Ledger, URL) async throws -> T
) async throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("corridor-ledger-tests-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let ledger = try Ledger(directory: directory, clock: { clock.now })
    return try await body(ledger, directory)
}

/// Shorthand for literal ids in tests.
func tid(_ raw: String) -> TransferID {
    // Test ids are literals known to be valid.
    try! TransferID(raw)
}

/// A deterministic pseudo-random generator (SplitMix64), so property tests replay exactly.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Ledger {
    /// Balances keyed by "participant currency".
    func balanceMap() throws -> [String: AccountBalance] {
        Dictionary(uniqueKeysWithValues: try balances().map { ("\($0.participant) \($0.currency)", $0) })
    }
}

/// Checks the ledger-wide invariants; returns a description of each breach.
func invariantBreaches(_ balances: [AccountBalance]) -> [String] {
    var breaches: [String] = []
    for (currency, accounts) in Dictionary(grouping: balances, by: \.currency) {
        let sum = accounts.reduce(Int64(0)) { $0 + $1.balance }
        if sum != 0 { breaches.append("\(currency): balances sum to \(sum), not 0") }
        let debits = accounts.reduce(Int64(0)) { $0 + $1.pendingDebits }
        let credits = accounts.reduce(Int64(0)) { $0 + $1.pendingCredits }
        if debits != credits { breaches.append("\(currency): pending debits \(debits) != pending credits \(credits)") }
    }
    for account in balances {
        if let minimum = account.minimumBalance, account.available < minimum {
            breaches.append("below minimum: \(account)")
        }
        if account.pendingDebits < 0 || account.pendingCredits < 0 {
            breaches.append("negative pending amounts: \(account)")
        }
    }
    return breaches
}
