import Foundation
import ISO20022

/// One accepted payment's use of a rolling window, as a durable store keeps it: which window,
/// how much, and when.
///
/// A gateway records these with the payments they belong to and hands them back to a fresh
/// ``InMemoryLimitWindowStore`` on start, so a restart does not reset a daily limit.
public struct LimitUsageEntry: Sendable, Hashable {
    /// The window the payment counts in (``LimitChecker/windowKeys(for:)``).
    public var key: LimitWindow.Key
    /// The payment's amount.
    public var amount: ExactDecimal
    /// When the payment was accepted.
    public var at: Date

    public init(key: LimitWindow.Key, amount: ExactDecimal, at: Date) {
        self.key = key
        self.amount = amount
        self.at = at
    }
}
