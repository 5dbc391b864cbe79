import Foundation
import ISO20022
import Testing
@testable import Compliance

@Suite struct InMemoryLimitWindowStoreTests {
    let start = Date(timeIntervalSince1970: 1_795_000_000)
    let key = LimitWindow.Key(rawValue: "debtorAgent:BANKDEFFXXX:EUR")

    private func window(_ seconds: Int, total: ExactDecimal? = nil, count: Int? = nil) -> LimitWindow {
        LimitWindow(key: key, seconds: seconds, maxTotal: total, maxCount: count, ruleID: "r\(seconds)")
    }

    @Test func recordsAPaymentOnceEvenWhenTwoWindowsShareItsKey() async throws {
        let store = InMemoryLimitWindowStore()
        _ = await store.reserve(ExactDecimal("10.50")!, against: [window(60, total: 100), window(3_600, total: 100)], at: start)
        #expect(await store.usage(of: key, windowSeconds: 60, at: start) == LimitUsage(count: 1, total: ExactDecimal("10.5")!))
        #expect(await store.usage(of: key, windowSeconds: 3_600, at: start).count == 1)
    }

    @Test func windowsOfDifferentLengthsRollIndependently() async throws {
        let store = InMemoryLimitWindowStore(reservationTimeoutSeconds: 86_400)
        let windows = [window(60, total: 1_000), window(3_600, total: 1_000)]
        for minute in 0..<10 {
            _ = await store.reserve(10, against: windows, at: start.addingTimeInterval(Double(minute * 60)))
        }
        let later = start.addingTimeInterval(9 * 60 + 30)
        #expect(await store.usage(of: key, windowSeconds: 60, at: later) == LimitUsage(count: 1, total: 10))
        #expect(await store.usage(of: key, windowSeconds: 3_600, at: later) == LimitUsage(count: 10, total: 100))
    }

    @Test func restoredUsageCountsInItsWindowsUntilTheyRollPastIt() async throws {
        // Given out of order, as a caller may: the store sorts them.
        let store = InMemoryLimitWindowStore(restoring: [
            LimitUsageEntry(key: key, amount: 40, at: start.addingTimeInterval(-30)),
            LimitUsageEntry(key: key, amount: 50, at: start.addingTimeInterval(-3_000)),
        ])
        #expect(await store.usage(of: key, windowSeconds: 60, at: start) == LimitUsage(count: 1, total: 40))
        #expect(await store.usage(of: key, windowSeconds: 3_600, at: start) == LimitUsage(count: 2, total: 90))
        let reply = await store.reserve(20, against: [window(3_600, total: 100)], at: start)
        #expect(reply == .exceeded(window(3_600, total: 100), usage: LimitUsage(count: 2, total: 90)))
    }

    @Test func reportsTheFirstExceededWindowWithItsUsageBeforeThePayment() async throws {
        let store = InMemoryLimitWindowStore()
        _ = await store.reserve(90, against: [window(60, total: 100)], at: start)
        let reply = await store.reserve(20, against: [window(3_600, count: 5), window(60, total: 100)], at: start)
        #expect(reply == .exceeded(window(60, total: 100), usage: LimitUsage(count: 1, total: 90)))
    }

    @Test func releasesReservationsLeftPendingPastTheTimeout() async throws {
        let store = InMemoryLimitWindowStore(reservationTimeoutSeconds: 120)
        _ = await store.reserve(100, against: [window(3_600, total: 100)], at: start)
        let early = await store.reserve(1, against: [window(3_600, total: 100)], at: start.addingTimeInterval(119))
        guard case .exceeded = early else { Issue.record("the claim must still count before the timeout: \(early)"); return }
        let reply = await store.reserve(100, against: [window(3_600, total: 100)], at: start.addingTimeInterval(240))
        guard case .reserved = reply else { Issue.record("expected the stale claim to be gone: \(reply)"); return }
    }

    @Test func keepsCommittedPaymentsPastTheReservationTimeout() async throws {
        let store = InMemoryLimitWindowStore(reservationTimeoutSeconds: 120)
        guard case .reserved(let claim) = await store.reserve(100, against: [window(3_600, total: 100)], at: start) else {
            Issue.record("not reserved"); return
        }
        try await store.commit(claim)
        #expect(await store.pendingCount == 0)
        let reply = await store.reserve(1, against: [window(3_600, total: 100)], at: start.addingTimeInterval(600))
        guard case .exceeded = reply else { Issue.record("a committed payment must keep counting: \(reply)"); return }
    }

    @Test func staysExactAndSmallOverManyWindowLengthsOfTraffic() async throws {
        let store = InMemoryLimitWindowStore(reservationTimeoutSeconds: 1)
        var instant = start
        for _ in 0..<5_000 {
            guard case .reserved(let claim) = await store.reserve(ExactDecimal("0.10")!, against: [window(10, total: 1_000_000)], at: instant) else {
                Issue.record("not reserved"); return
            }
            try await store.commit(claim)
            instant = instant.addingTimeInterval(1)
        }
        #expect(await store.usage(of: key, windowSeconds: 10, at: instant) == LimitUsage(count: 9, total: ExactDecimal("0.9")!))
    }
}
