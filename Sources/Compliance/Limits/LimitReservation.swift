/// A claim on window capacity made by ``LimitChecker/reserve(_:)``: the payment counts
/// against its windows from that moment until it is released.
///
/// Pass it to ``LimitChecker/commit(_:)`` once the payment is accepted, or to
/// ``LimitChecker/release(_:)`` when it is rejected downstream (sanctions, routing, settlement,
/// timeout), so a payment that never happened does not use up anyone's limit.
public struct LimitReservation: Sendable, Hashable {
    /// The store's identifier for the claim; ``none`` (0) when no window applied.
    public let id: UInt64

    public init(id: UInt64) { self.id = id }

    /// The reservation of a payment that no window rule covers; committing or releasing it
    /// does nothing.
    public static let none = LimitReservation(id: 0)
}
