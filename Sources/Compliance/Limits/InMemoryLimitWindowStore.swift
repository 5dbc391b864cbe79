import Foundation
import ISO20022

/// A ``LimitWindowStore`` held in memory, for one gateway process and for tests.
///
/// An actor: every reservation is checked and recorded in one isolated step, so concurrent
/// payments are serialised exactly where they compete for the same headroom. Usage lives in
/// memory: a gateway records each accepted payment's ``LimitUsageEntry`` durably and passes
/// them back to ``init(reservationTimeoutSeconds:restoring:)`` when it starts.
public actor InMemoryLimitWindowStore: LimitWindowStore {
    private struct Pending {
        var at: Date
        var slots: [(key: LimitWindow.Key, position: Int)]
    }

    /// How long a reservation may stay pending before the store releases it by itself, in
    /// seconds. Instant payments are answered within seconds (SCT Inst 10 s, FedNow about 20 s),
    /// so the default of 120 s only ever fires for a caller that crashed or forgot to answer.
    public let reservationTimeoutSeconds: Int

    private var ledgers: [LimitWindow.Key: WindowLedger] = [:]
    private var pending: [UInt64: Pending] = [:]
    private var nextID: UInt64 = 1

    /// - Parameters:
    ///   - reservationTimeoutSeconds: see ``reservationTimeoutSeconds``.
    ///   - entries: committed usage to start from (a restart's memory of the windows), in any
    ///     order; entries older than a window simply fall out of it.
    public init(reservationTimeoutSeconds: Int = 120, restoring entries: [LimitUsageEntry] = []) {
        self.reservationTimeoutSeconds = reservationTimeoutSeconds
        for entry in entries.sorted(by: { $0.at < $1.at }) {
            _ = self.ledgers[entry.key, default: WindowLedger()].append(entry.amount.normalized, at: entry.at)
        }
    }

    public func reserve(_ amount: ExactDecimal, against limits: [LimitWindow], at instant: Date) -> LimitWindowStoreReply {
        releaseTimedOut(now: instant)
        let amount = amount.normalized
        for limit in limits {
            let (count, total) = ledgers[limit.key, default: WindowLedger()].usage(windowSeconds: limit.seconds, now: instant)
            let countExceeded = limit.maxCount.map { count + 1 > $0 } ?? false
            let totalExceeded = limit.maxTotal.map { total.adding(amount) > AmountSum($0) } ?? false
            if countExceeded || totalExceeded {
                return .exceeded(limit, usage: LimitUsage(count: count, total: total.decimal))
            }
        }
        let id = nextID
        nextID += 1
        var slots: [(key: LimitWindow.Key, position: Int)] = []
        var seen = Set<LimitWindow.Key>()
        for limit in limits where seen.insert(limit.key).inserted {
            slots.append((limit.key, ledgers[limit.key, default: WindowLedger()].append(amount, at: instant)))
        }
        pending[id] = Pending(at: instant, slots: slots)
        return .reserved(LimitReservation(id: id))
    }

    public func commit(_ reservation: LimitReservation) throws(LimitStoreError) {
        guard pending.removeValue(forKey: reservation.id) != nil else {
            throw LimitStoreError(.unknownReservation(reservation.id))
        }
    }

    public func release(_ reservation: LimitReservation) throws(LimitStoreError) {
        guard let claim = pending.removeValue(forKey: reservation.id) else {
            throw LimitStoreError(.unknownReservation(reservation.id))
        }
        undo(claim)
    }

    public func usage(of key: LimitWindow.Key, windowSeconds: Int, at instant: Date) -> LimitUsage {
        guard ledgers[key] != nil else { return .empty }
        let (count, total) = ledgers[key, default: WindowLedger()].usage(windowSeconds: windowSeconds, now: instant)
        return LimitUsage(count: count, total: total.decimal)
    }

    /// The number of reservations neither committed nor released yet.
    public var pendingCount: Int { pending.count }

    private func undo(_ claim: Pending) {
        for slot in claim.slots {
            ledgers[slot.key]?.remove(at: slot.position)
        }
    }

    private func releaseTimedOut(now: Date) {
        let cutoff = now.addingTimeInterval(-TimeInterval(reservationTimeoutSeconds))
        for (id, claim) in pending where claim.at <= cutoff {
            pending[id] = nil
            undo(claim)
        }
    }
}
