import Foundation
import ISO20022

/// Where rolling-window usage lives. The in-memory ``InMemoryLimitWindowStore`` serves one
/// process; a durable store (the gateway's database) implements the same contract.
///
/// The contract is reservation-based so that check and record are one atomic step:
/// ``reserve(_:against:at:)`` compares the usage of every window with its limits and, only if
/// all of them still have room for the payment, records it as pending, all under one lock or
/// transaction. Two concurrent payments therefore cannot both squeeze into the last unit of
/// headroom, and a payment rejected later never consumes limit: it is released.
public protocol LimitWindowStore: Sendable {
    /// Atomically checks `amount` (one more payment) against every window in `limits` as of
    /// `instant` and, if it fits them all, records it as a pending reservation in each distinct
    /// window key.
    ///
    /// Pending reservations count as usage immediately. A store may drop reservations left
    /// pending for too long, so a crashed caller does not hold capacity forever.
    func reserve(_ amount: ExactDecimal, against limits: [LimitWindow], at instant: Date)
        async throws(LimitStoreError) -> LimitWindowStoreReply

    /// Makes a pending reservation permanent: it stays in its windows until they roll past it.
    func commit(_ reservation: LimitReservation) async throws(LimitStoreError)

    /// Removes a pending reservation from its windows.
    func release(_ reservation: LimitReservation) async throws(LimitStoreError)

    /// The usage of one window as of `instant`, for reporting.
    func usage(of key: LimitWindow.Key, windowSeconds: Int, at instant: Date)
        async throws(LimitStoreError) -> LimitUsage
}

/// The answer of ``LimitWindowStore/reserve(_:against:at:)``.
public enum LimitWindowStoreReply: Sendable, Hashable {
    /// The payment fits every window and now counts against them.
    case reserved(LimitReservation)
    /// The first window the payment does not fit, with its usage before the payment.
    case exceeded(LimitWindow, usage: LimitUsage)
}
