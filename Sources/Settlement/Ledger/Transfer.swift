import Foundation

/// A transfer recorded in the ledger.
///
/// Transfer rows are immutable. A reservation's outcome (posted, voided or expired) is a
/// separate, equally immutable resolution row that references it; the database allows at most
/// one resolution per reservation. ``state`` and ``resolvedAt`` combine both rows.
public struct Transfer: Sendable, Hashable, CustomStringConvertible {
    /// What a transfer does to balances when it is recorded.
    public enum Kind: Int64, Sendable, Hashable, CustomStringConvertible {
        /// Moves funds at once (posted when recorded).
        case settlement = 1
        /// Holds funds on the debit account until the reservation is posted, voided or expires.
        case reservation = 2

        public var description: String {
            switch self {
            case .settlement: "settlement"
            case .reservation: "reservation"
            }
        }
    }

    /// Where a transfer stands.
    public enum State: Int64, Sendable, Hashable, CustomStringConvertible {
        /// A reservation that holds funds, awaiting its resolution.
        case pending = 0
        /// Funds moved: a settlement, or a reservation that was posted.
        case posted = 1
        /// A reservation released on request; no funds moved.
        case voided = 2
        /// A reservation released because it timed out; no funds moved.
        case expired = 3

        public var description: String {
            switch self {
            case .pending: "pending"
            case .posted: "posted"
            case .voided: "voided"
            case .expired: "expired"
            }
        }
    }

    /// The idempotency key.
    public let id: TransferID
    /// The ledger's commit order: strictly increasing across transfers.
    public let sequence: Int64
    /// Settlement or reservation.
    public let kind: Kind
    /// The BIC of the debited participant (or ``Ledger/systemParticipant``).
    public let debit: String
    /// The BIC of the credited participant (or ``Ledger/systemParticipant``).
    public let credit: String
    /// The ISO 4217 alphabetic currency code.
    public let currency: String
    /// The amount in minor units.
    public let amount: Int64
    /// When the transfer was recorded (the start of the batch that recorded it), to the microsecond.
    public let createdAt: Date
    /// Where the transfer stands.
    public let state: State
    /// When a reservation was posted, voided or expired; `nil` otherwise.
    public let resolvedAt: Date?

    /// Creates a transfer value (the ledger creates these; tests may too).
    public init(
        id: TransferID, sequence: Int64, kind: Kind, debit: String, credit: String, currency: String,
        amount: Int64, createdAt: Date, state: State, resolvedAt: Date?
    ) {
        self.id = id
        self.sequence = sequence
        self.kind = kind
        self.debit = debit
        self.credit = credit
        self.currency = currency
        self.amount = amount
        self.createdAt = createdAt
        self.state = state
        self.resolvedAt = resolvedAt
    }

    public var description: String {
        "\(kind) \(id) #\(sequence): \(debit) -> \(credit) \(amount) \(currency) (\(state))"
    }
}
