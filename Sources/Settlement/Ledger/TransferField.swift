/// A field of a transfer request, as named in a conflicting replay.
public enum TransferField: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Settlement or reservation.
    case kind
    /// The debited participant.
    case debit
    /// The credited participant.
    case credit
    /// The currency.
    case currency
    /// The amount.
    case amount

    public var description: String { rawValue }
}
